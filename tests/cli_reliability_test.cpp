// Outputs that survive failure (issue 19): a combined file kept when nothing
// converted or the disk fills, temporary files removed when a signal ends bpt,
// file names that are not UTF-8 written as printable text, outputs that would
// replace an input refused, --out-dir inside the input folder run twice, -o through
// a dangling link, and broken links in a walked folder named.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bpt/printable.h"
#include "bpt/text.h"
#include "sample.h"
#include "test_util.h"

using bpt::test::data_path;
using bpt::test::quote;
using bpt::test::read_file;
using bpt::test::run_bpt;
using bpt::test::TempDir;
using bpt::test::write_file;
using nlohmann::json;

namespace fs = std::filesystem;

namespace {

const fs::path kSample = data_path(std::string(bpt::test::layout_sample::kFile));
// 测试 in GBK: what an archive made on Chinese Windows unzips to.
const std::string kGbkName = "\xB2\xE2\xCA\xD4";
const std::string kGbkShown = "\\xB2\\xE2\\xCA\\xD4";

bool one_line(const std::string& err) { return !err.empty() && err.find('\n') == err.size() - 1; }

// Names in `dir` that start with a dot: bpt's temporary files (.OUT.tmp-XXXXXX,
// .bpt-spool-XXXXXX) or a workbook's scratch file (bpt-xlsx-XXXXXX).
std::vector<std::string> leftovers(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        std::string name = e.path().filename().string();
        if (name.starts_with('.') || name.starts_with("bpt-xlsx-")) out.push_back(name);
    }
    return out;
}

// Runs a shell command line (bash), returning the exit code and standard error.
bpt::test::Run run_shell(const std::string& line, const fs::path& dir) {
    auto err = dir / "stderr.log";
    std::string cmd = "bash -c " + quote(line + " 2>" + quote(err));
    int status = std::system(cmd.c_str());
    bpt::test::Run r;
    r.rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.err = read_file(err);
    fs::remove(err);
    return r;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

}  // namespace

TEST_CASE("an output that is the input is refused before anything is written", "[reliability][cli]") {
    TempDir dir;
    auto table = dir / "t.txt";
    fs::copy_file(kSample, table);
    fs::create_hard_link(table, dir / "hard.txt");
    fs::create_symlink(table, dir / "soft.txt");
    const std::string original = read_file(kSample);

    // The same file by its name, by ./name, through a hard link and a symbolic link.
    for (const std::string& out : {quote(table), quote(dir / "." / "t.txt"), quote(dir / "hard.txt"), quote(dir / "soft.txt")}) {
        INFO(out);
        auto r = run_bpt("parse " + quote(table) + " -o " + out);
        CHECK(r.rc == 2);
        CHECK(one_line(r.err));
        CHECK(r.err.find("-o names the input itself") != std::string::npos);
        CHECK(read_file(table) == original);
    }
    // --combine onto the only input, and onto one input of several.
    for (const std::string& inputs : {quote(table), quote(data_path("huadu-org-export.tsv")) + " " + quote(table)}) {
        INFO(inputs);
        auto r = run_bpt("convert " + inputs + " --combine " + quote(dir / "hard.txt") + " --format csv -q");
        CHECK(r.rc == 2);
        CHECK(one_line(r.err));
        CHECK(r.err.find("--combine names an input") != std::string::npos);
        CHECK(read_file(table) == original);
    }
    // validate's report, stats and diff outputs alike.
    for (const std::string& cmd : {"validate " + quote(table) + " -o " + quote(dir / "hard.txt"),
                                   "stats " + quote(table) + " -o " + quote(dir / "soft.txt"),
                                   "diff " + quote(kSample) + " " + quote(table) + " -o " + quote(table)}) {
        INFO(cmd);
        auto r = run_bpt(cmd);
        CHECK(r.rc == 2);
        CHECK(one_line(r.err));
        CHECK(r.err.find("-o names an input") != std::string::npos);
        CHECK(read_file(table) == original);
    }
    // A folder walked: the combined file inside it is one of its files.
    auto r = run_bpt("convert " + quote(dir.path()) + " --combine " + quote(table) + " -q");
    CHECK(r.rc == 2);
    CHECK(read_file(table) == original);
    CHECK(leftovers(dir.path()).empty());
}

