#pragma once
// Exact money: a count of hundredths in a 64-bit integer. The tables print amounts
// with exactly two decimals, and their totals only add up in exact arithmetic, so
// no floating point ever touches a sum.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bpt {

class Money {
public:
    constexpr Money() = default;
    static constexpr Money from_cents(std::int64_t cents) { return Money(cents); }

    // Parses a table amount: optional sign, digits with optional thousands
    // separators (`9,246.72`), optional decimals (at most two). Full-width digits
    // are not accepted here; the readers see ASCII amounts. Returns nullopt on
    // anything else, including values beyond ±92 233 720 368 547 758.07.
    static std::optional<Money> parse(std::string_view text);

    constexpr std::int64_t cents() const { return cents_; }

    // Checked arithmetic: nullopt on overflow, so an absurd table cannot wrap a sum.
    std::optional<Money> checked_add(Money other) const;
    std::optional<Money> checked_sub(Money other) const;

    // `9246.72`, `-0.50`: plain decimal, valid as a JSON number.
    std::string to_string() const;
    // `9,246.72`: as the tables print it, for messages.
    std::string to_display() const;

    friend constexpr auto operator<=>(Money, Money) = default;

private:
    constexpr explicit Money(std::int64_t cents) : cents_(cents) {}
    std::int64_t cents_ = 0;
};

}  // namespace bpt
