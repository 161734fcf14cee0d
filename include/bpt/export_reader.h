#pragma once
// The export dialect: the table as rows of cells, tab-separated as budget systems
// export it, or comma-separated as a spreadsheet saves it. Columns are found by
// their names in the header row, never by position. See docs/dialects.md.
#include <array>
#include <initializer_list>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bpt/delimited.h"
#include "bpt/reader.h"

namespace bpt {

class ExportReader final : public TextReader {
public:
    explicit ExportReader(RowSink& out);
    void line(const Line& line) override;
    void finish() override;
    bool saw_table() const override { return header_seen_ && refusal_.empty(); }
    std::string not_a_table() const override;
    // Whether the first lines hold an export header: a row of tab- or comma-separated
    // cells naming 项目名称 and 绩效目标 or 绩效指标, whose following rows split into as
    // many cells (a layout extractor may separate the header's words with tabs too).
    static bool detect(const std::vector<std::string>& first_lines);

    // The columns bpt reads.
    enum class Column { Department, BudgetUnit, Name, Goal, Indicators, Total, Fiscal, FiscalSpecial, Other };
    static constexpr std::size_t kColumns = 9;
    // The column a header cell names: `主管部门`, `项目名称（资金使用单位）`, `总计（万元）` …
    // White space inside the name is ignored; nullopt for a column bpt does not read.
    static std::optional<Column> column_for(std::string_view header_cell);

    struct Header {
        char delimiter = '\t';
        std::vector<std::string> cells;  // trimmed, unquoted
    };
    // `line` read as a header row: 项目名称 and 绩效目标 or 绩效指标 as cells of their own,
    // separated by tabs or else by commas. nullopt when it is not one.
    static std::optional<Header> find_header(std::string_view line);

    // A ruler under or around the table: cells of dashes (`-----`, `=====`, `———`).
    static bool is_ruler(std::string_view cell);

    // Lines held while a quoted cell stays open. A quote that is still open after
    // this many lines (or bytes) is taken to be a stray one, and the lines are read
    // again with that quote as text.
    static constexpr std::size_t kMaxRecordLines = 1000;
    static constexpr std::size_t kMaxRecordBytes = 4 << 20;

private:
    struct Held {
        std::string text;
        LineNo line;
    };

    void preamble(std::string_view text, LineNo number);
    void take_header(Header header, LineNo number);
    void feed(std::string_view text, LineNo number);
    void recover();
    void record();
    void row();
    void project_row(std::string_view name, std::string_view goal, std::string_view indicators);
    std::string_view cell(Column c) const;
    // Adds the cells of the columns that are in the header.
    void add_cells(std::initializer_list<Column> columns);
    std::string row_text() const;
    Location here(LineNo line) const { return Location{.line = line, .page = page_}; }
    void unparsed(std::string_view text, LineNo number, std::string_view why) {
        Reader::unparsed(text, here(number), why);
    }
    void diagnose(Rule rule, std::string message, LineNo line, std::string_view quote = {}) {
        finding(rule, std::move(message), here(line), quote);
    }

    bool header_seen_ = false;
    std::uint32_t page_ = 1;

    // Before the header: lines that are neither title nor blank wait here, so that
    // they are reported after on_document, which needs the title. Bounded.
    static constexpr std::size_t kMaxPreamble = 64;
    std::vector<Held> preamble_;
    LineNo preamble_lines_ = 0;
    LineNo preamble_dropped_ = 0;
    LineNo preamble_dropped_first_ = 0;
    LineNo preamble_dropped_last_ = 0;
    std::optional<std::string> title_;

    std::vector<std::string> header_;
    std::array<std::size_t, kColumns> column_{};  // header position of each Column, or npos
    std::vector<bool> unnamed_;                      // header positions with no name at all

    DelimitedRecord rows_{'\t'};
    std::vector<Held> held_;  // the open record's lines, for replay after a stray quote
    std::size_t held_bytes_ = 0;

    Row row_;  // reused

    // A table CSV of the printed columns only (no 主管部门 / 预算单位 column), as
    // pdfplumber's extract_tables() writes a PDF's table page by page: a row with a
    // name and amounts but no goal and no indicators is a department's subtotal,
    // and a row the page broke continues, after the header printed again, in a row
    // with no name and no amounts. The last project row waits for that row.
    bool printed_ = false;
    std::string refusal_;  // such a table that lost a row: refused
    bool after_repeat_ = false;
    std::optional<Row> held_row_;
    void flush_held();
    bool continue_held();
};

}  // namespace bpt
