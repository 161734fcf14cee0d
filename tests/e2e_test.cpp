// End-to-end: the built binary on the real sample and on variants of it that other
// extractors would write. Every variant must give the same figures.
#include <catch2/catch.hpp>

#include <cmath>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>

#include "sample.h"
#include "test_util.h"

using bpt::test::quote;
using bpt::test::run_bpt;
using nlohmann::json;

namespace {

const std::string kSample = "huadu-org-layout.txt";

// Amounts come out as JSON numbers; a test may read them through a double and
// round to hundredths, exact for any amount of this size.
std::int64_t cents(const json& v) { return std::llround(v.get<double>() * 100); }

json parse_ok(const std::filesystem::path& file, const std::string& extra = "") {
    auto r = run_bpt("parse " + quote(file) + " " + extra);
    INFO(r.err);
    REQUIRE(r.rc == 0);
    return json::parse(r.out);
}

// The figures the issue names for the real table, whatever its encoding or layout.
void check_sample_figures(const json& doc) {
    const auto& projects = doc["projects"];
    REQUIRE(projects.size() == bpt::test::layout_sample::kProjects);
    std::int64_t sum = 0;
    std::set<std::string> towns;
    for (const auto& p : projects) {
        sum += cents(p["amounts"]["total"]);
        if (!p["town"].is_null()) towns.insert(p["town"].get<std::string>());
        // No page furniture inside any field.
        for (const char* field : {"name", "goal", "indicators_text"}) {
            if (p[field].is_null()) continue;
            auto s = p[field].get<std::string>();
            CHECK(s.find("项目名称") == std::string::npos);
            CHECK(s.find("部门名称") == std::string::npos);
            CHECK(s.find("页") == std::string::npos);
            CHECK(s.find('\n') == std::string::npos);
            CHECK(s.find('\f') == std::string::npos);
        }
    }
    CHECK(sum == 926496);
    CHECK(cents(doc["declared_total"]["total"]) == bpt::test::layout_sample::kDeclaredCents);
    REQUIRE(doc["departments"].size() == 1);
    CHECK(doc["departments"][0]["name"] == "中国共产党广州市花都区委员会组织部");
    CHECK(cents(doc["departments"][0]["declared_total"]["total"]) == bpt::test::layout_sample::kDeclaredCents);
    CHECK(towns.size() == 6);
    CHECK(projects[0]["name"] == "党代表任期制工作经费（狮岭镇）");
    CHECK(projects[0]["town"] == "狮岭镇");
    CHECK(cents(projects[0]["amounts"]["total"]) == 920);
    bool found = false;
    for (const auto& p : projects) {
        if (p["name"] != "人才工作经费") continue;
        found = true;
        CHECK(cents(p["amounts"]["total"]) == 4100);
        CHECK(p["town"].is_null());
    }
    CHECK(found);
    CHECK(doc["summary"]["projects"] == bpt::test::layout_sample::kProjects);
    CHECK(doc["summary"]["indicators"] == bpt::test::layout_sample::kIndicators);
    const auto& first = projects[0]["indicators"][0];
    CHECK(first["seq"] == 1);
    CHECK(first["level1"] == json({{"code", "1"}, {"name", "产出指标"}}));
    CHECK(first["level2"] == json({{"code", "11"}, {"name", "数量指标"}}));
    CHECK(first["name"] == "党代会年会制试点镇数量指标");
    for (const char* which : {"period", "annual"}) {
        CHECK(first["targets"][which]["op"] == ">");
        CHECK(first["targets"][which]["value"] == 1);
    }
    // The validator's findings on the real table (docs/rules.md): two level-2 codes
    // 31 under 2-效益指标 (errors); 3 page-break repeats, 7 projects lacking an
    // output or effect indicator and 2部 over the period against 6部 in the year
    // (warnings); 合计 and the department subtotal matching once the repeats are set
    // aside (infos). tests/validate_e2e_test.cpp checks each by rule and line.
    CHECK(doc["summary"]["errors"] == 2);
    CHECK(doc["summary"]["warnings"] == 11);
    CHECK(doc["summary"]["infos"] == 2);
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
    return s;
}

// The sample with its page breaks (three empty lines) made explicit by `page_end`,
// and its other empty lines dropped: what pdftotext-like extractors write.
std::string rewrite_pages(const std::string& sample, const std::function<std::string(int)>& page_end) {
    std::string out;
    int empty_run = 0, page = 1;
    std::size_t start = 0;
    while (start < sample.size()) {
        std::size_t end = sample.find('\n', start);
        if (end == std::string::npos) end = sample.size();
        std::string line = sample.substr(start, end - start);
        start = end + 1;
        if (line.find_first_not_of(' ') == std::string::npos) {
            ++empty_run;
            continue;
        }
        if (empty_run >= 3) out += page_end(page++);
        empty_run = 0;
        out += line + "\n";
    }
    return out;
}

}  // namespace

