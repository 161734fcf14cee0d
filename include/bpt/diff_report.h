#pragma once
// The ways `bpt diff` writes what it found (docs/diff.md): a report for a person,
// JSON and CSV for machines, a workbook for a finance officer. Each writes the whole
// result to `out`; none commits it.
#include <functional>
#include <string_view>

#include "bpt/diff.h"
#include "bpt/output.h"

namespace bpt::diff {

// Nothing at all when the tables are the same, as diff(1) does; `color` adds ANSI colours.
void write_text(Output& out, const Result& r, bool color);
void write_json(Output& out, const Result& r, bool pretty);
// One row per change: status,name,old_name,what,item,old,new,difference,percent.
void write_csv(Output& out, const Result& r, bool bom);
// Sheets 变化 (the CSV's rows, amounts as numbers) and 汇总 (the files and the counts).
void write_xlsx(Output& out, const Result& r);

// One change as the CSV and the workbook write it: the declared totals first, then
// each project's changes in the report's order. `what` is declared_total's `amount`,
// or project, amount, goal, indicator_added, indicator_removed, indicator_level,
// indicator_period, indicator_annual; old_value, new_value and difference are exact
// decimals where `what` is amount or project.
struct ChangeRow {
    std::string_view status, name, old_name, what, item, old_value, new_value, difference, percent;
};
void for_each_change_row(const Result& r, const std::function<void(const ChangeRow&)>& emit);

}  // namespace bpt::diff
