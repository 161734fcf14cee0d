#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "bpt/layout_reader.h"
#include "bpt/pipeline.h"
#include "collect_sink.h"
#include "test_util.h"

namespace {

using Collect = bpt::test::CollectSink;

// These tests are about what the reader sees, so the validator's own rules are off:
// tests/validate_test.cpp covers them on tables of their own.
Collect read(const std::string& text) {
    auto source = bpt::Source::from_string(text, "t.txt");
    Collect c;
    bpt::ReadOptions options;
    options.validation = bpt::reader_rules_only();
    c.table = bpt::read_document(*source, c, options).table;
    return c;
}

const std::string kHead =
    "项目支出绩效目标表\n"
    "部门名称：测试局 单位：万元\n"
    "项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标\n"
    "合计 30.00 30.00\n";

const std::string kClause = "1、1-产出指标；11-数量指标；次数；实施周期指标值:≥1次；年度指标值:≥1次。\n";

}  // namespace

TEST_CASE("Layout: amounts on the name's line and a goal right after them", "[layout]") {
    auto c = read(kHead + "    人才工作经费 41.00 41.00\n通过大力实施人才项目。\n" + kClause);
    REQUIRE(c.projects.size() == 1);
    const auto& p = c.projects[0];
    CHECK(p.name == "人才工作经费");
    CHECK(p.amounts.total->to_string() == "41.00");
    CHECK(p.amounts.fiscal->to_string() == "41.00");
    CHECK_FALSE(p.amounts.fiscal_special);
    CHECK(p.goal == "通过大力实施人才项目。");
    CHECK(p.indicators_text == kClause.substr(0, kClause.size() - 1));
    CHECK_FALSE(p.suffix);
    CHECK_FALSE(p.town);
    CHECK(p.department == "测试局");
    CHECK(c.doc.title == "项目支出绩效目标表");
    CHECK(c.doc.amount_unit == "万元");
    CHECK(c.total->total->to_string() == "30.00");
}

TEST_CASE("Layout: a name wrapped inside its bracket, with blank lines between", "[layout]") {
    auto c = read(kHead + "\n    党代表任期制工作经费（狮\n\n岭镇）\n9.20 9.20\n\n加强联系，\n\n注重实效。\n\n" +
                  "1、1-产出指标；11-数量指标；党代会年会制试点镇数量指标；实施周\n\n期指标值:＞1；年度指标值:＞1。\n");
    REQUIRE(c.projects.size() == 1);
    const auto& p = c.projects[0];
    CHECK(p.name == "党代表任期制工作经费（狮岭镇）");
    CHECK(p.base_name == "党代表任期制工作经费");
    CHECK(p.suffix == "狮岭镇");
    CHECK(p.town == "狮岭镇");
    CHECK(p.goal == "加强联系，注重实效。");
    CHECK(p.indicators_text == "1、1-产出指标；11-数量指标；党代会年会制试点镇数量指标；实施周期指标值:＞1；年度指标值:＞1。");
    CHECK(p.location.line == 6);
    CHECK(p.location.end_line == 17);
    CHECK(p.indicators_line == 15);
    CHECK(c.diagnostics.empty());
}

TEST_CASE("Layout: brackets inside the base name and of either width", "[layout]") {
    auto c = read(kHead + "    区级镇（街）党建工作经费（花山镇） 1.00 1.00\n目标。\n" + kClause +
                  "    市级镇(街)党建工作指导员\n工资补助经费（区本级）\n0.66 0.66\n目标。\n" + kClause +
                  "    某项经费(新华街道) 2.00 2.00\n目标。\n" + kClause);
    REQUIRE(c.projects.size() == 3);
    CHECK(c.projects[0].base_name == "区级镇（街）党建工作经费");
    CHECK(c.projects[0].town == "花山镇");
    CHECK(c.projects[1].name == "市级镇(街)党建工作指导员工资补助经费（区本级）");
    CHECK(c.projects[1].base_name == "市级镇(街)党建工作指导员工资补助经费");
    CHECK(c.projects[1].suffix == "区本级");
    CHECK_FALSE(c.projects[1].town);
    CHECK(c.projects[2].suffix == "新华街道");
    CHECK(c.projects[2].town == "新华街道");
}

