#include "bpt/grid_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bpt/grid_header.h"
#include "bpt/money.h"
#include "bpt/text.h"
#include "grid_rows.h"

namespace bpt {

using grid::Column;

namespace {

using grid::align;
using grid::at_line;
using grid::GCell;
using grid::glued_header;
using grid::GRow;
using grid::header_score;
using grid::is_indicator_column;
using grid::Rendering;
using grid::split_spaces;
using grid::tokens_of;

}  // namespace

// ---------------------------------------------------------------------------

struct GridReader::Impl {
    RowSink& sink;
    std::vector<std::pair<std::uint32_t, std::string>> lines;
    bool saw_table = false;
    bool finished = false;
    std::string refusal;  // why nothing was read (cells glued together), for not_a_table()
    bool overflow = false;

    explicit Impl(RowSink& s) : sink(s) {}

    Rendering rendering = Rendering::None;
    std::vector<GRow> rows;
    bool given = false;  // rows() gave the rows: no text to cut

    // The header block's fields, gathered until the grid header.
    struct Block {
        std::map<Role, GCell> fields;
        std::map<Role, GCell> period;  // 中期 amounts and goal
        std::string unit;
        Location unit_at;
        Location at;
        bool whole_department = false;
        bool any = false;
    };
    Block block;
    std::string doc_unit;  // the amount unit of the whole document (`金额单位:元`)
    Location doc_unit_at;

    // The current grid.
    std::vector<Column> cols;
    std::vector<std::optional<Role>> col_roles;
    bool multi = false;  // project columns in the grid
    std::optional<GCell> level1, level2;
    std::optional<GCell> project_unit;
    bool project_open = false;
    std::size_t projects = 0, indicators = 0;

