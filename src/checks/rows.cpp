#include "bpt/checks/rows.h"

#include <fmt/format.h>

#include "bpt/checks/money.h"

namespace bpt::checks {

void Rows::declared_total(const Amounts& a, const Location& at) { check(a, nullptr, "合计", at); }

void Rows::department(const Department& d, const Facts& facts) {
    // A department row printed again (after a page break) was checked the first time.
    if (facts.first) check(d.declared_total, nullptr, fmt::format("the subtotal of {}", d.name), d.location);
}

void Rows::project(const Project& p, const Facts& facts) {
    // An exact repeat raised its findings at its first appearance already.
    if (!facts.repeat) check(p.amounts, &p, {}, p.location);
}

void Rows::check(const Amounts& a, const Project* p, std::string_view label, const Location& line) {
    // Formatted only for a finding: this runs on every row.
    auto what = [&] { return p ? Context::project_ref(*p) : std::string(label); };
    std::string_view quote = p ? std::string_view(p->name) : label;
    std::uint32_t project = p ? p->index : 0;
    if (cx_.on(Rule::AmountOutOfRange)) {
        for (const auto& [column, name] : kColumns)
            if (const auto& m = a.*column; m && *m < Money())
                cx_.report(Rule::AmountOutOfRange,
                           fmt::format("{} has a negative {} ({}): amounts in this table cannot be negative", what(),
                                       name, cx_.money(*m)),
                           line, quote, project);
        for (Money m : a.unassigned)
            if (m < Money())
                cx_.report(Rule::AmountOutOfRange,
                           fmt::format("{} has a negative amount ({}): amounts in this table cannot be negative",
                                       what(), cx_.money(m)),
                           line, quote, project);
    }
    // "All present": the reader placed every number in a column, and some funding
    // column is among them. A lone 总计 has nothing to add up.
    if (!cx_.on(Rule::RowSumMismatch) || !a.total || !a.unassigned.empty()) return;
    if (!a.fiscal && !a.fiscal_special && !a.other) return;
    std::optional<Money> sum = Money();
    for (std::size_t c = 1; c < kColumns.size(); ++c)
        if (const auto& m = a.*kColumns[c].first; m && sum) sum = sum->checked_add(*m);
    if (!sum || abs_diff(*sum, *a.total) <= cx_.tolerance()) return;
    std::string parts;
    for (std::size_t c = 1; c < kColumns.size(); ++c)
        if (const auto& m = a.*kColumns[c].first)
            parts += fmt::format("{}{} {}", parts.empty() ? "" : " + ", kColumns[c].second, m->to_display());
    cx_.report(Rule::RowSumMismatch,
               fmt::format("{}: 总计 {} differs from the sum of its funding columns, {} ({}), by {}: correct 总计 "
                           "or the column that is wrong",
                           what(), cx_.money(*a.total), cx_.money(*sum), parts,
                           cx_.money(abs_diff(*sum, *a.total))),
               line, quote, project);
}

}  // namespace bpt::checks