TEST_CASE("Layout: a clause number cut from its 、 stays with its clause", "[layout]") {
    auto c = read(kHead + "    某经费 1.00 1.00\n目标。\n1、1-产出指标；11-数量指标；甲；实施周期指标值:≥20%；年度指标值:≥20%。2\n"
                          "、1-产出指标；11-数量指标；乙；实施周期指标值:1；年度指标值:1。\n");
    REQUIRE(c.projects.size() == 1);
    CHECK(c.projects[0].indicators_text.find("。2、1-产出") != std::string::npos);
}

TEST_CASE("Layout: departments wrap, carry subtotals, and own the projects after them", "[layout]") {
    auto c = read(kHead + "中国共产党某某区委员会\n组织部\n20.00 20.00\n    甲经费 20.00 20.00\n目标。\n" + kClause +
                  "某某区财政局 10.00 10.00\n    乙经费 10.00 10.00\n目标。\n" + kClause);
    REQUIRE(c.departments.size() == 2);
    CHECK(c.departments[0].name == "中国共产党某某区委员会组织部");
    CHECK(c.departments[0].declared_total.total->to_string() == "20.00");
    CHECK(c.departments[0].location.line == 5);
    CHECK(c.departments[1].name == "某某区财政局");
    REQUIRE(c.projects.size() == 2);
    CHECK(c.projects[0].department == "中国共产党某某区委员会组织部");
    CHECK(c.projects[1].department == "某某区财政局");
    CHECK(c.projects[0].indicators_text == kClause.substr(0, kClause.size() - 1));
    CHECK(c.diagnostics.empty());
}

TEST_CASE("Layout: page furniture repeated on every page is skipped", "[layout]") {
    auto c = read(kHead + "    甲经费 20.00 20.00\n目标。\n1、1-产出指标；11-数量指标；次数；实施周期\n第 1 页，共 2 页\n\f" +
                  "项目支出绩效目标表\n部门名称：测试局 单位：万元\n"
                  "项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标\n"
                  "指标值:≥1次；年度指标值:≥1次。\n- 2 -\n");
    REQUIRE(c.projects.size() == 1);
    CHECK(c.projects[0].indicators_text == kClause.substr(0, kClause.size() - 1));
    CHECK(c.diagnostics.empty());
}

TEST_CASE("Layout: pages counted from form feeds and from runs of three empty lines", "[layout]") {
    auto c = read(kHead + "    甲 1.00 1.00\n目标。\n" + kClause + "\n\n\n    乙 1.00 1.00\n目标。\n" + kClause + "\f" +
                  "    丙 1.00 1.00\n目标。\n" + kClause);
    REQUIRE(c.projects.size() == 3);
    CHECK(c.projects[0].location.page == 1);
    CHECK(c.projects[1].location.page == 2);
    CHECK(c.projects[2].location.page == 3);
}

TEST_CASE("Layout: tab indents start projects as spaces do", "[layout]") {
    auto c = read(kHead + "\t甲经费\t1.00\t1.00\n目标。\n" + kClause + "\t乙经费（梯\n面镇）\n2.00\t2.00\n目标。\n" + kClause);
    REQUIRE(c.projects.size() == 2);
    CHECK(c.projects[1].name == "乙经费（梯面镇）");
    CHECK(c.projects[1].amounts.total->to_string() == "2.00");
}