    void read();
    void cut_lines();
    void read_rows();
    std::optional<std::vector<Column>> header_of(const GRow& row, std::size_t& first) const;
    std::vector<GRow> split_by_shape(const GRow& row) const;
    bool is_header(const GRow& row) const {
        std::size_t first = 0;
        return header_of(row, first).has_value();
    }
    void set_header(const std::vector<Column>& header);
    void block_row(const GRow& row, const GRow* next, bool& consumed_next);
    void take(Role role, const GCell& value, bool period);
    void emit_block_project();
    // `cut`: the input ends in this row; `certain`: the rendering shows it (a `|`
    // rendering's closing bar is missing), rather than the row merely being last.
    void data_row(GRow row, bool cut, bool certain);
    void emit_indicator(const std::vector<GCell>& cells, const std::vector<std::size_t>& where, Location at);
    // The last indicator row is held back one row: its weight may stand alone on the
    // next line (`定性 高中低` / `10`).
    std::optional<Row> held;
    void out(Row& r) {
        flush();
        if (r.kind == RowKind::Indicator) held = std::move(r);
        else sink.row(r);
    }
    void flush() {
        if (held) sink.row(*held);
        held.reset();
    }
    void finding(Rule r, std::string msg, Location at, std::string_view quote = {}) {
        // A cut concerns the project being read, whose checks then know it is cut.
        sink.finding(r, std::move(msg), at, quote, r == Rule::IncompleteProject);
    }
};

GridReader::GridReader(RowSink& sink) : TextReader(sink), impl_(std::make_unique<Impl>(sink)) {}
GridReader::~GridReader() = default;

void GridReader::line(const Line& l) {
    if (l.page_break) return;
    if (impl_->lines.size() >= kMaxLines) {
        impl_->overflow = true;
        return;
    }
    impl_->lines.emplace_back(l.number, grid::strip_readings(l.text));
}

void GridReader::rows(std::vector<grid::GRow> rows) {
    impl_->rows = std::move(rows);
    impl_->given = true;
    // Cells in their columns with merged ones empty: what a spreadsheet saves.
    impl_->rendering = Rendering::Tsv;
}

void GridReader::finish() {
    impl_->finished = true;
    if (impl_->overflow) {
        impl_->finding(Rule::IncompleteProject,
                       "a grid form of more than 200000 lines is not read: split the file into its tables",
                       at_line(impl_->lines.back().first));
        return;
    }
    impl_->read();
}

bool GridReader::saw_table() const { return !impl_->finished || impl_->saw_table; }

std::string GridReader::not_a_table() const {
    if (!impl_->refusal.empty()) return impl_->refusal;
    return "not a budget performance target table: no indicator grid (a header naming 一级指标 / 二级指标 / "
           "三级指标 / 指标值 or their synonyms) was found";
}

bool GridReader::detect(const std::vector<std::string>& first_lines) {
    std::vector<std::string> window;  // one-cell-per-line: the header spread over lines
    // The header block alone, when the grid starts further down: lines that start
    // with the keys of a form (项目名称, 主管部门, 资金总额, 年度目标 …), three kinds of
    // them on lines of their own. A list's column header has them on one line.
    bool kinds[8] = {};
    auto block_cue = [&](std::string_view line) {
        auto toks = split_spaces(line);
        if (toks.empty()) return;
        std::string_view first = toks.front();
        if (auto bar = first.find('|'); bar != std::string_view::npos) first = text::trim(first.substr(0, bar));
        if (auto tab = first.find('\t'); tab != std::string_view::npos) first = first.substr(0, tab);
        if (int kind = grid::block_key_kind(grid::key_of(first).key); kind >= 0) kinds[kind] = true;
    };
    for (const auto& l : first_lines) {
        std::string_view t = text::trim(l);
        if (t.empty()) continue;
        if (glued_header(t)) return true;
        auto toks = tokens_of(t);
        if (header_score(toks) >= 3) return true;
        for (auto& tok : toks) window.push_back(tok);
        if (window.size() > 8) window.erase(window.begin(), window.end() - 8);
        if (header_score(window) >= 3) return true;
        block_cue(t);
        // A department or unit key among them: a list's column header (项目名称 / 总计 /
        // 财政拨款 / 绩效目标, one per line in some extractions) names none.
        if (kinds[1] && kinds[0] + kinds[1] + kinds[2] + kinds[3] >= 3) return true;
    }
    return false;
}

std::optional<std::vector<Column>> GridReader::Impl::header_of(const GRow& row, std::size_t& first) const {
    // The header may follow other cells on the same row (one cell per line: the
    // label 绩效指标 or the end of the block); it is the longest run of column names.
    std::vector<Column> c;
    for (const auto& cell : row.cells) c.push_back(grid::column_of(cell.text));
    std::size_t best_start = 0, best_len = 0;
    for (std::size_t s = 0; s < c.size(); ++s) {
        if (c[s] == Column::None) continue;
        std::size_t e = s;
        while (e < c.size() && c[e] != Column::None) ++e;
        if (e - s > best_len) { best_len = e - s; best_start = s; }
        s = e;
    }
    if (best_len < 2) return std::nullopt;
    std::vector<std::string> f;
    for (std::size_t k = best_start; k < best_start + best_len; ++k) f.push_back(grid::fold(row.cells[k].text));
    if (header_score(f) < 2) return std::nullopt;
    // A header of the grid must hold a value column or a level and a name.
    bool value = false;
    for (std::size_t k = best_start; k < best_start + best_len; ++k)
        value |= c[k] == Column::Target || c[k] == Column::PeriodTarget || c[k] == Column::AnnualTarget ||
                 c[k] == Column::Actual;
    if (!value && header_score(f) < 3) return std::nullopt;
    first = best_start;
    // Cells after the header on a one-cell-per-line row are the first data row.
    return std::vector<Column>(c.begin() + static_cast<std::ptrdiff_t>(best_start),
                               c.begin() + static_cast<std::ptrdiff_t>(best_start + best_len));
}

void GridReader::Impl::set_header(const std::vector<Column>& header) {
    cols.clear();
    col_roles.clear();
    multi = false;
    const auto* c = &header;
    std::size_t targets = 0, tseen = 0, names = 0, level2s = 0;
    std::size_t periods = 0;
    for (Column k : *c) {
        targets += k == Column::Target || k == Column::PeriodTarget;
        periods += k == Column::PeriodTarget;
    }
    for (std::size_t k = 0; k < c->size(); ++k) {
        Column col = (*c)[k];
        std::optional<Role> role = grid::role_of(col);
        // 中期 and 年度 groups side by side. A header that names the period
        // (`实施周期指标值 | 年度指标值`, in either order) is followed; otherwise the first
        // value column is the period's and the second the year's, as the forms print
        // them, and the second group's level and name repeat the first.
        if ((col == Column::Target || col == Column::PeriodTarget) && targets >= 2) {
            ++tseen;
            if (periods == 1) role = col == Column::PeriodTarget ? Role::PeriodTarget : Role::AnnualTarget;
            else role = tseen == 1 ? std::optional<Role>(Role::PeriodTarget)
                        : tseen == 2 ? std::optional<Role>(Role::AnnualTarget) : std::nullopt;
        }
        if (col == Column::Name && names++ > 0) role = std::nullopt;
        if (col == Column::Level2 && level2s++ > 0) role = std::nullopt;
        if (col == Column::Project) multi = true;
        cols.push_back(col);
        col_roles.push_back(role);
    }
}

namespace {

bool is_goal_key(grid::Key k) {
    return k == grid::Key::Goal || k == grid::Key::PeriodGoal || k == grid::Key::GoalLabel;
}

// Text after a table that is no part of it: notes, signatures, page furniture.
bool ends_grid(const GRow& row, Rendering r) {
    if (row.cells.empty()) return false;
    std::string f = grid::fold(row.cells.front().text);
    for (std::string_view lead : {"注", "说明", "附件", "填报", "审核", "财政部门", "联系", "地址", "主办", "扫一扫",
                                  "打印", "关闭", "总分", "合计"})
        if (f.starts_with(lead)) return true;
    if (f.find("ICP") != std::string::npos || f.find("盖章") != std::string::npos) return true;
    if (r == Rendering::Lines && row.cells.front().text.find('|') != std::string::npos) return true;
    return false;
}

// A cell of the header block that starts a block of its own: a project's key.
bool starts_block(const GRow& row) {
    for (const auto& c : row.cells) {
        auto k = grid::key_of(c.text).key;
        if (k == grid::Key::Name || k == grid::Key::Total || k == grid::Key::AmountLabel) return true;
        std::string f = grid::fold(c.text);
        if (f.starts_with("单位") && grid::amount_unit_in(c.text)) return true;
    }
    return false;
}

}  // namespace

void GridReader::Impl::take(Role role, const GCell& value, bool period) {
    if (text::trim(value.text).empty()) return;
    auto& into = period ? block.period : block.fields;
    if (role == Role::Department || role == Role::BudgetUnit) {
        if (auto coded = grid::split_code(value.text)) {
            if (!into.count(role)) into[role] = GCell{coded->name, value.at};
            // The unit's own code is the precise one (`820001-…` under `820-…`).
            if (!block.fields.count(Role::Code) || role == Role::BudgetUnit)
                block.fields[Role::Code] = GCell{coded->code, value.at};
            return;
        }
    }
    if (!into.count(role)) into[role] = GCell{std::string(text::trim(value.text)), value.at};
    if (!block.any) block.at = value.at;
    block.any = true;
}

void GridReader::Impl::block_row(const GRow& row, const GRow* next, bool& consumed_next) {
    consumed_next = false;
    // A spreadsheet saves merged cells as empty ones: only the filled cells are keys or values.
    std::vector<GCell> cells;
    for (const auto& c : row.cells)
        if (!text::trim(c.text).empty()) cells.push_back(c);
    if (!block.any) block.at = row.at;
    for (const auto& c : cells) {
        std::string f = grid::fold(c.text);
        if (f.find("整体") != std::string::npos && f.size() <= 90) block.whole_department = true;
    }
    // A row of goal keys over a row of goals: `总体目标 | 中期目标 | 年度目标` then the texts.
    std::vector<grid::KeyInfo> keys;
    for (const auto& c : cells) keys.push_back(grid::key_of(c.text));
    bool all_keys = cells.size() >= 2 && std::all_of(keys.begin(), keys.end(), [](const auto& k) {
        return is_goal_key(k.key) || k.key == grid::Key::Ignore;
    });
    bool some_goal = std::any_of(keys.begin(), keys.end(), [](const auto& k) {
        return k.key == grid::Key::Goal || k.key == grid::Key::PeriodGoal;
    });
    if (all_keys && some_goal && next) {
        bool next_plain = std::all_of(next->cells.begin(), next->cells.end(),
                                      [](const auto& c) { return grid::key_of(c.text).key == grid::Key::None; });
        if (next_plain) {
            std::vector<grid::Key> sub;
            for (const auto& k : keys)
                if (k.key != grid::Key::GoalLabel) sub.push_back(k.key);
            // By position among the filled cells: a spreadsheet saves the label's merged cell empty.
            std::vector<const GCell*> goals;
            for (const auto& c : next->cells)
                if (!text::trim(c.text).empty()) goals.push_back(&c);
            for (std::size_t k = 0; k < sub.size() && k < goals.size(); ++k) {
                if (sub[k] == grid::Key::Goal) take(Role::Goal, *goals[k], false);
                else if (sub[k] == grid::Key::PeriodGoal) take(Role::Goal, *goals[k], true);
            }
            consumed_next = true;
            return;
        }
    }
    struct Taken {
        Role role;
        GCell value;
        bool period;
    };
    std::vector<Taken> taken;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const GCell& cell = cells[i];
        grid::KeyInfo k = keys[i];
        GCell value{"", cell.at};
        bool has_value = false;
        // `预算单位:东莞市交通运输局`: key and value in one cell.
        if (k.key == grid::Key::None) {
            for (std::string_view colon : {":", "："}) {
                auto p = cell.text.find(colon);
                if (p == std::string::npos || p == 0) continue;
                auto head = grid::key_of(cell.text.substr(0, p));
                std::string_view rest = text::trim(std::string_view(cell.text).substr(p + colon.size()));
                if (head.key != grid::Key::None && !rest.empty()) {
                    k = head;
                    value.text = std::string(rest);
                    has_value = true;
                    break;
                }
            }
        }
        // The unit stated nearest the grid is its own: a table above it (an allocation
        // table in 元) may state another.
        if (!k.amount_unit.empty()) {
            block.unit = k.amount_unit;
            block.unit_at = cell.at;
        } else if (auto u = grid::amount_unit_in(cell.text)) {
            block.unit = *u;
            block.unit_at = cell.at;
            continue;
        }
        if (k.key == grid::Key::None) {
            // `207101天津市河北区人民法院` heading a block: the unit, with its code.
            if (auto coded = grid::split_code(cell.text); coded && cell.text.size() <= 120)
                take(Role::BudgetUnit, cell, false);
            continue;
        }
        if (!has_value && i + 1 < cells.size() && grid::key_of(cells[i + 1].text).key == grid::Key::None &&
            !grid::amount_unit_in(cells[i + 1].text)) {
            value = cells[i + 1];
            has_value = true;
            ++i;
        }
        if (!has_value && cells.size() == 1 && next && next->cells.size() == 1 &&
            grid::key_of(next->cells[0].text).key == grid::Key::None && k.key != grid::Key::Ignore &&
            k.key != grid::Key::AmountLabel && !is_header(*next)) {
            value = next->cells[0];
            has_value = true;
            consumed_next = true;
        }
        if (!has_value) continue;
        switch (k.key) {
            case grid::Key::Name: taken.push_back({Role::Name, value, false}); break;
            case grid::Key::Department: taken.push_back({Role::Department, value, false}); break;
            case grid::Key::BudgetUnit: taken.push_back({Role::BudgetUnit, value, false}); break;
            case grid::Key::Code: taken.push_back({Role::Code, value, false}); break;
            case grid::Key::Total: taken.push_back({Role::Total, value, k.period}); break;
            case grid::Key::Fiscal: taken.push_back({Role::Fiscal, value, k.period}); break;
            case grid::Key::Other: taken.push_back({Role::Other, value, k.period}); break;
            case grid::Key::Goal:
            case grid::Key::GoalLabel: taken.push_back({Role::Goal, value, false}); break;
            case grid::Key::PeriodGoal: taken.push_back({Role::Goal, value, true}); break;
            default: break;
        }
    }
    // 中期 and 年度 amounts side by side: `中期资金总额 | 68.50 | 年度资金总额 | 51.35`, then
    // `其中:财政拨款 | 68.50 | 其中:财政拨款 | 51.35`: a role twice in a row is the period's
    // first and the year's second.
    for (std::size_t a = 0; a < taken.size(); ++a)
        for (std::size_t b = a + 1; b < taken.size(); ++b)
            if (taken[a].role == taken[b].role && !taken[a].period && !taken[b].period) taken[a].period = true;
    for (const auto& t : taken) take(t.role, t.value, t.period);
}

