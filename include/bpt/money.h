#pragma once
// Exact money: a count of ten-thousandths in a 64-bit integer, plus how many decimals
// the table wrote (0–4). Tables print amounts with 0 to 4 decimals (`245`, `60.8`,
// `9,246.72`, `438.768`, `153.5184`) and their totals only add up in exact
// arithmetic, so no floating point ever touches a sum. The decimal count is for
// display only: `438.768` prints as written and `9,246.72` keeps its two decimals;
// equality and order are by value (`1.5` == `1.50`).
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bpt {

struct MoneyCell;

class Money {
public:
    // Ten-thousandths per unit: four decimals, the most a published table uses.
    static constexpr std::int64_t kScale = 10000;
    static constexpr int kMaxDecimals = 4;

    constexpr Money() = default;
    // `scaled` ten-thousandths, printed with `decimals` decimals (more when the
    // value needs them, so a print is never rounded).
    static constexpr Money from_scaled(std::int64_t scaled, int decimals) {
        return Money(scaled, static_cast<std::uint8_t>(decimals < 0 ? 0 : decimals > kMaxDecimals ? kMaxDecimals : decimals));
    }
    // Hundredths, printed with two decimals: what the Huadu tables write.
    static constexpr Money from_cents(std::int64_t cents) { return Money(cents * 100, 2); }

    // Parses a table amount: optional sign, digits with optional thousands
    // separators (`9,246.72`), optional decimals (at most four). Full-width digits
    // are not accepted here; the readers see ASCII amounts. Returns nullopt on
    // anything else, including values beyond ±922 337 203 685 477.5807.
    static std::optional<Money> parse(std::string_view text);

    // A grid cell's amount: `1,030,700.00`, `245`, `60.8`, `153.5184`, `10000万元`,
    // `5.8万`, `5.8 万元`, `￥20.00`, full-width digits. Prose around a number
    // (`854万(高标准农田建设400万元,…)`) or two numbers are refused with a reason, never
    // guessed at; an empty cell is refused with the reason `empty`.
    static MoneyCell parse_cell(std::string_view text);

    // The value in ten-thousandths of the unit.
    constexpr std::int64_t scaled() const { return value_; }
    // How many decimals to print (as written, or the larger of a sum's terms).
    constexpr int decimals() const { return decimals_; }

    // Checked arithmetic: nullopt on overflow, so an absurd table cannot wrap a sum.
    // The result keeps the larger decimal count of its operands.
    std::optional<Money> checked_add(Money other) const;
    std::optional<Money> checked_sub(Money other) const;

    // `9246.72`, `-0.50`, `438.768`, `245`: plain decimal, valid as a JSON number.
    std::string to_string() const;
    // `9,246.72`: as the tables print it, for messages.
    std::string to_display() const;

    friend constexpr bool operator==(Money a, Money b) { return a.value_ == b.value_; }
    friend constexpr std::strong_ordering operator<=>(Money a, Money b) { return a.value_ <=> b.value_; }

private:
    constexpr Money(std::int64_t value, std::uint8_t decimals) : value_(value), decimals_(decimals) {}
    std::int64_t value_ = 0;
    std::uint8_t decimals_ = 0;
};

// What a grid's money cell held: the amount and the unit glued to it, if any.
struct MoneyCell {
    std::optional<Money> money;  // nullopt: not one exact amount (see `reason`)
    std::string unit;            // `万元` from `10000万元` and `5.8万`; empty when none
    std::string reason;          // why not, for the caller's finding; empty on success
};

}  // namespace bpt