TEST_CASE("parse: the real layout sample gives every project, exactly", "[e2e]") {
    auto doc = parse_ok(bpt::test::data_path(kSample));
    check_sample_figures(doc);
    CHECK(doc["schema"] == "bpt/1");
    CHECK(doc["source"]["dialect"] == "layout");
    CHECK(doc["source"]["encoding"] == "UTF-8");
    CHECK(doc["title"] == "项目支出绩效目标表（含转移支付项目）");
    CHECK(doc["amount_unit"] == "万元");
    const auto& first = doc["projects"][0];
    CHECK(first["index"] == 1);
    CHECK(first["base_name"] == "党代表任期制工作经费");
    CHECK(first["suffix"] == "狮岭镇");
    CHECK(first["location"]["line"] == 15);
    CHECK(first["location"]["end_line"] == 50);
    CHECK(first["location"]["page"] == 1);
    CHECK(first["goal"].get<std::string>().starts_with("加强党代表大会代表与基层党员"));
    CHECK(first["indicators_text"].get<std::string>().starts_with("1、1-产出指标；11-数量指标；党代会年会制试点镇数量指标；实施周期指标值:＞1"));
    const auto& last = doc["projects"][176];
    CHECK(last["name"] == "市级镇(街)党建工作指导员工资补助经费（区本级）");
    CHECK(last["suffix"] == "区本级");
    CHECK(last["town"].is_null());
    CHECK(last["location"]["page"] == 35);
}

TEST_CASE("parse: the same table from other extractors gives the same figures", "[e2e]") {
    const std::string sample = bpt::test::read_file(bpt::test::data_path(kSample));
    bpt::test::TempDir dir;
    struct Variant {
        std::string name;
        std::string bytes;
        std::string encoding;
    };
    std::vector<Variant> variants = {
        {"crlf", replace_all(sample, "\n", "\r\n"), "UTF-8"},
        {"cr", replace_all(sample, "\n", "\r"), "UTF-8"},
        {"gb18030", bpt::test::encode(sample, "GB18030"), "GB18030"},
        {"gb18030-crlf", bpt::test::encode(replace_all(sample, "\n", "\r\n"), "GB18030"), "GB18030"},
        {"bom", "\xEF\xBB\xBF" + sample, "UTF-8 (BOM)"},
        {"utf16", "\xFF\xFE" + bpt::test::encode(sample, "UTF-16LE"), "UTF-16LE"},
        {"formfeed", rewrite_pages(sample, [](int) { return std::string("\f"); }), "UTF-8"},
        {"furniture",
         rewrite_pages(sample,
                       [](int page) {
                           return "第 " + std::to_string(page) + " 页，共 35 页\n\f项目支出绩效目标表（含转移支付项目）\n"
                                  "部门名称：中国共产党广州市花都区委员会组织部 单位：万元\n"
                                  "项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标\n";
                       }) + "第 35 页，共 35 页\n",
         "UTF-8"},
        {"dash-footer", rewrite_pages(sample, [](int page) { return "- " + std::to_string(page) + " -\n\f"; }),
         "UTF-8"},
        {"tabs", std::regex_replace(sample, std::regex("(^|\n)    "), "$1\t"), "UTF-8"},
    };
    for (const auto& v : variants) {
        SECTION(v.name) {
            auto path = dir / (v.name + ".txt");
            bpt::test::write_file(path, v.bytes);
            auto doc = parse_ok(path);
            check_sample_figures(doc);
            CHECK(doc["source"]["encoding"] == v.encoding);
            if (v.name == "formfeed" || v.name == "furniture") {
                CHECK(doc["projects"][176]["location"]["page"] == 35);
            }
        }
    }
}