void GridReader::Impl::emit_block_project() {
    Row row;
    row.kind = RowKind::Project;
    row.at = block.at;
    auto put = [&](Role r, const std::map<Role, GCell>& from) {
        if (auto it = from.find(r); it != from.end()) row.add(r, it->second.text, it->second.at);
    };
    for (Role r : {Role::Name, Role::Department, Role::BudgetUnit, Role::Code, Role::Total, Role::Fiscal, Role::Other,
                   Role::Goal})
        put(r, block.fields);
    if (!row.find(Role::Name)) {
        // No project: a whole-department table (部门整体), or a form whose name cell was
        // left empty. It is named by its department (or unit), and says so.
        const GCell* by = nullptr;
        if (auto it = block.fields.find(Role::Department); it != block.fields.end()) by = &it->second;
        if (auto it = block.fields.find(Role::BudgetUnit); it != block.fields.end() && (!by || block.whole_department))
            by = &it->second;
        if (by) row.add(Role::Name, by->text, by->at);
        row.add(Role::Note,
                block.whole_department ? "部门整体: a whole-department table, named by its department"
                                       : "no project name in the table: named by its department",
                block.at);
    }
    std::string unit = block.unit.empty() ? doc_unit : block.unit;
    if (!unit.empty()) row.add(Role::AmountUnit, unit, block.unit.empty() ? doc_unit_at : block.unit_at);
    out(row);
    ++projects;
    if (!block.period.empty()) {
        Row meta;
        meta.kind = RowKind::Meta;
        meta.at = block.at;
        for (Role r : {Role::Total, Role::Fiscal, Role::Other, Role::Goal})
            if (auto it = block.period.find(r); it != block.period.end()) meta.add(r, it->second.text, it->second.at);
        meta.add(Role::Note, "中期", block.at);
        if (!unit.empty()) meta.add(Role::AmountUnit, unit, block.unit_at);
        out(meta);
    }
}

