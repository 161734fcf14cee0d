// End-to-end: every published table in data/realworld/ through the whole pipeline
// (detection, the grid reader, the assembler, the checks), as `bpt parse` runs it.
// Each is read (its projects, amounts as printed, indicator rows) or refused with
// exit 2; a fragment cut mid-table is read up to the cut and says so (exit 1).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "test_util.h"

using bpt::test::quote;
using bpt::test::run_bpt;

namespace {

struct Expected {
    const char* file;
    int rc;               // 0 read; 1 read, but doubtful (a cut fragment, an unreadable amount); 2 refused
    int projects;
    int indicators;
    const char* first;    // the first project's name
    const char* total;    // its 总计 exactly as the JSON prints it; "" when the table gives none
    const char* unit;     // amount_unit; "" when the table names none
};

constexpr Expected kTables[] = {
    {"rw-01-jingyan-mata-2023-multiproject-pipe-grid.txt", 1, 2, 13, "村组干部报酬", "3309840.00", ""},
    {"rw-04-linyi-school-2025-single-lines.txt", 0, 1, 8, "小学教育公用经费", "438.768", "万元"},
    {"rw-05-lechang-zhongzhi-2018-traditional-pipe.txt", 0, 1, 2,
     "學生資助補助經費(中等職業學校國家助學金和免學費補助資金)", "", "万元"},
    {"rw-08-nanyue-poverty-2018-single-spaces.txt", 0, 1, 16, "2018年市级专项扶贫资金基础设施(人大代表扶贫基地)", "10",
     "万元"},
    {"rw-09-tongxin-grape-2023-prose.txt", 2, 0, 0, "", "", ""},
    {"rw-10-yueyang-farmland-2022-single-lines.txt", 1, 1, 12, "岳阳县2022年高标准农田建设项目", "", "万元"},
    {"rw-12-ganzi-samr-xlsx-preview-spaces.txt", 0, 1, 11, "甘孜藏族自治州市场监督管理局机关", "", ""},
    {"rw-14-luan-agri-2024-midterm-annual-pipe.txt", 1, 1, 7, "发展建设类-农产品质检体系建设和“三品一标”发展项目", "51.35",
     "万元"},
    {"rw-17-suixi-minzheng-2019-selfeval-pipe-cells.txt", 1, 1, 9, "临时救助", "30", "万元"},
    {"rw-19-tianjin-hebei-court-2023-multiproject-pipe.txt", 1, 2, 11, "安全隐患维修", "20.00", "万元"},
    {"rw-21-yuanzhou-forest-2022-single-pipe.txt", 1, 1, 11, "原州区2022年南部水源涵养林建设项目", "6070.00", "万元"},
    {"rw-22-fuliang-forestry-dept-whole-pipe.txt", 0, 1, 13, "浮梁县林业局", "", ""},
    {"rw-25-jinan-disabled-2023-single-spaces.txt", 1, 1, 3, "残疾人精准康复", "80", "万元"},
    {"rw-28-dongguan-road-2019-approval-pipe.txt", 1, 1, 5, "镇际联网路升级改造工程一期", "919.00", "万元"},
    {"rw-31-qingshan-edu-2020-glued-values.txt", 2, 0, 0, "", "", ""},
    {"rw-33-ningde-gazetteer-2019-dept-whole.txt", 1, 1, 6, "中共宁德市委党史和地方志研究室", "171.41", "万元"},
    {"rw-35-ningjin-grant-2019-eval-glued.txt", 2, 0, 0, "", "", ""},
};

}  // namespace

TEST_CASE("grid e2e: every published table is read, flagged where cut, or refused", "[grid][e2e]") {
    for (const auto& t : kTables) {
        INFO(t.file);
        auto r = run_bpt("parse -q --compact " + quote(bpt::test::data_path(std::string("realworld/") + t.file)));
        INFO(r.err);
        CHECK(r.rc == t.rc);
        if (t.rc == 2) {
            CHECK(r.out.empty());
            CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);  // one line says why
            continue;
        }
        CHECK((t.rc == 1) == (r.err.find("the reading is doubtful") != std::string::npos));
        auto doc = nlohmann::json::parse(r.out);
        CHECK(doc["source"]["dialect"] == "grid");
        CHECK(doc["summary"]["projects"] == t.projects);
        CHECK(doc["summary"]["indicators"] == t.indicators);
        REQUIRE(!doc["projects"].empty());
        CHECK(doc["projects"][0]["name"] == t.first);
        // Amounts as printed, compared as text: the JSON keeps the table's decimals.
        std::string total = std::string(t.total).empty() ? "null" : t.total;
        CHECK(r.out.find("\"amounts\":{\"total\":" + total) != std::string::npos);
        CHECK(doc["amount_unit"] == (std::string(t.unit).empty() ? nlohmann::json() : nlohmann::json(t.unit)));
        for (const auto& p : doc["projects"])
            for (const auto& i : p["indicators"]) {
                CHECK(i["level1"].is_object());  // carried down to every row
                CHECK_FALSE(i["name"].get<std::string>().empty());
            }
    }
}

TEST_CASE("grid e2e: a self-evaluation keeps its actual values; a level's weight comes off its name",
          "[grid][e2e]") {
    auto r = run_bpt("parse -q --compact " +
                     quote(bpt::test::data_path("realworld/rw-17-suixi-minzheng-2019-selfeval-pipe-cells.txt")));
    auto doc = nlohmann::json::parse(r.out);
    int actual = 0;
    for (const auto& i : doc["projects"][0]["indicators"]) actual += i.contains("actual");
    CHECK(actual > 0);
    // The published values split over 指标性质 | 指标值 | 度量单位 columns become one typed target.
    auto mata = run_bpt("parse -q --compact " +
                        quote(bpt::test::data_path("realworld/rw-01-jingyan-mata-2023-multiproject-pipe-grid.txt")));
    CHECK(mata.out.find("\"raw\":\"≥95%\"") != std::string::npos);
}
