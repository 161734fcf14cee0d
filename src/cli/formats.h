#pragma once
// The output formats, shared by `bpt parse` and `bpt convert`: their options, and
// the one place that turns a format name into a writer sink.
#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>

#include "bpt/csv_writer.h"
#include "bpt/output.h"
#include "bpt/pipeline.h"
#include "bpt/sink.h"
#include "bpt/source.h"

namespace bpt::cli {

enum class Format { Json, Ndjson, Csv };

struct FormatOptions {
    std::optional<Format> format;  // unset: the command's default
    bool compact = false;          // JSON on one line
    CsvTable table = CsvTable::Projects;
    bool bom = false;
    // As typed; CLI11 checks them, add_format_options turns them into the above.
    std::string format_name;
    std::string table_name = "projects";
};

// --format, --table, --bom, --compact.
void add_format_options(CLI::App* cmd, FormatOptions& options);
// --encoding, --dialect.
void add_read_options(CLI::App* cmd, ReadOptions& options);
void add_dialect_option(CLI::App* cmd, std::optional<Dialect>& dialect);

// The file name extension of a format, with its dot: ".json", ".ndjson", ".csv".
std::string extension(Format f);

// What a writer's output is part of. A Part is one input's share of a combined
// output: its CSV has a source column and leaves the BOM and header to the
// combined file, which writes them once (write_combined_preamble).
enum class OutputPart { Whole, Part };

std::unique_ptr<Sink> make_writer(Format f, const FormatOptions& options, Output& out, const RulePolicy& policy,
                                  OutputPart role = OutputPart::Whole);
void write_combined_preamble(Format f, const FormatOptions& options, Output& out);

// One input to one output: Source → read_document → writer → `out`, committed only
// once complete. The pipeline of `bpt parse`, and of each file of `bpt convert`.
// Throws InputError (also when the input is not a table at all) or OutputError.
Summary convert(Source& source, Output& out, Format f, const FormatOptions& options, const ReadOptions& read,
                OutputPart role = OutputPart::Whole);

}  // namespace bpt::cli
