#include <catch2/catch.hpp>

#include "bpt/money.h"

using bpt::Money;

TEST_CASE("Money parses table amounts exactly", "[money]") {
    CHECK(Money::parse("9,246.72")->cents() == 924672);
    CHECK(Money::parse("9.20")->cents() == 920);
    CHECK(Money::parse("0.66")->cents() == 66);
    CHECK(Money::parse("41")->cents() == 4100);
    CHECK(Money::parse("1.5")->cents() == 150);
    CHECK(Money::parse("-3.05")->cents() == -305);
    CHECK(Money::parse("1,234,567.89")->cents() == 123456789);
}

TEST_CASE("Money rejects what is not an amount", "[money]") {
    for (const char* bad : {"", "-", ".", "1.", ".50", "1.234", "1,2,3.4.5", "12,34.00", ",100.00", "1,0000.00",
                            "１２.00", "1e3", "1 000.00", "abc", "1.2.3"})
        CHECK_FALSE(Money::parse(bad).has_value());
}

TEST_CASE("Money refuses values that would overflow instead of wrapping", "[money]") {
    CHECK_FALSE(Money::parse("99999999999999999.99").has_value());
    CHECK_FALSE(Money::parse("92233720368547758.08").has_value());
    CHECK(Money::parse("92233720368547757.00").has_value());
    auto big = *Money::parse("92233720368547757.00");
    CHECK_FALSE(big.checked_add(big).has_value());
    CHECK(big.checked_add(Money::from_cents(1)).has_value());
    CHECK_FALSE(Money::from_cents(INT64_MIN).checked_sub(Money::from_cents(1)).has_value());
}

TEST_CASE("Money sums are exact where doubles are not", "[money]") {
    // 0.1 + 0.2 in doubles is 0.30000000000000004.
    auto sum = Money::parse("0.10")->checked_add(*Money::parse("0.20"));
    CHECK(sum->to_string() == "0.30");
    Money total;
    for (int i = 0; i < 1000; ++i) total = *total.checked_add(*Money::parse("0.01"));
    CHECK(total.to_string() == "10.00");
}

TEST_CASE("Money prints as a plain decimal and as the tables do", "[money]") {
    CHECK(Money::from_cents(924672).to_string() == "9246.72");
    CHECK(Money::from_cents(924672).to_display() == "9,246.72");
    CHECK(Money::from_cents(-50).to_string() == "-0.50");
    CHECK(Money::from_cents(5).to_string() == "0.05");
    CHECK(Money::from_cents(0).to_display() == "0.00");
    CHECK(Money::from_cents(100000000).to_display() == "1,000,000.00");
    CHECK(Money::from_cents(INT64_MIN).to_string() == "-92233720368547758.08");
}
