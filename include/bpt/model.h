#pragma once
// The records bpt produces. Readers fill them, sinks consume them; nothing here
// knows about a file format on either side.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bpt/location.h"
#include "bpt/money.h"
#include "bpt/target.h"

namespace bpt {

// The four money columns of a table row. A column the row leaves empty is nullopt.
// `unassigned` keeps numbers the text could not place in a column (the reader warns
// `ambiguous-amounts`) so that nothing read is thrown away.
struct Amounts {
    std::optional<Money> total;           // 总计
    std::optional<Money> fiscal;          // 财政拨款
    std::optional<Money> fiscal_special;  // 财政专户拨款
    std::optional<Money> other;           // 其他资金
    std::vector<Money> unassigned;

    bool empty() const { return !total && !fiscal && !fiscal_special && !other && unassigned.empty(); }
    bool operator==(const Amounts&) const = default;
};

// A level of the indicator framework: code "1" / name "产出指标". `code` is empty
// where the dialect carries none (the export dialect).
struct Level {
    std::string code;
    std::string name;
    std::string weight = {};  // a grid's level weight, from `产出指标(50分)`; empty when none
    bool operator==(const Level&) const = default;
};

struct Indicator {
    std::uint32_t seq = 0;           // the clause number as written (1、2、…)
    std::optional<Level> level1;
    std::optional<Level> level2;     // none in the export dialect
    std::string name;                // level 3: the indicator's own name
    std::optional<Target> period;    // 实施周期指标值; nullopt where the clause has none
    std::optional<Target> annual;    // 年度指标值
    std::string raw;                 // the clause as written
    Location location;               // where the clause starts (its line, or PDF page)
    // What the grid forms add; absent where a table has no such column.
    std::optional<std::string> weight;     // 权重 / 分值, or the `(50分)` of a level cell
    std::optional<std::string> direction;  // 指标方向: 正向, 反向, 定性
    std::optional<Target> actual;          // 完成值 / 实际完成值 (self-evaluations)
    std::optional<std::string> score;      // 得分
    std::optional<std::string> standard;   // 绩效标准 / 指标值说明
    std::optional<std::string> note;       // 备注
    std::optional<std::string> reason;     // 偏差原因 / 未达到指标值原因
    bool operator==(const Indicator&) const = default;
};

struct Project {
    std::uint32_t index = 0;           // 1-based, in input order, repeats included
    std::string department;
    std::optional<std::string> budget_unit;  // 预算单位 (export dialect)
    std::string name;                  // wrapped lines joined
    std::string base_name;             // name without its trailing bracketed suffix
    std::optional<std::string> suffix; // content of that suffix: 狮岭镇, 区本级 …
    std::optional<std::string> town;   // the suffix when it names a township-level place
    Amounts amounts;
    // The unit of these amounts: the project's own (a grid form's header block states
    // it per project), else the document's (单位：万元); nullopt when nothing says.
    std::optional<std::string> amount_unit;
    std::optional<std::string> goal;   // 绩效目标; nullopt when the row has none
    std::string indicators_text;       // the 绩效指标 cell, wrapped lines joined
    std::vector<Indicator> indicators;
    Location location;                  // line and end_line of the record; page
    LineNo goal_line = 0;               // where the goal starts (0: none)
    LineNo indicators_line = 0;         // where the indicator cell starts (0: none)
};

struct Department {
    std::string name;
    Amounts declared_total;  // the department row's subtotal
    Location location;
};

// What a file says about itself, before its rows.
struct DocumentInfo {
    std::string path;        // as given on the command line; "-" for standard input
    std::string dialect;     // the reader's name: "layout", "export", "pdf" … (pipeline.h)
    std::string encoding;    // detected or forced, e.g. "UTF-8", "GB18030"
    std::optional<std::string> title;
    std::optional<std::string> department;   // from 部门名称：…
    std::optional<std::string> amount_unit;  // from 单位：万元
    Amounts declared_total;                  // the 合计 row
    LineNo declared_total_line = 0;          // 0 when the table has no 合计 row
};

struct Summary {
    std::uint32_t projects = 0;
    std::uint32_t indicators = 0;
    std::uint32_t errors = 0;
    std::uint32_t warnings = 0;
    std::uint32_t infos = 0;
};

}  // namespace bpt