TEST_CASE("Layout: numbers the text cannot place are kept and flagged", "[layout]") {
    auto c = read(kHead + "    甲经费 9.00 5.00\n目标。\n" + kClause + "    乙经费 10.00 6.00 3.00 1.00\n目标。\n" + kClause);
    REQUIRE(c.projects.size() == 2);
    CHECK(c.projects[0].amounts.total->to_string() == "9.00");
    CHECK_FALSE(c.projects[0].amounts.fiscal);
    REQUIRE(c.projects[0].amounts.unassigned.size() == 1);
    CHECK(c.projects[0].amounts.unassigned[0].to_string() == "5.00");
    CHECK(c.rules() == std::vector<std::string>{"ambiguous-amounts"});
    CHECK(c.diagnostics[0].at.line == 5);
    CHECK(c.projects[1].amounts.other->to_string() == "1.00");
}

TEST_CASE("Layout: a project cut off by the end of the file is an error, and kept", "[layout]") {
    auto in_name = read(kHead + "    甲经费（狮\n");
    REQUIRE(in_name.projects.size() == 1);
    CHECK(in_name.rules() == std::vector<std::string>{"incomplete-project", "missing-amounts"});

    auto in_indicators = read(kHead + "    甲经费 1.00 1.00\n目标。\n1、1-产出指标；11-数量指标；次数；实施周\n");
    REQUIRE(in_indicators.projects.size() == 1);
    CHECK(in_indicators.rules().front() == "incomplete-project");
    CHECK(in_indicators.diagnostics.front().at.line == 5);
}

TEST_CASE("Layout: no line is dropped without a word", "[layout]") {
    auto c = read(kHead + "说明文字\n    甲经费 1.00 1.00\n目标。\n" + kClause + "填报人：张三\n");
    REQUIRE(c.projects.size() == 1);
    REQUIRE(c.rules() == std::vector<std::string>{"unparsed-text", "unparsed-text"});
    CHECK(c.diagnostics[0].at.line == 5);
    CHECK(c.diagnostics[1].at.line == 9);
    CHECK(c.diagnostics[1].message.find("填报人") != std::string::npos);
}

TEST_CASE("Layout: a project without a goal goes straight to its indicators", "[layout]") {
    auto c = read(kHead + "    甲经费 1.00 1.00\n" + kClause);
    REQUIRE(c.projects.size() == 1);
    CHECK_FALSE(c.projects[0].goal);
    CHECK_FALSE(c.projects[0].indicators_text.empty());
}

TEST_CASE("Layout: a file with no table in it is recognised as such", "[layout]") {
    CHECK_FALSE(read("hello\nworld\n").table);
    CHECK_FALSE(read("").table);
    auto header_only = read(kHead);
    CHECK(header_only.table);
    CHECK(header_only.projects.empty());
}

TEST_CASE("Layout: page footers are recognised by shape", "[layout]") {
    using bpt::LayoutReader;
    CHECK(LayoutReader::is_page_footer("第 3 页，共 40 页"));
    CHECK(LayoutReader::is_page_footer("第3页/共40页"));
    CHECK(LayoutReader::is_page_footer("- 12 -"));
    CHECK(LayoutReader::is_page_footer("— 2 —"));
    CHECK_FALSE(LayoutReader::is_page_footer("第一页"));
    CHECK_FALSE(LayoutReader::is_page_footer("-满意度指标；"));
    CHECK_FALSE(LayoutReader::is_page_footer("第三批项目页"));
}

// Regressions from review: rows that end a project, and text that belongs to no field.

TEST_CASE("Layout: a 合计 row printed last, or split from its amounts, is the declared total", "[layout]") {
    auto last = read(kHead.substr(0, kHead.find("合计")) + "    甲经费 30.00 30.00\n目标。\n" + kClause + "合计 30.00 30.00\n");
    REQUIRE(last.total);
    CHECK(last.total->total->to_string() == "30.00");
    CHECK(last.departments.empty());
    CHECK(last.diagnostics.empty());

    auto split = read(kHead.substr(0, kHead.find("合计")) + "合  计\n30.00 30.00\n    甲经费 30.00 30.00\n目标。\n" + kClause);
    REQUIRE(split.total);
    CHECK(split.total->total->to_string() == "30.00");
    CHECK(split.departments.empty());
}

