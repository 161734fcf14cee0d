// Bad input, through the real binary: a message on stderr naming the file (and the
// line where there is one), the documented exit code, no crash, no partial output.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "test_util.h"

using bpt::test::quote;
using bpt::test::run_bpt;
using bpt::test::write_file;
using nlohmann::json;

namespace {

const std::string kHead =
    "项目支出绩效目标表\n部门名称：测试局 单位：万元\n"
    "项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标\n合计 1.00 1.00\n";
const std::string kProject =
    "    甲经费 1.00 1.00\n目标。\n1、1-产出指标；11-数量指标；次数；实施周期指标值:≥1次；年度指标值:≥1次。\n";

// Runs `bpt parse` with -o into `dir`, and checks the refusal: exit 2, one line on
// stderr naming the file and containing `expect`, and no output file at all.
void expect_refused(const bpt::test::TempDir& dir, const std::filesystem::path& input, const std::string& expect) {
    auto out = dir / "out.json";
    auto r = run_bpt("parse " + quote(input) + " -o " + quote(out));
    INFO(r.err);
    CHECK(r.rc == 2);
    CHECK(r.out.empty());
    CHECK(r.err.starts_with("bpt: " + input.string()));
    CHECK(r.err.find(expect) != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK_FALSE(std::filesystem::exists(out));
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
        CHECK(e.path().filename().string().find(".tmp") == std::string::npos);
}

// The findings in the output of a table that was read: exit 0, or 1 when the
// reading is doubtful (then it is written all the same, and stderr says why).
json diagnostics_of(const std::filesystem::path& input, int rc = 0) {
    auto r = run_bpt("parse " + quote(input) + " --compact");
    INFO(r.err);
    REQUIRE(r.rc == rc);
    CHECK((rc == 1) == (r.err.find("the reading is doubtful") != std::string::npos));
    return json::parse(r.out)["diagnostics"];
}

bool has(const json& diagnostics, const std::string& rule, int line) {
    for (const auto& d : diagnostics)
        if (d["rule"] == rule && (line == 0 || d["line"] == line)) return true;
    return false;
}

}  // namespace

TEST_CASE("bad input: files that are not there or not files", "[bad-input]") {
    bpt::test::TempDir dir;
    expect_refused(dir, dir / "missing.txt", "No such file");
    std::filesystem::create_directory(dir / "folder.txt");
    expect_refused(dir, dir / "folder.txt", "folder");
    // Root reads any file whatever its mode, so unreadability comes from a symlink loop.
    std::filesystem::create_symlink("loop.txt", dir / "loop.txt");
    expect_refused(dir, dir / "loop.txt", "cannot open");
}

TEST_CASE("bad input: an unwritable -o leaves nothing behind", "[bad-input]") {
    bpt::test::TempDir dir;
    write_file(dir / "t.txt", kHead + kProject);
    write_file(dir / "plain", "x");
    auto r = run_bpt("parse " + quote(dir / "t.txt") + " -o " + quote(dir / "plain" / "out.json"));
    CHECK(r.rc == 2);
    CHECK(r.err.find("plain/out.json") != std::string::npos);
    auto to_folder = run_bpt("parse " + quote(dir / "t.txt") + " -o " + quote(dir.path()));
    CHECK(to_folder.rc == 2);
    CHECK(to_folder.err.find("folder") != std::string::npos);
}

TEST_CASE("bad input: bytes that are not a text table", "[bad-input]") {
    bpt::test::TempDir dir;
    write_file(dir / "empty.txt", "");
    expect_refused(dir, dir / "empty.txt", "not a budget performance target table");
    write_file(dir / "binary.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    expect_refused(dir, dir / "binary.txt", "NUL");
    write_file(dir / "nul.txt", kHead + std::string("    甲\0经费 1.00 1.00\n", 22));
    expect_refused(dir, dir / "nul.txt", ":5: NUL byte");
    std::string body;
    for (int i = 0; i < 30; ++i) body += kProject;
    write_file(dir / "bad-utf8.txt", kHead + body + "    乙经费 \xff\xfe 1.00 1.00\n");
    expect_refused(dir, dir / "bad-utf8.txt", ":95: invalid UTF-8");
    write_file(dir / "utf16.txt", bpt::test::encode(kHead + kProject, "UTF-16LE"));
    expect_refused(dir, dir / "utf16.txt", "--encoding UTF-16LE");
    write_file(dir / "prose.txt", "Dear colleagues,\nplease find the table attached.\n");
    expect_refused(dir, dir / "prose.txt", "not a budget performance target table");
}

TEST_CASE("bad input: a 50 MB file with no line break is refused, not held", "[bad-input]") {
    bpt::test::TempDir dir;
    write_file(dir / "one-line.txt", std::string(50 << 20, 'x'));
    expect_refused(dir, dir / "one-line.txt", ":1: line is longer than");
}

TEST_CASE("bad input: tables that are read but wrong say what is wrong, at the line", "[bad-input]") {
    bpt::test::TempDir dir;
    write_file(dir / "header-only.txt", kHead);
    auto header_only = diagnostics_of(dir / "header-only.txt", 1);
    CHECK(has(header_only, "no-projects", 0));
    auto said = run_bpt("parse " + quote(dir / "header-only.txt") + " -o " + quote(dir / "out.json"));
    CHECK(said.rc == 1);
    CHECK(said.err == "bpt: " + (dir / "header-only.txt").string() +
                          ": the reading is doubtful: no project row was read; the projects do not add up to the "
                          "declared totals; the output holds what was read and every finding (bpt validate " +
                          (dir / "header-only.txt").string() + " lists them with their lines)\n");
    CHECK(std::filesystem::exists(dir / "out.json"));  // written all the same

    write_file(dir / "cut.txt", kHead + kProject + "    乙经费（狮\n岭镇）\n2.00 2.00\n目标。\n1、1-产出指标；11-数量指标；次");
    CHECK(has(diagnostics_of(dir / "cut.txt", 1), "incomplete-project", 8));

    write_file(dir / "no-amounts.txt", kHead + "    甲经费\n目标。\n" + kProject.substr(kProject.find("1、")));
    CHECK(has(diagnostics_of(dir / "no-amounts.txt", 1), "missing-amounts", 5));

    write_file(dir / "absurd.txt", kHead + "    甲经费 99999999999999999.99 99999999999999999.99\n目标。\n" +
                                       kProject.substr(kProject.find("1、")) + "    乙经费 1,2,3.4.5\n目标。\n" +
                                       kProject.substr(kProject.find("1、")));
    auto absurd = diagnostics_of(dir / "absurd.txt", 1);
    CHECK(has(absurd, "invalid-amount", 5));
    CHECK(has(absurd, "invalid-amount", 8));
}

TEST_CASE("bad input: command-line mistakes and a full output device", "[bad-input]") {
    auto unknown = run_bpt("frob");
    CHECK(unknown.rc == 2);
    CHECK(unknown.err.find("unknown command 'frob'") != std::string::npos);
    // /dev/full accepts the open and fails every write, as a full disk does.
    auto full = run_bpt("rules > /dev/full");
    CHECK(full.rc == 2);
    CHECK(full.err.find("write failed") != std::string::npos);
    auto full_parse = run_bpt("parse " + quote(bpt::test::data_path("huadu-org-layout.txt")) + " > /dev/full");
    CHECK(full_parse.rc == 2);
    CHECK(full_parse.err == "bpt: standard output: write failed: No space left on device\n");
    auto nothing = run_bpt("");
    CHECK(nothing.rc == 2);
    CHECK(nothing.err.find("a command is needed") != std::string::npos);
}

TEST_CASE("output: -o writes through links and into devices and pipes, never replacing them", "[bad-input]") {
    namespace fs = std::filesystem;
    bpt::test::TempDir dir;
    const auto sample = quote(bpt::test::data_path("huadu-org-layout.txt"));
    write_file(dir / "real.json", "old");
    fs::create_symlink("real.json", dir / "link.json");
    REQUIRE(run_bpt("parse " + sample + " -o " + quote(dir / "link.json")).rc == 0);
    CHECK(fs::is_symlink(dir / "link.json"));
    CHECK(bpt::test::read_file(dir / "real.json").starts_with("{"));

    // /dev/null stays a device (a rename over it would have made it a file).
    REQUIRE(run_bpt("parse " + sample + " -o /dev/null").rc == 0);
    CHECK(fs::is_character_file("/dev/null"));
    auto full = run_bpt("parse " + sample + " -o /dev/full");
    CHECK(full.rc == 2);
    CHECK(fs::is_character_file("/dev/full"));

    REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
    auto r = run_bpt("parse " + sample + " --format csv -o " + quote(dir / "fifo") + " & cat " + quote(dir / "fifo") +
                     " | wc -l; wait");
    CHECK(r.out == "178\n");  // the header and 177 projects came through the pipe
    CHECK(fs::is_fifo(dir / "fifo"));
}

TEST_CASE("bad input: sums past the largest exact amount are reported, not skipped", "[bad-input]") {
    bpt::test::TempDir dir;
    const std::string huge = "    甲经费 922,337,203,685,476.00 922,337,203,685,476.00\n目标。\n";
    const std::string clause = kProject.substr(kProject.find("1、"));
    write_file(dir / "huge.txt", kHead + huge + clause + huge + clause);
    auto r = run_bpt("validate " + quote(dir / "huge.txt"));
    CHECK(r.rc == 1);
    CHECK(r.out.find(":4: error[total-mismatch]") != std::string::npos);
    CHECK(r.out.find("cannot be checked") != std::string::npos);
}

TEST_CASE("bad input: a huge table keeps memory bounded and says where duplicate checks stop", "[bad-input]") {
    bpt::test::TempDir dir;
    const std::string clause = kProject.substr(kProject.find("1、"));
    std::string text = kHead;
    const int names = (1 << 17) + 2;
    for (int i = 1; i <= names; ++i) text += "    项目" + std::to_string(i) + " 1.00 1.00\n目标。\n" + clause;
    // A repeat of an early (remembered) project is still found after the limit.
    text += "    项目1 1.00 1.00\n目标。\n" + clause;
    write_file(dir / "huge.txt", text);
    auto r = run_bpt("validate --format json --disable missing-indicator-category " + quote(dir / "huge.txt"));
    REQUIRE(r.rc == 1);  // the 合计 does not match: that is not what this test is about
    auto doc = json::parse(r.out);
    int limit = 0, duplicates = 0;
    for (const auto& d : doc["files"][0]["diagnostics"]) {
        if (d["rule"] == "duplicate-check-limit") {
            ++limit;
            CHECK(d["line"] == 5 + 3 * (1 << 17));
        }
        if (d["rule"] == "duplicate-project") ++duplicates;
    }
    CHECK(limit == 1);
    CHECK(duplicates == 1);
}
