#include <catch2/catch.hpp>

#include "bpt/money.h"

using bpt::Money;

TEST_CASE("Money parses table amounts exactly", "[money]") {
    CHECK(Money::parse("9,246.72")->scaled() == 92467200);
    CHECK(Money::parse("9.20")->scaled() == 92000);
    CHECK(Money::parse("0.66")->scaled() == 6600);
    CHECK(Money::parse("41")->scaled() == 410000);
    CHECK(Money::parse("1.5")->scaled() == 15000);
    CHECK(Money::parse("-3.05")->scaled() == -30500);
    CHECK(Money::parse("1,234,567.89")->scaled() == 12345678900);
    CHECK(Money::parse("438.768")->scaled() == 4387680);
    CHECK(Money::parse("153.5184")->scaled() == 1535184);
    CHECK(Money::parse("1.234")->decimals() == 3);
}

TEST_CASE("Money rejects what is not an amount", "[money]") {
    for (const char* bad : {"", "-", ".", "1.", ".50", "1.23456", "1,2,3.4.5", "12,34.00", ",100.00", "1,0000.00",
                            "１２.00", "1e3", "1 000.00", "abc", "1.2.3"})
        CHECK_FALSE(Money::parse(bad).has_value());
}

TEST_CASE("Money refuses values that would overflow instead of wrapping", "[money]") {
    CHECK_FALSE(Money::parse("999999999999999.99").has_value());
    CHECK_FALSE(Money::parse("922337203685477.5808").has_value());
    CHECK(Money::parse("922337203685476.00").has_value());
    // Grouped, and with leading zeros: the digit count, not the value, decides when to check.
    CHECK_FALSE(Money::parse("922,337,203,685,477.00").has_value());
    CHECK(Money::parse("922,337,203,685,476.00").has_value());
    CHECK(Money::parse("00000000000000000001.00")->scaled() == 10000);
    CHECK(Money::parse("+99999999999999.99")->scaled() == 999999999999999900);
    auto big = *Money::parse("922337203685476.00");
    CHECK_FALSE(big.checked_add(big).has_value());
    CHECK(big.checked_add(Money::from_cents(1)).has_value());
    CHECK_FALSE(Money::from_scaled(INT64_MIN, 2).checked_sub(Money::from_cents(1)).has_value());
}

TEST_CASE("Money sums are exact where doubles are not", "[money]") {
    // 0.1 + 0.2 in doubles is 0.30000000000000004.
    auto sum = Money::parse("0.10")->checked_add(*Money::parse("0.20"));
    CHECK(sum->to_string() == "0.30");
    Money total;
    for (int i = 0; i < 1000; ++i) total = *total.checked_add(*Money::parse("0.01"));
    CHECK(total.to_string() == "10.00");
    // A sum keeps the larger decimal count of its terms.
    CHECK(Money::parse("245")->checked_add(*Money::parse("438.768"))->to_string() == "683.768");
    CHECK(Money::parse("60.8")->checked_add(*Money::parse("110.61"))->to_string() == "171.41");
    CHECK(Money::parse("1.5")->checked_sub(*Money::parse("0.5"))->to_string() == "1.0");
}

TEST_CASE("Money compares by value, not by how it was written", "[money]") {
    CHECK(*Money::parse("1.5") == *Money::parse("1.50"));
    CHECK(*Money::parse("245") == *Money::parse("245.0000"));
    CHECK(*Money::parse("0.0001") > Money());
    CHECK(*Money::parse("9,246.72") < *Money::parse("9246.7201"));
}

TEST_CASE("Money prints as written: a plain decimal and as the tables do", "[money]") {
    CHECK(Money::from_cents(924672).to_string() == "9246.72");
    CHECK(Money::from_cents(924672).to_display() == "9,246.72");
    CHECK(Money::from_cents(-50).to_string() == "-0.50");
    CHECK(Money::from_cents(5).to_string() == "0.05");
    CHECK(Money::from_cents(0).to_display() == "0.00");
    CHECK(Money::from_cents(100000000).to_display() == "1,000,000.00");
    CHECK(Money::from_scaled(INT64_MIN, 2).to_string() == "-922337203685477.5808");
    CHECK(Money::parse("438.768")->to_string() == "438.768");
    CHECK(Money::parse("245")->to_string() == "245");
    CHECK(Money::parse("9,246.72")->to_string() == "9246.72");
    CHECK(Money::parse("60.8")->to_string() == "60.8");
    CHECK(Money::parse("153.5184")->to_display() == "153.5184");
    CHECK(Money::parse("1,030,700.00")->to_display() == "1,030,700.00");
    // Too few decimals for the value: never rounded away.
    CHECK(Money::from_scaled(12345, 0).to_string() == "1.2345");
}

TEST_CASE("Money reads a grid's money cell with its glued unit", "[money]") {
    auto c = Money::parse_cell("1,030,700.00");
    REQUIRE(c.money);
    CHECK(c.money->to_string() == "1030700.00");
    CHECK(c.unit.empty());
    CHECK(Money::parse_cell("245").money->to_string() == "245");
    CHECK(Money::parse_cell("60.8").money->to_string() == "60.8");
    CHECK(Money::parse_cell("153.5184").money->scaled() == 1535184);
    c = Money::parse_cell("10000万元");
    CHECK(c.money->to_string() == "10000");
    CHECK(c.unit == "万元");
    c = Money::parse_cell("5.8万");
    CHECK(c.money->to_string() == "5.8");
    CHECK(c.unit == "万元");
    c = Money::parse_cell(" 0.00 ");
    CHECK(c.money->to_string() == "0.00");
    c = Money::parse_cell("３０");
    CHECK(c.money->to_string() == "30");
    c = Money::parse_cell("100元");
    CHECK(c.unit == "元");
}

TEST_CASE("Money refuses prose around a number and says why", "[money]") {
    auto c = Money::parse_cell("854万(高标准农田建设400万元,示范建设295万元,畅通工程159万元)");
    CHECK_FALSE(c.money);
    CHECK(c.unit.empty());
    CHECK(c.reason == "not one amount: text or several numbers around the figure");
    c = Money::parse_cell("854万854万");
    CHECK_FALSE(c.money);
    c = Money::parse_cell("");
    CHECK(c.reason == "empty");
    c = Money::parse_cell("见附表");
    CHECK(c.reason == "no amount in the cell");
    CHECK_FALSE(Money::parse_cell("万元").money);
}
