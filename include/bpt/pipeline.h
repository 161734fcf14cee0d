#pragma once
// The run of one document: Source → the reader for its dialect → Assembler →
// checks → rule policy → summary → the caller's sink. Detection and the choice of
// reader live here, above the readers, so a new dialect is one reader unit and one
// row in this unit's table (src/pipeline.cpp).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bpt/rule_policy.h"
#include "bpt/sink.h"
#include "bpt/source.h"

namespace bpt {

enum class Dialect {
    Pdf,     // a PDF file, read by its geometry (pdf_reader.h); told by its bytes, not detected from text
    Layout,  // text as a PDF extractor wrote it (layout_reader.h)
    Export,  // tab- or comma-separated export (export_reader.h)
    Grid,    // the national grid forms: 一级/二级/三级指标 rows under a header block (grid_reader.h)
    Drawing, // text in a PDF's drawing order: pdftotext -raw, mutool, PyMuPDF (drawing_reader.h)
    Positional,  // cells placed at their columns: pdftotext -layout, pdfplumber layout text (positional_reader.h)
};

std::string_view to_string(Dialect dialect);
// `layout`, `export`; nullopt for any other name.
std::optional<Dialect> parse_dialect(std::string_view name);
// Every dialect's name, in the order detection tries them, for help and messages.
std::vector<std::string_view> dialect_names();

// Decides the dialect from the first lines of a file (in order, blank lines included).
Dialect detect_dialect(const std::vector<std::string>& first_lines);

// What one reader may hold before it hands a row on (the open record), and what
// the grid reader, which reads a form whole, may hold of one document. Past either,
// the input is refused (`record too large`), naming the line where the record began.
constexpr std::uint64_t kMaxRecordBytes = 4 << 20;
constexpr std::uint64_t kMaxGridBytes = 8 << 20;

struct ReadOptions {
    std::optional<std::string> encoding;  // force an encoding instead of detecting it
    std::optional<std::string> password;  // a PDF's user password
    std::optional<Dialect> dialect;       // instead of detecting it
    ValidationOptions validation;
};

// Outcome of reading one file.
struct ReadResult {
    bool table = false;   // false: the file is not a table at all (nothing was written)
    Dialect dialect = Dialect::Layout;
    Summary summary;
    std::string refusal;  // why a file that is no table was refused, in its reader's words
    // Empty when the reading can be trusted; else what makes it doubtful (no project
    // read, most lines in no cell, projects without amounts by the hundred, reading
    // errors, projects that do not add up to the 合计), for one line on standard error.
    std::string doubt;
};

// Reads `source` to `sink`: the checks' findings are counted with the readers', and
// on_end carries the counts. Throws InputError when the bytes cannot be read as text.
ReadResult read_document(Source& source, Sink& sink, const ReadOptions& options);

class PdfSource;
// The same for a PDF, page by page. Throws PdfError (an InputError) when the PDF
// cannot be read: locked, damaged, a scan without text.
ReadResult read_pdf(PdfSource& pdf, Sink& sink, const ReadOptions& options);

// Opens `path` ("-": standard input) as a PDF or as text, told by its first bytes,
// and reads it. Throws InputError (PdfError for a PDF) as the two above.
ReadResult read_path(const std::string& path, Sink& sink, const ReadOptions& options);

}  // namespace bpt