namespace {
bool value_column(Column c) {
    return c == Column::Target || c == Column::PeriodTarget || c == Column::AnnualTarget || c == Column::Actual;
}
}  // namespace


void GridReader::Impl::emit_indicator(const std::vector<GCell>& cells, const std::vector<std::size_t>& where,
                                      Location at) {
    Row row;
    row.kind = RowKind::Indicator;
    row.at = at;
    std::optional<GCell> l1, l2;
    bool has_value = false, has_name = false;
    for (std::size_t k = 0; k < cells.size(); ++k) {
        Column c = cols[where[k]];
        // A spreadsheet's merged cell is saved empty: the level above carries on.
        if (text::trim(cells[k].text).empty()) continue;
        if (c == Column::Level1) l1 = cells[k];
        if (c == Column::Level2 && col_roles[where[k]]) l2 = cells[k];
    }
    if (l1) {
        level1 = l1;
        level2.reset();
    }
    if (l2) level2 = l2;
    if (level1) row.add(Role::Level1, level1->text, level1->at);
    if (level2) row.add(Role::Level2, level2->text, level2->at);
    for (std::size_t k = 0; k < cells.size(); ++k) {
        auto role = col_roles[where[k]];
        if (!role || *role == Role::Level1 || *role == Role::Level2) continue;
        if (text::trim(cells[k].text).empty() || row.find(*role)) continue;
        row.add(*role, cells[k].text, cells[k].at);
        has_value |= value_column(cols[where[k]]);
        has_name |= *role == Role::IndicatorName;
    }
    if (!has_name && !has_value) {
        // A level cell alone carries down; anything else without a name or a target is
        // not an indicator row, and is said so rather than dropped.
        for (std::size_t k = 0; k < cells.size(); ++k) {
            Column c = cols[where[k]];
            if (c != Column::Level1 && c != Column::Level2 && c != Column::Label && !text::trim(cells[k].text).empty()) {
                finding(Rule::UnparsedText, "a grid row without an indicator name or a target: not read", at,
                        cells[k].text);
                break;
            }
        }
        return;
    }
    out(row);
    ++indicators;
}

