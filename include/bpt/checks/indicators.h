#pragma once
// What a project promises: a goal (missing-goal), indicators (missing-indicators)
// of both the output and the effect category (missing-indicator-category), level
// codes that fit the framework (indicator-code-mismatch), and targets that can be
// met (target-out-of-range, target-period-annual-inconsistent).
#include <vector>

#include "bpt/checks/check.h"

namespace bpt::checks {

class Indicators final : public Check {
public:
    explicit Indicators(Context& cx) : cx_(cx) {}
    void project(const Project& p, const Facts& facts) override;

private:
    // `fits`: framework::fits_exactly of its levels.
    void indicator(const Project& p, const Indicator& i, bool fits);
    Context& cx_;
    std::vector<char> fits_;  // per indicator of the project at hand; kept for its capacity
};

}  // namespace bpt::checks
