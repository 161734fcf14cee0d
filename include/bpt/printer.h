#pragma once
// Printers turn records into an output format. A printer lives for the whole run
// and lends one sink per input file, as ripgrep's printers do, so that one input's
// output and many inputs' combined output are the same code: a combined printer
// writes its preamble once and gives each file's rows a source column.
#include <cstdio>
#include <memory>

#include "bpt/csv_writer.h"
#include "bpt/output.h"
#include "bpt/rule_policy.h"
#include "bpt/sink.h"

namespace bpt {

enum class Format { Json, Ndjson, Csv, Xlsx };

// The file name extension of a format, with its dot: ".json", ".ndjson", ".csv".
std::string_view extension(Format f);

struct PrintOptions {
    Format format = Format::Json;
    bool compact = false;  // JSON on one line
    CsvTable table = CsvTable::Projects;
    bool bom = false;       // CSV: a UTF-8 byte-order mark first
    bool english = false;   // CSV and xlsx headers: machine names instead of Chinese with units
};

class Printer {
public:
    virtual ~Printer() = default;
    // What the whole output starts with, written once (a CSV header and BOM).
    virtual void begin(Output&) const {}
    // A sink for one input's stream, writing to `out`: the whole output, or a spool
    // of this input's share of a combined one. Safe to call from several threads.
    virtual std::unique_ptr<Sink> sink(Output& out) const = 0;
    // A combined output: appends one input's spool (what its sink wrote), in input
    // order. Text formats copy the bytes; a workbook reads its rows back.
    virtual void append(std::FILE* spool, Output& out) const;
    // A combined output: what the whole output ends with, once, before it is committed.
    virtual void finish(Output&) const {}
};

// `combined`: many inputs into one output, each row saying its source. A JSON
// document holds one table, so a combined JSON printer is nullptr.
std::unique_ptr<Printer> make_printer(const PrintOptions& options, const RulePolicy& policy, bool combined = false);

}  // namespace bpt
