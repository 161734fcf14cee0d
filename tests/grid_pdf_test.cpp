// End-to-end: the national grid forms read from PDF (data/pdf/grid/, printed by Chromium
// from the spreadsheet renderings in data/grid/; scripts/make-fixtures.sh grid). Each
// PDF must give its text rendering's records: the same projects, amounts, indicators
// with their levels, typed targets, weights and actual values; only the locations
// differ (a page and a position instead of a line).
#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_util.h"

using bpt::test::quote;
using bpt::test::run_bpt;
using json = nlohmann::json;

namespace {

std::string pdf(const std::string& name) { return quote(bpt::test::data_path("pdf/grid/" + name)); }

// A record without where it came from: lines, pages, positions and the raw row text.
json without_locations(json j) {
    if (j.is_object()) {
        json out = json::object();
        for (auto& [k, v] : j.items())
            if (k != "line" && k != "end_line" && k != "page" && k != "x" && k != "y" && k != "location" &&
                k != "raw" && k != "source")
                out[k] = without_locations(v);
        return out;
    }
    if (j.is_array()) {
        json out = json::array();
        for (auto& v : j) out.push_back(without_locations(v));
        return out;
    }
    return j;
}

json parse_json(const std::string& args, int& rc, std::string& raw) {
    auto r = run_bpt("parse -q --compact " + args);
    rc = r.rc;
    raw = r.out;
    return json::parse(r.out);
}

std::vector<std::string> rules_of(const json& doc) {
    std::vector<std::string> out;
    for (const auto& d : doc["diagnostics"]) out.push_back(d["rule"]);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("grid pdf: each form gives its text rendering's records", "[grid][pdf][e2e]") {
    for (const char* name :
         {"single-project", "single-project-top", "selfeval", "multiproject", "midterm-annual", "midterm-annual-groups", "whole-department", "row-split", "cover-page"}) {
        INFO(name);
        auto expected =
            json::parse(bpt::test::read_file(bpt::test::data_path(std::string("pdf/grid/") + name + ".expected.json")));
        int rc_pdf = 0, rc_text = 0;
        std::string raw_pdf, raw_text;
        json from_pdf = parse_json(pdf(std::string(name) + ".pdf"), rc_pdf, raw_pdf);
        json from_text = parse_json(quote(bpt::test::data_path(expected["source"].get<std::string>())), rc_text, raw_text);
        CHECK(rc_pdf == rc_text);
        CHECK(from_pdf["source"]["dialect"] == "pdf");
        REQUIRE(from_pdf["projects"].size() == expected["projects"].size());
        for (std::size_t i = 0; i < expected["projects"].size(); ++i) {
            const auto& e = expected["projects"][i];
            const auto& p = from_pdf["projects"][i];
            CHECK(p["name"] == e["name"]);
            CHECK(p["amount_unit"] == e["amount_unit"]);
            CHECK(p["indicators"].size() == e["indicators"].get<std::size_t>());
            // Exact: the amounts as printed, digit for digit.
            if (!e["amounts"]["total"].is_null())
                CHECK(raw_pdf.find("\"total\":" + e["amounts"]["total"].get<std::string>() + ",") != std::string::npos);
            // Every indicator has a page and a position on it.
            for (const auto& ind : p["indicators"]) {
                CHECK(ind["line"] == 0);
                CHECK(ind["page"].get<int>() >= 1);
                CHECK(ind["x"].get<double>() > 0);
            }
            CHECK(p["location"]["page"].get<int>() >= 1);
        }
        CHECK(without_locations(from_pdf["projects"]) == without_locations(from_text["projects"]));
        CHECK(without_locations(from_pdf["departments"]) == without_locations(from_text["departments"]));
        CHECK(from_pdf["title"] == from_text["title"]);
        CHECK(from_pdf["amount_unit"] == from_text["amount_unit"]);
        CHECK(rules_of(from_pdf) == rules_of(from_text));
    }
}

TEST_CASE("grid pdf: a single-project form: merged level cells carried down, decorations, typed targets",
          "[grid][pdf][e2e]") {
    for (const char* name : {"single-project.pdf", "single-project-top.pdf"}) {  // middle- and top-aligned cells
        INFO(name);
        int rc = 0;
        std::string raw;
        json doc = parse_json(pdf(name), rc, raw);
        CHECK(rc == 0);
        CHECK(doc["title"] == "项目支出绩效目标申报表");
        REQUIRE(doc["projects"].size() == 1);
        const auto& p = doc["projects"][0];
        CHECK(p["name"] == "城区公厕维护经费");
        CHECK(p["department"] == "示例市城市管理局");
        CHECK(p["budget_unit"] == "示例市环境卫生管理所");
        CHECK(raw.find(R"("amounts":{"total":153.5184,"fiscal":150,"fiscal_special":null,"other":3.5184},"amount_unit":"万元")") !=
              std::string::npos);
        CHECK(p["goal"] == "完成城区120座公厕日常保洁与维修，群众如厕环境明显改善。");
        const auto& ind = p["indicators"];
        REQUIRE(ind.size() == 8);
        // 产出指标(50分) is merged over four rows and 数量指标 over two.
        for (int k : {0, 1, 2, 3}) {
            CHECK(ind[k]["level1"]["name"] == "产出指标");
            CHECK(ind[k]["level1"]["weight"] == "50");
        }
        CHECK(ind[1]["level2"]["name"] == "数量指标");
        CHECK(ind[2]["level2"]["name"] == "质量指标");
        CHECK(ind[4]["level1"]["name"] == "成本指标");
        CHECK(ind[4]["level2"]["name"] == "经济成本指标");
        CHECK(ind[6]["level1"]["name"] == "效益指标");
        CHECK(ind[6]["level2"]["name"] == "可持续影响指标");
        CHECK(ind[7]["level1"]["name"] == "满意度指标");
        // 计量单位 | 指标性质 | 指标值 typed into one target.
        CHECK(ind[0]["name"] == "维护公厕数量");
        CHECK(ind[0]["targets"]["annual"]["op"] == ">=");
        CHECK(ind[0]["targets"]["annual"]["value"] == 120);
        CHECK(ind[0]["targets"]["annual"]["unit"] == "座");
        CHECK(ind[0]["weight"] == "20");
        CHECK(ind[3]["targets"]["annual"]["op"] == "<=");
        CHECK(ind[3]["targets"]["annual"]["value"] == 24);
        CHECK(ind[5]["targets"]["annual"]["kind"] == "qualitative");
        CHECK(ind[5]["targets"]["annual"]["value"] == "明显改善");
        CHECK(ind[4]["note"] == "按2023年决算");
    }
}

TEST_CASE("grid pdf: a self-evaluation gives actual values, and its findings name the page", "[grid][pdf][e2e]") {
    int rc = 0;
    std::string raw;
    json doc = parse_json(pdf("selfeval.pdf"), rc, raw);
    REQUIRE(doc["projects"].size() == 1);
    const auto& p = doc["projects"][0];
    CHECK(p["name"] == "临时救助资金");
    CHECK(p["amount_unit"] == "元");
    CHECK(raw.find(R"("total":1030700.00,"fiscal":1030700.00)") != std::string::npos);
    CHECK(p["goal"] == "对遭遇突发性、紧急性困难的家庭给予临时救助，兜住民生底线。");
    const auto& ind = p["indicators"];
    REQUIRE(ind.size() == 5);
    CHECK(ind[1]["level1"]["name"] == "产出指标");  // merged over three rows
    CHECK(ind[2]["level1"]["name"] == "产出指标");
    CHECK(ind[1]["actual"]["value"] == 96);
    CHECK(ind[1]["actual"]["unit"] == "%");
    CHECK(ind[1]["targets"]["annual"]["value"] == 98);
    CHECK(ind[1]["score"] == "18");
    CHECK(ind[1]["reason"] == "个别对象核查不及时，已完善复核机制");
    CHECK(ind[3]["level1"]["name"] == "效益指标");
    auto v = run_bpt("validate --color never " + pdf("selfeval.pdf"));
    CHECK(v.out.find("selfeval.pdf:p1: warning[actual-below-target]") != std::string::npos);
    CHECK(v.out.find("selfeval.pdf:p1: warning[weights-not-100]") != std::string::npos);
}

TEST_CASE("grid pdf: a multi-project grid: projects on their first rows, the department line is no project",
          "[grid][pdf][e2e]") {
    int rc = 0;
    std::string raw;
    json doc = parse_json(pdf("multiproject.pdf"), rc, raw);
    REQUIRE(doc["projects"].size() == 2);
    CHECK(doc["projects"][0]["name"] == "村组干部报酬");
    CHECK(doc["projects"][1]["name"] == "基层组织活动经费");
    CHECK(raw.find(R"("total":3309840.00,)") != std::string::npos);
    CHECK(raw.find(R"("total":660000.00,)") != std::string::npos);
    for (const auto& p : doc["projects"]) {
        CHECK(p["budget_unit"] == "井研县马踏镇人民政府");  // merged over both projects
        CHECK(p["department"] == "马踏镇部门");
        CHECK(p["amount_unit"] == "元");
    }
    CHECK(doc["projects"][0]["indicators"].size() == 8);
    CHECK(doc["projects"][1]["indicators"].size() == 5);
    // The goal, wrapped over many lines in its merged cell, joined whole.
    CHECK(doc["projects"][1]["goal"] ==
          "包括必要的办公用品费、水电费、报刊费等村社区办公经费,基层党组织开展组织活动、党员干部教育培训,群团活动开展,"
          "组织活动场所维护等。");
    REQUIRE(doc["departments"].size() == 1);
    CHECK(doc["departments"][0]["name"] == "马踏镇部门");
    CHECK(raw.find(R"("declared_total":{"total":8827620.53,)") != std::string::npos);
}

TEST_CASE("grid pdf: 中期 and 年度 groups side by side", "[grid][pdf][e2e]") {
    int rc = 0;
    std::string raw;
    json doc = parse_json(pdf("midterm-annual.pdf"), rc, raw);
    REQUIRE(doc["projects"].size() == 1);
    const auto& p = doc["projects"][0];
    CHECK(p["name"] == "农村供水保障工程");
    CHECK(raw.find(R"("amounts":{"total":5.8,"fiscal":5.8,"fiscal_special":null,"other":0},"amount_unit":"万元")") !=
          std::string::npos);
    CHECK(p["goal"] == "年内完成1个乡镇供水管网改造。");
    const auto& ind = p["indicators"];
    REQUIRE(ind.size() == 5);
    CHECK(ind[0]["targets"]["period"]["value"] == 300);
    CHECK(ind[0]["targets"]["period"]["unit"] == "公里");
    CHECK(ind[0]["targets"]["annual"]["value"] == 5.8);
    CHECK(ind[0]["direction"] == "正向");
    CHECK(ind[1]["level2"]["name"] == "数量指标");  // carried down
    CHECK(ind[2]["level2"]["name"] == "质量指标");
    CHECK(ind[2]["level1"]["name"] == "产出指标");
}

TEST_CASE("grid pdf: realworld rw-14's form: a label column, then 中期 and 年度 groups of level, name and value",
          "[grid][pdf][e2e]") {
    int rc = 0;
    std::string raw;
    json doc = parse_json(pdf("midterm-annual-groups.pdf"), rc, raw);
    REQUIRE(doc["projects"].size() == 1);
    const auto& p = doc["projects"][0];
    CHECK(p["name"] == "发展建设类-农产品质检体系建设和“三品一标”发展项目");
    CHECK(p["department"] == "六安市农业农村局");
    CHECK(raw.find(R"("amounts":{"total":51.35,"fiscal":51.35,"fiscal_special":null,"other":0.00},"amount_unit":"万元")") !=
          std::string::npos);
    const auto& ind = p["indicators"];
    REQUIRE(ind.size() == 7);
    CHECK(ind[0]["targets"]["period"]["raw"] == "≥57个");
    CHECK(ind[0]["targets"]["annual"]["raw"] == "≥57个");
    CHECK(ind[2]["level2"]["name"] == "数量指标");
    CHECK(ind[4]["level2"]["name"] == "质量指标");
    CHECK(ind[6]["level1"]["name"] == "产出指标");
    CHECK(ind[6]["targets"]["annual"]["op"] == "<=");
    CHECK(ind[6]["targets"]["annual"]["value"] == 7);
}

TEST_CASE("grid pdf: a whole-department table over two pages continues under the repeated header",
          "[grid][pdf][e2e]") {
    int rc = 0;
    std::string raw;
    json doc = parse_json(pdf("whole-department.pdf"), rc, raw);
    REQUIRE(doc["projects"].size() == 1);
    const auto& p = doc["projects"][0];
    CHECK(p["name"] == "浮梁县林业局");  // named by its department
    const auto& ind = p["indicators"];
    REQUIRE(ind.size() == 13);
    int on_page2 = 0;
    for (const auto& i : ind) {
        on_page2 += i["page"] == 2;
        CHECK(i["level1"]["name"] == "产出指标");  // merged across the page break
    }
    CHECK(on_page2 >= 3);
    CHECK(ind[7]["level2"]["name"] == "数量指标");
    CHECK(ind[12]["level2"]["name"] == "质量指标");
    CHECK(ind[12]["name"] == "工资发放准确性(%)");
    CHECK(ind[12]["targets"]["annual"]["op"] == ">=");
    CHECK(ind[12]["targets"]["annual"]["value"] == 95);
    CHECK(ind[12]["note"] == "该指标值数据合理");
}

TEST_CASE("grid pdf: a PDF that is neither the list nor a grid form is still refused in one line",
          "[grid][pdf][e2e]") {
    auto r = run_bpt("parse " + quote(bpt::test::data_path("pdf/not-a-table.pdf")));
    CHECK(r.rc == 2);
    CHECK(r.out.empty());
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.err.find("not a budget performance target table") != std::string::npos);
}

TEST_CASE("grid: each project carries the unit its own header block states", "[grid][e2e][schema]") {
    // Two per-project blocks, one in 万元 (`项目资金(万元)`), one in 元 (`金额单位:元`).
    for (const char* format : {"--compact", "--format ndjson"}) {
        INFO(format);
        auto r = run_bpt(std::string("parse -q ") + format + " " +
                         quote(bpt::test::data_path("grid/two-blocks-two-units-pipe.txt")));
        REQUIRE(r.rc == 0);
        CHECK(r.out.find(R"("amounts":{"total":88.5,"fiscal":null,"fiscal_special":null,"other":null},"amount_unit":"万元")") !=
              std::string::npos);
        CHECK(r.out.find(R"("amounts":{"total":120000.00,"fiscal":null,"fiscal_special":null,"other":null},"amount_unit":"元")") !=
              std::string::npos);
    }
}

TEST_CASE("grid pdf: a row a page break cuts is read once, whole", "[grid][pdf][e2e]") {
    int rc = 0;
    std::string raw;
    json doc = parse_json(pdf("row-split.pdf"), rc, raw);
    REQUIRE(doc["projects"].size() == 1);
    const auto& ind = doc["projects"][0]["indicators"];
    REQUIRE(ind.size() == 13);
    // 林业产业(万亩): its note runs from page 1 over the whole of page 2 onto page 3.
    CHECK(ind[6]["name"] == "林业产业(万亩)");
    CHECK(ind[6]["page"] == 1);
    std::string note = ind[6]["note"];
    CHECK(note.starts_with("该指标值数据合理，依据林业产业发展规划"));
    CHECK(note.ends_with("数据来源为林业局年度统计报表。"));
    CHECK(ind[7]["name"] == "签订野生动物致害保险(单)");
    CHECK(ind[7]["page"].get<int>() >= 2);
}

TEST_CASE("grid pdf: cells padded 1 px run their rows together: refused in one line, not read as junk",
          "[grid][pdf][e2e]") {
    auto r = run_bpt("parse " + pdf("tight-padding.pdf"));
    CHECK(r.rc == 2);
    CHECK(r.out.empty());
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.err.find("tight-padding.pdf: a grid form whose rows cannot be told apart") != std::string::npos);
    CHECK(r.err.find("(p1)") != std::string::npos);
}

TEST_CASE("grid pdf: a grid form whose rows cannot be told apart is refused in one line, not misread",
          "[grid][pdf][e2e]") {
    // LibreOffice Calc at its default row height: rows 15 pt apart for 11 pt text, as
    // close as a wrapped cell's lines.
    auto r = run_bpt("parse " + pdf("calc-tight-rows.pdf"));
    CHECK(r.rc == 2);
    CHECK(r.out.empty());
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.err.find("calc-tight-rows.pdf: a grid form") != std::string::npos);
    CHECK(r.err.find("save the table as CSV") != std::string::npos);
}