void GridReader::Impl::data_row(GRow row, bool cut, bool certain) {
    // A row of one-cell-per-line parts can come out empty (fuzz_grid found one after
    // a header glued to its first row); it holds no text, so there is nothing to
    // read or lose, and what follows takes row.cells.back().
    if (row.cells.empty()) return;
    // A department subtotal in a multi-project grid: `820-马踏镇部门 | 8,827,620.53`.
    if (multi && row.cells.size() <= 3) {
        const GCell* coded = nullptr;
        const GCell* amount = nullptr;
        for (const auto& c : row.cells) {
            if (grid::split_code(c.text)) coded = &c;
            else if (Money::parse_cell(c.text).money) amount = &c;
        }
        if (coded && amount) {
            auto cn = grid::split_code(coded->text);
            Row d;
            d.kind = RowKind::Department;
            d.at = row.at;
            d.add(Role::Name, cn->name, coded->at);
            d.add(Role::Code, cn->code, coded->at);
            d.add(Role::Total, amount->text, amount->at);
            if (!block.unit.empty() || !doc_unit.empty())
                d.add(Role::AmountUnit, block.unit.empty() ? doc_unit : block.unit, row.at);
            out(d);
            return;
        }
    }
    auto where = align(row.cells, cols);
    if (!where) {
        finding(Rule::UnparsedText,
                "grid row with more cells (" + std::to_string(row.cells.size()) + ") than the header has columns (" +
                    std::to_string(cols.size()) + "): not read",
                row.at, row.cells.front().text);
        return;
    }
    if (!cut && row.last) {
        bool level_only = true;
        for (std::size_t k = 0; k < row.cells.size(); ++k)
            level_only &= cols[(*where)[k]] == Column::Level1 || cols[(*where)[k]] == Column::Level2;
        if (level_only)
            finding(Rule::IncompleteProject,
                    "the input ends inside the table, after a level cell: the rows under it are missing",
                    row.cells.back().at, row.cells.back().text);
    }
    if (cut) {
        // The input stops inside this row: its last cell may be cut short. A row cut
        // at or before its target is dropped; one cut after it keeps the cells before.
        std::size_t last_col = where->back();
        std::size_t target_col = 0;
        bool has_target = false;
        for (std::size_t j = 0; j < cols.size(); ++j)
            if (value_column(cols[j]) && cols[j] != Column::Actual) { target_col = j; has_target = true; }
        Location at = row.cells.back().at;
        std::string quote = row.cells.back().text;
        if (!has_target || last_col <= target_col) {
            bool level_only = true;
            for (std::size_t k = 0; k < row.cells.size(); ++k)
                level_only &= cols[(*where)[k]] == Column::Level1 || cols[(*where)[k]] == Column::Level2;
            finding(Rule::IncompleteProject,
                    level_only ? "the input ends inside the table, after a level cell: the rows under it are missing"
                               : "the input ends inside the table, in an indicator row at or before its target, "
                                 "which may be cut: the row is not read; the rows before it are",
                    at, quote);
            if (!level_only) return;
        } else {
            // Without a closing mark, a row whose cells run past its target may well
            // be complete: a file ending on the table's last row looks just like it.
            if (certain) {
                finding(Rule::IncompleteProject,
                        "the input ends inside the table, in the last cell of an indicator row: that cell is not "
                        "read; the rest of the row and the rows before it are",
                        at, quote);
                row.cells.pop_back();
                where->pop_back();
            }
        }
    }
    if (multi) {
        const GCell* name = nullptr;
        Row p;
        p.kind = RowKind::Project;
        p.at = row.at;
        for (std::size_t k = 0; k < row.cells.size(); ++k) {
            Column c = cols[(*where)[k]];
            const GCell& cell = row.cells[k];
            // A spreadsheet saves the merged project cells of the rows below as empty.
            if (text::trim(cell.text).empty()) continue;
            if (c == Column::Project) name = &cell;
            if (c == Column::Unit) project_unit = cell;
        }
        if (name) {
            p.add(Role::Name, name->text, name->at);
            if (project_unit) {
                if (auto cn = grid::split_code(project_unit->text)) {
                    p.add(Role::BudgetUnit, cn->name, project_unit->at);
                    p.add(Role::Code, cn->code, project_unit->at);
                } else {
                    p.add(Role::BudgetUnit, project_unit->text, project_unit->at);
                }
            }
            if (auto it = block.fields.find(Role::Department); it != block.fields.end())
                p.add(Role::Department, it->second.text, it->second.at);
            for (std::size_t k = 0; k < row.cells.size(); ++k) {
                Column c = cols[(*where)[k]];
                if (c == Column::Total) p.add(Role::Total, row.cells[k].text, row.cells[k].at);
                if (c == Column::Goal) p.add(Role::Goal, row.cells[k].text, row.cells[k].at);
            }
            std::string unit = block.unit.empty() ? doc_unit : block.unit;
            if (!unit.empty()) p.add(Role::AmountUnit, unit, block.unit.empty() ? doc_unit_at : block.unit_at);
            out(p);
            ++projects;
            level1.reset();
            level2.reset();
        }
    }
    emit_indicator(row.cells, *where, row.at);
}

