#include "bpt/money.h"

#include <limits>

namespace bpt {

namespace {
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
// The largest whole part whose every two-decimal value fits in hundredths.
constexpr std::int64_t kMaxUnits = (kMax - 99) / 100;
}

std::optional<Money> Money::parse(std::string_view s) {
    bool negative = false;
    if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    std::int64_t units = 0;
    int digits = 0;
    int since_comma = -1;  // digits since the last thousands separator; -1: none seen
    std::size_t i = 0;
    for (; i < s.size() && s[i] != '.'; ++i) {
        char c = s[i];
        if (c == ',') {
            // A separator needs digits before it and groups of exactly three after.
            if (digits == 0 || (since_comma != -1 && since_comma != 3)) return std::nullopt;
            since_comma = 0;
            continue;
        }
        if (c < '0' || c > '9') return std::nullopt;
        if (units > (kMaxUnits - (c - '0')) / 10) return std::nullopt;
        units = units * 10 + (c - '0');
        ++digits;
        if (since_comma != -1) ++since_comma;
    }
    if (digits == 0 || (since_comma != -1 && since_comma != 3)) return std::nullopt;
    std::int64_t hundredths = 0;
    if (i < s.size()) {  // s[i] == '.'
        std::string_view frac = s.substr(i + 1);
        if (frac.empty() || frac.size() > 2) return std::nullopt;
        for (char c : frac)
            if (c < '0' || c > '9') return std::nullopt;
        hundredths = (frac[0] - '0') * 10 + (frac.size() == 2 ? frac[1] - '0' : 0);
    }
    std::int64_t cents = units * 100 + hundredths;
    return Money(negative ? -cents : cents);
}

std::optional<Money> Money::checked_add(Money other) const {
    std::int64_t r;
    if (__builtin_add_overflow(cents_, other.cents_, &r)) return std::nullopt;
    return Money(r);
}

std::optional<Money> Money::checked_sub(Money other) const {
    std::int64_t r;
    if (__builtin_sub_overflow(cents_, other.cents_, &r)) return std::nullopt;
    return Money(r);
}

namespace {
std::string format(std::int64_t cents, bool grouped) {
    // Work in unsigned so that the most negative value has a magnitude too.
    bool negative = cents < 0;
    std::uint64_t mag = negative ? 0 - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
    std::string units = std::to_string(mag / 100);
    if (grouped)
        for (int pos = static_cast<int>(units.size()) - 3; pos > 0; pos -= 3) units.insert(static_cast<std::size_t>(pos), 1, ',');
    std::uint64_t frac = mag % 100;
    std::string out = negative ? "-" : "";
    out += units;
    out += '.';
    out += static_cast<char>('0' + frac / 10);
    out += static_cast<char>('0' + frac % 10);
    return out;
}
}  // namespace

std::string Money::to_string() const { return format(cents_, false); }
std::string Money::to_display() const { return format(cents_, true); }

}  // namespace bpt
