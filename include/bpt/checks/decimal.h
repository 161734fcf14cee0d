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

// Asked of every numeric target: one pass over each number, without searching or
// copying. Whole parts compare as memcmp would (unsigned), fractions char by char.
inline int compare_magnitude(std::string_view a, std::string_view b) {
    std::size_t dot_a = 0, dot_b = 0;
    while (dot_a < a.size() && a[dot_a] != '.') ++dot_a;
    while (dot_b < b.size() && b[dot_b] != '.') ++dot_b;
    // Leading zeros of the whole part, keeping one digit.
    std::size_t za = 0, zb = 0;
    while (za + 1 < dot_a && a[za] == '0') ++za;
    while (zb + 1 < dot_b && b[zb] == '0') ++zb;
    if (dot_a - za != dot_b - zb) return dot_a - za < dot_b - zb ? -1 : 1;
    for (std::size_t i = 0; i < dot_a - za; ++i) {
        auto x = static_cast<unsigned char>(a[za + i]), y = static_cast<unsigned char>(b[zb + i]);
        if (x != y) return x < y ? -1 : 1;
    }
    std::size_t fa = std::min(dot_a + 1, a.size()), fb = std::min(dot_b + 1, b.size());
    std::size_t na = a.size() - fa, nb = b.size() - fb;
    for (std::size_t i = 0; i < std::max(na, nb); ++i) {
        char x = i < na ? a[fa + i] : '0';
        char y = i < nb ? b[fb + i] : '0';
        if (x != y) return x < y ? -1 : 1;
    }
    return 0;
}

inline int compare_decimal(std::string_view a, std::string_view b) {
    bool na = a.starts_with('-'), nb = b.starts_with('-');
    // −0 is 0; only a signed number needs the scan.
    if (na) {
        a.remove_prefix(1);
        na = !all_zero(a);
    }
    if (nb) {
        b.remove_prefix(1);
        nb = !all_zero(b);
    }
    if (na != nb) return na ? -1 : 1;
    int m = compare_magnitude(a, b);
    return na ? -m : m;
}

}  // namespace bpt::checks
