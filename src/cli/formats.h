#pragma once
// The output formats, shared by `bpt parse` and `bpt convert`: their options, and
// the one place that turns a format name into a writer sink.
#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>

#include "bpt/csv_writer.h"
#include "bpt/printer.h"
#include "bpt/output.h"
#include "bpt/pipeline.h"
#include "bpt/sink.h"
#include "bpt/source.h"

namespace bpt::cli {

struct FormatOptions {
    std::optional<Format> format;  // unset: the command's default
    bool compact = false;          // JSON on one line
    CsvTable table = CsvTable::Projects;
    bool bom = false;
    // --header: unset, a workbook's headers are Chinese and a CSV's are machine
    // names, as they were before there was a choice (scripts read them).
    std::optional<bool> english;
    // As typed; CLI11 checks them, add_format_options turns them into the above.
    std::string format_name;
    std::string table_name = "projects";

    // What the printer needs, with `fallback` where --format was not given.
    PrintOptions print(Format fallback) const {
        Format f = format.value_or(fallback);
        return PrintOptions{f, compact, table, bom, english.value_or(f != Format::Xlsx)};
    }
};

// --format, --table, --bom, --compact, --header.
void add_format_options(CLI::App* cmd, FormatOptions& options);
// --encoding, --dialect.
void add_read_options(CLI::App* cmd, ReadOptions& options);
void add_dialect_option(CLI::App* cmd, std::optional<Dialect>& dialect);

// One input to one output: Source → read_document → the printer's sink → `out`,
// committed only once complete. The pipeline of `bpt parse`, and of each file of
// `bpt convert`. Throws InputError (also when the input is not a table at all) or
// OutputError.
ReadResult convert(const std::string& path, Output& out, const Printer& printer, const ReadOptions& read);

// What `bpt parse` says on standard error about what it read: that the reading is
// doubtful (then it exits 1), or that the table has errors; empty when neither.
// Nobody who ran `bpt parse FILE > out.json` should have to open the JSON to learn it.
std::string findings_notice(const std::string& path, const ReadResult& result);

}  // namespace bpt::cli
