#pragma once
// The column and row logic of a ruled table read from positioned text, on abstract
// boxes: text plus x0 < x1 (left to right) and y0 < y1 (top to bottom) in any unit.
// The PDF reader feeds it Poppler's word boxes in points; a reader of positional
// text (`pdftotext -layout`) can feed it runs with x = display column (a CJK
// character two cells) and y = line number.
//
// One page at a time:
//  - the header (项目名称…, 总计, 财政拨款, 财政专户拨款, 其他资金, 绩效目标, 绩效指标; a
//    header cell may wrap, `财政专户拨` over `款`) gives the columns; a page without
//    one keeps the previous page's columns;
//  - amounts are placed by their centre (they are right-aligned), text by its left
//    edge (left-aligned wrapped cells share one x0), so narrow amount columns beside
//    a wide goal column cannot swallow a short goal line;
//  - every row has amounts: each line of amounts anchors one row, and the lines of
//    the wrapped columns (name, goal, indicators) are cut into consecutive runs, one
//    per row, so that each run lines up with its row's anchor at the top, the middle
//    or the bottom (cells are top-, middle- or bottom-aligned depending on the
//    producer; the first page that shows it clearly fixes it for the document);
//  - text above the first row of a page that lines up with no row there is the rest
//    of the row the previous page broke (a `continuation` row);
//  - page furniture (footers `第 3 页，共 40 页`, `- 3 -`, bare page numbers) is dropped.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bpt::geo {

struct Box {
    std::string_view text;
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool space_after = false;  // a space separates it from the next box on its line
};

enum class Col : std::uint8_t { Name, Total, Fiscal, FiscalSpecial, Other, Goal, Indicators };
inline constexpr std::size_t kCols = 7;
inline bool is_amount_col(Col c) { return c >= Col::Total && c <= Col::Other; }

// The header's columns: which are present and where their header text sits.
struct Columns {
    std::array<bool, kCols> present{};
    std::array<float, kCols> x0{}, x1{};  // header text extent
    float top = 0, bottom = 0;            // the header band
    float centre(Col c) const { return (x0[std::size_t(c)] + x1[std::size_t(c)]) / 2; }
    bool has(Col c) const { return present[std::size_t(c)]; }
};

// A physical line inside one column: boxes on one baseline joined left to right.
struct Line {
    std::string text;
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

struct GeoRow {
    bool continuation = false;          // the rest of the previous page's open row
    bool misaligned = false;            // some cell lines up with its row only loosely
    std::array<std::vector<Line>, kCols> cells;  // lines top to bottom (amount columns: usually one)
};

struct PageLayout {
    bool header = false;           // this page has a header of its own
    bool columns = false;          // columns are known (this page's or an earlier one's)
    std::vector<Line> above;       // full-width lines above the header: title, 部门名称 line …
    std::vector<GeoRow> rows;      // top to bottom
    std::vector<Line> unplaced;    // text in no column, or in no row
    std::vector<Line> furniture;   // footers and page numbers, dropped
};

// Finds the header among a page's boxes; nullopt when there is none (at least 项目名称,
// 总计 and one of 绩效目标/绩效指标/财政拨款 on one band). `used` marks the header's boxes.
std::optional<Columns> find_header(std::span<const Box> boxes, std::vector<bool>& used);

// `第 3 页，共 40 页`, `- 3 -`, `3/40`, `Page 3 of 40`; `bare` also accepts `3`.
bool is_page_furniture(std::string_view line_without_spaces, bool bare);

// The middle of `v` (its upper median), or `fallback` when it is empty or not positive.
float median(std::vector<float> v, float fallback);
// Columns `s` takes in a fixed-width rendering: a CJK (or other wide) character 2.
std::size_t display_width(std::string_view s);

class TableGeometry {
public:
    // Lays out one page. `page_height` (0 when unknown) places bare page numbers;
    // `may_continue`: a row from the previous page is still open.
    PageLayout page(std::span<const Box> boxes, float page_height, bool may_continue);

private:
    std::optional<Columns> columns_;
    std::array<float, kCols> left_{};  // left edge of each text column's lines (last page's)
    std::array<bool, kCols> have_left_{};
    std::array<std::optional<int>, kCols> mode_{};  // each wrapped column's cell alignment, once clear
};

}  // namespace bpt::geo
