#pragma once
// GridPdfReader: the national grid forms (grid_reader.h) read from a PDF's word boxes.
// It only cuts the pages into rows of cells, the way a spreadsheet saves the table
// (merged cells empty, each grid cell in its header column), and hands them to the
// grid reader, so the records are the text renderings' records.
//
// The geometry, for ruled tables as browsers, office suites and form tools print them:
//  - boxes on one baseline are a line; a gap wider than half a character is a cell
//    boundary, so a line splits into segments;
//  - a segment continues the segment above it when they overlap horizontally and the
//    line pitch is a wrapped line's (under 1.75 characters): a wrapped cell is one run,
//    its lines joined without a separator;
//  - the grid header (a line whose runs name three of the indicator columns) gives the
//    columns; a run belongs to the first column whose header text ends right of its
//    left edge. A page without a header keeps the previous page's columns;
//  - rows are the runs that overlap vertically, without the columns that forms merge
//    over several rows (一级, 二级, a section label, a multi-project grid's project
//    columns). Those are placed on the first row of the span they stand in the middle
//    of (or at the top of), as a spreadsheet saves a merged cell;
//  - the first grid row of a page with no indicator name and no level is the rest of
//    the row the page break cut;
//  - page footers (`第 3 页`, `- 3 -`, bare numbers in the margins) are dropped.
// Rows spaced as closely as a wrapped cell's lines cannot be told apart from text
// boxes alone (Poppler's text API gives no ruling lines): where they visibly ran
// together (a comparator, weight or score two lines tall; every cell of a row the same
// number of lines), the PDF is refused in one line rather than read as tall rows.
// Memory: the cut rows of the whole table (a grid form is a page or a few).
#include <memory>
#include <string>

#include "bpt/pdf_source.h"
#include "bpt/row.h"

namespace bpt {

class GridPdfReader {
public:
    explicit GridPdfReader(RowSink& sink);
    ~GridPdfReader();
    GridPdfReader(const GridPdfReader&) = delete;
    GridPdfReader& operator=(const GridPdfReader&) = delete;

    void page(const PdfPage& page);
    // Hands the rows to the grid reader, which reads them.
    void finish();
    bool saw_table() const;
    std::string not_a_table() const;

    // Whether a page shows a grid form: a line naming at least three of 一级指标 /
    // 二级指标 / 三级指标 / 指标值 (or their synonyms), or the header block's keys.
    // (False on a page that shows the list form's header: that is the PDF reader's.)
    static bool detect(const PdfPage& page);
    // Whether a page shows the list form's column header (项目名称 … 总计 … 绩效指标).
    static bool list_header(const PdfPage& page);

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace bpt
