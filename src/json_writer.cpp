#include "bpt/json_writer.h"

#include <fmt/format.h>

namespace bpt {

namespace {

void nonempty_or_null(JsonOut& j, const std::string& s) {
    if (s.empty()) j.null();
    else j.string(s);
}

void write_level(JsonOut& j, const std::optional<Level>& l) {
    if (!l) {
        j.null();
        return;
    }
    j.begin_object().key("code");
    nonempty_or_null(j, l->code);
    j.key("name").string(l->name);
    if (!l->weight.empty()) j.key("weight").string(l->weight);
    j.end_object();
}

// The columns only grid forms have: written when present, so that the list
// dialects' records keep their shape.
void write_grid_members(JsonOut& j, const Indicator& i) {
    auto text = [&j]<std::size_t N>(const char (&key)[N], const std::optional<std::string>& v) {
        if (v) j.key(key).string(*v);
    };
    text("weight", i.weight);
    text("direction", i.direction);
    if (i.actual) {
        j.key("actual");
        write_target(j, i.actual);
    }
    text("score", i.score);
    text("standard", i.standard);
    text("note", i.note);
    text("reason", i.reason);
}

using Run = JsonOut::Run;
constexpr std::size_t kMember = Run::kPerMember;

// The run helpers are inlined into the function that owns the Run, so that its
// cursor stays in a register: passed by reference to a call, it would live in
// memory and be reloaded after every byte stored.
#define BPT_INLINE BPT_ALWAYS_INLINE

// The bounds below count the members, brackets and items each run writes (see Run).
std::size_t target_bound(const std::optional<Target>& t) {
    if (!t) return kMember;
    return 12 * kMember + t->raw.size() + t->value.size() + t->value_max.size() + t->unit.size() +
           t->qualifier.size() + t->standard.size() + t->date.size() + t->date_end.size();
}

// write_target's members, in the same order and spelling.
BPT_INLINE void target_run(Run& r, const std::optional<Target>& t) {
    if (!t) {
        r.null();
        return;
    }
    bool numeric = t->kind == TargetKind::Numeric;
    bool has_op = numeric || t->kind == TargetKind::Date ||
                  (t->kind == TargetKind::Unfilled && t->op != Comparator::Eq);
    r.open('{');
    r.key("raw", true);
    r.string(t->raw);
    r.key("kind");
    r.plain(kind_name(t->kind));
    r.key("op");
    if (has_op) r.plain(op_name(t->op));
    else r.null();
    r.key("value");
    switch (t->kind) {
        case TargetKind::Numeric: r.raw_number(t->value); break;
        case TargetKind::Boolean: r.boolean(t->yes); break;
        case TargetKind::Qualitative: r.string(t->value); break;
        case TargetKind::Empty:
        case TargetKind::Date:
        case TargetKind::Unfilled: r.null(); break;
    }
    r.key("value_max");
    if (numeric && !t->value_max.empty()) r.raw_number(t->value_max);
    else r.null();
    r.key("unit");
    r.string_or_null(t->unit, !t->unit.empty());
    r.key("qualifier");
    r.string_or_null(t->qualifier, !t->qualifier.empty());
    r.key("standard");
    r.string_or_null(t->standard, !t->standard.empty());
    r.key("date");
    r.string_or_null(t->date, !t->date.empty());
    r.key("date_end");
    r.string_or_null(t->date_end, !t->date_end.empty());
    r.close('}');
}

std::size_t level_bound(const std::optional<Level>& l) {
    return l ? 5 * kMember + l->code.size() + l->name.size() + l->weight.size() : kMember;
}

// write_level's members.
BPT_INLINE void level_run(Run& r, const std::optional<Level>& l) {
    if (!l) {
        r.null();
        return;
    }
    r.open('{');
    r.key("code", true);
    r.string_or_null(l->code, !l->code.empty());
    r.key("name");
    r.string(l->name);
    if (!l->weight.empty()) {
        r.key("weight");
        r.string(l->weight);
    }
    r.close('}');
}

std::size_t optional_size(const std::optional<std::string>& s) { return s ? s->size() : 0; }

std::size_t indicator_bound(const Indicator& i) {
    return 20 * kMember + level_bound(i.level1) + level_bound(i.level2) + i.name.size() + i.raw.size() +
           target_bound(i.period) + target_bound(i.annual) + target_bound(i.actual) + optional_size(i.weight) +
           optional_size(i.direction) + optional_size(i.score) + optional_size(i.standard) +
           optional_size(i.note) + optional_size(i.reason);
}

// write_indicator's members for an indicator without a PDF position.
BPT_INLINE void indicator_run(Run& r, const Indicator& i) {
    r.open('{');
    r.key("seq", true);
    r.number(i.seq);
    r.key("level1");
    level_run(r, i.level1);
    r.key("level2");
    level_run(r, i.level2);
    r.key("name");
    r.string(i.name);
    r.key("targets");
    r.open('{');
    r.key("period", true);
    target_run(r, i.period);
    r.key("annual");
    target_run(r, i.annual);
    r.close('}');
    if (i.weight) {
        r.key("weight");
        r.string(*i.weight);
    }
    if (i.direction) {
        r.key("direction");
        r.string(*i.direction);
    }
    if (i.actual) {
        r.key("actual");
        target_run(r, i.actual);
    }
    if (i.score) {
        r.key("score");
        r.string(*i.score);
    }
    if (i.standard) {
        r.key("standard");
        r.string(*i.standard);
    }
    if (i.note) {
        r.key("note");
        r.string(*i.note);
    }
    if (i.reason) {
        r.key("reason");
        r.string(*i.reason);
    }
    r.key("raw");
    r.string(i.raw);
    r.key("line");
    r.number(i.location.line);
    r.close('}');
}

BPT_INLINE void text_or_null(Run& r, const std::optional<std::string>& s) {
    if (s) r.string(*s);
    else r.null();
}

std::size_t amounts_bound(const Amounts& a) { return (8 + a.unassigned.size()) * kMember; }

BPT_INLINE void money_or_null(Run& r, const std::optional<Money>& m) {
    if (m) r.money(*m);
    else r.null();
}

// write_amounts' members.
BPT_INLINE void amounts_run(Run& r, const Amounts& a) {
    r.open('{');
    r.key("total", true);
    money_or_null(r, a.total);
    r.key("fiscal");
    money_or_null(r, a.fiscal);
    r.key("fiscal_special");
    money_or_null(r, a.fiscal_special);
    r.key("other");
    money_or_null(r, a.other);
    if (!a.unassigned.empty()) {
        r.key("unassigned");
        r.open('[');
        bool first = true;
        for (const auto& m : a.unassigned) {
            r.item(first);
            first = false;
            r.money(m);
        }
        r.close(']');
    }
    r.close('}');
}

}  // namespace

void write_amounts(JsonOut& j, const Amounts& a) {
    Run r(j, amounts_bound(a));
    amounts_run(r, a);
    r.end();
}

// Every member is always written, null where the kind does not use it, so that
// every target has the same shape.
void write_target(JsonOut& j, const std::optional<Target>& t) {
    Run r(j, target_bound(t));
    target_run(r, t);
    r.end();
}

void write_indicator(JsonOut& j, const Indicator& i) {
    if (!i.location.has_position()) {
        Run r(j, indicator_bound(i));
        indicator_run(r, i);
        r.end();
        return;
    }
    j.begin_object();
    j.key("seq").number(i.seq);
    j.key("level1");
    write_level(j, i.level1);
    j.key("level2");
    write_level(j, i.level2);
    j.key("name").string(i.name);
    j.key("targets").begin_object();
    j.key("period");
    write_target(j, i.period);
    j.key("annual");
    write_target(j, i.annual);
    j.end_object();
    write_grid_members(j, i);
    j.key("raw").string(i.raw);
    j.key("line").number(i.location.line);
    write_position_members(j, i.location);
    j.end_object();
}

void write_project_members(JsonOut& j, const Project& p) {
    {
        auto size = [](const std::optional<std::string>& s) { return s ? s->size() : 0; };
        Run r(j,
              12 * kMember + amounts_bound(p.amounts) + p.department.size() + size(p.budget_unit) + p.name.size() +
                  p.base_name.size() + size(p.suffix) + size(p.town) + size(p.amount_unit) + size(p.goal) +
                  p.indicators_text.size(),
              Run::Members{});
        r.key("index", r.first());
        r.number(p.index);
        r.key("department");
        r.string(p.department);
        r.key("budget_unit");
        text_or_null(r, p.budget_unit);
        r.key("name");
        r.string(p.name);
        r.key("base_name");
        r.string(p.base_name);
        r.key("suffix");
        text_or_null(r, p.suffix);
        r.key("town");
        text_or_null(r, p.town);
        r.key("amounts");
        amounts_run(r, p.amounts);
        r.key("amount_unit");
        text_or_null(r, p.amount_unit);
        r.key("goal");
        text_or_null(r, p.goal);
        r.key("indicators_text");
        r.string(p.indicators_text);
        r.end();
    }
    j.key("indicators").begin_array();
    for (const auto& i : p.indicators) write_indicator(j, i);
    j.end_array();
    j.key("location").begin_object();
    j.key("line").number(p.location.line);
    j.key("end_line").number(p.location.end_line);
    j.key("page").number(p.location.page);
    write_position_members(j, p.location);
    j.end_object();
}

void write_position_members(JsonOut& j, const Location& at) {
    // Only a PDF location has a position: a text line is a line.
    if (!at.has_position()) return;
    if (!at.line) j.key("page").number(at.page);
    j.key("x").raw_number(fmt::format("{:.1f}", at.x));
    j.key("y").raw_number(fmt::format("{:.1f}", at.y));
}

void write_diagnostic_members(JsonOut& j, const Diagnostic& d) {
    j.key("rule").string(d.id());
    j.key("severity").string(to_string(d.severity));
    j.key("message").string(d.message);
    j.key("line");
    if (d.at.line) j.number(d.at.line);
    else j.null();
    write_position_members(j, d.at);
    j.key("project");
    if (d.project) j.number(d.project);
    else j.null();
}

void write_department_members(JsonOut& j, const Department& d) {
    j.key("name").string(d.name);
    j.key("declared_total");
    write_amounts(j, d.declared_total);
    j.key("line").number(d.location.line);
    write_position_members(j, d.location);
}

void write_summary_members(JsonOut& j, const Summary& s) {
    j.key("projects").number(s.projects);
    j.key("indicators").number(s.indicators);
    j.key("errors").number(s.errors);
    j.key("warnings").number(s.warnings);
    j.key("infos").number(s.infos);
}

void write_source(JsonOut& j, const DocumentInfo& info) {
    j.begin_object();
    j.key("path").string(info.path);
    j.key("dialect").string(info.dialect);
    j.key("encoding").string(info.encoding);
    j.end_object();
}

void write_heading_members(JsonOut& j, const DocumentInfo& info) {
    j.key("title");
    write_string_or_null(j, info.title);
    j.key("department");
    write_string_or_null(j, info.department);
    j.key("amount_unit");
    write_string_or_null(j, info.amount_unit);
}

void write_string_or_null(JsonOut& j, const std::optional<std::string>& s) {
    if (s) j.string(*s);
    else j.null();
}

void JsonWriter::open_document() {
    if (opened_) return;
    opened_ = true;
    j_.begin_object();
    j_.key("schema").string("bpt/1");
    j_.key("source");
    write_source(j_, info_);
    write_heading_members(j_, info_);
    // The 合计 row normally precedes the projects; if a table prints it after them,
    // it is written at the end instead, still once.
    if (declared_total_) {
        j_.key("declared_total");
        write_amounts(j_, *declared_total_);
        total_written_ = true;
    }
    j_.key("projects").begin_array();
}

void JsonWriter::on_declared_total(const Amounts& a, const Location&) { declared_total_ = a; }

void JsonWriter::on_project(const Project& p) {
    open_document();
    j_.begin_object();
    write_project_members(j_, p);
    j_.end_object();
}

void JsonWriter::on_end(const Summary& s) {
    open_document();
    j_.end_array();
    if (!total_written_) {
        j_.key("declared_total");
        if (declared_total_) write_amounts(j_, *declared_total_);
        else j_.null();
    }
    j_.key("departments").begin_array();
    for (const auto& d : departments_) {
        j_.begin_object();
        write_department_members(j_, d);
        j_.end_object();
    }
    j_.end_array();
    j_.key("diagnostics").begin_array();
    auto note = diagnostics_.omission_note(policy_);
    for (const auto& d : diagnostics_.items()) {
        j_.begin_object();
        write_diagnostic_members(j_, d);
        j_.end_object();
    }
    if (note) {
        j_.begin_object();
        write_diagnostic_members(j_, *note);
        j_.end_object();
    }
    j_.end_array();
    j_.key("summary").begin_object();
    write_summary_members(j_, s);
    j_.end_object();
    j_.end_object();
    j_.end_document();
}

}  // namespace bpt
