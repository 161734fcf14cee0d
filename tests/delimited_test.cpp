#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "bpt/delimited.h"

namespace {

std::vector<std::string> cells(const bpt::DelimitedRecord& a) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < a.size(); ++i) out.emplace_back(a.cell(i));
    return out;
}

using Cells = std::vector<std::string>;

}  // namespace

TEST_CASE("Delimited: a tab-separated line is one record, cells trimmed", "[delimited]") {
    bpt::DelimitedRecord a('\t');
    REQUIRE(a.add("甲\t 乙 \t\t丙", 7));
    CHECK(cells(a) == Cells{"甲", "乙", "", "丙"});
    CHECK(a.first_line() == 7);
    CHECK(a.last_line() == 7);
    CHECK(a.cell_line(3) == 7);
    CHECK_FALSE(a.blank());
    REQUIRE(a.add("\t\t", 8));
    CHECK(a.size() == 3);
    CHECK(a.blank());
    REQUIRE(a.add("", 9));
    CHECK(a.size() == 1);
    CHECK(a.blank());
}

TEST_CASE("Delimited: RFC 4180 quoting with commas and doubled quotes", "[delimited]") {
    bpt::DelimitedRecord a(',');
    REQUIRE(a.add(R"(a,"b,c","say ""hi""",,"")", 1));
    CHECK(cells(a) == Cells{"a", "b,c", "say \"hi\"", "", ""});
    REQUIRE(a.add(R"(x,)", 2));
    CHECK(cells(a) == Cells{"x", ""});
}

TEST_CASE("Delimited: a quoted cell with line breaks spans lines", "[delimited]") {
    bpt::DelimitedRecord a(',');
    CHECK_FALSE(a.add(R"(部门,"第一行 )", 3));
    CHECK(a.open());
    CHECK(a.open_quote_line() == 3);
    CHECK(a.open_quote_column() == 7);
    CHECK_FALSE(a.add("", 4));
    REQUIRE(a.add(R"(  第三行",末)", 5));
    CHECK_FALSE(a.open());
    CHECK(cells(a) == Cells{"部门", "第一行第三行", "末"});
    CHECK(a.first_line() == 3);
    CHECK(a.last_line() == 5);
    CHECK(a.line_count() == 3);
    CHECK(a.cell_line(0) == 3);
    CHECK(a.cell_line(1) == 3);
    CHECK(a.cell_line(2) == 5);
    std::vector<bpt::Mark> marks;
    a.cell_marks(1, marks);
    REQUIRE(marks.size() == 2);
    CHECK(marks[0].offset == 0);
    CHECK(marks[0].at.line == 3);
    CHECK(marks[1].offset == std::string("第一行").size());
    CHECK(marks[1].at.line == 5);
}

TEST_CASE("Delimited: a cell whose text starts after a break starts on that line", "[delimited]") {
    bpt::DelimitedRecord a('\t');
    CHECK_FALSE(a.add("甲\t\"", 1));
    REQUIRE(a.add("乙\"\t丙", 2));
    CHECK(cells(a) == Cells{"甲", "乙", "丙"});
    CHECK(a.cell_line(1) == 2);
    std::vector<bpt::Mark> marks;
    a.cell_marks(1, marks);
    REQUIRE(marks.size() == 1);
    CHECK(marks[0].at.line == 2);
}

TEST_CASE("Delimited: quotes that do not quote are text", "[delimited]") {
    bpt::DelimitedRecord a('\t');
    REQUIRE(a.add("\"两新\"组织党建\t乙\ta\"b", 1));
    CHECK(cells(a) == Cells{"\"两新\"组织党建", "乙", "a\"b"});
}

TEST_CASE("Delimited: a quote that never closes can be replayed as text", "[delimited]") {
    bpt::DelimitedRecord a('\t');
    CHECK_FALSE(a.add("甲\t\"乙\t丙", 1));
    CHECK_FALSE(a.add("丁\t戊", 2));
    std::uint32_t line = a.open_quote_line();
    std::size_t column = a.open_quote_column();
    a.clear();
    a.ignore_quote_at(line, column);
    REQUIRE(a.add("甲\t\"乙\t丙", 1));
    CHECK(cells(a) == Cells{"甲", "\"乙", "丙"});
    REQUIRE(a.add("丁\t戊", 2));
    CHECK(cells(a) == Cells{"丁", "戊"});
}
