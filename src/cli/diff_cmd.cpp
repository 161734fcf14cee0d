// bpt diff OLD NEW: what changed between two tables, by records (docs/diff.md).
// Exit codes as diff(1): 0 the same, 1 different, 2 a file cannot be read or the
// arguments are wrong.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>

#include "bpt/diff.h"
#include "bpt/diff_report.h"
#include "bpt/output.h"
#include "bpt/pipeline.h"
#include "bpt/source.h"
#include "commands.h"
#include "formats.h"
#include "same_file.h"

namespace bpt::cli {

namespace {

struct DiffArgs {
    std::string old_path, new_path;
    std::string output = "-";
    std::string format = "text";
    std::string color = "auto";
    std::vector<std::string> ignore;
    bool compact = false;
    bool bom = false;
    std::optional<std::string> encoding;
    std::optional<std::string> password;
    std::optional<Dialect> dialect;
};

// As `bpt validate` decides: --color, then NO_COLOR (https://no-color.org), then
// whether standard output is a terminal. A file given with -o is never one.
bool use_color(const DiffArgs& args) {
    if (args.color == "always") return true;
    if (args.color == "never" || args.output != "-") return false;
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color && *no_color) return false;
    return ::isatty(::fileno(stdout)) == 1;
}

int run_diff(const DiffArgs& args) {
    for (const auto* path : {&args.old_path, &args.new_path}) {
        if (same_file(file_id(*path), file_id(args.output))) {
            error(fmt::format("{}: -o names an input, which the output would replace; write it elsewhere",
                              args.output));
            return kCannotRead;
        }
    }
    diff::Ignore ignore;
    for (const auto& list : args.ignore) {
        std::size_t start = 0;
        while (start <= list.size()) {
            auto end = list.find(',', start);
            if (end == std::string::npos) end = list.size();
            std::string name = list.substr(start, end - start);
            if (!diff::set_ignore(ignore, name)) {
                std::string names;
                for (const auto& n : diff::ignore_names()) names += (names.empty() ? "" : ", ") + n;
                error(fmt::format("--ignore: unknown '{}' (expected one of: {})", name, names));
                return kCannotRead;
            }
            start = end + 1;
        }
    }
    ReadOptions read;
    read.encoding = args.encoding;
    read.dialect = args.dialect;
    read.password = args.password;
    std::optional<diff::Table> tables[2];
    const std::string* paths[2] = {&args.old_path, &args.new_path};
    for (int k = 0; k < 2; ++k) {
        try {
            tables[k] = diff::read_table(*paths[k], read);
        } catch (const InputError& e) {
            error(e.describe());
            return kCannotRead;
        }
        // A doubtful reading still compares, but whoever reads the report must know.
        if (!tables[k]->doubt.empty())
            error(fmt::format("{}: the reading is doubtful: {}; compared as read", *paths[k],
                              tables[k]->doubt));
    }
    // A workbook is a zip: on a terminal it is noise, and the terminal's state after it too.
    if (args.format == "xlsx" && args.output == "-" && ::isatty(STDOUT_FILENO)) {
        error("standard output is a terminal: --format xlsx writes a binary workbook; give -o FILE.xlsx");
        return kCannotRead;
    }
    auto result = diff::compare(std::move(*tables[0]), std::move(*tables[1]), ignore);
    try {
        Output out(args.output);
        if (args.format == "json") diff::write_json(out, result, !args.compact);
        else if (args.format == "csv") diff::write_csv(out, result, args.bom);
        else if (args.format == "xlsx") diff::write_xlsx(out, result);
        else diff::write_text(out, result, use_color(args));
        out.commit();
    } catch (const OutputError& e) {
        error(e.what());
        return kCannotRead;
    }
    return result.same() ? kOk : kFindings;
}

}  // namespace

Command add_diff(CLI::App& root) {
    auto args = std::make_shared<DiffArgs>();
    auto* cmd = root.add_subcommand(
        "diff", "Compare two tables project by project; exit 0 the same, 1 different, 2 unreadable");
    cmd->add_option("old", args->old_path, "The earlier or approved table (a path, or - for standard input)")
        ->required();
    cmd->add_option("new", args->new_path, "The later or submitted table")->required();
    cmd->add_option("-f,--format", args->format, "text (default), json, csv or xlsx (a workbook: give -o FILE.xlsx)")
        ->check(CLI::IsMember({"text", "json", "csv", "xlsx"}));
    cmd->add_option("--color", args->color, "Colour the text output: auto (on a terminal), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    cmd->add_option("--ignore", args->ignore,
                    "Leave out of the comparison: amounts, goal, indicators, targets, totals, renames "
                    "(repeated or comma-separated)")
        // One value per --ignore, so that `--ignore goal OLD NEW` leaves the files alone.
        ->allow_extra_args(false);
    cmd->add_option("-o,--output", args->output, "Write to FILE (atomically) instead of standard output");
    cmd->add_flag("--compact", args->compact, "JSON: one line instead of indented");
    cmd->add_flag("--bom", args->bom, "CSV: start with a UTF-8 byte-order mark");
    cmd->add_option("--encoding", args->encoding, "Both inputs' encoding; detected by default");
    cmd->add_option("--password", args->password, "A PDF's password (user or owner), for either file")->option_text("PASSWORD");
    add_dialect_option(cmd, args->dialect);
    return {cmd, [args] { return run_diff(*args); }};
}

}  // namespace bpt::cli
