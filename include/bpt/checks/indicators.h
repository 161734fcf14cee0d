#pragma once
// What a project promises: a goal (missing-goal), indicators (missing-indicators)
// of both the output and the effect category (missing-indicator-category), level
// codes that fit the framework (indicator-code-mismatch), and targets that can be
// met (target-out-of-range, target-period-annual-inconsistent).
#include "bpt/checks/check.h"

namespace bpt::checks {

class Indicators final : public Check {
public:
    explicit Indicators(Context& cx) : cx_(cx) {}
    void project(const Project& p, const Facts& facts) override;

private:
    void indicator(const Project& p, const Indicator& i);
    Context& cx_;
};

}  // namespace bpt::checks
