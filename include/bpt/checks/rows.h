#pragma once
// One row at a time: negative amounts (amount-out-of-range) and a 总计 that differs
// from the sum of its funding columns (row-sum-mismatch), for the 合计, department
// and project rows alike.
#include "bpt/checks/check.h"

namespace bpt::checks {

class Rows final : public Check {
public:
    explicit Rows(Context& cx) : cx_(cx) {}
    void declared_total(const Amounts& a, const Location& at) override;
    void department(const Department& d, const Facts& facts) override;
    void project(const Project& p, const Facts& facts) override;

private:
    // `p`: the project the row belongs to; nullptr for a declared total, `label`.
    void check(const Amounts& a, const Project* p, std::string_view label, const Location& line);
    Context& cx_;
};

}  // namespace bpt::checks
