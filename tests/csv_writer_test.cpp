#include <catch2/catch.hpp>

#include <string>

#include "bpt/csv_writer.h"
#include "bpt/target.h"
#include "output_util.h"

using bpt::test::capture;
using bpt::test::parse_csv;

namespace {

std::string field(std::string_view s) {
    std::string out;
    bpt::append_csv_field(out, s);
    return out;
}

bpt::Target numeric(std::string raw, bpt::Comparator op, std::string number, std::string unit,
                    std::string qualifier = "") {
    bpt::Target t;
    t.raw = std::move(raw);
    t.kind = bpt::TargetKind::Numeric;
    t.op = op;
    t.value = std::move(number);
    t.unit = std::move(unit);
    t.qualifier = std::move(qualifier);
    return t;
}

bpt::Target qualitative(std::string word) {
    bpt::Target t;
    t.raw = word;
    t.kind = bpt::TargetKind::Qualitative;
    t.value = std::move(word);
    return t;
}

// A project whose text holds every character CSV must take care of.
bpt::Project awkward_project() {
    bpt::Project p;
    p.index = 7;
    p.department = "测试局";
    p.name = "“两新”组织党建,经费（狮岭镇）";
    p.base_name = "“两新”组织党建,经费";
    p.suffix = "狮岭镇";
    p.town = "狮岭镇";
    p.amounts.total = bpt::Money::from_cents(924672);
    p.amounts.fiscal = bpt::Money::from_cents(-50);
    p.amounts.unassigned = {bpt::Money::from_cents(100), bpt::Money::from_cents(2)};
    p.goal = "第一行\n第二行 \"引号\"\r\n第三行，、；：。";
    p.indicators_text = "1、1-产出指标；11-数量指标；次数；实施周期指标值:≥1次；年度指标值:≥1次。";
    bpt::Indicator i;
    i.seq = 1;
    i.level1 = bpt::Level{"1", "产出指标"};
    i.level2 = bpt::Level{"11", "数量指标"};
    i.name = "培训,人次 \"含\"线上";
    i.period = numeric("称职≥95%", bpt::Comparator::Ge, "95", "%", "称职");
    i.annual = qualitative("合格");
    i.location.line = 40;
    p.indicators.push_back(i);
    bpt::Indicator j;
    j.seq = 2;
    j.level1 = bpt::Level{"", "效益指标"};
    j.name = "是否达标";
    bpt::Target yes;
    yes.raw = "是";
    yes.kind = bpt::TargetKind::Boolean;
    yes.yes = true;
    j.annual = yes;
    j.location.line = 41;
    p.indicators.push_back(j);
    p.location = {30, 44, 2};
    return p;
}

std::string write(const bpt::CsvOptions& options, const std::vector<bpt::Project>& projects,
                  const std::string& path = "in/表.txt") {
    return capture([&](bpt::Output& out) {
        bpt::CsvWriter w(out, options);
        bpt::DocumentInfo info;
        info.path = path;
        w.on_document(info);
        for (const auto& p : projects) w.on_project(p);
        w.on_end({});
    });
}

}  // namespace

