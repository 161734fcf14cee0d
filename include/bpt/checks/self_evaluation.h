#pragma once
// What the grid forms add to a project: a self-evaluation's actual values against
// their targets (actual-below-target), and indicator weights that should make 100
// (weights-not-100).
#include "bpt/checks/check.h"

namespace bpt::checks {

class SelfEvaluation final : public Check {
public:
    explicit SelfEvaluation(Context& cx) : cx_(cx) {}
    void project(const Project& p, const Facts& facts) override;

private:
    Context& cx_;
};

}  // namespace bpt::checks
