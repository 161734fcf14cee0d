#pragma once
// The three ways `bpt diff` writes what it found (docs/diff.md): a report for a
// person, JSON and CSV for machines. Each writes the whole result to `out`; none
// commits it.
#include "bpt/diff.h"
#include "bpt/output.h"

namespace bpt::diff {

// Nothing at all when the tables are the same, as diff(1) does; `color` adds ANSI colours.
void write_text(Output& out, const Result& r, bool color);
void write_json(Output& out, const Result& r, bool pretty);
// One row per change: status,name,old_name,what,item,old,new,difference,percent.
void write_csv(Output& out, const Result& r, bool bom);

}  // namespace bpt::diff