TEST_CASE("convert --combine keeps the old file when no input converts", "[reliability][convert]") {
    TempDir dir;
    write_file(dir / "all.ndjson", "an earlier run\n");
    write_file(dir / "bad.txt", "not a table at all\n");
    write_file(dir / "worse.txt", "nor this\n");
    for (const char* format : {"ndjson", "csv", "xlsx"}) {
        INFO(format);
        auto r = run_bpt("convert " + quote(dir / "bad.txt") + " " + quote(dir / "worse.txt") + " --format " + format +
                         " --combine " + quote(dir / "all.ndjson"));
        CHECK(r.rc == 2);
        CHECK(read_file(dir / "all.ndjson") == "an earlier run\n");
        auto lines = lines_of(r.err);
        REQUIRE(lines.size() == 3);
        CHECK(lines[2] == "bpt: no input converted; " + (dir / "all.ndjson").string() + " is left as it was");
        CHECK(leftovers(dir.path()).empty());
    }
}

TEST_CASE("convert --combine keeps the old file when the disk fills while spooling", "[reliability][convert]") {
    TempDir dir;
    write_file(dir / "all.ndjson", "an earlier run\n");
    // RLIMIT_FSIZE of 64 KiB stands in for a full disk (a tmpfs needs root): with
    // SIGXFSZ ignored, a write past it fails with EFBIG as one past a full disk fails
    // with ENOSPC. The sample's NDJSON is about 1 MB, so its spool fails first.
    for (const char* jobs : {"1", "4"}) {
        INFO("--jobs " << jobs);
        auto r = run_shell("ulimit -f 64; trap '' XFSZ; exec " + quote(BPT_BINARY) + " convert " + quote(kSample) + " " +
                               quote(kSample) + " --combine " + quote(dir / "all.ndjson") + " -q -j " + jobs,
                           dir.path());
        CHECK(r.rc == 2);
        CHECK(r.err.find("write failed: File too large") != std::string::npos);
        CHECK(read_file(dir / "all.ndjson") == "an earlier run\n");
        CHECK(leftovers(dir.path()).empty());
    }
    // The limit was the only problem: without it the same command works.
    auto r = run_bpt("convert " + quote(kSample) + " --combine " + quote(dir / "all.ndjson") + " -q");
    CHECK(r.rc == 0);
    CHECK(read_file(dir / "all.ndjson").size() > 100000);
}

