// End-to-end: `bpt diff` on the real samples and on an edited copy of the layout
// sample written to a temporary folder.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>

#include "diff_sample.h"
#include "test_util.h"

namespace ds = bpt::test::diff_sample;
using bpt::test::data_path;
using bpt::test::quote;
using bpt::test::run_bpt;
using nlohmann::json;

namespace {

const std::string kLayout = std::string(bpt::test::layout_sample::kFile);
const std::string kExport = "huadu-org-export.tsv";

std::size_t count_of(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size())) ++n;
    return n;
}

// Standard output of a shell command, for what run_bpt cannot set up (a terminal).
std::string shell_out(const std::string& cmd) {
    std::string out;
    std::FILE* p = ::popen(cmd.c_str(), "r");
    REQUIRE(p);
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    ::pclose(p);
    return out;
}

}  // namespace

TEST_CASE("bpt diff: the sample against itself: exit 0, nothing reported", "[diff][e2e]") {
    auto sample = quote(data_path(kLayout));
    auto r = run_bpt("diff " + sample + " " + sample);
    CHECK(r.rc == 0);
    CHECK(r.out.empty());
    CHECK(r.err.empty());

    auto j = run_bpt("diff " + sample + " " + sample + " --format json");
    CHECK(j.rc == 0);
    auto doc = json::parse(j.out);
    CHECK(doc["summary"] == json{{"added", 0}, {"removed", 0}, {"renamed", 0}, {"changed", 0},
                                 {"unchanged", bpt::test::layout_sample::kDistinct}});
    CHECK(doc["projects"].empty());
    CHECK(doc["declared_total"].empty());
    CHECK(doc["old"]["repeats"] == bpt::test::layout_sample::kRepeats);
}

