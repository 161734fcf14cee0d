#pragma once
// The reader of the national grid forms: one project per table (项目支出绩效目标申报表 /
// 目标表, transfer payments alike), several projects in one grid, per-project blocks
// repeated, self-evaluations (自评表) and whole-department tables (部门整体), in any
// rendering a web page, a spreadsheet or an extractor gives them: `|`-separated
// cells, one cell per line (with or without blank lines, or `X |` per line), runs of
// spaces, TSV and CSV. It finds cells and names their column roles; the Assembler
// decides what they mean.
//
// Rows emitted: first a RowKind::Title (the first short line above the grid naming a
// 绩效…表), when there is one; then, in order, per project:
//  - RowKind::Project: Name, Department, BudgetUnit, Code, Total, Fiscal, Other,
//    AmountUnit, Goal (年度 preferred), Note (`部门整体` for a whole-department table,
//    which is named by its department).
//  - RowKind::Meta with Note `中期` when the table also gives 中期 (multi-year) amounts
//    or goal: Total, Fiscal, Other, Goal of the whole period.
//  - RowKind::Department for a department subtotal line of a multi-project grid.
//  - RowKind::Indicator per indicator row: Level1, Level2 (carried down from the rows
//    above when merged), IndicatorName, Op, Direction, Target or PeriodTarget +
//    AnnualTarget (中期 and 年度 groups side by side), Unit, Weight, Actual, Score,
//    Standard, Note, Reason. Cell text is as written (decorations such as
//    `产出指标(50分)` included; grid::split_decoration parses them).
// Findings: `incomplete-project` where the input ends inside the table (everything
// before the cut is kept; a row the cut runs through is dropped), `glued-cells` when
// the cells have no separator (nothing is read), `unparsed-text` for a row that fits
// no column of the header.
//
// The reader holds the table's lines until finish(): a grid form is a page or a few,
// and its merged cells can only be placed once the header is known.
#include <memory>
#include <string>
#include <vector>

#include "bpt/reader.h"
#include "bpt/row.h"
#include "bpt/source.h"

namespace bpt {

namespace grid {
struct GRow;
}

class GridReader final : public TextReader {
public:
    explicit GridReader(RowSink& sink);
    ~GridReader() override;

    void line(const Line& line) override;
    // Rows already cut into cells, instead of lines: a PDF's geometry (grid_pdf.h)
    // gives them as a spreadsheet saves the table, each grid cell in its header
    // column and merged cells empty, and they are read as such. finish() reads them.
    void rows(std::vector<grid::GRow> rows);
    void finish() override;
    // Whether an indicator grid was found and read (false on a refusal). Until
    // finish() the lines are only held, so it says yes: the pipeline chose this
    // reader because the first lines looked like a grid, and asks again after.
    bool saw_table() const override;
    std::string not_a_table() const override;

    // Whether the first lines of a file look like a grid form: a header naming at
    // least three of 一级指标 / 二级指标 / 三级指标 / 指标值 (or their synonyms), in
    // any rendering, including one whose cells are glued (the reader then refuses it
    // with a clear message); or, when the grid starts further down, a header block
    // (主管部门 or 实施单位 and two of 项目名称 / an amount / a goal, as keys opening
    // their lines). The 17 samples all say so within their first 40 lines. False on
    // the Huadu layout and export dialects, and on every extraction of the Huadu PDF
    // in data/extracted/.
    static bool detect(const std::vector<std::string>& first_lines);

    // Lines held at most; a longer input is refused rather than held whole.
    static constexpr std::size_t kMaxLines = 200000;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace bpt
