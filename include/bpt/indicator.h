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

namespace bpt {

enum class ClauseDialect {
    Layout,  // N、C1-一级名；C2-二级名；指标名；实施周期指标值:V1；年度指标值:V2。
    Export,  // N、一级名：指标名，年度指标值：V。
};

// Where each input line starts inside the joined cell text, so a clause can be
// traced back to the line it starts on. Sorted by offset; the first has offset 0.
struct LineMark {
    std::size_t offset = 0;
    std::uint32_t line = 0;
};

// Splits `text` into clauses by their running numbers (1、2、3…) and types each.
// Appends to `out` and `diagnostics`; never throws on malformed text: a clause it
// cannot read is kept with its raw text and reported as `indicator-malformed`.
void parse_indicators(std::string_view text, ClauseDialect dialect,
                      std::span<const LineMark> lines, std::vector<Indicator>& out,
                      std::vector<Diagnostic>& diagnostics);

}  // namespace bpt
