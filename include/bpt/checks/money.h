#pragma once
// Money as the checks compare it: the four columns by name, and exact differences.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include "bpt/model.h"

namespace bpt::checks {

inline constexpr std::array<std::pair<std::optional<Money> Amounts::*, std::string_view>, 4> kColumns = {{
    {&Amounts::total, "总计"},
    {&Amounts::fiscal, "财政拨款"},
    {&Amounts::fiscal_special, "财政专户拨款"},
    {&Amounts::other, "其他资金"},
}};

// |a − b|, saturated: the checks only compare it with a tolerance.
inline Money abs_diff(Money a, Money b) {
    auto d = a >= b ? a.checked_sub(b) : b.checked_sub(a);
    return d.value_or(Money::from_scaled(INT64_MAX, 2));
}

}  // namespace bpt::checks
