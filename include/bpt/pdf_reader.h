#pragma once
// PdfReader: pages of positioned text boxes (pdf_source.h) in, rows (row.h) out.
// The column and row geometry is table_geometry.h's; this class adds what only a
// whole document knows: the title and 部门名称 line once, which rows are 合计, a
// department or a project (by the name's indent and the departments the 部门名称
// line names), and the row a page break cut in two, which is emitted once, whole.
// Memory: one page of boxes and the one open row.
#include <array>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "bpt/pdf_source.h"
#include "bpt/row.h"
#include "bpt/table_geometry.h"

namespace bpt {

class PdfReader {
public:
    explicit PdfReader(RowSink& sink) : sink_(sink) {}

    // One page, in page order.
    void page(const PdfPage& page);
    // End of the document: emits the open row.
    void finish();
    // A table header was found on some page.
    bool saw_table() const { return saw_table_; }

private:
    struct OpenLine {
        std::string text;
        Location at;
        float x0 = 0;
    };
    struct OpenRow {
        std::array<std::vector<OpenLine>, geo::kCols> cells;
        Location at;
    };

    void above(const std::vector<geo::Line>& lines, std::uint32_t page);
    void flush();
    void unplaced(const geo::Line& line, std::uint32_t page, std::string_view why);

    RowSink& sink_;
    geo::TableGeometry geometry_;
    std::optional<OpenRow> open_;
    bool saw_table_ = false;
    std::optional<std::string> title_;
    std::optional<std::string> meta_;     // the 部门名称 line as first seen
    // The names it lists: a set, and bounded, since a PDF can repeat its 部门名称
    // line on every page with other names (a vector searched per row was quadratic).
    std::unordered_set<std::string> departments_;
    static constexpr std::size_t kMaxDepartments = 1 << 14;
    std::optional<float> base_x_;         // x0 of the 合计 name: names further right are indented
    float page_min_name_x_ = 0;
    bool indent_seen_ = false;            // some project's name was indented
};

}  // namespace bpt
