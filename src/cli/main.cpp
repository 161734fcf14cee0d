// bpt: the command-line front. It parses arguments, wires Source → Reader → sinks
// and maps outcomes to exit codes; no table logic lives here.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "bpt/json_writer.h"
#include "bpt/output.h"
#include "bpt/reader.h"
#include "bpt/source.h"

namespace {

// Exit codes, documented in the README.
constexpr int kOk = 0;
constexpr int kCannotRead = 2;

struct ParseArgs {
    std::string input;
    std::string output = "-";
    bool compact = false;
    std::optional<std::string> encoding;
    std::optional<std::string> dialect;
};

void error(const std::string& message) { fmt::print(stderr, "bpt: {}\n", message); }

int run_parse(const ParseArgs& args) {
    try {
        auto source = bpt::Source::open(args.input, args.encoding);
        bpt::Output out(args.output);
        bpt::JsonWriter writer(out, !args.compact);
        auto result = bpt::read_document(*source, writer, {args.encoding, args.dialect});
        if (!result.table) {
            error(fmt::format("{}: not a budget performance target table (no column header, 合计 row or project "
                              "found)", args.input));
            return kCannotRead;
        }
        out.commit();
        return kOk;
    } catch (const bpt::InputError& e) {
        error(e.describe());
    } catch (const bpt::OutputError& e) {
        error(e.what());
    }
    return kCannotRead;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"bpt: extract and validate budget performance target tables (项目支出绩效目标表)", "bpt"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "bpt 0.1.0");

    ParseArgs parse;
    auto* cmd = app.add_subcommand("parse", "Read one table and print its projects as JSON");
    cmd->add_option("file", parse.input, "Table to read (a path, or - for standard input)")->required();
    cmd->add_option("-o,--output", parse.output, "Write to FILE (atomically) instead of standard output");
    cmd->add_flag("--compact", parse.compact, "One line of JSON instead of indented");
    cmd->add_option("--encoding", parse.encoding, "Input encoding (UTF-8, GB18030, UTF-16LE …); detected by default");
    cmd->add_option("--dialect", parse.dialect, "Table dialect; detected by default")
        ->check(CLI::IsMember({"layout", "export"}));

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // Usage errors share exit code 2 with unreadable input: both mean "no result".
        int rc = app.exit(e);
        return rc == 0 ? 0 : kCannotRead;
    }
    if (cmd->parsed()) return run_parse(parse);
    return kOk;
}
