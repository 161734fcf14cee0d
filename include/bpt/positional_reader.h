#pragma once
// The positional dialect: text in which an extractor placed every cell at its
// column on the page (`pdftotext -layout`, pdfplumber's `extract_text(layout=True)`).
// A row's cells sit side by side on the lines of the row, a wrapped name's halves
// above and below its amounts, and the goal and indicator lines interleave where
// their cells are aligned differently. Positions are display columns (a CJK
// character is two) and line numbers, read by the PDF reader's geometry
// (table_geometry.h): the header gives the columns, each line of amounts anchors a
// row, and the wrapped cells' lines are cut into runs, one per row.
//
// The extractors keep the columns only roughly (a long goal line pushes the
// indicator text to its right, an indicator line alone starts further left than
// one beside a goal line, a wrapped header cell is not above its cells), so the
// cells of a line are told apart here, and the geometry sees them at fixed columns:
// amounts by their form, the name by its side of the first amount column, a goal
// line by starting left of the indicator lines alone (measured per page),
// everything after it on the line being indicators. A row with no goal and no
// indicators whose name is not indented is a department. docs/dialects.md has the
// details and the refusals. Memory: one page of lines.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bpt/reader.h"
#include "bpt/table_geometry.h"

namespace bpt {

class PositionalReader final : public TextReader {
public:
    explicit PositionalReader(RowSink& out) : TextReader(out) {}
    void line(const Line& line) override;
    void finish() override;
    bool saw_table() const override { return refusal_.empty() && saw_table_; }
    std::string not_a_table() const override;
    // A column header whose cells stand apart by runs of spaces (项目名称 … 总计 …),
    // and rows that are not each followed by a blank line (the layout sample's
    // extractor writes one after every line, and is read by the layout reader).
    // Also the same tools' text that lost the positions (pdfplumber's
    // extract_text(): a line's cells joined by single spaces), to refuse it.
    static bool detect(const std::vector<std::string>& first_lines);

    // Text whose lines join a row's cells by single spaces or nothing, without
    // their columns: a wrapped name's half, the amounts and the goal on one line
    // (`党代表任期制工作经费 9.20 9.20 加强…`), or a goal glued to its indicators
    // (`…制1、1-产出指标`). Returns what shows it, or an empty string.
    static std::string joined_cells(const std::vector<std::string>& lines);

private:
    struct OpenLine {
        std::string text;
        Location at;
    };
    struct OpenRow {
        std::array<std::vector<OpenLine>, geo::kCols> cells;
        Location at;
    };
    void page_end();
    void above(const std::vector<geo::Line>& lines);
    void flush();
    Location at_y(float y) const;

    void refuse(std::string why) {
        if (refusal_.empty()) refusal_ = std::move(why);
    }

    std::string refusal_;
    bool header_checked_ = false;      // the first header was looked at for positions
    std::vector<std::string> lines_;   // the page's lines
    std::vector<LineNo> numbers_;      // their line numbers
    std::uint32_t page_ = 1;
    geo::TableGeometry geometry_;
    std::optional<geo::Columns> columns_;  // the last header's, in this page's or an earlier one's positions
    std::optional<OpenRow> open_;
    bool saw_table_ = false;
    std::optional<std::string> title_;
    std::optional<std::string> meta_;
    std::optional<float> base_x_;  // where the 合计 name starts: names further right are indented
    std::optional<float> goal_before_;  // a first cell starting left of it is a goal line's
    // Names wrapped around their amounts' line, and names that start on it.
    std::uint32_t centred_names_ = 0, top_names_ = 0;
};

}  // namespace bpt
