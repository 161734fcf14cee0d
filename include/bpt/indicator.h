#pragma once
// The indicator grammar: one 绩效指标 cell's text in, typed indicators out.
// A pure function of its input; every reader calls it.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "bpt/diagnostic.h"
#include "bpt/model.h"
#include "bpt/target.h"  // parse_target: the grammar types each target there
#include "bpt/row.h"

namespace bpt {

enum class ClauseDialect {
    Layout,  // N、C1-一级名；C2-二级名；指标名；实施周期指标值:V1；年度指标值:V2。
    Export,  // N、一级名：指标名，年度指标值：V。
};

// Splits `text` into clauses (`lines`: where each wrapped line starts in it, so each
// clause knows its location) by their running numbers (1、2、3…) and types each.
// Appends to `out` and `diagnostics`; never throws on malformed text: a clause it
// cannot read is kept with its raw text and reported as `indicator-malformed`.
void parse_indicators(std::string_view text, ClauseDialect dialect,
                      std::span<const Mark> lines, std::vector<Indicator>& out,
                      std::vector<Diagnostic>& diagnostics);
// The same, but `out` is overwritten from its first element and cut to this cell's
// indicators: a caller that parses cell after cell into one vector keeps the
// indicators' storage, so that the steady state allocates nothing.
void parse_indicators_into(std::string_view text, ClauseDialect dialect, std::span<const Mark> lines,
                           std::vector<Indicator>& out, std::vector<Diagnostic>& diagnostics);

// The clause shape a cell is written in, from its first clause: numbered levels
// (`1、1-产出指标；…`) or names with a colon (`1、产出指标：…`).
ClauseDialect clause_dialect_of(std::string_view cell);

}  // namespace bpt
