// The CI printers on findings a PDF reader raises (a page and a position, no line)
// and a text reader raises (a line), built from the registry's rules, so that the
// PDF case is covered before a PDF sample reaches validate.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "bpt/report.h"
#include "output_util.h"

using nlohmann::json;

namespace {

bpt::FileReport pdf_report() {
    bpt::FileReport r;
    r.path = "表格 2024.pdf";
    bpt::Location page;
    page.page = 3;
    page.x = 72.5f;
    page.y = 140.25f;
    r.diagnostics.push_back(bpt::make_diagnostic(bpt::Rule::MissingGoal, "项目没有绩效目标", page, "某项目"));
    bpt::Location line;
    line.line = 12;
    r.diagnostics.push_back(bpt::make_diagnostic(bpt::Rule::TotalMismatch, "合计不等于各项目之和", line, "合计 1"));
    r.summary.errors = 1;
    r.summary.warnings = 1;
    r.summary.projects = 2;
    return r;
}

std::string print(std::unique_ptr<bpt::ReportPrinter> (*make)(bpt::Output&)) {
    return bpt::test::capture([&](bpt::Output& out) {
        auto p = make(out);
        p->file(pdf_report());
        p->finish();
    });
}

}  // namespace

TEST_CASE("SARIF: a PDF finding has its page and position and a text finding its line", "[report][sarif]") {
    auto doc = json::parse(print([](bpt::Output& o) { return bpt::make_sarif_printer(o, "9.9.9"); }));
    CHECK(doc["version"] == "2.1.0");
    const auto& run = doc["runs"][0];
    CHECK(run["tool"]["driver"]["version"] == "9.9.9");
    CHECK(run["tool"]["driver"]["rules"].size() == bpt::all_rules().size());
    const auto& results = run["results"];
    REQUIRE(results.size() == 2);
    const auto& pdf = results[0]["locations"][0]["physicalLocation"];
    CHECK(results[0]["ruleId"] == "missing-goal");
    CHECK(results[0]["level"] == "warning");
    CHECK(pdf["artifactLocation"]["uri"] == "%E8%A1%A8%E6%A0%BC%202024.pdf");
    CHECK_FALSE(pdf.contains("region"));
    CHECK(pdf["properties"]["page"] == 3);
    CHECK(pdf["properties"]["x"] == 72.5);
    CHECK(pdf["properties"]["y"] == 140.2);  // one decimal: a tenth of a point
    const auto& text = results[1]["locations"][0]["physicalLocation"];
    CHECK(text["region"]["startLine"] == 12);
    CHECK(text["region"]["snippet"]["text"] == "合计 1");
    CHECK(results[1]["level"] == "error");
    CHECK(run["tool"]["driver"]["rules"][results[1]["ruleIndex"].get<std::size_t>()]["id"] == "total-mismatch");
}

TEST_CASE("GitLab and GitHub: a PDF finding names its page", "[report][gitlab]") {
    auto issues = json::parse(print([](bpt::Output& o) { return bpt::make_gitlab_printer(o); }));
    REQUIRE(issues.size() == 2);
    CHECK(issues[0]["description"] == "p3: 项目没有绩效目标");
    CHECK(issues[0]["location"]["lines"]["begin"] == 1);
    CHECK(issues[0]["severity"] == "minor");
    CHECK(issues[1]["location"]["lines"]["begin"] == 12);
    CHECK(issues[1]["severity"] == "major");
    CHECK(issues[0]["fingerprint"].get<std::string>().size() == 32);

    auto gh = print([](bpt::Output& o) { return bpt::make_github_printer(o); });
    CHECK(gh ==
          "::error file=表格 2024.pdf,line=12,title=total-mismatch::合计不等于各项目之和\n"
          "::warning file=表格 2024.pdf,title=missing-goal::p3: 项目没有绩效目标\n"
          "::notice file=表格 2024.pdf,title=bpt summary::表格 2024.pdf: 1 errors, 1 warnings, 0 infos\n");
}

TEST_CASE("JUnit: a finding's text is escaped for XML", "[report][junit]") {
    auto xml = bpt::test::capture([](bpt::Output& o) {
        auto p = bpt::make_junit_printer(o, false);
        bpt::FileReport r;
        r.path = "a&b.txt";
        bpt::Location line;
        line.line = 4;
        r.diagnostics.push_back(bpt::make_diagnostic(bpt::Rule::TotalMismatch, "<9> \"x\"", line));
        r.summary.errors = 1;
        p->file(r);
        p->finish();
    });
    CHECK(xml.find("<testsuite name=\"a&amp;b.txt\" tests=\"1\" failures=\"1\"") != std::string::npos);
    CHECK(xml.find("<failure message=\"&lt;9&gt; &quot;x&quot;\" type=\"total-mismatch\">") != std::string::npos);
}
