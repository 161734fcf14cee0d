// The table geometry on abstract boxes in the units a positional-text reader would
// use (x = display column, a CJK character 2 cells; y = line number), so the logic
// is seen to work without a PDF: pdf_test.cpp covers it on real PDFs in points.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "bpt/table_geometry.h"

namespace {

using bpt::geo::Box;
using bpt::geo::Col;

std::size_t width(std::string_view s) {
    std::size_t w = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) w += c >= 0xE1 ? 2 : 1;
    return w;
}

// A run of text starting at column `x` on line `y`.
Box at(std::string_view text, float x, float y) {
    return Box{text, x, y, x + static_cast<float>(width(text)), y + 1, false};
}
// An amount right-aligned to column `right`.
Box amount(std::string_view text, float right, float y) {
    return Box{text, right - static_cast<float>(width(text)), y, right, y + 1, false};
}

std::vector<Box> header(float y) {
    return {at("项目名称（资金使用单位）", 0, y), at("总计", 30, y),     at("财政拨款", 38, y),
            at("财政专户拨", 50, y - 0.5f),       at("款", 54, y + 0.5f), at("其他资金", 64, y),
            at("绩效目标", 90, y),                at("绩效指标", 130, y)};
}

std::string text(const std::vector<bpt::geo::Line>& lines) {
    std::string s;
    for (const auto& l : lines) s += l.text;
    return s;
}

}  // namespace

TEST_CASE("geometry: columns from a wrapped header, rows anchored on amounts, a page break inside a row",
          "[geometry]") {
    bpt::geo::TableGeometry geo;

    std::vector<Box> p1 = {at("项目支出绩效目标表", 60, 0), at("部门名称：测试局", 0, 1), at("单位：万元", 140, 1)};
    for (const auto& b : header(3)) p1.push_back(b);
    for (const auto& b : std::vector<Box>{
             at("合计", 0, 5), amount("30.00", 35, 5), amount("30.00", 46, 5),
             at("测试局", 0, 6), amount("30.00", 35, 6), amount("30.00", 46, 6),
             at("项目甲经费（花", 2, 7), at("山镇）", 0, 8), amount("10.00", 35, 7), amount("10.00", 46, 7),
             at("目标甲第一行", 76, 7), at("目标甲第二行", 76, 8),
             at("1、1-产出指标；", 120, 7), at("11-数量指标；", 120, 8),
             at("项目乙经费", 2, 10), amount("1,020.00", 35, 10), amount("20.00", 46, 10), amount("1,000.00", 60, 10),
             at("目标乙", 76, 10), at("1、乙指标", 120, 10), at("第二行", 120, 11),
             at("第 1 页，共 2 页", 70, 40)}) {
        p1.push_back(b);
    }
    auto l1 = geo.page(p1, 0, false);
    REQUIRE(l1.header);
    REQUIRE(l1.above.size() == 2);
    CHECK(l1.above[0].text == "项目支出绩效目标表");
    CHECK(l1.above[1].text == "部门名称：测试局 单位：万元");
    REQUIRE(l1.furniture.size() == 1);
    CHECK(l1.unplaced.empty());
    REQUIRE(l1.rows.size() == 4);
    CHECK(text(l1.rows[0].cells[std::size_t(Col::Name)]) == "合计");
    CHECK(text(l1.rows[1].cells[std::size_t(Col::Name)]) == "测试局");
    CHECK(l1.rows[1].cells[std::size_t(Col::Goal)].empty());
    const auto& a = l1.rows[2];
    CHECK(text(a.cells[std::size_t(Col::Name)]) == "项目甲经费（花山镇）");
    CHECK(a.cells[std::size_t(Col::Name)][0].x0 == 2);  // the indent, for the reader to judge
    CHECK(text(a.cells[std::size_t(Col::Total)]) == "10.00");
    CHECK(text(a.cells[std::size_t(Col::Fiscal)]) == "10.00");
    CHECK(text(a.cells[std::size_t(Col::Goal)]) == "目标甲第一行目标甲第二行");
    CHECK(text(a.cells[std::size_t(Col::Indicators)]) == "1、1-产出指标；11-数量指标；");
    const auto& b = l1.rows[3];
    CHECK(text(b.cells[std::size_t(Col::Total)]) == "1,020.00");
    CHECK(text(b.cells[std::size_t(Col::FiscalSpecial)]) == "1,000.00");  // under the wrapped header
    CHECK(b.cells[std::size_t(Col::Other)].empty());
    CHECK(text(b.cells[std::size_t(Col::Indicators)]) == "1、乙指标第二行");

    // Page 2: the header again, then the rest of 项目乙's indicators with empty name
    // and amount cells, then a new row.
    std::vector<Box> p2 = header(1);
    for (const auto& x : std::vector<Box>{at("第三行", 120, 3), at("第四行", 120, 4), at("项目丙", 2, 6),
                                          amount("5.00", 35, 6), at("目标丙", 76, 6), at("1、丙", 120, 6)})
        p2.push_back(x);
    auto l2 = geo.page(p2, 0, true);
    REQUIRE(l2.rows.size() == 2);
    CHECK(l2.rows[0].continuation);
    CHECK(text(l2.rows[0].cells[std::size_t(Col::Indicators)]) == "第三行第四行");
    CHECK_FALSE(l2.rows[1].continuation);
    CHECK(text(l2.rows[1].cells[std::size_t(Col::Name)]) == "项目丙");
    CHECK(text(l2.rows[1].cells[std::size_t(Col::Indicators)]) == "1、丙");

    // Without an open row there is nothing to continue: the lines above the first
    // row go to that row (cells may be middle-aligned).
    auto l3 = geo.page(p2, 0, false);
    REQUIRE(l3.rows.size() == 1);
    CHECK(text(l3.rows[0].cells[std::size_t(Col::Indicators)]) == "第三行第四行1、丙");
}