TEST_CASE("CSV fields are quoted exactly when RFC 4180 requires it", "[csv]") {
    CHECK(field("") == "");
    CHECK(field("plain") == "plain");
    CHECK(field("a,b") == "\"a,b\"");
    CHECK(field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(field("\"") == "\"\"\"\"");
    CHECK(field("two\nlines") == "\"two\nlines\"");
    CHECK(field("cr\rlf\r\n") == "\"cr\rlf\r\n\"");
    // Chinese punctuation, full-width quotes and commas included, is just text.
    CHECK(field("“两新”组织，凝聚力；合格：。、（区本级）") == "“两新”组织，凝聚力；合格：。、（区本级）");
    CHECK(field(" leading and trailing ") == " leading and trailing ");
}

TEST_CASE("CSV projects table: one row per project, every field read back intact", "[csv]") {
    auto p = awkward_project();
    bpt::Project plain;
    plain.index = 8;
    plain.department = "测试局";
    plain.name = plain.base_name = "人才工作经费";
    plain.amounts.total = bpt::Money::from_cents(4100);
    auto bytes = write({}, {p, plain});
    CHECK(bytes.find("\r\n") != std::string::npos);
    CHECK_FALSE(bytes.starts_with("\xEF\xBB\xBF"));
    auto rows = parse_csv(bytes);
    REQUIRE(rows.size() == 3);
    const std::vector<std::string> header = {"index", "department", "budget_unit", "name", "base_name", "suffix",
                                             "town", "total", "fiscal", "fiscal_special", "other", "unassigned",
                                             "goal", "indicators_text", "indicators", "line", "page", "duplicate"};
    CHECK(rows[0] == header);
    const std::vector<std::string> first = {"7", "测试局", "", p.name, p.base_name, "狮岭镇", "狮岭镇", "9246.72",
                                            "-0.50", "", "", "1.00 0.02", *p.goal, p.indicators_text, "2", "30",
                                            "2", ""};
    CHECK(rows[1] == first);
    const std::vector<std::string> second = {"8", "测试局", "", "人才工作经费", "人才工作经费", "", "", "41.00",
                                             "", "", "", "", "", "", "0", "0", "0", ""};
    CHECK(rows[2] == second);
}

TEST_CASE("CSV indicators table: one row per indicator, targets flattened", "[csv]") {
    bpt::CsvOptions options;
    options.table = bpt::CsvTable::Indicators;
    bpt::Project empty;
    empty.index = 9;
    empty.name = "无指标项目";
    auto rows = parse_csv(write(options, {awkward_project(), empty}));
    REQUIRE(rows.size() == 3);  // the project without indicators has no row
    const std::vector<std::string> header = {
        "project",      "project_name", "town",        "seq",          "level1_code", "level1_name",
        "level2_code",  "level2_name",  "name",        "period_raw",   "period_kind", "period_op",
        "period_value", "period_unit",  "period_qualifier", "annual_raw", "annual_kind", "annual_op",
        "annual_value", "annual_unit",  "annual_qualifier", "line",
        "period_value_max", "period_standard", "period_date", "period_date_end",
        "annual_value_max", "annual_standard", "annual_date", "annual_date_end", "duplicate"};
    CHECK(rows[0] == header);
    auto p = awkward_project();
    const std::vector<std::string> first = {"7",       p.name,   "狮岭镇",      "1",  "1",  "产出指标", "11",
                                            "数量指标", "培训,人次 \"含\"线上", "称职≥95%", "numeric", ">=", "95",
                                            "%",       "称职",    "合格",        "qualitative", "", "合格", "",
                                            "",        "40",     "",            "",   "",   "",         "",
                                            "",        "",       "",            ""};
    CHECK(rows[1] == first);
    // No level 2, no period target: empty cells; a boolean target reads true/false.
    const std::vector<std::string> second = {"7", p.name, "狮岭镇", "2", "", "效益指标", "", "", "是否达标", "",
                                             "", "", "", "", "", "是", "boolean", "", "true", "", "", "41",
                                             "", "", "", "", "", "", "", "", ""};
    CHECK(rows[2] == second);
    for (const auto& r : rows) CHECK(r.size() == header.size());
}

TEST_CASE("CSV marks an exact repeat, so the rows without the mark add up to the 合计", "[csv]") {
    auto p = awkward_project();
    auto again = p;
    again.index = 8;  // the same row printed again after a page break
    auto changed = p;
    changed.index = 9;
    changed.amounts.total = bpt::Money::from_cents(100);  // same name, other content: no repeat
    auto rows = parse_csv(write({}, {p, again, changed}));
    REQUIRE(rows.size() == 4);
    CHECK(rows[1].back() == "");
    CHECK(rows[2].back() == "true");
    CHECK(rows[3].back() == "");

    bpt::CsvOptions zh;
    zh.chinese = true;
    zh.table = bpt::CsvTable::Indicators;
    rows = parse_csv(write(zh, {p, again}));
    REQUIRE(rows.size() == 5);
    CHECK(rows[0][0] == "项目序号");
    CHECK(rows[0].back() == "重复");
    CHECK(rows[1].back() == "");
    CHECK(rows[3].back() == "是");
    CHECK(rows[4].back() == "是");
}

TEST_CASE("CSV --header zh: the table's words, with its unit", "[csv]") {
    bpt::CsvOptions zh;
    zh.chinese = true;
    zh.unit = "元";
    auto rows = parse_csv(write(zh, {awkward_project()}));
    REQUIRE(rows.size() == 2);
    CHECK(rows[0][0] == "序号");
    CHECK(rows[0][7] == "总计（元）");
    CHECK(rows[0][10] == "其他资金（元）");
    CHECK(rows[0].size() == rows[1].size());
}

TEST_CASE("CSV: --bom, the source column and a header-less part", "[csv]") {
    bpt::CsvOptions bom;
    bom.bom = true;
    auto bytes = write(bom, {awkward_project()});
    REQUIRE(bytes.starts_with("\xEF\xBB\xBF"));
    CHECK(parse_csv(bytes.substr(3)).size() == 2);

    // A part of a combined output: no BOM, no header, the input's path first.
    bpt::CsvOptions part;
    part.bom = true;
    part.header = false;
    part.source_column = true;
    part.bom = false;
    auto rows = parse_csv(write(part, {awkward_project()}, "a,b/“表”.txt"));
    REQUIRE(rows.size() == 1);
    CHECK(rows[0][0] == "a,b/“表”.txt");
    CHECK(rows[0][1] == "7");

    bpt::CsvOptions combined;
    combined.source_column = true;
    combined.bom = true;
    auto preamble = capture([&](bpt::Output& out) { bpt::CsvWriter::write_preamble(out, combined); });
    CHECK(preamble.starts_with("\xEF\xBB\xBF" "source,index,department,"));
}

TEST_CASE("CSV: a table without projects still gets its header", "[csv]") {
    auto rows = parse_csv(write({}, {}));
    REQUIRE(rows.size() == 1);
    CHECK(rows[0][0] == "index");
}

TEST_CASE("CSV: a period, a range and a standard fill the target columns after `line`", "[csv]") {
    bpt::Project p;
    p.index = 1;
    p.name = "林业项目";
    bpt::Indicator i;
    i.seq = 1;
    i.level1 = bpt::Level{"", "产出指标"};
    i.name = "项目期";
    i.period = bpt::parse_target("2022年3月-2023年11月");  // rw-21
    i.annual = bpt::parse_target("100%(历史标准)");        // rw-33
    i.location.line = 3;
    p.indicators.push_back(i);
    bpt::Indicator j = i;
    j.seq = 2;
    j.period = bpt::parse_target("90%-95%");
    j.annual.reset();
    p.indicators.push_back(j);
    bpt::CsvOptions options;
    options.table = bpt::CsvTable::Indicators;
    auto rows = parse_csv(write(options, {p}));
    REQUIRE(rows.size() == 3);
    const std::vector<std::string> dates = {"1", "林业项目", "", "1", "", "产出指标", "", "", "项目期",
                                            "2022年3月-2023年11月", "date", "between", "", "", "",
                                            "100%(历史标准)", "numeric", "=", "100", "%", "", "3",
                                            "", "", "2022-03", "2023-11", "", "历史标准", "", "", ""};
    CHECK(rows[1] == dates);
    const std::vector<std::string> range = {"1", "林业项目", "", "2", "", "产出指标", "", "", "项目期",
                                            "90%-95%", "numeric", "between", "90", "%", "",
                                            "", "", "", "", "", "", "3",
                                            "95", "", "", "", "", "", "", "", ""};  // then duplicate: empty
    CHECK(rows[2] == range);
}
