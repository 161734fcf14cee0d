// bpt parse FILE: one table to one JSON document, NDJSON stream or CSV table.
#include <unistd.h>

#include <memory>

#include <fmt/format.h>

#include "bpt/output.h"
#include "bpt/pipeline.h"
#include "bpt/source.h"
#include "commands.h"
#include "formats.h"
#include "rule_options.h"
#include "same_file.h"

namespace bpt::cli {

namespace {

struct ParseArgs {
    std::string input;
    std::string output = "-";
    FormatOptions format;
    ReadOptions read;
    RuleArgs rules;
    bool quiet = false;
};

int run_parse(ParseArgs args) {
    auto validation = validation_options(args.rules);
    if (!validation) return kCannotRead;
    args.read.validation = std::move(*validation);
    // A workbook is a zip: on a terminal it is noise, and the terminal's state after it too.
    if (args.format.format == Format::Xlsx && args.output == "-" && ::isatty(STDOUT_FILENO)) {
        error("standard output is a terminal: --format xlsx writes a binary workbook; give -o FILE.xlsx");
        return kCannotRead;
    }
    if (same_file(file_id(args.input), file_id(args.output))) {
        error(fmt::format("{}: -o names the input itself, which the output would replace; write it elsewhere",
                          args.output));
        return kCannotRead;
    }
    try {
        Output out(args.output);
        auto printer = make_printer(args.format.print(Format::Json), RulePolicy(args.read.validation));
        auto result = convert(args.input, out, *printer, args.read);
        if (auto notice = findings_notice(args.input, result); !notice.empty() && (!args.quiet || !result.doubt.empty()))
            error(notice);
        return result.doubt.empty() ? kOk : kFindings;
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
    auto* cmd = root.add_subcommand("parse", "Read one table and print its projects as JSON, NDJSON or CSV");
    cmd->add_option("file", args->input, "Table to read (a path, or - for standard input)")->required();
    cmd->add_option("-o,--output", args->output, "Write to FILE (atomically) instead of standard output");
    add_format_options(cmd, args->format);
    add_read_options(cmd, args->read);
    add_rule_options(cmd, args->rules);
    cmd->add_flag("-q,--quiet", args->quiet,
                  "Say nothing on standard error about the table's findings (a doubtful reading is still said)");
    return {cmd, [args] { return run_parse(*args); }};
}

}  // namespace bpt::cli