TEST_CASE("Layout: text after the last clause is reported, not glued to a target", "[layout]") {
    auto c = read(kHead + "    甲经费 1.00 1.00\n目标。\n" + kClause + "第１页，共２页\n注：单位为万元\n    乙经费 1.00 1.00\n目标。\n" +
                  kClause);
    REQUIRE(c.projects.size() == 2);
    CHECK(c.projects[0].indicators_text == kClause.substr(0, kClause.size() - 1));
    CHECK(c.rules() == std::vector<std::string>{"unparsed-text"});
    CHECK(c.diagnostics[0].at.line == 9);
}

TEST_CASE("Layout: a department name wrapped over four lines after a project's indicators", "[layout]") {
    auto c = read(kHead + "    甲经费 1.00 1.00\n目标。\n" + kClause +
                  "中国共产党广州市\n花都区委员会\n组织部机关\n党委办公室\n4.60 4.60\n    乙经费 4.60 4.60\n目标。\n" + kClause);
    REQUIRE(c.departments.size() == 1);
    CHECK(c.departments[0].name == "中国共产党广州市花都区委员会组织部机关党委办公室");
    CHECK(c.departments[0].location.line == 8);
    REQUIRE(c.projects.size() == 2);
    CHECK(c.projects[0].indicators_text == kClause.substr(0, kClause.size() - 1));
    CHECK(c.projects[1].department == c.departments[0].name);
    CHECK(c.diagnostics.empty());
}

TEST_CASE("Layout: a project without indicators followed by a department row", "[layout]") {
    auto c = read(kHead + "甲部门\n9.20 9.20\n    项目一（狮岭镇）\n9.20 9.20\n目标一。\n乙部门\n4.60 4.60\n"
                          "    项目二（梯面镇） 4.60 4.60\n目标二。\n" + kClause);
    REQUIRE(c.departments.size() == 2);
    CHECK(c.departments[1].name == "乙部门");
    REQUIRE(c.projects.size() == 2);
    CHECK(c.projects[0].goal == "目标一。");
    CHECK(c.projects[0].indicators_text.empty());
    CHECK(c.projects[1].department == "乙部门");
    CHECK(c.diagnostics.empty());
}

TEST_CASE("Layout: the title repeated before the first project is not part of a department", "[layout]") {
    auto c = read(kHead + "第 1 页，共 2 页\n\f项目支出绩效目标表\n"
                          "项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标\n甲部门\n30.00 30.00\n"
                          "    甲经费 30.00 30.00\n目标。\n" + kClause);
    REQUIRE(c.departments.size() == 1);
    CHECK(c.departments[0].name == "甲部门");
}

TEST_CASE("Layout: a value ending in its own 。 keeps the rest of its clause", "[layout]") {
    const std::string clause = "1、2-效益指标；22-社会效益；宣传效果；实施周期指标值:宣传深入人心。\n；年度指标值:宣传深入人心。\n";
    auto before_department = read(kHead + "    甲经费 1.00 1.00\n目标。\n" + clause + "乙部门\n4.60 4.60\n    乙经费 4.60 4.60\n目标。\n" + kClause);
    REQUIRE(before_department.departments.size() == 1);
    CHECK(before_department.departments[0].name == "乙部门");
    CHECK(before_department.projects[0].indicators_text.ends_with("；年度指标值:宣传深入人心。"));
    CHECK(before_department.diagnostics.empty());

    auto at_end = read(kHead + "    甲经费 1.00 1.00\n目标。\n" + clause);
    REQUIRE(at_end.projects.size() == 1);
    CHECK(at_end.projects[0].indicators_text.ends_with("；年度指标值:宣传深入人心。"));
    CHECK(at_end.diagnostics.empty());
}

TEST_CASE("Layout: one indented line in a text file does not make it a table", "[layout]") {
    CHECK_FALSE(read("hello\n    world\n").table);
    CHECK(read("    甲经费 1.00 1.00\n目标。\n" + kClause).table);
}