TEST_CASE("parse: standard input, --compact and -o", "[e2e]") {
    auto sample = bpt::test::data_path(kSample);
    auto r = run_bpt("parse - --compact < " + quote(sample));
    REQUIRE(r.rc == 0);
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1);
    auto doc = json::parse(r.out);
    CHECK(doc["source"]["path"] == "-");
    check_sample_figures(doc);

    bpt::test::TempDir dir;
    auto out = dir / "out.json";
    auto written = run_bpt("parse " + quote(sample) + " -o " + quote(out));
    REQUIRE(written.rc == 0);
    CHECK(written.out.empty());
    check_sample_figures(json::parse(bpt::test::read_file(out)));
}

TEST_CASE("parse: a file that cannot be read exits 2 with one line naming it", "[e2e]") {
    bpt::test::TempDir dir;
    auto missing = run_bpt("parse " + quote(dir / "nope.txt"));
    CHECK(missing.rc == 2);
    CHECK(missing.out.empty());
    CHECK(missing.err.find("nope.txt") != std::string::npos);
    CHECK(std::count(missing.err.begin(), missing.err.end(), '\n') == 1);

    bpt::test::write_file(dir / "empty.txt", "");
    auto empty = run_bpt("parse " + quote(dir / "empty.txt"));
    CHECK(empty.rc == 2);
    CHECK(empty.out.empty());
    CHECK(empty.err.find("empty.txt") != std::string::npos);

    bpt::test::write_file(dir / "binary.txt", std::string("\x7f" "ELF\0\0\0\x01\x02", 9));
    auto binary = run_bpt("parse " + quote(dir / "binary.txt"));
    CHECK(binary.rc == 2);
    CHECK(binary.err.find("binary.txt") != std::string::npos);

    auto folder = run_bpt("parse " + quote(dir.path()));
    CHECK(folder.rc == 2);
    CHECK(folder.err.find("folder") != std::string::npos);

    auto usage = run_bpt("parse");
    CHECK(usage.rc == 2);
}

TEST_CASE("parse: a failed -o leaves no file behind", "[e2e]") {
    bpt::test::TempDir dir;
    bpt::test::write_file(dir / "bad.txt", "just some words\n");
    auto out = dir / "out.json";
    auto r = run_bpt("parse " + quote(dir / "bad.txt") + " -o " + quote(out));
    CHECK(r.rc == 2);
    CHECK_FALSE(std::filesystem::exists(out));
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), {}) == 1);
}

TEST_CASE("parse: the rule options of validate tune the findings in the output", "[e2e]") {
    auto sample = bpt::test::data_path(kSample);
    auto doc = parse_ok(sample, "--compact --disable duplicate-project,missing-indicator-category "
                                "--severity indicator-code-mismatch=warning");
    CHECK(doc["summary"]["errors"] == 0);
    CHECK(doc["summary"]["warnings"] == 3);
    for (const auto& d : doc["diagnostics"]) CHECK(d["rule"] != "duplicate-project");
    auto unknown = run_bpt("parse " + quote(sample) + " --disable no-such-rule");
    CHECK(unknown.rc == 2);
    CHECK(unknown.out.empty());
    CHECK(unknown.err.find("no-such-rule") != std::string::npos);
}
