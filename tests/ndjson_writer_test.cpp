#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "bpt/json_writer.h"
#include "bpt/ndjson_writer.h"
#include "output_util.h"

using bpt::test::capture;
using nlohmann::json;

namespace {

bpt::Project project(std::uint32_t index, std::string name) {
    bpt::Project p;
    p.index = index;
    p.department = "测试局";
    p.name = p.base_name = std::move(name);
    p.amounts.total = bpt::Money::from_cents(920);
    p.amount_unit = "万元";  // as the assembler sets it: the project's own unit, else the document's
    p.goal = "目标：\"引号\"、反斜杠\\、换行\n制表\t控制\x01字符，全角“引号”。";
    p.indicators_text = "1、1-产出指标；11-数量指标；次数；实施周期指标值:≥1次；年度指标值:≥1次。";
    bpt::Indicator i;
    i.seq = 1;
    i.level1 = bpt::Level{"1", "产出指标"};
    i.name = "次数";
    bpt::Target t;
    t.raw = "≥1次";
    t.kind = bpt::TargetKind::Numeric;
    t.op = bpt::Comparator::Ge;
    t.value = "1";
    t.unit = "次";
    i.annual = t;
    p.indicators.push_back(i);
    return p;
}

// The events of a small table, in the order a reader sends them.
void feed(bpt::Sink& s) {
    bpt::DocumentInfo info;
    info.path = "档案/a \"b\".txt";
    info.dialect = "layout";
    info.encoding = "GB18030";
    info.title = "项目支出绩效目标表";
    info.department = "测试局";
    info.amount_unit = "万元";
    s.on_document(info);
    bpt::Amounts total;
    total.total = bpt::Money::from_cents(1840);
    s.on_declared_total(total, bpt::Location{.line = 4});
    s.on_department({"测试局", total, bpt::Location{.line = 5}});
    s.on_project(project(1, "第一，项目（狮岭镇）"));
    s.on_diagnostic(bpt::make_diagnostic(bpt::Rule::UnparsedText, "无法识别：'x'", bpt::Location{.line = 9}, {}, 1));
    s.on_project(project(2, "第二\n项目"));
    bpt::Summary sum;
    sum.projects = 2;
    sum.indicators = 2;
    sum.warnings = 1;
    s.on_end(sum);
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

}  // namespace

TEST_CASE("NDJSON: one self-contained object per line, summary last", "[ndjson]") {
    auto bytes = capture([](bpt::Output& out) {
        bpt::NdjsonWriter w(out);
        feed(w);
    });
    REQUIRE(bytes.ends_with("\n"));
    auto lines = lines_of(bytes);
    // Newlines and control characters inside fields are escaped, so the line count
    // is the record count.
    REQUIRE(lines.size() == 5);
    std::vector<std::string> types;
    for (const auto& l : lines) {
        auto j = json::parse(l);
        types.push_back(j["type"]);
        CHECK(j["source"]["path"] == "档案/a \"b\".txt");
        CHECK(j["source"]["dialect"] == "layout");
        CHECK(j["source"]["encoding"] == "GB18030");
    }
    CHECK(types == std::vector<std::string>{"department", "project", "diagnostic", "project", "summary"});

    auto first = json::parse(lines[1]);
    CHECK(first["amount_unit"] == "万元");
    CHECK(first["department"] == "测试局");
    CHECK(first["name"] == "第一，项目（狮岭镇）");
    CHECK(first["goal"] == "目标：\"引号\"、反斜杠\\、换行\n制表\t控制\x01字符，全角“引号”。");
    CHECK(json::parse(lines[3])["name"] == "第二\n项目");

    auto diag = json::parse(lines[2]);
    CHECK(diag["rule"] == "unparsed-text");
    CHECK(diag["severity"] == "warning");
    CHECK(diag["line"] == 9);
    CHECK(diag["project"] == 1);

    auto summary = json::parse(lines[4]);
    CHECK(summary["projects"] == 2);
    CHECK(summary["indicators"] == 2);
    CHECK(summary["warnings"] == 1);
    CHECK(summary["errors"] == 0);
    CHECK(summary["title"] == "项目支出绩效目标表");
    // Exact decimals as written by Money, not re-rendered through a double.
    CHECK(lines[4].find("\"declared_total\":{\"total\":18.40,") != std::string::npos);
    CHECK(summary["declared_total_line"] == 4);

    auto dept = json::parse(lines[0]);
    CHECK(dept["name"] == "测试局");
    CHECK(dept["line"] == 5);
}

TEST_CASE("NDJSON project lines carry the same project members as the JSON document", "[ndjson]") {
    auto nd = capture([](bpt::Output& out) {
        bpt::NdjsonWriter w(out);
        feed(w);
    });
    auto doc = json::parse(capture([](bpt::Output& out) {
        bpt::RulePolicy policy;
        bpt::JsonWriter w(out, false, policy);
        feed(w);
    }));
    auto lines = lines_of(nd);
    std::size_t k = 0;
    for (const auto& l : lines) {
        auto j = json::parse(l);
        if (j["type"] != "project") continue;
        j.erase("type");
        j.erase("source");
        REQUIRE(k < doc["projects"].size());
        CHECK(j == doc["projects"][k++]);
    }
    CHECK(k == 2);
}

TEST_CASE("NDJSON: a table without a 合计 row says so in its summary", "[ndjson]") {
    auto bytes = capture([](bpt::Output& out) {
        bpt::NdjsonWriter w(out);
        bpt::DocumentInfo info;
        info.path = "t.txt";
        w.on_document(info);
        w.on_end({});
    });
    auto lines = lines_of(bytes);
    REQUIRE(lines.size() == 1);
    auto s = json::parse(lines[0]);
    CHECK(s["type"] == "summary");
    CHECK(s["declared_total"].is_null());
    CHECK(s["declared_total_line"].is_null());
    CHECK(s["projects"] == 0);
}
