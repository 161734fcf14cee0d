// End-to-end: `bpt validate` and `bpt rules` as a CI job runs them. Faults are
// planted one at a time in a copy of the real sample; each must raise exactly its
// rule at its line on top of what the untouched sample raises.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "bpt/validate.h"
#include "sample.h"
#include "test_util.h"

using bpt::test::quote;
using bpt::test::run_bpt;
using nlohmann::json;

namespace {

namespace sample = bpt::test::layout_sample;
const std::string kSample(sample::kFile);

using Finding = std::pair<std::string, int>;  // rule, line
using Findings = std::multiset<Finding>;

// What the untouched sample raises (tests/sample.h).
const Findings kSampleFindings = [] {
    Findings f;
    for (const auto& [rule, line] : sample::kFindings) f.insert({std::string(rule), line});
    return f;
}();

std::vector<std::string> sample_lines() {
    std::vector<std::string> lines;
    std::istringstream in(bpt::test::read_file(bpt::test::data_path(kSample)));
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
}

std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

// Replaces `from` by `to` on 1-based line `n`, which must hold it.
void plant(std::vector<std::string>& lines, std::size_t n, const std::string& from, const std::string& to) {
    std::string& line = lines.at(n - 1);
    auto at = line.find(from);
    INFO("line " << n << ": " << line);
    REQUIRE(at != std::string::npos);
    line.replace(at, from.size(), to);
}

void blank(std::vector<std::string>& lines, std::size_t first, std::size_t last) {
    for (std::size_t n = first; n <= last; ++n) lines.at(n - 1).clear();
}

struct Checked {
    int rc = -1;
    json file;  // the file's entry in --format json
    Findings findings;
    std::string err;
};

Checked validate_json(const std::filesystem::path& path, const std::string& extra = "") {
    auto r = run_bpt("validate --format json " + extra + " " + quote(path));
    INFO(r.err);
    Checked c;
    c.rc = r.rc;
    c.err = r.err;
    auto doc = json::parse(r.out);
    REQUIRE(doc["files"].size() == 1);
    c.file = doc["files"][0];
    for (const auto& d : c.file["diagnostics"])
        c.findings.insert({d["rule"].get<std::string>(), d["line"].is_null() ? 0 : d["line"].get<int>()});
    return c;
}

Checked validate_lines(const std::vector<std::string>& lines, const std::string& extra = "") {
    bpt::test::TempDir dir;
    auto path = dir / "table.txt";
    bpt::test::write_file(path, join(lines));
    return validate_json(path, extra);
}

Findings minus(const Findings& a, const Findings& b) {
    Findings out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
    return out;
}

std::string message_at(const json& file, const std::string& rule, int line) {
    for (const auto& d : file["diagnostics"])
        if (d["rule"] == rule && d["line"] == line) return d["message"];
    return {};
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("validate: the real sample fails on its two wrong codes, and says why", "[e2e][validate]") {
    auto c = validate_json(bpt::test::data_path(kSample));
    CHECK(c.rc == 1);
    CHECK(c.findings == kSampleFindings);
    CHECK(c.file["errors"] == 2);
    CHECK(c.file["warnings"] == 11);
    CHECK(c.file["infos"] == 2);
    CHECK(c.file["projects"] == sample::kProjects);
    CHECK(c.file["read_error"].is_null());

    auto talent = message_at(c.file, "indicator-code-mismatch", 3768);
    CHECK(contains(talent, "'人才工作经费' (line 3748)"));
    CHECK(contains(talent, "31"));
    auto instructor = message_at(c.file, "indicator-code-mismatch", 4370);
    CHECK(contains(instructor, "'区级镇（街）党建工作指导员工资补助经费' (line 4349)"));
    auto films = message_at(c.file, "target-period-annual-inconsistent", 2140);
    CHECK(contains(films, "电教片数量"));
    CHECK(contains(films, "(line 2119)"));
    CHECK(contains(films, "6部"));
    CHECK(contains(films, "2部"));
    CHECK(contains(message_at(c.file, "duplicate-project", 165), "line 126"));
    CHECK(contains(message_at(c.file, "duplicate-project", 2193), "line 2162"));
    CHECK(contains(message_at(c.file, "duplicate-project", 2369), "line 2338"));
    auto note = message_at(c.file, "total-matches-without-repeats", 8);
    CHECK(contains(note, "合计"));
    CHECK(contains(note, "9,246.72"));
    CHECK(contains(note, "3 exact repeats"));
    CHECK(contains(note, "165, 2193, 2369"));
}

TEST_CASE("validate: bpt parse reports the same findings in its JSON", "[e2e][validate]") {
    auto r = run_bpt("parse " + quote(bpt::test::data_path(kSample)));
    REQUIRE(r.rc == 0);
    Findings parsed;
    auto doc = json::parse(r.out);
    for (const auto& d : doc["diagnostics"]) parsed.insert({d["rule"].get<std::string>(), d["line"].get<int>()});
    CHECK(parsed == kSampleFindings);
}

TEST_CASE("validate: each planted fault raises exactly its rule at its line", "[e2e][validate]") {
    const auto original = sample_lines();
    auto lines = original;
    Findings added, removed;

    SECTION("an amount changed: the totals no longer add up") {
        plant(lines, 18, "9.20 9.20", "19.20 19.20");
        added = {{"total-mismatch", 8}, {"total-mismatch", 10}};
        removed = {{"total-matches-without-repeats", 8}, {"total-matches-without-repeats", 10}};
    }
    SECTION("合计 off by a cent, or within --tolerance") {
        plant(lines, 8, "合计 9,246.72 9,246.72", "合计 9,246.73 9,246.73");
        added = {{"total-mismatch", 8}};
        removed = {{"total-matches-without-repeats", 8}};
        auto tolerant = validate_lines(lines, "--tolerance 0.01");
        CHECK(tolerant.findings == kSampleFindings);
    }
    SECTION("a negative amount") {
        plant(lines, 18, "9.20 9.20", "-9.20 -9.20");
        added = {{"amount-out-of-range", 15}, {"amount-out-of-range", 15}, {"total-mismatch", 8},
                 {"total-mismatch", 10}};
        removed = {{"total-matches-without-repeats", 8}, {"total-matches-without-repeats", 10}};
    }
    SECTION("a project larger than the total above it") {
        plant(lines, 18, "9.20 9.20", "9,999.00 9,999.00");
        added = {{"amount-out-of-range", 15}, {"total-mismatch", 8}, {"total-mismatch", 10}};
        removed = {{"total-matches-without-repeats", 8}, {"total-matches-without-repeats", 10}};
    }
    SECTION("funding columns that do not add up to 总计") {
        plant(lines, 18, "9.20 9.20", "9.20 9.20 0.00 1.00");
        added = {{"row-sum-mismatch", 15}};
    }
    SECTION("a page-break repeat that no longer matches its original") {
        plant(lines, 168, "12.80 12.80", "12.90 12.90");
        added = {{"conflicting-duplicate", 165}, {"total-mismatch", 8}, {"total-mismatch", 10}};
        removed = {{"duplicate-project", 165}, {"total-matches-without-repeats", 8},
                   {"total-matches-without-repeats", 10}};
    }
    SECTION("a second project under an earlier project's name") {
        plant(lines, 3828, "组工信息工作", "人才工作经费");
        added = {{"conflicting-duplicate", 3828}};
    }
    SECTION("one more exact repeat, at the end") {
        for (std::size_t n = 15; n <= 51; ++n) lines.push_back(original[n - 1]);
        added = {{"duplicate-project", static_cast<int>(original.size()) + 1}};
    }
    SECTION("a level-2 code with another code's name") {
        plant(lines, 36, "11-数量指标", "11-质量指标");
        added = {{"indicator-code-mismatch", 36}};
    }
    SECTION("a 120% satisfaction target") {
        plant(lines, 3798, "标值:≧80%。", "标值:120%。");
        added = {{"target-out-of-range", 3794}};
    }
    SECTION("a negative count") {
        plant(lines, 3838, "年度指标值:≥1次。", "年度指标值:≥-1次。");
        added = {{"target-out-of-range", 3836}};
    }
    SECTION("a year promising more than the whole period") {
        plant(lines, 3840, "年度指标值:≥1篇", "年度指标值:≥5篇");
        added = {{"target-period-annual-inconsistent", 3838}};
    }
    SECTION("a missing goal") {
        blank(lines, 3830, 3834);
        added = {{"missing-goal", 3828}};
    }
    SECTION("missing indicators") {
        blank(lines, 3836, 3846);
        added = {{"missing-indicators", 3828}};
        removed = {{"missing-indicator-category", 3828}};
    }
    SECTION("no effect indicator left") {
        plant(lines, 44, "2-效益指标；22-社会效益", "1-产出指标；12-质量指标");
        added = {{"missing-indicator-category", 15}};
    }

    auto c = validate_lines(lines);
    CHECK(minus(c.findings, kSampleFindings) == added);
    CHECK(minus(kSampleFindings, c.findings) == removed);
    CHECK(c.rc == 1);
}

TEST_CASE("validate: the total-mismatch message gives both sums and the difference", "[e2e][validate]") {
    auto lines = sample_lines();
    // The repeat at line 165 changed in its goal: now a distinct project whose amount
    // is exactly what the 合计 lacks.
    plant(lines, 170, "加强党代表大会代表", "加强党代表大会代表们");
    auto c = validate_lines(lines);
    CHECK(c.findings.count({"conflicting-duplicate", 165}) == 1);
    auto m = message_at(c.file, "total-mismatch", 8);
    INFO(m);
    CHECK(contains(m, "9,246.72 万元"));
    CHECK(contains(m, "9,264.96 万元"));               // all 177 rows
    CHECK(contains(m, "18.24 万元 more than declared"));
    CHECK(contains(m, "without the 2 exact repeats: 9,259.52 万元, 12.80 万元 more than declared"));
    CHECK(contains(m, "'党代表任期制工作经费（赤坭镇）' (line 126)"));
}

TEST_CASE("validate: exit codes, --strict, --disable and --severity", "[e2e][validate]") {
    auto sample = quote(bpt::test::data_path(kSample));
    CHECK(run_bpt("validate " + sample).rc == 1);
    // Without the two errors only warnings remain: a pass, unless --strict.
    CHECK(run_bpt("validate --disable indicator-code-mismatch " + sample).rc == 0);
    CHECK(run_bpt("validate --strict --disable indicator-code-mismatch " + sample).rc == 1);
    CHECK(run_bpt("validate --strict --disable indicator-code-mismatch,duplicate-project "
                  "--disable missing-indicator-category --disable target-period-annual-inconsistent " + sample)
              .rc == 0);
    CHECK(run_bpt("validate --severity indicator-code-mismatch=warning " + sample).rc == 0);
    CHECK(run_bpt("validate --severity indicator-code-mismatch=info --strict --severity duplicate-project=info "
                  "--severity missing-indicator-category=info --severity target-period-annual-inconsistent=info " +
                  sample)
              .rc == 0);

    auto raised = validate_json(bpt::test::data_path(kSample), "--severity duplicate-project=error");
    CHECK(raised.file["errors"] == 5);
    CHECK(raised.file["warnings"] == 8);

    auto disabled = validate_json(bpt::test::data_path(kSample), "--disable duplicate-project");
    CHECK(disabled.findings.count({"duplicate-project", 165}) == 0);
    CHECK(disabled.file["warnings"] == 8);
}

TEST_CASE("validate: wrong arguments exit 2 with one line saying why", "[e2e][validate]") {
    auto sample = quote(bpt::test::data_path(kSample));
    for (std::string args : {"--disable no-such-rule", "--severity duplicate-project=fatal",
                                    "--severity no-such-rule=error", "--severity duplicate-project",
                                    "--tolerance abc", "--tolerance -1", "--format xml", "--color sometimes"}) {
        INFO(args);
        auto r = run_bpt("validate " + args + " " + sample);
        CHECK(r.rc == 2);
        CHECK(r.out.empty());
        CHECK_FALSE(r.err.empty());
    }
    auto unknown = run_bpt("validate --disable no-such-rule " + sample);
    CHECK(contains(unknown.err, "no-such-rule"));
    CHECK(std::count(unknown.err.begin(), unknown.err.end(), '\n') == 1);
    CHECK(run_bpt("validate").rc == 2);
}

TEST_CASE("validate: several files, one unreadable: the others are still reported, exit 2", "[e2e][validate]") {
    bpt::test::TempDir dir;
    auto sample = bpt::test::data_path(kSample);
    bpt::test::write_file(dir / "notes.txt", "just some words\n");
    auto r = run_bpt("validate " + quote(dir / "missing.txt") + " " + quote(sample) + " " + quote(dir / "notes.txt"));
    CHECK(r.rc == 2);
    CHECK(contains(r.err, "missing.txt"));
    CHECK(contains(r.err, "notes.txt"));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 2);
    CHECK(contains(r.out, "huadu-org-layout.txt:3768: error[indicator-code-mismatch]"));
    CHECK(contains(r.out, "huadu-org-layout.txt: " + sample::summary_line()));

    auto j = run_bpt("validate --format json " + quote(dir / "missing.txt") + " " + quote(sample));
    CHECK(j.rc == 2);
    auto doc = json::parse(j.out);
    REQUIRE(doc["files"].size() == 2);
    CHECK(doc["files"][0]["read_error"].get<std::string>().find("missing.txt") != std::string::npos);
    CHECK(doc["files"][0]["diagnostics"].empty());
    CHECK(doc["files"][1]["read_error"].is_null());
    CHECK(doc["files"][1]["errors"] == 2);

    // Two clean copies: 0; one with errors among them: 1.
    auto lines = sample_lines();
    plant(lines, 3768, "2-效益", "3-满意度");
    plant(lines, 4370, "2-效益指标", "3-满意度指标");
    bpt::test::write_file(dir / "fixed.txt", join(lines));
    CHECK(run_bpt("validate " + quote(dir / "fixed.txt") + " " + quote(dir / "fixed.txt")).rc == 0);
    CHECK(run_bpt("validate " + quote(dir / "fixed.txt") + " " + quote(sample)).rc == 1);
}

TEST_CASE("validate: text output quotes what each finding is about, and colour only when asked", "[e2e][validate]") {
    auto sample = quote(bpt::test::data_path(kSample));
    auto r = run_bpt("validate " + sample);
    std::istringstream out(r.out);
    std::vector<std::string> lines;
    for (std::string l; std::getline(out, l);) lines.push_back(l);
    auto at = std::find_if(lines.begin(), lines.end(),
                           [](const std::string& l) { return contains(l, ":3768: error[indicator-code-mismatch]: "); });
    REQUIRE(at != lines.end());
    REQUIRE(at + 1 != lines.end());
    // The clause itself, as the finding carries it (cut at 100 characters).
    const std::string clause = "  3768 | 5、2-效益指标；31-服务对象满意度；服务群体满意率；实施周期指标值:不低于90%；年度指标值:不低于90%。";
    CHECK(at[1] == clause);
    CHECK(lines.back().ends_with(": " + sample::summary_line()));
    CHECK(r.out.find('\x1b') == std::string::npos);  // not a terminal

    auto colour = run_bpt("validate --color always " + sample);
    CHECK(contains(colour.out, "\x1b[1;31merror\x1b[0m"));
    CHECK(run_bpt("validate --color never " + sample).out == r.out);

    // The quote comes from the first reading: a GB18030 file with CRLF line ends
    // shows the same UTF-8 text.
    bpt::test::TempDir dir;
    std::string crlf;
    for (const auto& l : sample_lines()) crlf += l + "\r\n";
    bpt::test::write_file(dir / "gbk.txt", bpt::test::encode(crlf, "GB18030"));
    auto gbk = run_bpt("validate " + quote(dir / "gbk.txt"));
    CHECK(gbk.rc == 1);
    CHECK(contains(gbk.out, clause + "\n"));

    // Standard input cannot be read twice, and needs not be: the quote is there too.
    auto in = run_bpt("validate - < " + sample);
    CHECK(in.rc == 1);
    CHECK(contains(in.out, "-:3768: error[indicator-code-mismatch]: "));
    CHECK(contains(in.out, clause + "\n"));
}

TEST_CASE("validate: --format github writes escaped workflow commands", "[e2e][validate]") {
    bpt::test::TempDir dir;
    auto lines = sample_lines();
    plant(lines, 3798, "标值:≧80%。", "标值:120%。");
    // A path with the characters a property must escape.
    auto path = dir / "a,b:c.txt";
    bpt::test::write_file(path, join(lines));
    // Every finding annotated (the default caps them at 10 a file), then the summary.
    auto r = run_bpt("validate --format github --max-annotations 0 " + quote(path));
    CHECK(r.rc == 1);
    std::istringstream out(r.out);
    int errors = 0, warnings = 0, notices = 0, summaries = 0;
    for (std::string l; std::getline(out, l);) {
        INFO(l);
        if (contains(l, ",title=bpt summary::")) {
            ++summaries;
            CHECK(l.starts_with("::notice file=" + (dir / "a%2Cb%3Ac.txt").string() + ",title=bpt summary::"));
            CHECK(contains(l, ": 3 errors, 11 warnings, 2 infos"));
            continue;
        }
        CHECK(summaries == 0);
        CHECK((l.starts_with("::error ") || l.starts_with("::warning ") || l.starts_with("::notice ")));
        CHECK(contains(l, " file=" + (dir / "a%2Cb%3Ac.txt").string() + ",line="));
        CHECK(contains(l, ",title="));
        errors += l.starts_with("::error ");
        warnings += l.starts_with("::warning ");
        notices += l.starts_with("::notice ");
        if (contains(l, "title=target-out-of-range::")) {
            CHECK(contains(l, ",line=3794,"));
            CHECK(contains(l, "`120%25`"));  // % escaped in the message
        }
    }
    CHECK(errors == 3);
    CHECK(warnings == 11);
    CHECK(notices == 2);
    CHECK(summaries == 1);

    auto missing = run_bpt("validate --format github " + quote(dir / "none.txt"));
    CHECK(missing.rc == 2);
    CHECK(missing.out.starts_with("::error file="));
}

TEST_CASE("validate: --format json gives one entry per file with counts", "[e2e][validate]") {
    auto sample = quote(bpt::test::data_path(kSample));
    auto r = run_bpt("validate --format json " + sample + " " + sample);
    CHECK(r.rc == 1);
    auto doc = json::parse(r.out);
    REQUIRE(doc["files"].size() == 2);
    for (const auto& f : doc["files"]) {
        CHECK(f["path"].get<std::string>().ends_with(kSample));
        CHECK(f["errors"] == 2);
        CHECK(f["warnings"] == 11);
        CHECK(f["infos"] == 2);
        REQUIRE(f["diagnostics"].size() == 15);
        for (const auto& d : f["diagnostics"]) {
            CHECK(d["rule"].is_string());
            CHECK(d["severity"].is_string());
            CHECK(d["message"].is_string());
            CHECK(d["line"].is_number_integer());
            CHECK(bpt::find_rule(d["rule"].get<std::string>()) != nullptr);
        }
        // In line order.
        CHECK(f["diagnostics"][0]["line"] == 8);
        CHECK(f["diagnostics"][14]["line"] == 4758);
    }
}

TEST_CASE("rules: lists every rule with its severity", "[e2e][validate]") {
    auto r = run_bpt("rules");
    CHECK(r.rc == 0);
    for (const auto& rule : bpt::all_rules()) {
        INFO(rule.id);
        auto at = r.out.find(std::string(rule.id) + " ");
        REQUIRE(at != std::string::npos);
        auto line = r.out.substr(at, r.out.find('\n', at) - at);
        CHECK(contains(line, std::string(to_string(rule.severity))));
    }
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == static_cast<long>(bpt::all_rules().size()));
}

TEST_CASE("validate: the export sample passes", "[e2e][validate][export]") {
    auto c = validate_json(bpt::test::data_path("huadu-org-export.tsv"));
    CHECK(c.rc == 0);
    CHECK(c.file["read_error"].is_null());
    CHECK(c.file["errors"] == 0);
    CHECK(c.file["projects"] == 35);
    // Code checks need codes, which the export dialect lacks; names still say the
    // category, and 组工信息工作 has outputs only, as in the layout table.
    CHECK(c.findings.count({"indicator-code-mismatch", 0}) == 0);
    for (const auto& [rule, line] : c.findings) CHECK(rule != "indicator-code-mismatch");
    CHECK(c.findings.count({"missing-indicator-category", 21}) == 1);
}