TEST_CASE("a signal during -o removes the temporary file and still kills bpt", "[reliability][cli]") {
    struct Case {
        int sig;
        const char* format;
    };
    for (auto c : {Case{SIGINT, "json"}, Case{SIGTERM, "json"}, Case{SIGHUP, "json"}, Case{SIGTERM, "xlsx"}}) {
        INFO("signal " << c.sig << ", " << c.format);
        TempDir dir;
        // A FIFO nobody writes: bpt has made its temporary file and waits for input
        // for as long as the test likes, as it would on a slow or huge input.
        auto fifo = dir / "in.txt";
        REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
        write_file(dir / "out", "an earlier run\n");
        std::string out = (dir / "out").string();
        std::string in = fifo.string();
        std::string tmpdir = "TMPDIR=" + dir.path().string();  // the workbook's scratch file goes here
        pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            for (int s : {SIGINT, SIGTERM, SIGHUP}) ::signal(s, SIG_DFL);
            sigset_t none;
            sigemptyset(&none);
            ::sigprocmask(SIG_SETMASK, &none, nullptr);
            ::putenv(tmpdir.data());
            std::freopen("/dev/null", "w", stderr);
            ::execl(BPT_BINARY, "bpt", "parse", in.c_str(), "--format", c.format, "-o", out.c_str(),
                    static_cast<char*>(nullptr));
            ::_exit(127);
        }
        // bpt opens its input only once its outputs are set up (the temporary file,
        // and for xlsx the scratch file): a writer end that opens without blocking
        // means bpt is reading, and it then waits for bytes that never come.
        int writer = -1;
        for (int i = 0; i < 3000 && writer < 0; ++i) {
            writer = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
            if (writer < 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        REQUIRE(writer >= 0);
        std::size_t expected = std::string(c.format) == "xlsx" ? 2 : 1;
        CHECK(leftovers(dir.path()).size() == expected);
        ::kill(pid, c.sig);
        int status = 0;
        REQUIRE(::waitpid(pid, &status, 0) == pid);
        ::close(writer);
        CHECK(WIFSIGNALED(status));
        if (WIFSIGNALED(status)) CHECK(WTERMSIG(status) == c.sig);
        CHECK(leftovers(dir.path()).empty());
        CHECK(read_file(dir / "out") == "an earlier run\n");
    }
}

TEST_CASE("printable: UTF-8 stays, other bytes and control characters become \\xHH", "[reliability][text]") {
    CHECK(bpt::printable("archive/项目 2024.txt") == "archive/项目 2024.txt");
    CHECK(bpt::printable(kGbkName + ".txt") == kGbkShown + ".txt");
    CHECK(bpt::printable("a\nb\x1b[31m\x7f") == "a\\x0Ab\\x1B[31m\\x7F");
    CHECK(bpt::printable("\xC2\x9B" "2J") == "\\xC2\\x9B2J");                // C1 CSI
    CHECK(bpt::printable("\xC0\xAF \xED\xA0\x80 \xF4\x90\x80\x80") ==       // overlong, surrogate, > U+10FFFF
          "\\xC0\\xAF \\xED\\xA0\\x80 \\xF4\\x90\\x80\\x80");
    CHECK(bpt::printable("\xE6\x96") == "\\xE6\\x96");                       // cut short
}

TEST_CASE("a file name that is not UTF-8 is written as printable UTF-8 everywhere", "[reliability][cli]") {
    TempDir dir;
    auto folder = dir / "archive";
    fs::create_directory(folder);
    auto table = folder / (kGbkName + ".txt");
    fs::copy_file(kSample, table);
    const std::string shown = (folder / (kGbkShown + ".txt")).string();

    for (const char* format : {"json", "ndjson", "csv"}) {
        INFO(format);
        auto r = run_bpt("parse " + quote(table) + " -q --format " + format);
        CHECK(r.rc == 0);
        CHECK(bpt::text::is_valid_utf8(r.out));
        CHECK(bpt::text::is_valid_utf8(r.err));
        // A single table's CSV has no source column; JSON escapes the backslash.
        if (std::string(format) != "csv") CHECK(r.out.find("xB2") != std::string::npos);
        if (std::string(format) == "json") CHECK(json::parse(r.out)["source"]["path"] == shown);
        if (std::string(format) == "ndjson")
            for (const auto& line : lines_of(r.out)) CHECK(json::parse(line)["source"]["path"] == shown);
    }
    // The combined CSV's source column, and a workbook's cells.
    auto r = run_bpt("convert " + quote(folder) + " --format csv --combine " + quote(dir / "all.csv") + " -q");
    CHECK(r.rc == 0);
    auto csv = read_file(dir / "all.csv");
    CHECK(bpt::text::is_valid_utf8(csv));
    CHECK(csv.find(shown) != std::string::npos);
    r = run_bpt("convert " + quote(folder) + " --combine " + quote(dir / "all.xlsx") + " -q");
    CHECK(r.rc == 0);
    std::string cells = run_shell("unzip -p " + quote(dir / "all.xlsx") + " > " + quote(dir / "cells.xml"), dir.path()).rc == 0
                            ? read_file(dir / "cells.xml")
                            : std::string();
    CHECK(bpt::text::is_valid_utf8(cells));
    CHECK(cells.find(shown) != std::string::npos);

    // validate's reports, and what it says about an unreadable file with such a name.
    write_file(folder / ("\xFF\x1B]0;owned\x07.txt"), "not a table\n");
    for (const char* format : {"text", "json", "sarif", "junit", "gitlab", "github"}) {
        INFO(format);
        r = run_bpt("validate " + quote(folder) + " --format " + format);
        CHECK(r.rc == 2);
        CHECK(bpt::text::is_valid_utf8(r.out));
        CHECK(bpt::text::is_valid_utf8(r.err));
        CHECK(r.out.find('\x1B') == std::string::npos);
        CHECK(r.err.find('\x1B') == std::string::npos);
        CHECK(r.out.find("xB2") != std::string::npos);
        CHECK(r.err.find("\\xFF\\x1B]0;owned\\x07.txt: not a budget performance target table") != std::string::npos);
        if (std::string(format) == "json" || std::string(format) == "sarif" || std::string(format) == "gitlab")
            CHECK_NOTHROW(json::parse(r.out));
    }
}

TEST_CASE("convert --out-dir in the input folder: the second run skips the first run's outputs", "[reliability][convert]") {
    TempDir dir;
    auto folder = dir / "archive";
    fs::create_directories(folder / "2024");
    fs::copy_file(kSample, folder / "a.txt");
    fs::copy_file(kSample, folder / "2024" / "b.txt");
    for (const std::string& out : {folder.string(), (dir / "." / "archive" / "").string()}) {
        INFO(out);
        for (int run = 1; run <= 2; ++run) {
            INFO("run " << run);
            auto r = run_bpt("convert " + quote(folder) + " --out-dir " + quote(out));
            CHECK(r.rc == 0);
            CHECK(r.err.find("converted 2 of 2 files") != std::string::npos);
            CHECK(json::parse(read_file(folder / "a.json"))["projects"].size() > 100);
            CHECK(json::parse(read_file(folder / "2024" / "b.json"))["projects"].size() > 100);
        }
    }
    // Another format's outputs from before would be read: that collision is refused.
    auto r = run_bpt("convert " + quote(folder) + " --out-dir " + quote(folder) + " --format csv");
    CHECK(r.rc == 2);
    CHECK(one_line(r.err));
    CHECK(r.err.find("would both be written to") != std::string::npos);
}

TEST_CASE("An -o path through a dangling link writes its target; a missing folder there is exit 2", "[reliability][cli]") {
    TempDir dir;
    fs::create_directory(dir / "results");
    fs::create_symlink("results/out.json", dir / "out.json");
    auto r = run_bpt("parse " + quote(kSample) + " -q -o " + quote(dir / "out.json"));
    CHECK(r.rc == 0);
    CHECK(fs::is_symlink(dir / "out.json"));
    CHECK(json::parse(read_file(dir / "results" / "out.json"))["projects"].size() > 100);

    fs::create_symlink("nowhere/out.json", dir / "lost.json");
    r = run_bpt("parse " + quote(kSample) + " -q -o " + quote(dir / "lost.json"));
    CHECK(r.rc == 2);
    CHECK(one_line(r.err));
    CHECK(r.err.find("lost.json: cannot write (a link to ") != std::string::npos);
    CHECK(r.err.find("nowhere/out.json): No such file or directory") != std::string::npos);
    CHECK(fs::is_symlink(dir / "lost.json"));
    CHECK(leftovers(dir.path()).empty());
}

TEST_CASE("a broken link in a walked folder is named on standard error", "[reliability][convert]") {
    TempDir dir;
    auto folder = dir / "archive";
    fs::create_directory(folder);
    fs::copy_file(kSample, folder / "a.txt");
    fs::create_symlink("/nonexistent/b.txt", folder / "b.txt");
    fs::create_symlink("/nonexistent/c.pdf", folder / "c.pdf");  // not asked for by --glob: no word
    const std::string line = "bpt: " + (folder / "b.txt").string() +
                             ": skipped: a symbolic link to /nonexistent/b.txt, which does not exist";
    auto r = run_bpt("convert " + quote(folder) + " --glob '*.txt' --out-dir " + quote(dir / "out") + " -q");
    CHECK(r.rc == 0);  // a warning, not a failure: the link was no file to convert
    CHECK(lines_of(r.err).at(0) == line);
    CHECK(r.err.find("c.pdf") == std::string::npos);
    r = run_bpt("validate " + quote(folder) + " --glob '*.txt'");
    CHECK(lines_of(r.err).at(0) == line);
}
