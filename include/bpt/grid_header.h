#pragma once
// The vocabulary of the national grid forms (绩效目标申报表 / 目标表 / 自评表 / 部门整体):
// what a header cell names, what a header-block key means, and what a cell looks
// like (a level name, a comparator). The grid reader finds cells with it; nothing
// here interprets a value.
#include <optional>
#include <string>
#include <string_view>

#include "bpt/row.h"

namespace bpt::grid {

// A header cell or key as compared: spaces, colons, `*`/`★` marks, pinyin readings
// (`學(xué)`) removed, full-width brackets made ASCII, and the Traditional characters
// of the form's vocabulary folded to Simplified. Only for matching: cells keep
// their text as written.
std::string fold(std::string_view s);
// A mirror's pinyin readings removed from text: `學(xué)生` → `學生`.
std::string strip_readings(std::string_view s);

// What an indicator-grid header column holds.
enum class Column : std::uint8_t {
    None,        // unknown: its cells are kept out of every role
    Label,       // a section label spanning the rows (`绩效指标`): never holds data
    Project,     // multi-project grid: 项目名称
    Unit,        // multi-project grid: 单位名称 (a budget unit, often `820001-…`)
    Total,       // multi-project grid: 预算数 / 资金总额
    Goal,        // multi-project grid: 年度目标 / 绩效目标
    Level1, Level2, Name, Op, Direction, Target, PeriodTarget, AnnualTarget,
    Measure,     // 度量单位 / 计量单位
    Weight, Actual, Score, Standard, Note, Reason,
};

// The column a header cell names; None when it names none of the above.
Column column_of(std::string_view header_cell);
// The row role of an indicator column (Level1 … Reason); nullopt for the others.
std::optional<Role> role_of(Column c);

// What a key of the header block names.
enum class Key : std::uint8_t {
    None,
    Ignore,      // a known key whose value is not a field here (项目负责人, 项目期 …)
    Name, Department, BudgetUnit, Code,
    Total, Fiscal, Other,
    Goal,        // 年度目标 / 总体目标 / 绩效目标 / 整体目标
    PeriodGoal,  // 中期目标
    GoalLabel,   // 总体目标 standing over 中期目标 | 年度目标 sub-keys
    AmountLabel, // 资金情况 / 项目资金: carries the unit, no value
};
struct KeyInfo {
    Key key = Key::None;
    bool period = false;      // 中期 amounts (资金总额 over the whole period)
    std::string amount_unit;  // `万元` or `元` when the key says so (`(万元)`)
};
// `年度资金总额:` → Total; `其中:财政拨款` → Fiscal; `中期资金总额` → Total, period.
KeyInfo key_of(std::string_view cell);

// Which of the four kinds of header-block key `k` is — 0 the project name, 1 the
// department or unit, 2 an amount, 3 the goal — or -1: a form's header block is told
// by three kinds on lines (or boxes) of their own.
int block_key_kind(Key k);

// An amount unit stated by a cell: `单位:元`, `金额单位:元`, `(万元)`, `单位:万元`.
std::optional<std::string> amount_unit_in(std::string_view cell);

// Cell shapes used to tell which column a cell of a merged-cell row stands in.
bool looks_level1(std::string_view cell);  // 产出指标, 效益指标(30分), 预期产出指标, 成本指标 …
bool looks_level2(std::string_view cell);  // 数量指标, 经济效益 指标 (选填), 产出值/数量值 …
bool looks_op(std::string_view cell);      // ≥ = ≤ > < 大于等于 定性 …
bool looks_direction(std::string_view cell);  // 正向指标, 反向, 定性
bool looks_number(std::string_view cell);  // 95, 0.5, 470

// A level cell's decoration: `产出指标(50分)` → name 产出指标, weight `50`;
// `数量指标 (必填硬性指标)` → name 数量指标 (note 必填硬性指标). The cell text is kept as
// written in rows; the assembler uses this to make fields.
struct Decoration {
    std::string name;
    std::string weight;  // empty when none
    std::string note;    // the bracket's text when it is not a weight
};
Decoration split_decoration(std::string_view cell);

// `820001-井研县马踏镇人民政府`, `[066]六安市农业农村局`, `207101天津市河北区人民法院`,
// `[610001]湖南省…` → code and name; nullopt when the cell starts with no code.
struct CodedName {
    std::string code;
    std::string name;
};
std::optional<CodedName> split_code(std::string_view cell);

}  // namespace bpt::grid
