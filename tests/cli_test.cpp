// The command line as a new user meets it: one-line argument errors with a
// suggestion, -V, `bpt help`, placeholders, colour switches, validate on folders
// and -o, the GitHub cap and step summary, NDJSON per indicator, completions.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "sample.h"
#include "test_util.h"

using bpt::test::data_path;
using bpt::test::quote;
using bpt::test::read_file;
using bpt::test::run_bpt;
using bpt::test::TempDir;
using nlohmann::json;

namespace {

namespace sample = bpt::test::layout_sample;
const std::string kLayout = quote(data_path(std::string(sample::kFile)));
const std::string kExport = quote(data_path("huadu-org-export.tsv"));

// Sets (or with nullopt unsets) an environment variable for one scope; the runs
// inherit it.
class Env {
public:
    Env(const char* name, std::optional<std::string> value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value) ::setenv(name, value->c_str(), 1);
        else ::unsetenv(name);
    }
    ~Env() {
        if (old_) ::setenv(name_, old_->c_str(), 1);
        else ::unsetenv(name_);
    }
    Env(const Env&) = delete;
    Env& operator=(const Env&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

bool one_line(const std::string& err) { return !err.empty() && err.find('\n') == err.size() - 1; }

}  // namespace

TEST_CASE("a misspelt option is one line with the nearest option", "[cli]") {
    auto r = run_bpt("validate " + kLayout + " --fromat csv");
    CHECK(r.rc == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "bpt: validate: unknown option '--fromat' (did you mean '--format'?); see bpt validate --help\n");

    r = run_bpt("parse " + kLayout + " --tabel indicators");
    CHECK(r.rc == 2);
    CHECK(r.err == "bpt: parse: unknown option '--tabel' (did you mean '--table'?); see bpt parse --help\n");

    r = run_bpt("validate " + kLayout + " --format sarf");
    CHECK(r.rc == 2);
    CHECK(r.err == "bpt: validate: --format: sarf not in {text,json,github,sarif,junit,gitlab} (did you mean "
                   "'sarif'?); see bpt validate --help\n");

    // Nothing near: no guess.
    r = run_bpt("parse " + kLayout + " --zzzzzzzz");
    CHECK(r.rc == 2);
    CHECK(r.err == "bpt: parse: unknown option '--zzzzzzzz'; see bpt parse --help\n");
}

TEST_CASE("a misspelt command is one line with the nearest command", "[cli]") {
    auto r = run_bpt("valdate " + kLayout);
    CHECK(r.rc == 2);
    CHECK(r.err == "bpt: unknown command 'valdate' (did you mean 'validate'?) (expected one of: parse, convert, "
                   "validate, rules, diff, stats, completions, help; see bpt --help)\n");
    r = run_bpt("--fromat csv parse " + kLayout);
    CHECK(r.rc == 2);
    CHECK(r.err == "bpt: unknown option '--fromat' before the command ('--format' is an option of parse, convert, "
                   "validate, diff, stats: write it after the command, as in bpt COMMAND --format …)\n");
    r = run_bpt("help valdate");
    CHECK(r.rc == 2);
    CHECK(one_line(r.err));
    CHECK(r.err.find("did you mean 'validate'?") != std::string::npos);
}

TEST_CASE("every other argument error is one line starting with bpt:", "[cli]") {
    for (const std::string& args : std::vector<std::string>{"validate", "validate " + kLayout + " --format xml", "parse a b",
                                   "convert in --jobs 0 --out-dir x", "parse " + kLayout + " --format"}) {
        auto r = run_bpt(args);
        INFO(args << " → " << r.err);
        CHECK(r.rc == 2);
        CHECK(r.out.empty());
        CHECK(one_line(r.err));
        CHECK(r.err.rfind("bpt: ", 0) == 0);
    }
}

TEST_CASE("the version is printed by -V and --version and bpt help explains a command", "[cli]") {
    for (const char* flag : {"-V", "--version"}) {
        auto r = run_bpt(flag);
        CHECK(r.rc == 0);
        CHECK(r.out == "bpt 0.1.0\n");
    }
    auto r = run_bpt("help validate");
    CHECK(r.rc == 0);
    CHECK(r.out == run_bpt("validate --help").out);
    CHECK(r.out.find("Usage: bpt validate") != std::string::npos);
    r = run_bpt("help");
    CHECK(r.rc == 0);
    CHECK(r.out == run_bpt("--help").out);
}

TEST_CASE("each command's help has examples and says what its options take", "[cli]") {
    for (const char* cmd : {"parse", "convert", "validate", "rules", "completions", "help"}) {
        auto r = run_bpt(std::string("help ") + cmd);
        INFO(cmd);
        CHECK(r.rc == 0);
        CHECK(r.out.find("Examples:\n  bpt " + std::string(cmd)) != std::string::npos);
        CHECK(r.out.find("TEXT") == std::string::npos);
        CHECK(r.out.find("UINT") == std::string::npos);
    }
    auto v = run_bpt("help validate").out;
    CHECK(v.find("--format FORMAT:{text,json,github,sarif,junit,gitlab}") != std::string::npos);
    CHECK(v.find("--glob PATTERN") != std::string::npos);
    CHECK(v.find("-o,--output FILE") != std::string::npos);
    CHECK(v.find("--color WHEN") != std::string::npos);
    CHECK(run_bpt("help convert").out.find("--out-dir DIR") != std::string::npos);
}

TEST_CASE("colours follow --color then NO_COLOR and CLICOLOR_FORCE and TERM=dumb", "[cli]") {
    Env no_color("NO_COLOR", std::nullopt), force("CLICOLOR_FORCE", std::nullopt), term("TERM", "xterm");
    auto colored = [](const std::string& extra) {
        return run_bpt("validate " + kLayout + extra).out.find("\x1b[") != std::string::npos;
    };
    CHECK_FALSE(colored(""));  // a pipe
    CHECK(colored(" --color always"));
    CHECK_FALSE(colored(" --color never"));
    {
        Env f("CLICOLOR_FORCE", "1");
        CHECK(colored(""));
        CHECK_FALSE(colored(" --color never"));
        Env n("NO_COLOR", "1");
        CHECK_FALSE(colored(""));  // the explicit wish wins
        CHECK(colored(" --color always"));
    }
    // On a terminal: colour, unless TERM=dumb or NO_COLOR. A pseudo-terminal stands in.
    auto on_tty = [](const std::string& env) {
        std::string cmd = "python3 -c 'import pty,sys; pty.spawn(sys.argv[1:])' env " + env + " " +
                          quote(BPT_BINARY) + " validate " + kLayout + " 2>/dev/null";
        std::FILE* p = ::popen(cmd.c_str(), "r");
        REQUIRE(p);
        std::string out;
        char buf[4096];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
        ::pclose(p);
        REQUIRE(out.find("projects") != std::string::npos);
        return out.find("\x1b[") != std::string::npos;
    };
    CHECK(on_tty("TERM=xterm"));
    CHECK_FALSE(on_tty("TERM=dumb"));
    CHECK_FALSE(on_tty("TERM=xterm NO_COLOR=1"));
}

TEST_CASE("validate walks folders with --glob and writes the report with -o", "[cli]") {
    TempDir dir;
    std::filesystem::create_directories(dir / "tables/2024");
    std::filesystem::copy_file(data_path(std::string(sample::kFile)), dir / "tables/2024/a.txt");
    std::filesystem::copy_file(data_path("huadu-org-export.tsv"), dir / "tables/b.tsv");
    bpt::test::write_file(dir / "tables/notes.md", "not a table\n");

    auto r = run_bpt("validate " + quote(dir / "tables") + " --glob '*.txt' --glob '*.tsv' --format json");
    auto doc = json::parse(r.out);
    REQUIRE(doc["files"].size() == 2);
    CHECK(doc["files"][0]["path"] == (dir / "tables/2024/a.txt").string());
    CHECK(doc["files"][0]["projects"] == sample::kProjects);
    CHECK(doc["files"][1]["path"] == (dir / "tables/b.tsv").string());
    CHECK(doc["files"][1]["projects"] == 35);
    CHECK(r.rc == 1);  // the sample has errors

    // Without --glob the notes are read too, and are no table: exit 2, said on stderr.
    r = run_bpt("validate " + quote(dir / "tables") + " --format json");
    CHECK(r.rc == 2);
    CHECK(json::parse(r.out)["files"].size() == 3);
    CHECK(r.err.find("notes.md") != std::string::npos);

    r = run_bpt("validate " + quote(dir / "tables") + " --glob '*.pdf'");
    CHECK(r.rc == 2);
    CHECK(r.err == "bpt: no input files found (check the paths and --glob)\n");

    r = run_bpt("validate " + quote(dir / "tables") + " --glob '*.txt' -o " + quote(dir / "report.txt"));
    CHECK(r.rc == 1);
    CHECK(r.out.empty());
    auto report = read_file(dir / "report.txt");
    CHECK(report.find("a.txt: " + sample::summary_line()) != std::string::npos);
    CHECK(report.find("\x1b[") == std::string::npos);

    // An unwritable report: one line, exit 2, nothing half-written.
    r = run_bpt("validate " + kLayout + " -o " + quote(dir / "no/such/dir/r.json"));
    CHECK(r.rc == 2);
    CHECK(one_line(r.err));
}

TEST_CASE("github: at most N annotations per file with errors first and then a summary", "[cli]") {
    Env summary("GITHUB_STEP_SUMMARY", std::nullopt);
    auto r = run_bpt("validate " + kLayout + " --format github --max-annotations 3");
    auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].rfind("::error ", 0) == 0);
    CHECK(lines[1].rfind("::error ", 0) == 0);
    CHECK(lines[2].rfind("::warning ", 0) == 0);
    CHECK(lines[3].find("title=bpt summary::") != std::string::npos);
    CHECK(lines[3].find(": 2 errors, 11 warnings, 2 infos; 12 more not annotated") != std::string::npos);

    // The default is 10; 0 lifts the cap.
    CHECK(lines_of(run_bpt("validate " + kLayout + " --format github").out).size() == 11);
    CHECK(lines_of(run_bpt("validate " + kLayout + " --format github --max-annotations 0").out).size() ==
          std::size(sample::kFindings) + 1);

    TempDir dir;
    bpt::test::write_file(dir / "summary.md", "# earlier step\n");
    Env s("GITHUB_STEP_SUMMARY", (dir / "summary.md").string());
    r = run_bpt("validate " + kLayout + " " + kExport + " --format github");
    auto md = read_file(dir / "summary.md");
    CHECK(md.rfind("# earlier step\n### bpt validate\n", 0) == 0);  // appended
    CHECK(md.find("| errors | warnings | infos | projects | indicators |") != std::string::npos);
    CHECK(md.find(" | 2 | 11 | 2 | 177 | 714 |") != std::string::npos);
    CHECK(lines_of(md).size() == 1 + 1 + 1 + 2 + 2 + 1);  // old, heading, blank, header, rule, 2 files … blank
}

