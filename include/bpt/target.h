#pragma once
// One target value (实施周期指标值, 年度指标值, or a grid's 指标值 cells), typed as far
// as the text allows. Every reader types its targets here, so a value means the same
// whether it came from a layout clause, an export clause or a grid's split columns.
// Pure functions of their input; nothing here throws on text.
#include <optional>
#include <string>
#include <string_view>

#include "bpt/rules.h"

namespace bpt {

enum class TargetKind {
    Empty,        // nothing written
    Numeric,      // comparator, exact decimal, unit
    Boolean,      // 是/有 → true, 否/无 → false
    Qualitative,  // words, kept whole
    Date,         // a date, a deadline or a period of dates
    Unfilled,     // a template left as it was: `≧ %`, `≥**个`, a unit alone
};

// Between: value ≤ x ≤ value_max (`90%-95%`, `2021年1月-12月`).
// Within: a tolerance, |x| ≤ value (`±3%以内`).
enum class Comparator { Gt, Ge, Lt, Le, Eq, Between, Within };

struct Target {
    std::string raw;                 // as written, trimmed, without a closing 。
    TargetKind kind = TargetKind::Empty;
    Comparator op = Comparator::Eq;  // Numeric, Date, and Unfilled when a comparator was written
    // Numeric: the exact ASCII decimal ("3619", "0.5", "-3"), never a double.
    // Qualitative: the word or phrase (without a standard annotation).
    std::string value;
    std::string value_max;           // Numeric Between: the upper bound
    bool yes = false;                // Boolean
    std::string unit;                // Numeric/Unfilled: "人", "%", "元/人·月" …; empty when none
    std::string qualifier;           // Numeric: words before the comparator (称职 in 称职≥95%)
    std::string standard;            // `历史标准` from `100%(历史标准)`; any kind
    // Date: ISO 8601 at the precision written: "2021", "2021-12", "2021-12-31"; without a
    // year "--12" or "--12-31". A deadline (`2021年底`, `11月底之前`) is op Le.
    std::string date;
    std::string date_end;            // Date Between: the last date of the period
    // Qualitative only because numbers stand among words the grammar cannot place
    // (`≤28.40/株`, `享受资助人数达到预计值2100`): raised as `target-untypable`.
    bool untypable = false;
    bool operator==(const Target&) const = default;
};

// Types one target as written in a single cell or clause.
Target parse_target(std::string_view raw);
// The same, written into `out` so that its strings' storage is reused.
void parse_target_into(std::string_view raw, Target& out);
// out = t, keeping out's strings' storage; cheaper than the defaulted assignment
// where most strings are empty on both sides.
void copy_target(Target& out, const Target& t);

// Types a target a grid splits over columns: 指标性质/计算符号 (`≥`, `大于等于`, `=`,
// `正向`/`反向`/`定性`/`定量`), 指标值 (`95`), 度量单位 (`%`). Any cell may be empty.
// A unit written in `indicator_name` (`湿地保有量(公顷)`, `苗木成活率(≥**%)`) applies
// when neither the value nor the unit cell gives one.
Target make_target(std::string_view op_cell, std::string_view value_cell, std::string_view unit_cell,
                   std::string_view indicator_name);

// Gives a numeric target without a unit the unit its indicator's name carries in a
// closing bracket (`实施营造林总面积(亩)` + `80000` → 80000 亩). Leaves others alone.
void apply_name_unit(Target& t, std::string_view indicator_name);

// The unit an indicator name carries in its closing bracket, if any: `(公顷)` → 公顷,
// `(≥**元/人·月)` → 元/人·月. Empty when the bracket holds no known unit.
std::string unit_in_name(std::string_view indicator_name);

// Why a target must be reported: `target-unfilled` or `target-untypable` with the
// sentence to print after the clause's own words. nullopt for a cleanly typed target.
struct TargetFinding {
    Rule rule;
    std::string message;
};
std::optional<TargetFinding> target_finding(const Target& t);

std::string_view kind_name(TargetKind k);  // "numeric", "date" …
std::string_view op_name(Comparator c);    // ">=", "between" …

}  // namespace bpt