TEST_CASE("bpt diff: an edited copy: exactly its edits, exit 1", "[diff][e2e]") {
    bpt::test::TempDir dir;
    bpt::test::write_file(dir / "edited.txt", ds::edited());
    auto args = "diff " + quote(data_path(kLayout)) + " " + quote(dir / "edited.txt");

    auto j = run_bpt(args + " --format json");
    INFO(j.err);
    REQUIRE(j.rc == 1);
    auto doc = json::parse(j.out);
    CHECK(doc["summary"] == json{{"added", 1}, {"removed", 1}, {"renamed", 1}, {"changed", ds::kChanged},
                                 {"unchanged", ds::kUnchanged}});
    REQUIRE(doc["projects"].size() == 3 + ds::kChanged);
    // Removed, added, renamed, changed: in that order.
    CHECK(doc["projects"][0]["status"] == "removed");
    CHECK(doc["projects"][0]["name"] == ds::kRemoved);
    CHECK(doc["projects"][1]["status"] == "added");
    CHECK(doc["projects"][1]["name"] == ds::kAdded);
    CHECK(doc["projects"][0]["record"]["amounts"]["total"] == 10.00);
    CHECK(doc["projects"][0]["record"]["indicators"] == 4);
    CHECK(doc["projects"][1]["record"]["amounts"]["total"] == 66.00);
    CHECK(doc["projects"][1]["record"]["goal"] == "推进新时代文明实践阵地建设，提升基层服务群众能力。");
    CHECK(doc["projects"][2]["status"] == "renamed");
    CHECK(doc["projects"][2]["name"] == ds::kNewName);
    CHECK(doc["projects"][2]["old_name"] == ds::kOldName);
    int amounts = 0, goals = 0, targets = 0;
    for (const auto& p : doc["projects"]) {
        if (p["status"] != "changed") continue;
        CHECK(!p.contains("old_name"));
        amounts += !p["amounts"].empty();
        goals += !p["goal"].is_null();
        for (const auto& i : p["indicators"]) {
            ++targets;
            CHECK(i["status"] == "changed");
            CHECK(i["name"] == "发放编外人员工资人数");
            CHECK(i["annual"]["old"]["value"] == 2);
            CHECK(i["annual"]["new"]["value"] == 3);
            CHECK(i["annual"]["new"]["kind"] == "numeric");
            CHECK(!i.contains("period"));
        }
    }
    CHECK(amounts == 3);
    CHECK(goals == 1);
    CHECK(targets == 1);

    auto t = run_bpt(args);
    CHECK(t.rc == 1);
    CHECK(t.out.find("\x1b[") == std::string::npos);  // not a terminal: no colour
    CHECK(t.out.find("- removed  " + std::string(ds::kRemoved)) != std::string::npos);
    CHECK(t.out.find("+ added    " + std::string(ds::kAdded)) != std::string::npos);
    CHECK(t.out.find("? renamed? " + std::string(ds::kOldName) + " → " + std::string(ds::kNewName)) !=
          std::string::npos);
    CHECK(t.out.find("    总计 103.82 → 110.00 (+6.18, +6.0%)\n") != std::string::npos);
    CHECK(t.out.find("    ~ indicator 产出指标/数量指标/发放编外人员工资人数  年度 2 → 3\n") != std::string::npos);
    // An insertion in a goal shows as that insertion, with a little context.
    CHECK(t.out.find("    绩效目标 通过{+组织+}开展区管干部体检工作，关…\n") != std::string::npos);
    CHECK(t.out.find(fmt::format("1 added, 1 removed, 1 renamed?, {} changed, {} unchanged\n", ds::kChanged,
                                 ds::kUnchanged)) != std::string::npos);

    auto coloured = run_bpt(args + " --color always");
    CHECK(coloured.out.find("\x1b[31m- removed ") != std::string::npos);
    // On a terminal (script(1) gives it one), colour unless NO_COLOR says otherwise.
    const std::string on_tty = "script -qec \"" + std::string(BPT_BINARY) + " " + args + "\" /dev/null";
    CHECK(shell_out(on_tty).find("\x1b[31m- removed ") != std::string::npos);
    auto no_color = shell_out("NO_COLOR=1 " + on_tty);
    CHECK(no_color.find("- removed ") != std::string::npos);
    CHECK(no_color.find("\x1b[") == std::string::npos);

    auto csv = run_bpt(args + " --format csv");
    CHECK(csv.rc == 1);
    CHECK(csv.out.rfind("status,name,old_name,what,item,old,new,difference,percent\r\n", 0) == 0);
    // 3 projects × 2 columns, 1 goal, 1 target, 3 project rows.
    CHECK(count_of(csv.out, "\r\n") == 1 + 6 + 1 + 1 + 3);
    CHECK(csv.out.find("changed,区级社区党组织服务群众经费,,amount,total,103.82,110.00,6.18,+6.0\r\n") !=
          std::string::npos);
    CHECK(csv.out.find("removed," + std::string(ds::kRemoved) + ",,project,,10.00,,,\r\n") != std::string::npos);
    CHECK(csv.out.find("added," + std::string(ds::kAdded) + ",,project,,,66.00,,\r\n") != std::string::npos);

    auto narrowed = run_bpt(args + " --format json --ignore amounts,goal --ignore targets");
    CHECK(narrowed.rc == 1);
    CHECK(json::parse(narrowed.out)["summary"]["changed"] == 0);
    // One value per --ignore: the files after it stay the files.
    auto before = run_bpt("diff --ignore goal --ignore=targets " + quote(data_path(kLayout)) + " " +
                          quote(dir / "edited.txt") + " --format json");
    CHECK(before.rc == 1);
    CHECK(json::parse(before.out)["summary"]["changed"] == 3);  // the three amounts
}

TEST_CASE("bpt diff: -o writes the report to a file", "[diff][e2e]") {
    bpt::test::TempDir dir;
    bpt::test::write_file(dir / "edited.txt", ds::edited());
    auto r = run_bpt("diff " + quote(data_path(kLayout)) + " " + quote(dir / "edited.txt") + " --format json -o " +
                     quote(dir / "diff.json"));
    CHECK(r.rc == 1);
    CHECK(r.out.empty());
    CHECK(json::parse(bpt::test::read_file(dir / "diff.json"))["summary"]["added"] == 1);
}

TEST_CASE("bpt diff: an unreadable file or a wrong argument: exit 2, one line", "[diff][e2e]") {
    bpt::test::TempDir dir;
    auto missing = run_bpt("diff " + quote(data_path(kLayout)) + " " + quote(dir / "missing.txt"));
    CHECK(missing.rc == 2);
    CHECK(missing.out.empty());
    CHECK(missing.err.rfind("bpt: " + (dir / "missing.txt").string() + ": ", 0) == 0);
    CHECK(count_of(missing.err, "\n") == 1);

    bpt::test::write_file(dir / "empty.txt", "");
    auto empty = run_bpt("diff " + quote(dir / "empty.txt") + " " + quote(data_path(kLayout)));
    CHECK(empty.rc == 2);
    CHECK(empty.err.rfind("bpt: " + (dir / "empty.txt").string() + ": ", 0) == 0);

    auto bad = run_bpt("diff " + quote(data_path(kLayout)) + " " + quote(data_path(kLayout)) + " --ignore colour");
    CHECK(bad.rc == 2);
    CHECK(bad.err ==
          "bpt: --ignore: unknown 'colour' (expected one of: amounts, goal, indicators, targets, totals, renames)\n");
}

