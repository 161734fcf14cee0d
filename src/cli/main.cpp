// bpt: the command-line front. It parses arguments, wires Source → Reader → sinks
// and maps outcomes to exit codes; no table logic lives here.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <system_error>

#include <malloc.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "bpt/printable.h"
#include "commands.h"
#include "suggest.h"

#ifndef BPT_VERSION
#define BPT_VERSION "0.0.0"
#endif

namespace bpt::cli {
// Messages name files, and a file name may hold bytes that are not UTF-8 or
// control characters: printable() keeps the line one line of text.
void error(const std::string& message) { fmt::print(stderr, "bpt: {}\n", printable(message)); }
std::string_view version() { return BPT_VERSION; }
}  // namespace bpt::cli

namespace {

using namespace bpt::cli;

// Shown under each command's --help (and so in the man page): a line to copy beats
// a paragraph to read.
const std::map<std::string, std::string> kExamples = {
    {"parse",
     "  bpt parse table.txt > table.json\n"
     "  bpt parse table.txt --format csv --bom -o table.csv\n"
     "  bpt parse table.txt --format ndjson --table indicators | jq -r .name\n"
     "  bpt parse - < table.txt --format ndjson\n"
     "  bpt parse table.txt --format xlsx -o table.xlsx"},
    {"convert",
     "  bpt convert archive/ --out-dir out/ --format csv\n"
     "  bpt convert 2023/ 2024/ --glob '*.txt' --combine all.ndjson\n"
     "  bpt convert archive/ --format csv --table indicators --combine indicators.csv\n"
     "  bpt convert archive/ --combine all.xlsx"},
    {"validate",
     "  bpt validate table.txt\n"
     "  bpt validate tables/ --glob '*.txt' --strict\n"
     "  bpt validate tables/ --format sarif -o bpt.sarif\n"
     "  bpt validate tables/ --format junit -o report.xml\n"
     "  bpt validate tables/ --format gitlab -o gl-code-quality-report.json\n"
     "  bpt validate tables/ --format github --max-annotations 20"},
    {"rules", "  bpt rules\n  bpt validate table.txt --disable missing-goal --severity duplicate-project=error"},
    {"completions",
     "  bpt completions bash > ~/.local/share/bash-completion/completions/bpt\n"
     "  bpt completions zsh > ~/.zfunc/_bpt\n"
     "  bpt completions fish > ~/.config/fish/completions/bpt.fish"},
    {"help", "  bpt help\n  bpt help validate"},
    {"stats", "  bpt stats table.txt\n  bpt stats tables/*.txt --format json"},
};

// What an option's value is, in the words of its help; CLI11 would say TEXT.
const std::map<std::string, std::string> kPlaceholders = {
    {"file", "FILE"},         {"files", "PATH"},          {"inputs", "PATH"},
    {"--output", "FILE"},     {"--out-dir", "DIR"},       {"--combine", "FILE"},
    {"--glob", "PATTERN"},    {"--jobs", "N"},            {"--encoding", "ENCODING"},
    {"--dialect", "DIALECT"}, {"--format", "FORMAT"},     {"--table", "TABLE"},
    {"--color", "WHEN"},      {"--max-annotations", "N"}, {"command", "COMMAND"},
    {"shell", "SHELL"},       {"--header", "LANG"},
};

void dress(CLI::App& cmd) {
    if (auto e = kExamples.find(cmd.get_name()); e != kExamples.end()) cmd.footer("\nExamples:\n" + e->second + "\n");
    for (CLI::Option* o : cmd.get_options()) {
        auto p = kPlaceholders.find(o->get_name(/*positional=*/false, /*all_options=*/false));
        if (p == kPlaceholders.end()) p = kPlaceholders.find(o->get_name(true, false));
        if (p != kPlaceholders.end() && o->get_type_size() != 0) o->type_name(p->second);
    }
}

std::vector<std::string> option_names(const CLI::App& cmd) {
    std::vector<std::string> names;
    for (const CLI::Option* o : cmd.get_options()) {
        for (const auto& l : o->get_lnames()) names.push_back("--" + l);
        for (const auto& s : o->get_snames()) names.push_back("-" + s);
    }
    return names;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    auto n = nearest(word, candidates);
    return n ? fmt::format(" (did you mean '{}'?)", *n) : "";
}

// CLI11's messages span lines and carry no program name; a usage error here is one
// line, `bpt: COMMAND: what`, with the nearest known word for a misspelt one.
std::string describe(const CLI::App& app, const CLI::App* cmd, const CLI::ParseError& e) {
    const CLI::App& where = cmd ? *cmd : app;
    std::string prefix = cmd ? cmd->get_name() + ": " : "";
    std::string help = cmd ? fmt::format("bpt {} --help", cmd->get_name()) : "bpt --help";
    if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
        auto extras = app.remaining(/*recurse=*/true);
        for (const auto& x : extras) {
            if (x.size() > 1 && x[0] == '-') {
                std::string name = x.substr(0, x.find('='));
                return fmt::format("{}unknown option '{}'{}; see {}", prefix, name,
                                   did_you_mean(name, option_names(where)), help);
            }
        }
        std::string list;
        for (const auto& x : extras) list += (list.empty() ? "'" : " '") + x + "'";
        return fmt::format("{}unexpected argument{} {}; see {}", prefix, extras.size() == 1 ? "" : "s", list, help);
    }
    std::string what = e.what();
    for (auto& c : what)
        if (c == '\n') c = ' ';
    while (!what.empty() && what.back() == ' ') what.pop_back();
    // IsMember's `--format: sarf not in {text,json,…}`: suggest the nearest member.
    auto in = what.find(" not in {");
    auto colon = what.find(": ");
    if (dynamic_cast<const CLI::ValidationError*>(&e) && in != std::string::npos && colon < in &&
        what.back() == '}') {
        std::string value = what.substr(colon + 2, in - colon - 2);
        std::vector<std::string> members;
        std::string list = what.substr(in + 9, what.size() - in - 10);
        for (std::size_t start = 0;;) {
            auto comma = list.find(',', start);
            members.push_back(list.substr(start, comma - start));
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
        what += did_you_mean(value, members);
    }
    return fmt::format("{}{}; see {}", prefix, what, help);
}

constexpr const char* kAbout = "bpt: extract and validate budget performance target tables (项目支出绩效目标表)";

void set_up_root(CLI::App& app) {
    app.require_subcommand(1);
    app.set_version_flag("-V,--version", fmt::format("bpt {}", version()));
    app.footer(
        "\nExamples:\n"
        "  bpt parse table.txt > table.json\n"
        "  bpt parse table.txt --format csv --bom -o table.csv\n"
        "  bpt validate tables/ --format github\n"
        "  bpt convert archive/ --out-dir out/ --format ndjson\n"
        "  bpt diff last-year.txt this-year.txt\n"
        "  bpt parse table.txt --format xlsx -o table.xlsx\n"
        "  bpt stats table.txt\n"
        "\nExit codes: 0 done; 1 parse's reading is doubtful, validate found errors, convert could not convert\n"
        "some file, or diff found differences; 2 unreadable input, unwritable output or wrong arguments.\n"
        "Run bpt help COMMAND for more.");
}

// Output that could not be written (a full disk, a closed pipe) is a failure too,
// whichever command wrote it; a command that failed has said why already.
int check_stdout(int rc) {
    if (rc == kOk && (std::fflush(stdout) != 0 || std::ferror(stdout))) {
        error(fmt::format("standard output: write failed: {}", std::strerror(errno)));
        return kCannotRead;
    }
    return rc;
}

using AddCommand = Command (*)(CLI::App&);
// Every command, in the order of bpt --help.
constexpr AddCommand kCommands[] = {add_parse, add_convert, add_validate, add_rules,
                                    add_diff,  add_stats,   add_completions, add_help};
// Their names, for only_command(); run_one() checks that they stay the same.
constexpr std::string_view kCommandNames[] = {"parse", "convert", "validate", "rules",
                                              "diff",  "stats",   "completions", "help"};

// Building every command's options costs about a million instructions (CLI11 makes
// a dozen strings and functions per option): a third of all that a small validate
// runs. A run of one command with good arguments needs that command only. Not for
// help and completions, which read the whole tree, nor when a later word is another
// command's name, which the whole tree might read otherwise.
AddCommand only_command(int argc, char** argv) {
    if (argc < 2) return nullptr;
    AddCommand add = nullptr;
    for (std::size_t i = 0; i < std::size(kCommandNames); ++i)
        if (argv[1] == kCommandNames[i] && kCommandNames[i] != "completions" && kCommandNames[i] != "help")
            add = kCommands[i];
    for (int a = 2; add && a < argc; ++a)
        for (auto name : kCommandNames)
            if (argv[a] == name) return nullptr;
    return add;
}

// A parsed command's run, and its exit code once standard output is flushed.
template <class Run>
int run_parsed(Run run) {
    int rc = kOk;
    try {
        rc = run();
    } catch (const std::system_error& e) {
        // fmt::print to standard output throws when a write fails midway (a full disk).
        error(fmt::format("standard output: write failed: {}", e.code().message()));
        return kCannotRead;
    }
    return check_stdout(rc);
}

// The run of the one command only_command() chose; nullopt, having done nothing,
// when the arguments do not parse (or ask for --help): run_all() then parses them
// again with the whole tree, so that what is said about them cannot differ.
std::optional<int> run_one(int argc, char** argv, AddCommand add) {
    CLI::App app{kAbout, "bpt"};
    set_up_root(app);
    Command command = add(app);
    if (command.app->get_name() != argv[1]) return std::nullopt;
    dress(app);
    dress(*command.app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError&) {
        return std::nullopt;
    }
    if (!command.app->parsed()) return std::nullopt;
    return run_parsed([&] { return command.run(); });
}

int run_all(int argc, char** argv) {
    CLI::App app{kAbout, "bpt"};
    set_up_root(app);
    std::vector<Command> commands;
    for (AddCommand add : kCommands) commands.push_back(add(app));
    dress(app);
    for (auto& c : commands) dress(*c.app);

    // CLI11 would only say that a subcommand is required; name the word it got.
    std::vector<std::string> names;
    bool known = false;
    for (const auto& c : commands) {
        names.push_back(c.app->get_name());
        known = known || (argc > 1 && c.app->get_name() == argv[1]);
    }
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    if (argc == 1) {
        error(fmt::format("a command is needed: one of {} (see bpt --help)", list));
        return kCannotRead;
    }
    if (argv[1][0] != '-' && !known) {
        error(fmt::format("unknown command '{}'{} (expected one of: {}; see bpt --help)", argv[1],
                          did_you_mean(argv[1], names), list));
        return kCannotRead;
    }
    // An option before any command: CLI11 would only ask for a command.
    std::string first = std::string(argv[1]).substr(0, std::string(argv[1]).find('='));
    if (first[0] == '-' && nearest(first, option_names(app)) != std::optional<std::string>(first)) {
        const std::string& name = first;
        std::vector<std::string> all;
        for (const auto& c : commands)
            for (auto& o : option_names(*c.app)) all.push_back(o);
        auto near = nearest(name, all);
        std::string owners;
        if (near)
            for (const auto& c : commands) {
                auto names_of = option_names(*c.app);
                if (std::find(names_of.begin(), names_of.end(), *near) != names_of.end())
                    owners += (owners.empty() ? "" : ", ") + c.app->get_name();
            }
        error(near ? fmt::format("unknown option '{}' before the command ('{}' is an option of {}: write it after "
                                 "the command, as in bpt COMMAND {} …)",
                                 name, *near, owners, *near)
                   : fmt::format("unknown option '{}': a command comes first (bpt COMMAND [OPTIONS]; see bpt --help)",
                                 name));
        return kCannotRead;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) {
            app.exit(e);  // --help, --version: on standard output, exit 0
            return check_stdout(kOk);
        }
        const CLI::App* cmd = nullptr;
        for (const auto& c : commands)
            if (c.app->parsed()) cmd = c.app;
        error(describe(app, cmd, e));
        // Usage errors share exit code 2 with unreadable input: both mean "no result".
        return check_stdout(kCannotRead);
    }
    return run_parsed([&] {
        int rc = kOk;
        for (const auto& c : commands)
            if (c.app->parsed()) rc = c.run();
        return rc;
    });
}

}  // namespace

int main(int argc, char** argv) {
    // Each file's pipeline allocates a few buffers of hundreds of KiB. By default
    // glibc maps such blocks afresh and returns them when freed, so every file of
    // a `bpt convert` run faulted its buffers in again: half its time was the
    // kernel's. Keeping freed memory for reuse costs nothing in peak size.
    mallopt(M_MMAP_THRESHOLD, 16 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    if (AddCommand add = only_command(argc, argv))
        if (std::optional<int> rc = run_one(argc, argv, add)) return *rc;
    return run_all(argc, argv);
}
