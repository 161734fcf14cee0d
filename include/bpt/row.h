#pragma once
// What a reader finds: rows of cells, each cell with its column role and where it
// came from. Readers differ only in how they find the cells of a row (wrapped
// extractor lines, character columns, delimiters, PDF geometry, a grid header);
// the Assembler alone decides what the cells mean, so the same table read from any
// input gives the same records.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bpt/location.h"
#include "bpt/rules.h"

namespace bpt {

// The column a cell stands in. A reader names the role; it never interprets the
// cell's text beyond finding where the cell starts and ends.
enum class Role : std::uint8_t {
    // Document rows (RowKind::Title, RowKind::Meta)
    Title,          // the table's title
    AmountUnit,     // `万元`, `元` (from `单位：万元`, `(万元)`, a header cell)
    // Project and department rows
    Name,           // 项目名称 (wrapped lines joined) or the department row's name
    Department,     // 主管部门 / 部门名称 cell
    BudgetUnit,     // 预算单位 / 实施单位 cell
    Code,           // a unit or project code (`820001`)
    Amounts,        // printed numbers not yet placed in columns (`9.20 9.20`)
    Total,          // 总计 / 资金总额
    Fiscal,         // 财政拨款
    FiscalSpecial,  // 财政专户拨款
    Other,          // 其他资金
    Goal,           // 绩效目标 / 年度目标 / 总体目标
    Indicators,     // 绩效指标 as numbered clauses (`1、1-产出指标；…`)
    // Grid indicator rows (RowKind::Indicator)
    Level1,         // 一级指标
    Level2,         // 二级指标
    IndicatorName,  // 三级指标 / 指标名称
    Op,             // 指标性质 / 计算符号 (`≥`, `大于等于`)
    Direction,      // 指标方向 (`正向`, `反向`, `定性`)
    Target,         // the one target cell (`≥95%`), or 指标值 / 目标值 alone (`95`)
    PeriodTarget,   // 实施周期 / 中期 target
    AnnualTarget,   // 年度 target
    Unit,           // 度量单位 / 计量单位
    Weight,         // 权重 / 分值
    Actual,         // 完成值 / 实际完成值
    Score,          // 得分
    Standard,       // 绩效标准 (`计划标准`, `历史标准`)
    Note,           // 指标值说明 / 备注
    Reason,         // 偏差原因 / 未达到指标值原因
};

std::string_view to_string(Role role);

// Where a wrapped cell's lines start inside its joined text, so that a clause can
// be traced back to the line (or PDF position) it starts on. Sorted by offset.
struct Mark {
    std::size_t offset = 0;
    Location at;
};

struct Cell {
    Role role = Role::Name;
    std::string text;         // as written; wrapped lines joined without a separator
    Location at;              // where the cell starts
    std::vector<Mark> marks;  // where each wrapped line starts; may be empty for one line
};

enum class RowKind : std::uint8_t {
    Title,       // the table's title (Role::Title)
    Meta,        // 部门名称：… 单位：… (Role::Department, Role::AmountUnit), or a grid's header block field
    GrandTotal,  // 合计: the table's declared total
    Department,  // a department row with its subtotal (Role::Name and amounts)
    Project,     // a project row: name, amounts, goal, indicators, department …
    Indicator,   // one indicator row of a grid, belonging to the last Project row
};

std::string_view to_string(RowKind kind);

struct Row {
    RowKind kind = RowKind::Project;
    Location at;               // where the row starts (end_line: where it ends)
    std::vector<Cell> cells;   // in any order; at most one cell per role

    // The cell with `role`, or nullptr.
    const Cell* find(Role role) const {
        for (const auto& c : cells)
            if (c.role == role) return &c;
        return nullptr;
    }
    Cell* find(Role role) {
        for (auto& c : cells)
            if (c.role == role) return &c;
        return nullptr;
    }
    Cell& add(Role role, std::string text, Location at) {
        cells.push_back(Cell{role, std::move(text), at, {}});
        return cells.back();
    }
};

// Where a reader's rows and findings go: the Assembler, or a test's collector.
class RowSink {
public:
    virtual ~RowSink() = default;
    // A complete row. The receiver may move from its cells.
    virtual void row(Row& row) = 0;
    // A finding the reader raises by rule id; the registry (rules.h) gives its
    // severity. `quote`: the source text it is about (cut to a bounded length by
    // the receiver). `open_project`: it concerns the project row the reader is still
    // reading, which the next Project row it emits will be.
    virtual void finding(Rule rule, std::string message, Location at, std::string_view quote = {},
                         bool open_project = false) = 0;
};

}  // namespace bpt