// One cell per line: the cells between two row boundaries, split into rows by their
// shapes where the rendering does not separate rows: a level name starts a row, and
// a row holds at most as many cells after its levels as the header has columns.
std::vector<GRow> GridReader::Impl::split_by_shape(const GRow& row) const {
    std::vector<GRow> parts;
    // Where each row may start: at the level-1, level-2 or name column.
    std::size_t after_levels = 0;
    for (std::size_t j = 0; j < cols.size(); ++j)
        if (cols[j] == Column::Level1 || cols[j] == Column::Level2 || cols[j] == Column::Label) after_levels = j + 1;
    std::size_t width = 0;  // data cells a row holds after its levels
    for (std::size_t j = after_levels; j < cols.size(); ++j)
        if (col_roles[j]) width = j + 1 - after_levels;
    // Without row boundaries, a row ends at its last value column.
    std::size_t narrow = 0;
    for (std::size_t j = after_levels; j < cols.size(); ++j)
        if (col_roles[j] && cols[j] != Column::Note && cols[j] != Column::Standard && cols[j] != Column::Reason)
            narrow = j + 1 - after_levels;
    // A run longer than a row has no boundaries: a row ends at its last value
    // column, and an optional trailing cell (备注) cannot be told from the next name.
    std::size_t limit = width;
    if (rendering == Rendering::Lines && row.cells.size() > width + 2) limit = narrow;
    GRow cur;
    std::size_t data = 0;
    bool level2_seen = false;
    for (auto& c : row.cells) {
        bool l1 = grid::looks_level1(c.text), l2 = grid::looks_level2(c.text) && !l1;
        bool start = false;
        if (l1 && !cur.cells.empty()) start = true;
        else if (l2 && (data > 0 || level2_seen)) start = true;
        else if (!l1 && !l2 && data >= limit) start = true;
        if (start) {
            parts.push_back(std::move(cur));
            cur = GRow{};
            data = 0;
            level2_seen = false;
        }
        if (cur.cells.empty()) cur.at = c.at;
        if (l2) level2_seen = true;
        if (!l1 && !l2) ++data;
        cur.cells.push_back(c);
    }
    if (!cur.cells.empty()) parts.push_back(std::move(cur));
    for (auto& p : parts) p.closed = true;
    if (!parts.empty()) {
        parts.back().last = row.last;
        parts.back().closed = row.closed;
    }
    return parts;
}