TEST_CASE("Layout: a second 部门名称 is a second table, and says so", "[layout]") {
    auto c = read(kHead + "    甲经费 30.00 30.00\n目标。\n" + kClause + "部门名称：宣传部 单位：万元\n");
    CHECK(c.rules() == std::vector<std::string>{"multiple-tables"});
    CHECK(c.diagnostics[0].at.line == 8);
    CHECK(c.diagnostics[0].message.find("宣传部") != std::string::npos);
}

// Second review: where a project without a closing 。, without indicators or without
// a goal meets the row after it.

namespace {
const std::string kNext = "乙部门\n4.60 4.60\n    乙经费 4.60 4.60\n目标。\n" + kClause;
}

TEST_CASE("Layout: a last clause without its 。 still ends at a department row or 合计", "[layout]") {
    const std::string open_clause = "1、1-产出指标；11-数量指标；数量；实施周期指标值:＞1；年度指标值:＞1\n";
    auto department = read(kHead + "    甲经费 1.00 1.00\n目标。\n" + open_clause + kNext);
    REQUIRE(department.departments.size() == 1);
    CHECK(department.departments[0].name == "乙部门");
    CHECK(department.projects[0].indicators_text == open_clause.substr(0, open_clause.size() - 1));
    CHECK(department.projects[1].department == "乙部门");

    auto total = read(kHead.substr(0, kHead.find("合计")) + "    甲经费 1.00 1.00\n目标。\n" + open_clause + "合计 1.00 1.00\n");
    REQUIRE(total.total);
    CHECK(total.total->total->to_string() == "1.00");
    CHECK(total.projects[0].indicators[0].annual->raw == "＞1");
}

TEST_CASE("Layout: lines with a 。 are never part of a department name", "[layout]") {
    auto goal = read(kHead + "    甲经费 1.00 1.00\n目标一。\n目标二。\n" + kNext);
    REQUIRE(goal.departments.size() == 1);
    CHECK(goal.departments[0].name == "乙部门");
    CHECK(goal.projects[0].goal == "目标一。目标二。");

    auto value = read(kHead + "    甲经费 1.00 1.00\n目标。\n1、2-效益指标；22-社会效益；宣传；实施周期指标值:宣传到位。群众满意。；"
                              "年度指标值:宣传到位。\n群众满意。\n" + kNext);
    REQUIRE(value.departments.size() == 1);
    CHECK(value.departments[0].name == "乙部门");
    CHECK(value.projects[0].indicators[0].annual->raw == "宣传到位。群众满意");
    CHECK(value.diagnostics.empty());
}

TEST_CASE("Layout: a project with amounts only, then a department row or 合计", "[layout]") {
    auto department = read(kHead + "    甲经费 1.00 1.00\n" + kNext);
    REQUIRE(department.departments.size() == 1);
    CHECK(department.departments[0].name == "乙部门");
    CHECK_FALSE(department.projects[0].goal);

    auto same_line = read(kHead + "    甲经费 1.00 1.00\n目标没有句号\n乙部门 4.60 4.60\n    乙经费 4.60 4.60\n目标。\n" + kClause);
    REQUIRE(same_line.departments.size() == 1);
    CHECK(same_line.departments[0].name == "乙部门");
    CHECK(same_line.projects[0].goal == "目标没有句号");

    auto total = read(kHead.substr(0, kHead.find("合计")) + "    甲经费 1.00 1.00\n合计 1.00 1.00\n");
    REQUIRE(total.total);
    CHECK(total.projects.size() == 1);
    CHECK_FALSE(total.projects[0].goal);
}

TEST_CASE("Layout: any number of notes after the last clause are reported, none glued on", "[layout]") {
    auto c = read(kHead + "    甲经费 1.00 1.00\n目标。\n" + kClause + "填表说明\n注一：单位为万元\n注二：数据来源预算系统\n注三：含转移支付\n"
                          "注四：以上\n注五：无\n制表人：张三\n");
    CHECK(c.projects[0].indicators_text == kClause.substr(0, kClause.size() - 1));
    CHECK(c.rules() == std::vector<std::string>(7, "unparsed-text"));
}
