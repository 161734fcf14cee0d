#include "bpt/money.h"

#include <algorithm>
#include <iterator>
#include <limits>

namespace bpt {

namespace {
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
// The largest whole part whose every four-decimal value fits in ten-thousandths.
constexpr std::int64_t kMaxUnits = (kMax - (Money::kScale - 1)) / Money::kScale;

std::uint8_t wider(std::uint8_t a, std::uint8_t b) { return std::max(a, b); }
}  // namespace

std::optional<Money> Money::parse(std::string_view s) {
    const char* p = s.data();
    const char* const end = p + s.size();
    bool negative = false;
    if (p != end && (*p == '-' || *p == '+')) {
        negative = *p == '-';
        ++p;
    }
    std::int64_t units = 0;
    int digits = 0;
    int since_comma = -1;  // digits since the last thousands separator; -1: none seen
    for (; p != end && *p != '.'; ++p) {
        auto d = static_cast<unsigned>(static_cast<unsigned char>(*p)) - '0';
        if (d <= 9) {
            // Fewer than 14 digits so far cannot overflow: the division is for long numbers only.
            if (digits >= 14 && units > (kMaxUnits - static_cast<std::int64_t>(d)) / 10) return std::nullopt;
            units = units * 10 + static_cast<std::int64_t>(d);
            ++digits;
            since_comma += since_comma >= 0;
            continue;
        }
        // A separator needs digits before it and groups of exactly three after.
        if (*p != ',' || digits == 0 || (since_comma != -1 && since_comma != 3)) return std::nullopt;
        since_comma = 0;
    }
    if (digits == 0 || (since_comma != -1 && since_comma != 3)) return std::nullopt;
    std::int64_t frac_scaled = 0;
    int decimals = 0;
    if (p != end) {  // *p == '.'
        ++p;
        auto n = end - p;
        if (n == 0 || n > kMaxDecimals) return std::nullopt;
        static constexpr std::int64_t kWeight[] = {kScale / 10, kScale / 100, kScale / 1000, kScale / 10000};
        static_assert(std::size(kWeight) == static_cast<std::size_t>(kMaxDecimals));
        for (std::ptrdiff_t k = 0; k < n; ++k) {
            auto d = static_cast<unsigned>(static_cast<unsigned char>(p[k])) - '0';
            if (d > 9) return std::nullopt;
            frac_scaled += static_cast<std::int64_t>(d) * kWeight[k];
        }
        decimals = static_cast<int>(n);
    }
    std::int64_t v = units * kScale + frac_scaled;
    return Money(negative ? -v : v, static_cast<std::uint8_t>(decimals));
}

namespace {
// Full-width digits and punctuation as ASCII; everything else unchanged.
std::string ascii_digits(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        // U+FF0C ， U+FF0E ． U+FF10–FF19 ０–９ are EF BC 8C / 8E / 90–99
        if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC) {
            unsigned char d = static_cast<unsigned char>(s[i + 2]);
            if (d >= 0x90 && d <= 0x99) { out += static_cast<char>('0' + (d - 0x90)); i += 3; continue; }
            if (d == 0x8C) { out += ','; i += 3; continue; }
            if (d == 0x8E) { out += '.'; i += 3; continue; }
        }
        out += s[i];
        ++i;
    }
    return out;
}

bool is_space(std::string_view s, std::size_t i, std::size_t& len) {
    if (s[i] == ' ' || s[i] == '\t') { len = 1; return true; }
    if (s.substr(i).starts_with("\u3000")) { len = 3; return true; }  // ideographic space
    if (s.substr(i).starts_with("\u00a0")) { len = 2; return true; }
    return false;
}

std::string strip_spaces(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t len = 0;
        if (is_space(s, i, len)) { i += len; continue; }
        out += s[i++];
    }
    return out;
}
}  // namespace

MoneyCell Money::parse_cell(std::string_view text) {
    MoneyCell out;
    std::string s = strip_spaces(ascii_digits(text));
    if (s.empty()) {
        out.reason = "empty";
        return out;
    }
    // A currency sign in front says nothing the unit does not.
    for (std::string_view sign : {"\u00a5", "\uffe5"})  // ¥ ￥
        if (s.starts_with(sign)) s.erase(0, sign.size());
    for (std::string_view unit : {"万元", "万", "元"}) {
        if (s.size() > unit.size() && s.ends_with(unit)) {
            s.resize(s.size() - unit.size());
            out.unit = unit == "万" ? "万元" : std::string(unit);
            break;
        }
    }
    out.money = parse(s);
    if (!out.money) {
        out.unit.clear();
        bool digit = std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
        out.reason = digit ? "not one amount: text or several numbers around the figure"
                           : "no amount in the cell";
    }
    return out;
}

std::optional<Money> Money::checked_add(Money other) const {
    std::int64_t r;
    if (__builtin_add_overflow(value_, other.value_, &r)) return std::nullopt;
    return Money(r, wider(decimals_, other.decimals_));
}

std::optional<Money> Money::checked_sub(Money other) const {
    std::int64_t r;
    if (__builtin_sub_overflow(value_, other.value_, &r)) return std::nullopt;
    return Money(r, wider(decimals_, other.decimals_));
}

namespace {
std::string format(std::int64_t value, int decimals, bool grouped) {
    // Work in unsigned so that the most negative value has a magnitude too.
    bool negative = value < 0;
    std::uint64_t mag = negative ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
    std::uint64_t scale = static_cast<std::uint64_t>(Money::kScale);
    std::string units = std::to_string(mag / scale);
    if (grouped)
        for (int pos = static_cast<int>(units.size()) - 3; pos > 0; pos -= 3) units.insert(static_cast<std::size_t>(pos), 1, ',');
    std::uint64_t frac = mag % scale;
    // Never round: print as many decimals as the value needs, at least as written.
    std::string digits;
    for (std::uint64_t w = scale / 10; w > 0; w /= 10) digits += static_cast<char>('0' + (frac / w) % 10);
    int needed = Money::kMaxDecimals;
    while (needed > 0 && digits[static_cast<std::size_t>(needed - 1)] == '0') --needed;
    int shown = std::max(decimals, needed);
    std::string out = negative ? "-" : "";
    out += units;
    if (shown > 0) {
        out += '.';
        out.append(digits, 0, static_cast<std::size_t>(shown));
    }
    return out;
}
}  // namespace

std::string Money::to_string() const { return format(value_, decimals_, false); }
std::string Money::to_display() const { return format(value_, decimals_, true); }

}  // namespace bpt
