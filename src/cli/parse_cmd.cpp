// bpt parse FILE: one table to one JSON document.
#include <fmt/format.h>

#include <memory>
#include <optional>

#include "bpt/json_writer.h"
#include "bpt/output.h"
#include "bpt/reader.h"
#include "bpt/source.h"
#include "commands.h"

namespace bpt::cli {

namespace {

struct ParseArgs {
    std::string input;
    std::string output = "-";
    bool compact = false;
    std::optional<std::string> encoding;
    std::optional<std::string> dialect;
};

int run_parse(const ParseArgs& args) {
    try {
        auto source = Source::open(args.input, args.encoding);
        Output out(args.output);
        JsonWriter writer(out, !args.compact);
        ReadOptions options;
        options.encoding = args.encoding;
        options.dialect = args.dialect;
        auto result = read_document(*source, writer, options);
        if (!result.table) {
            error(fmt::format("{}: not a budget performance target table (no column header, 合计 row or project "
                              "found)", args.input));
            return kCannotRead;
        }
        out.commit();
        return kOk;
    } catch (const InputError& e) {
        error(e.describe());
    } catch (const OutputError& e) {
        error(e.what());
    }
    return kCannotRead;
}

}  // namespace

Command add_parse(CLI::App& root) {
    auto args = std::make_shared<ParseArgs>();
    auto* cmd = root.add_subcommand("parse", "Read one table and print its projects as JSON");
    cmd->add_option("file", args->input, "Table to read (a path, or - for standard input)")->required();
    cmd->add_option("-o,--output", args->output, "Write to FILE (atomically) instead of standard output");
    cmd->add_flag("--compact", args->compact, "One line of JSON instead of indented");
    cmd->add_option("--encoding", args->encoding, "Input encoding (UTF-8, GB18030, UTF-16LE …); detected by default");
    cmd->add_option("--dialect", args->dialect, "Table dialect; detected by default")
        ->check(CLI::IsMember({"layout", "export"}));
    return {cmd, [args] { return run_parse(*args); }};
}

}  // namespace bpt::cli