void GridReader::Impl::read() {
    if (!given) cut_lines();
    if (rendering == Rendering::None || rendering == Rendering::Glued) return;
    read_rows();
}

void GridReader::Impl::cut_lines() {
    grid::RowBuilder builder(lines);
    rendering = builder.rendering = builder.classify();
    if (rendering == Rendering::Glued) {
        for (const auto& [n, l] : lines)
            if (glued_header(text::trim(l))) {
                refusal = fmt::format("error[{}]: the grid's cells are printed with no separator between them "
                                      "(line {}: `{}`): their boundaries cannot be recovered without guessing, so "
                                      "nothing is read; take the table from its spreadsheet or PDF, or save the "
                                      "page's table as CSV",
                                      rule_id(Rule::GluedCells), n, text::ellipsize(text::trim(l), 40));
                finding(Rule::GluedCells,
                        "the grid's cells are printed with no separator between them (`" +
                            text::ellipsize(text::trim(l), 40) +
                            "`): their boundaries cannot be recovered without guessing, so nothing is read; take "
                            "the table from its spreadsheet or PDF, or save the page's table as CSV",
                        at_line(n), text::trim(l));
                return;
            }
    }
    if (rendering == Rendering::None) return;
    builder.build_rows();
    rows = std::move(builder.rows);
}

