#include "bpt/assembler.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "bpt/amounts.h"
#include "bpt/grid_header.h"
#include "bpt/indicator.h"
#include "bpt/target.h"
#include "bpt/text.h"

namespace bpt {

namespace {

struct MoneyColumn {
    Role role;
    std::optional<Money> Amounts::*member;
    std::string_view label;
};

constexpr MoneyColumn kMoneyColumns[] = {
    {Role::Total, &Amounts::total, "总计"},
    {Role::Fiscal, &Amounts::fiscal, "财政拨款"},
    {Role::FiscalSpecial, &Amounts::fiscal_special, "财政专户拨款"},
    {Role::Other, &Amounts::other, "其他资金"},
};

// Chinese tables print a dash for an amount that is nil.
bool is_nil_amount(std::string_view t) { return t == "-" || t == "—" || t == "－"; }

bool has_money_cell(const Row& row) {
    for (const auto& c : row.cells)
        if (c.role == Role::Amounts || c.role == Role::Total || c.role == Role::Fiscal ||
            c.role == Role::FiscalSpecial || c.role == Role::Other)
            return true;
    return false;
}

std::string_view cell_text(const Row& row, Role role) {
    const Cell* c = row.find(role);
    return c ? std::string_view(c->text) : std::string_view();
}

// Assigned into the string already there, so that a record reused from project to
// project keeps its buffers.
void set_text(std::optional<std::string>& to, std::string_view text) {
    if (to) to->assign(text);
    else to.emplace(text);
}

}  // namespace

void set_project_name(Project& p, std::string_view name) {
    name = text::trim(name);
    std::less_equal<const char*> le;  // a total order, also for unrelated buffers
    if (le(p.name.data(), name.data()) && le(name.data(), p.name.data() + p.name.size())) {
        std::string trimmed(name);  // a view of p.name itself
        p.name = std::move(trimmed);
    } else {
        p.name.assign(name);
    }
    auto parts = text::split_name(p.name);
    p.base_name.assign(parts.base);
    if (parts.suffix) {
        set_text(p.suffix, *parts.suffix);
        if (text::is_town(*parts.suffix)) set_text(p.town, *parts.suffix);
        else p.town.reset();
    } else {
        p.suffix.reset();
        p.town.reset();
    }
}

Assembler::Assembler(Sink& sink, DocumentInfo info) : sink_(sink), info_(std::move(info)) {}

void Assembler::send_document() {
    if (document_sent_) return;
    document_sent_ = true;
    sink_.on_document(info_);
}

void Assembler::report(Rule rule, std::string message, Location at, std::string_view quote, std::uint32_t project) {
    send_document();
    sink_.on_diagnostic(make_diagnostic(rule, std::move(message), at, quote, project));
}

void Assembler::finding(Rule rule, std::string message, Location at, std::string_view quote, bool open_project) {
    std::uint32_t project = 0;
    if (open_project) project = open_ ? index_ : index_ + 1;
    report(rule, std::move(message), at, quote, project);
}

void Assembler::row(Row& row) {
    if (row.kind == RowKind::Indicator) return add_indicator_row(row);
    if (row.kind != RowKind::Title && row.kind != RowKind::Meta) emit_project();
    switch (row.kind) {
        case RowKind::Title:
            if (!info_.title && !document_sent_) info_.title = std::string(text::trim(cell_text(row, Role::Title)));
            return;
        case RowKind::Meta: return meta(row);
        case RowKind::GrandTotal:
        case RowKind::Department: return total_or_department(row);
        case RowKind::Project: return begin_project(row);
        case RowKind::Indicator: return;
    }
}

void Assembler::meta(const Row& row) {
    std::string_view department = text::trim(cell_text(row, Role::Department));
    if (info_.department) {  // tables repeat it on every page; a different name is another table
        if (!department.empty() && department != *info_.department)
            report(Rule::MultipleTables,
                   fmt::format("a second table starts here (部门名称：{}); bpt reads one table per file, so its "
                               "合计 and department rows are checked against every project above: split the file",
                               department),
                   row.at, department, 0);
        return;
    }
    if (!department.empty()) info_.department = std::string(department);
    if (std::string_view unit = text::trim(cell_text(row, Role::AmountUnit)); !unit.empty())
        info_.amount_unit = std::string(unit);
}

void Assembler::total_or_department(const Row& row) {
    send_document();
    std::string name(cell_text(row, Role::Name));
    if (row.kind == RowKind::GrandTotal) {
        Amounts total = amounts(row, "合计", 0);
        info_.declared_total = total;
        info_.declared_total_line = row.at.line;
        sink_.on_declared_total(total, row.at);
        return;
    }
    std::string_view department = cell_text(row, Role::Department), unit = cell_text(row, Role::BudgetUnit);
    if (name.empty()) name = department.empty() ? unit : department;
    Department d;
    d.name = name;
    d.location = row.at;
    d.declared_total = amounts(row, d.name, 0);
    if (row.find(Role::Name)) {
        department_ = d.name;
    } else {
        if (!department.empty() && department != department_) {
            department_ = department;
            budget_unit_.clear();
        }
        if (!unit.empty()) budget_unit_ = unit;
    }
    sink_.on_department(d);
}

Amounts Assembler::amounts(const Row& row, std::string_view what, std::uint32_t project) {
    Amounts out;
    bad_amount_ = false;
    if (const Cell* c = row.find(Role::Amounts); c && !text::trim(c->text).empty()) {
        // Printed numbers without their columns: only the non-empty columns appear.
        // Tokens are walked in place: this runs on every row.
        std::vector<Money>& numbers = numbers_;
        numbers.clear();
        std::string_view rest = c->text;
        std::string_view parsed;  // the last token read: rows repeat an amount (总计 = 财政拨款)
        for (std::string_view t; !(t = text::next_word(rest)).empty();) {
            if (!parsed.empty() && t == parsed) {
                numbers.push_back(numbers.back());
                continue;
            }
            if (auto m = text::parse_table_amount(t)) {
                numbers.push_back(*m);
                parsed = t;
                continue;
            }
            bad_amount_ = true;
            report(Rule::BadAmount,
                   fmt::format("'{}' in the amounts of '{}' is not an amount (expected a number such as 9,246.72)",
                               text::ellipsize(t, 20), text::ellipsize(what, 30)),
                   c->at, c->text, project);
        }
        auto assigned = assign_amounts(numbers);
        if (assigned.ambiguous)
            report(Rule::AmbiguousAmounts, ambiguous_message(what, text::split_ws(c->text)), c->at, c->text, project);
        out = assigned.amounts;
    }
    for (const auto& m : kMoneyColumns) {
        const Cell* c = row.find(m.role);
        if (!c) continue;
        std::string_view t = text::trim(c->text);
        if (t.empty() || is_nil_amount(t)) continue;
        auto cell = Money::parse_cell(t);
        if (cell.money && !cell.unit.empty() && info_.amount_unit && *info_.amount_unit != cell.unit) {
            cell.money.reset();
            cell.reason = fmt::format("written in {} where the table's unit is {}", cell.unit, *info_.amount_unit);
        }
        if (cell.money) {
            if (!cell.unit.empty() && !info_.amount_unit) info_.amount_unit = cell.unit;
            out.*m.member = cell.money;
            continue;
        }
        bad_amount_ = true;
        report(Rule::BadAmount,
               fmt::format("the {} cell of '{}' is not an amount: '{}' ({}; expected a number such as 9,246.72)",
                           m.label, text::ellipsize(what, 30), text::ellipsize(t, 20), cell.reason),
               c->at, t, project);
    }
    return out;
}

void Assembler::begin_project(Row& row) {
    // A grid states its unit in the project's header block (`单位:元`, `(万元)`).
    if (std::string_view unit = text::trim(cell_text(row, Role::AmountUnit)); !unit.empty() && !info_.amount_unit)
        info_.amount_unit = std::string(unit);
    send_document();
    // The record is reused from project to project, each field set below (this
    // runs per row): its strings keep their buffers instead of being freed and
    // allocated again. Every field of Project is set here, present or not; the
    // indicators too: parse_indicators_into overwrites them (else cleared below).
    open_ = true;
    Project& p = project_;
    p.index = ++index_;
    if (std::string_view d = cell_text(row, Role::Department); !d.empty() && d != department_) {
        department_ = d;
        budget_unit_.clear();
    }
    if (!department_.empty()) p.department.assign(department_);
    else if (info_.department) p.department.assign(*info_.department);
    else p.department.clear();
    const Cell* u = row.find(Role::BudgetUnit);
    if (u && !u->text.empty()) budget_unit_ = u->text;
    if (u && !budget_unit_.empty()) set_text(p.budget_unit, budget_unit_);
    else p.budget_unit.reset();
    set_project_name(p, cell_text(row, Role::Name));
    p.location = row.at;
    // A record spans at least its first line; a text has pages from 1.
    if (!p.location.end_line) p.location.end_line = p.location.line;
    if (!p.location.page && p.location.line) p.location.page = 1;
    if (const Cell* g = row.find(Role::Goal); g && !g->text.empty()) {
        set_text(p.goal, g->text);
        p.goal_line = g->at.line;
    } else {
        p.goal.reset();
        p.goal_line = 0;
    }
    p.amounts = amounts(row, p.name, p.index);
    if (std::string_view unit = text::trim(cell_text(row, Role::AmountUnit)); !unit.empty())
        set_text(p.amount_unit, unit);
    else if (info_.amount_unit)
        set_text(p.amount_unit, *info_.amount_unit);
    else
        p.amount_unit.reset();
    p.indicators_text.clear();
    p.indicators_line = 0;
    grammar_.clear();
    Cell* indicators = row.find(Role::Indicators);
    if (indicators && !indicators->text.empty()) {
        p.indicators_text.assign(indicators->text);
        p.indicators_line = indicators->at.line;
        std::span<const Mark> marks = indicators->marks;
        if (marks.empty()) {
            marks_.assign(1, Mark{0, indicators->at});
            marks = marks_;
        }
        parse_indicators_into(p.indicators_text, clause_dialect_of(p.indicators_text), marks, p.indicators, grammar_);
    } else {
        p.indicators.clear();
    }
    if (p.name.empty())
        report(Rule::UnparsedText, fmt::format("project {} has no name: its 项目名称 cell is empty", p.index), p.location,
               {}, p.index);
    if (has_money_cell(row) && p.amounts.empty() && !bad_amount_)
        report(Rule::MissingAmounts,
               fmt::format("project '{}' has no amounts (expected 总计 and its funding columns after the name)", p.name),
               p.location, {}, p.index);
    // A grid's indicators come as rows of their own after the project's row.
    if (indicators) emit_project();
}

void Assembler::add_indicator_row(const Row& row) {
    if (!open_) {
        std::string all;
        for (const auto& c : row.cells) all += (all.empty() ? "" : " | ") + c.text;
        return report(Rule::UnparsedText, "an indicator row before any project", row.at, all, 0);
    }
    Indicator& i = project_.indicators.emplace_back();
    i.seq = static_cast<std::uint32_t>(project_.indicators.size());
    i.location = row.at;
    project_.location.end_line = std::max(project_.location.end_line, std::max(row.at.line, row.at.end_line));
    // A level cell may carry the level's weight: `产出指标(50分)`.
    auto level = [&](Role role) -> std::optional<Level> {
        std::string_view t = text::trim(cell_text(row, role));
        if (t.empty()) return std::nullopt;
        auto d = grid::split_decoration(t);
        return Level{"", d.name.empty() ? std::string(t) : d.name, d.weight};
    };
    i.level1 = level(Role::Level1);
    i.level2 = level(Role::Level2);
    auto text_of = [&](Role role) -> std::optional<std::string> {
        std::string_view t = text::trim(cell_text(row, role));
        if (t.empty()) return std::nullopt;
        return std::string(t);
    };
    i.weight = text_of(Role::Weight);
    i.direction = text_of(Role::Direction);
    i.score = text_of(Role::Score);
    i.standard = text_of(Role::Standard);
    i.note = text_of(Role::Note);
    i.reason = text_of(Role::Reason);
    if (auto actual = text_of(Role::Actual)) i.actual = parse_target(*actual);
    i.name = std::string(text::trim(cell_text(row, Role::IndicatorName)));
    // A target split over columns (指标性质 | 指标值 | 度量单位) is typed as one target,
    // the unit in the name (`湿地保有量(公顷)`) serving where the cells give none.
    auto target = [&](Role value, std::string_view label) -> std::optional<Target> {
        const Cell* c = row.find(value);
        if (!c) return std::nullopt;
        Target t = make_target(cell_text(row, Role::Op), c->text, cell_text(row, Role::Unit), i.name);
        if (auto f = target_finding(t))
            grammar_.push_back(make_diagnostic(f->rule, "indicator " + std::to_string(i.seq) + ": " +
                                                            std::string(label) + " " + f->message,
                                               c->at, t.raw));
        return t;
    };
    i.period = target(Role::PeriodTarget, "实施周期指标值");
    i.annual = target(Role::AnnualTarget, "年度指标值");
    if (!i.annual) i.annual = target(Role::Target, "指标值");
    for (const auto& c : row.cells) i.raw += (i.raw.empty() ? "" : " | ") + c.text;
}

void Assembler::emit_project() {
    if (!open_) return;
    Project& p = project_;
    sink_.on_project(p);
    for (auto& d : grammar_) {
        d.project = p.index;
        sink_.on_diagnostic(d);
    }
    grammar_.clear();
    open_ = false;
}

void Assembler::finish() {
    emit_project();
    send_document();
}

}  // namespace bpt
