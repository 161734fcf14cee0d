#pragma once
// Exact decimals as the target grammar writes them ("3619", "0.5", "-5"), compared
// digit by digit: targets are never turned into floating point.
#include <algorithm>
#include <cstddef>
#include <string_view>
#include <utility>

namespace bpt::checks {

inline bool all_zero(std::string_view digits) {
    return std::all_of(digits.begin(), digits.end(), [](char c) { return c == '0' || c == '.'; });
}

inline int compare_magnitude(std::string_view a, std::string_view b) {
    auto split = [](std::string_view s) {
        std::size_t dot = s.find('.');
        std::string_view whole = s.substr(0, dot);
        std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
        while (whole.size() > 1 && whole.front() == '0') whole.remove_prefix(1);
        return std::pair{whole, frac};
    };
    auto [wa, fa] = split(a);
    auto [wb, fb] = split(b);
    if (wa.size() != wb.size()) return wa.size() < wb.size() ? -1 : 1;
    if (int c = wa.compare(wb)) return c < 0 ? -1 : 1;
    for (std::size_t i = 0; i < std::max(fa.size(), fb.size()); ++i) {
        char x = i < fa.size() ? fa[i] : '0';
        char y = i < fb.size() ? fb[i] : '0';
        if (x != y) return x < y ? -1 : 1;
    }
    return 0;
}

inline int compare_decimal(std::string_view a, std::string_view b) {
    bool na = a.starts_with('-'), nb = b.starts_with('-');
    if (na) a.remove_prefix(1);
    if (nb) b.remove_prefix(1);
    if (all_zero(a)) na = false;
    if (all_zero(b)) nb = false;
    if (na != nb) return na ? -1 : 1;
    int m = compare_magnitude(a, b);
    return na ? -m : m;
}

}  // namespace bpt::checks