void GridReader::Impl::read_rows() {
    std::size_t closed = 0, multi_cell = 0;
    for (const auto& r : rows)
        if (r.cells.size() >= 2) {
            ++multi_cell;
            closed += r.closed;
        }
    bool pipes_close = closed * 2 >= multi_cell;
    bool in_grid = false;
    bool goal_open = false;
    // The document's amount unit, stated once above everything (`金额单位:元`).
    for (const auto& r : rows) {
        std::size_t f;
        if (header_of(r, f)) break;
        for (const auto& c : r.cells)
            if (auto u = grid::amount_unit_in(c.text); u && doc_unit.empty() && grid::fold(c.text).find("单位") != std::string::npos && c.text.size() <= 30) {
                doc_unit = *u;
                doc_unit_at = c.at;
            }
    }
    // The table's title: a short line above the grid that names a 绩效…表, one that
    // ends there (`…目标表`, `…目标表(2023年度)`) before one that goes on (a file name,
    // a page's caption).
    const GCell* title_cell = nullptr;
    bool title_ends = false;
    for (const auto& r : rows) {
        if (is_header(r)) break;
        if (r.cells.empty() || r.cells.size() > 2) continue;
        std::string t = grid::fold(r.cells[0].text);
        if (t.size() > 150 || t.find("绩效") == std::string::npos || t.find("表") == std::string::npos) continue;
        std::string bare = grid::split_decoration(t).name;
        bool ends = bare.ends_with("表");
        if (!title_cell || (ends && !title_ends)) {
            title_cell = &r.cells[0];
            title_ends = ends;
        }
        if (title_ends) break;
    }
    if (title_cell) {
        Row title;
        title.kind = RowKind::Title;
        title.at = title_cell->at;
        title.add(Role::Title, std::string(text::trim(title_cell->text)), title_cell->at);
        sink.row(title);
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        GRow& row = rows[r];
        std::size_t first = 0;
        // `一级` / `指标` over a header line that starts at 二级指标: one header.
        if (row.cells.size() == 1 && grid::column_of(row.cells[0].text) == Column::Level1 && r + 1 < rows.size()) {
            std::size_t f2 = 0;
            auto h2 = header_of(rows[r + 1], f2);
            if (h2 && f2 == 0 && std::find(h2->begin(), h2->end(), Column::Level1) == h2->end()) {
                rows[r + 1].cells.insert(rows[r + 1].cells.begin(), row.cells[0]);
                continue;
            }
        }
        if (auto h = header_of(row, first)) {
            if (first > 0 && !in_grid) {
                GRow head = row;
                head.cells.resize(first);
                bool consumed = false;
                block_row(head, nullptr, consumed);
            }
            set_header(*h);
            // The header repeated on each page continues the project above it; a header
            // under a new block of fields starts the next project.
            bool fresh = block.any || projects == 0;
            if (!multi && fresh) emit_block_project();
            block = Block{};
            in_grid = true;
            saw_table = true;
            goal_open = false;
            if (fresh) {
                level1.reset();
                level2.reset();
                project_unit.reset();
            }
            // One cell per line: the first data row can follow the header unseparated.
            GRow rest;
            rest.at = row.at;
            rest.last = row.last;
            rest.closed = row.closed;
            for (std::size_t k = first + h->size(); k < row.cells.size(); ++k) rest.cells.push_back(row.cells[k]);
            if (!rest.cells.empty()) {
                // Read next in this row's place: inserting it into the vector moved
                // every row after it, once per header, which is quadratic.
                rest.at = rest.cells.front().at;
                rows[r] = std::move(rest);
                --r;  // unsigned wrap at 0 is undone by the loop's ++r
            }
            continue;
        }
        if (in_grid) {
            if (ends_grid(row, rendering) || (starts_block(row) && row.cells.size() <= 8)) {
                in_grid = false;
                if (ends_grid(row, rendering)) continue;
            }
        }
        if (!in_grid) {
            if (goal_open && row.cells.size() == 1 && !row.blank_before &&
                grid::key_of(row.cells[0].text).key == grid::Key::None) {
                if (auto it = block.fields.find(Role::Goal); it != block.fields.end()) {
                    it->second.text += row.cells[0].text;
                    continue;
                }
            }
            bool consumed = false;
            const GRow* next = r + 1 < rows.size() ? &rows[r + 1] : nullptr;
            bool had_goal = block.fields.count(Role::Goal) > 0;
            block_row(row, next, consumed);
            goal_open = !had_goal && block.fields.count(Role::Goal) > 0 &&
                        (rendering == Rendering::Spaces || rendering == Rendering::Pipe);
            if (consumed) ++r;
            continue;
        }
        // One cell per line: a run of cells may hold several rows.
        std::vector<GRow> parts =
            rendering == Rendering::Lines || rendering == Rendering::PipeCells ? split_by_shape(row) : std::vector<GRow>{row};
        for (auto& part : parts) {
            if (ends_grid(part, rendering)) {
                in_grid = false;
                break;
            }
            // A weight alone on the next line (`定性 高中低` / `10`).
            if (part.cells.size() == 1 && grid::looks_number(part.cells[0].text) && held && !held->find(Role::Weight) &&
                std::find(cols.begin(), cols.end(), Column::Weight) != cols.end()) {
                held->add(Role::Weight, part.cells[0].text, part.cells[0].at);
                continue;
            }
            // A missing closing `|` marks a cut only where the rows have one.
            bool marked = (rendering == Rendering::Pipe && pipes_close) || rendering == Rendering::PipeCells;
            bool delimited = rendering == Rendering::Tsv || rendering == Rendering::Csv;
            bool cut = part.last && (marked || delimited ? !part.closed : true);
            data_row(std::move(part), cut, marked || delimited);
        }
    }
    flush();
    if (!saw_table)
        finding(Rule::NoProjects,
                "no indicator grid found: no header naming 一级指标 / 二级指标 / 三级指标 / 指标值 (or their synonyms)",
                lines.empty() ? (rows.empty() ? at_line(0) : rows.front().at) : at_line(lines.front().first));
}

}  // namespace bpt
