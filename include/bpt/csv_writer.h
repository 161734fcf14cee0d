#pragma once
// CSV for spreadsheets (docs/formats.md): one row per project, or one row per
// indicator. RFC 4180: fields holding a comma, a double quote, CR or LF are quoted
// with inner quotes doubled, and every record ends in CRLF. Amounts are exact
// decimals (Money::to_string); a missing value is an empty cell.
#include <string>
#include <string_view>

#include "bpt/byte_buffer.h"
#include "bpt/output.h"
#include "bpt/sink.h"
#include "bpt/stats.h"

namespace bpt {

enum class CsvTable { Projects, Indicators };

struct CsvOptions {
    CsvTable table = CsvTable::Projects;
    // A UTF-8 byte-order mark first: without it Excel and WPS read UTF-8 as the
    // local code page (GBK on a Chinese Windows) and show mojibake.
    bool bom = false;
    bool header = true;
    // A `source` column first, holding the input's path: for output that combines
    // several inputs, where a row must say where it came from.
    bool source_column = false;
    // Column names in Chinese with the table's unit (总计（万元）), for people; the
    // default snake_case names are the JSON member names, for programs.
    bool chinese = false;
    std::string unit = "万元";  // the amount headers' unit, from the table when it says
};

// Appends `field` to `out` as one CSV field, quoted when RFC 4180 requires it.
void append_csv_field(ByteBuffer& out, std::string_view field);
void append_csv_field(std::string& out, std::string_view field);  // for tests and small uses

class CsvWriter final : public Sink {
public:
    CsvWriter(Output& out, CsvOptions options) : out_(out), options_(options) {}
    // The byte-order mark and header row as `options` ask for them. A writer writes
    // them itself when its options ask; a combined output writes them once, up
    // front, and gives its per-file writers options without them.
    static void write_preamble(Output& out, const CsvOptions& options);

    void on_document(const DocumentInfo& d) override;
    void on_project(const Project& p) override;
    void on_end(const Summary&) override;

private:
    void start();
    void project_row(const Project& p, bool repeat);
    void indicator_rows(const Project& p, bool repeat);
    // The `duplicate` cell of a page-break repeat: the sum of the rows without it is the 合计.
    const char* repeat_mark() const { return options_.chinese ? "是" : "true"; }
    RepeatFilter repeats_;
    Output& out_;
    CsvOptions options_;
    std::string source_;
    bool started_ = false;
};

}  // namespace bpt
