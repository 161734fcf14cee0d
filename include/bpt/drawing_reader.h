#pragma once
// The drawing dialect: text that a PDF extractor wrote in the order the producer
// drew it (`pdftotext -raw`, `mutool draw -F txt`, PyMuPDF `get_text()`), one
// cell's lines after another: a row's name, its amounts (one per line, or joined,
// or followed on the same line by the goal), its goal, its indicators. Rows are
// told apart by their amounts, not by an indent. The same tools' output that
// cannot be paired exactly (amounts drawn before names, column blocks, pdfminer's
// reordering, pypdf's glued cells) is refused with a line that says what bpt saw
// and what to do instead.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bpt/clause_labels.h"
#include "bpt/money.h"
#include "bpt/reader.h"

namespace bpt {

class DrawingReader final : public TextReader {
public:
    explicit DrawingReader(RowSink& out) : TextReader(out) {}
    void line(const Line& line) override;
    void finish() override;
    bool saw_table() const override { return refusal_.empty() && (saw_header_ || saw_amounts_); }
    std::string not_a_table() const override;
    // A column header split one cell per line, or on one line with single spaces
    // followed by drawing-order rows (amounts joined to the goal, glued cells, a
    // page's amounts before its names).
    static bool detect(const std::vector<std::string>& first_lines);

    // `9,246.729,246.72`: two table amounts written without a separator (pypdf).
    // Returns the glued run found in `line`, or an empty view.
    static std::string_view find_glued_amounts(std::string_view line);

private:
    struct Pending {
        std::string text;
        LineNo line;
    };
    void content(std::string_view t, LineNo number);
    bool furniture(std::string_view t, LineNo number);
    void text_line(std::string_view t, LineNo number);
    void amounts_line(std::string_view amounts, LineNo number);
    void start_row(LineNo number);
    void resolve(bool at_page_end);
    void take_goal_and_indicators(std::size_t from, std::size_t to);
    void add_goal(const Pending& p);
    void add_indicators(const Pending& p);
    void end_row();
    void refuse(std::string why);
    Location at(LineNo line) const { return Location{.line = line, .page = page_}; }

    std::string refusal_;
    bool saw_header_ = false;
    bool saw_amounts_ = false;
    bool saw_row_ = false;
    // A header split one cell per line: the cells seen so far.
    bool in_header_ = false;
    std::vector<std::string> header_cells_;
    std::optional<std::string> title_;
    std::uint32_t page_ = 1;

    // Lines since the last amounts or page break, not yet given to a cell.
    std::vector<Pending> buf_;
    // The amounts being read (consecutive lines of amounts), as written.
    std::string group_;
    std::size_t group_count_ = 0;
    LineNo group_line_ = 0;
    bool in_group_ = false;

    // The open row.
    bool open_ = false;
    bool continued_ = false;  // the open row went over a page break
    bool goal_on_amounts_line_ = false;  // its goal began on its amounts' line
    bool sentence_ended_ = false;        // a line ending in 。 came after its amounts
    // Rows whose amounts had text after them on their line, and project rows whose did not.
    std::uint32_t rows_with_text_ = 0;
    std::uint32_t rows_alone_ = 0;
    Location where_;
    std::string name_;
    bool name_unclosed_ = false;  // name_ has an unclosed bracket (kept, not rescanned per page)
    LineNo name_line_ = 0;
    std::string amounts_;
    Location amounts_at_;
    std::string goal_;
    LineNo goal_line_ = 0;
    std::string indicators_;
    detail::ClauseLabels labels_;  // in indicators_
    std::vector<Mark> marks_;
    Row row_;
};

}  // namespace bpt
