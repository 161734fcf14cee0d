#pragma once
// Placing a row's printed numbers into the four money columns. The layout prints
// only the non-empty columns, so the text alone cannot always tell which column a
// number belongs to; then the numbers are kept unassigned and the row flagged.
#include <string>
#include <string_view>
#include <vector>

#include "bpt/model.h"

namespace bpt {

struct AssignedAmounts {
    Amounts amounts;
    bool ambiguous = false;
};

// 1 number: 总计. 2 equal numbers: 总计 and 财政拨款 (the usual row). 4 numbers: all four
// columns. Anything else: 总计 and the rest unassigned, ambiguous.
AssignedAmounts assign_amounts(const std::vector<Money>& numbers);

// The `ambiguous-amounts` message for row `what` printed as `tokens`.
std::string ambiguous_message(std::string_view what, const std::vector<std::string_view>& tokens);

}  // namespace bpt