TEST_CASE("geometry: page furniture", "[geometry]") {
    using bpt::geo::is_page_furniture;
    CHECK(is_page_furniture("第3页，共40页", false));
    CHECK(is_page_furniture("第3页,共40页", false));
    CHECK(is_page_furniture("第3页", false));
    CHECK(is_page_furniture("共40页第3页", false));
    CHECK(is_page_furniture("-3-", false));
    CHECK(is_page_furniture("—12—", false));
    CHECK(is_page_furniture("Page3of40", false));
    CHECK_FALSE(is_page_furniture("3", false));  // a bare number only in the margins
    CHECK(is_page_furniture("3", true));
    CHECK(is_page_furniture("3/40", true));
    CHECK_FALSE(is_page_furniture("9.20", true));
    CHECK_FALSE(is_page_furniture("第3页的内容", false));
    CHECK_FALSE(is_page_furniture("合计", true));
}

TEST_CASE("geometry: a cell that lines up with no row is placed, and flagged", "[geometry]") {
    bpt::geo::TableGeometry geo;
    std::vector<Box> p = header(1);
    for (const auto& x : std::vector<Box>{at("项目甲", 2, 3), amount("5.00", 35, 3), at("目标甲", 76, 3),
                                          at("项目乙", 2, 5), amount("6.00", 35, 5),
                                          // 乙's goal, three lines below its amounts
                                          at("目标乙", 76, 8), at("第二行", 76, 9)})
        p.push_back(x);
    auto l = geo.page(p, 0, false);
    REQUIRE(l.rows.size() == 2);
    CHECK_FALSE(l.rows[0].misaligned);
    CHECK(text(l.rows[1].cells[std::size_t(Col::Goal)]) == "目标乙第二行");
    CHECK(l.rows[1].misaligned);
}

TEST_CASE("geometry: a row without amounts is not silently merged into its neighbour", "[geometry]") {
    bpt::geo::TableGeometry geo;
    std::vector<Box> p = header(1);
    // Cells of two lines, rows a line apart, as tables are.
    for (const auto& x : std::vector<Box>{at("项目甲", 2, 3), at("经费", 0, 4), amount("5.00", 35, 3),
                                          at("目标甲", 76, 3), at("续", 76, 4),
                                          at("项目乙", 2, 6), at("经费", 0, 7),  // no amounts at all
                                          at("目标乙", 76, 6), at("续", 76, 7),
                                          at("项目丙", 2, 9), at("经费", 0, 10), amount("6.00", 35, 9),
                                          at("目标丙", 76, 9), at("续", 76, 10)})
        p.push_back(x);
    auto l = geo.page(p, 0, false);
    REQUIRE(l.rows.size() == 2);
    // 乙 goes with one of its neighbours, and that row is flagged for the reader to report.
    bool flagged = false;
    for (const auto& r : l.rows)
        if (r.cells[std::size_t(Col::Name)].size() > 1) flagged = flagged || r.misaligned;
    CHECK(flagged);
}