TEST_CASE("bpt diff: the layout sample against the export sample", "[diff][e2e]") {
    auto r = run_bpt("diff " + quote(data_path(kLayout)) + " " + quote(data_path(kExport)) + " --format json");
    INFO(r.err);
    REQUIRE(r.rc == 1);
    auto doc = json::parse(r.out);
    CHECK(doc["old"]["dialect"] == "layout");
    CHECK(doc["new"]["dialect"] == "export");
    CHECK(doc["amounts_compared"] == false);  // the export prints no amounts…
    CHECK(doc["periods_compared"] == false);  // …nor 实施周期 values
    // Another year and another department's cut: the export holds 35 projects, the
    // layout 174. Every project is accounted for once on each side.
    const auto& s = doc["summary"];
    CHECK(s == json{{"added", 17}, {"removed", 156}, {"renamed", 6}, {"changed", 12}, {"unchanged", 0}});
    CHECK(s["removed"].get<int>() + s["renamed"].get<int>() + s["changed"].get<int>() + s["unchanged"].get<int>() ==
          bpt::test::layout_sample::kDistinct);
    CHECK(s["added"].get<int>() + s["renamed"].get<int>() + s["changed"].get<int>() + s["unchanged"].get<int>() ==
          doc["new"]["projects"].get<int>());
    CHECK(doc["new"]["projects"] == 35);
    // The six towns' 党代表任期制工作经费 match by name across the dialects, and their
    // goal and indicators differ; 区级村办公经费（本部） is a renaming of the 狮岭镇 one.
    int party_rep = 0;
    for (const auto& p : doc["projects"]) {
        if (p["name"].get<std::string>().rfind("党代表任期制工作经费（", 0) == 0 && p["status"] == "changed") {
            ++party_rep;
            CHECK(!p["goal"].is_null());
            CHECK(p["amounts"].empty());
        }
        if (p["status"] == "renamed" && p["name"] == "区级村办公经费（本部）") CHECK(p["old_name"] == "区级村办公经费（狮岭镇）");
    }
    CHECK(party_rep == 6);

    // The report a reader follows: what was not compared, and the counts.
    auto text = run_bpt("diff " + quote(data_path(kLayout)) + " " + quote(data_path(kExport)));
    CHECK(text.rc == 1);
    CHECK(text.out.find("amounts not compared: ") != std::string::npos);
    CHECK(text.out.find("\n? renamed? 区级村办公经费（狮岭镇） → 区级村办公经费（本部）  (names 75% alike") !=
          std::string::npos);
    CHECK(text.out.find("17 added, 156 removed, 6 renamed?, 12 changed, 0 unchanged\n") != std::string::npos);
}

TEST_CASE("bpt diff: a PDF against the text of the same table, and against an edited copy", "[diff][e2e][pdf]") {
    auto pdf = quote(data_path("huadu-org-calc.pdf"));
    auto same = run_bpt("diff " + pdf + " " + quote(data_path(kLayout)));
    INFO(same.err);
    CHECK(same.rc == 0);
    CHECK(same.out.empty());
    CHECK(same.err.empty());

    bpt::test::TempDir dir;
    bpt::test::write_file(dir / "edited.txt", ds::edited());
    auto j = run_bpt("diff " + pdf + " " + quote(dir / "edited.txt") + " --format json");
    REQUIRE(j.rc == 1);
    auto doc = json::parse(j.out);
    CHECK(doc["old"]["dialect"] == "pdf");
    CHECK(doc["summary"] == json{{"added", 1}, {"removed", 1}, {"renamed", 1}, {"changed", ds::kChanged},
                                 {"unchanged", ds::kUnchanged}});
    // A PDF's records say where they start by page, a text's by line.
    const auto& removed = doc["projects"][0];
    CHECK(removed["status"] == "removed");
    CHECK(removed["old_page"].get<int>() >= 1);
    CHECK(!removed.contains("old_line"));
    auto t = run_bpt("diff " + pdf + " " + quote(dir / "edited.txt"));
    CHECK(t.out.find(fmt::format("  (old p{})\n", removed["old_page"].get<int>())) != std::string::npos);
}
