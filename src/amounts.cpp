#include "bpt/amounts.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace bpt {

AssignedAmounts assign_amounts(const std::vector<Money>& n) {
    AssignedAmounts out;
    if (n.empty()) return out;
    out.amounts.total = n[0];
    if (n.size() == 1) return out;
    if (n.size() == 2 && n[1] == n[0]) {
        out.amounts.fiscal = n[1];
        return out;
    }
    if (n.size() == 4) {
        out.amounts.fiscal = n[1];
        out.amounts.fiscal_special = n[2];
        out.amounts.other = n[3];
        return out;
    }
    out.amounts.unassigned.assign(n.begin() + 1, n.end());
    out.ambiguous = true;
    return out;
}

std::string ambiguous_message(std::string_view what, const std::vector<std::string_view>& tokens) {
    // A row of thousands of amounts is named by its first few and their count, not
    // written out whole into a message that is cut anyway.
    constexpr std::size_t kShown = 8;
    std::string printed = tokens.size() <= kShown
                              ? fmt::format("{}", fmt::join(tokens, " "))
                              : fmt::format("{} … {} amounts in all",
                                            fmt::join(tokens.begin(), tokens.begin() + kShown, " "), tokens.size());
    return fmt::format("cannot tell which funding columns the amounts of '{}' belong to ({}): kept the first as 总计 "
                       "and the rest unassigned",
                       what, printed);
}

}  // namespace bpt