TEST_CASE("ndjson --table indicators: one flat record per indicator with its project's keys", "[cli]") {
    auto r = run_bpt("parse " + kLayout + " --format ndjson --table indicators");
    CHECK(r.rc == 0);
    auto lines = lines_of(r.out);
    REQUIRE(lines.size() == sample::kIndicators);
    std::set<std::uint64_t> projects;
    for (const auto& line : lines) {
        auto j = json::parse(line);
        CHECK(j["type"] == "indicator");
        CHECK(j["source"] == data_path(std::string(sample::kFile)).string());
        CHECK(j["project"].is_number());
        CHECK(j["project_name"].is_string());
        CHECK(j["name"].is_string());
        CHECK(j["level1_name"].is_string());
        CHECK(j.contains("town"));
        for (const auto& [k, v] : j.items())
            if (k != "period" && k != "annual") CHECK_FALSE(v.is_structured());
        projects.insert(j["project"].get<std::uint64_t>());
    }
    CHECK(projects.size() == sample::kProjects);
    // The export sample through the same writer.
    r = run_bpt("parse " + kExport + " --format ndjson --table indicators");
    CHECK(json::parse(lines_of(r.out).front())["project"] == 1);
}

TEST_CASE("bash completion completes commands and options and their values", "[cli]") {
    TempDir dir;
    bpt::test::write_file(dir / "bpt.bash", run_bpt("completions bash").out);
    auto complete = [&](const std::string& words, int cword) {
        std::string cmd = "bash -c " + quote("source " + dir.path().string() + "/bpt.bash; COMP_WORDS=(" + words +
                                             "); COMP_CWORD=" + std::to_string(cword) +
                                             "; _bpt; printf '%s\\n' \"${COMPREPLY[@]}\"");
        std::FILE* p = ::popen(cmd.c_str(), "r");
        std::string out;
        char buf[4096];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
        CHECK(::pclose(p) == 0);
        return lines_of(out);
    };
    CHECK(complete("bpt val", 1) == std::vector<std::string>{"validate"});
    CHECK(complete("bpt validate --format s", 3) == std::vector<std::string>{"sarif"});
    CHECK(complete("bpt validate --max", 2) == std::vector<std::string>{"--max-annotations"});
    CHECK(complete("bpt parse --table ''", 3) == std::vector<std::string>{"projects", "indicators"});
    CHECK(complete("bpt completions ''", 2) == std::vector<std::string>{"bash", "zsh", "fish"});

    auto zsh = run_bpt("completions zsh").out;
    CHECK(zsh.rfind("#compdef bpt\n", 0) == 0);
    CHECK(zsh.find("'--format[") != std::string::npos);
    CHECK(zsh.find(":value:(text json github sarif junit gitlab)'") != std::string::npos);
    auto fish = run_bpt("completions fish").out;
    CHECK(fish.find("complete -c bpt -n '__fish_seen_subcommand_from validate' -l format -s f -x -a "
                    "'text json github sarif junit gitlab'") != std::string::npos);
    for (const char* cmd : {"parse", "convert", "validate", "rules"}) {
        CHECK(zsh.find(std::string("    ") + cmd + ")\n") != std::string::npos);
        CHECK(fish.find(std::string("-a ") + cmd + " -d") != std::string::npos);
    }
}
