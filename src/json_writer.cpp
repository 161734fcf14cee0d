#include "bpt/json_writer.h"

#include <fmt/format.h>

namespace bpt {

namespace {

void money_or_null(JsonOut& j, const std::optional<Money>& m) {
    if (m) j.money(*m);
    else j.null();
}


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

}  // namespace

void write_amounts(JsonOut& j, const Amounts& a) {
    j.begin_object();
    j.key("total");
    money_or_null(j, a.total);
    j.key("fiscal");
    money_or_null(j, a.fiscal);
    j.key("fiscal_special");
    money_or_null(j, a.fiscal_special);
    j.key("other");
    money_or_null(j, a.other);
    if (!a.unassigned.empty()) {
        j.key("unassigned").begin_array();
        for (const auto& m : a.unassigned) j.money(m);
        j.end_array();
    }
    j.end_object();
}

// Every member is always written, null where the kind does not use it, so that
// every target has the same shape.
void write_target(JsonOut& j, const std::optional<Target>& t) {
    if (!t) {
        j.null();
        return;
    }
    bool numeric = t->kind == TargetKind::Numeric;
    bool has_op = numeric || t->kind == TargetKind::Date ||
                  (t->kind == TargetKind::Unfilled && t->op != Comparator::Eq);
    j.begin_object();
    j.key("raw").string(t->raw);
    j.key("kind").string(kind_name(t->kind));
    j.key("op");
    if (has_op) j.string(op_name(t->op));
    else j.null();
    j.key("value");
    switch (t->kind) {
        case TargetKind::Numeric: j.raw_number(t->value); break;
        case TargetKind::Boolean: j.boolean(t->yes); break;
        case TargetKind::Qualitative: j.string(t->value); break;
        case TargetKind::Empty:
        case TargetKind::Date:
        case TargetKind::Unfilled: j.null(); break;
    }
    j.key("value_max");
    if (numeric && !t->value_max.empty()) j.raw_number(t->value_max);
    else j.null();
    j.key("unit");
    nonempty_or_null(j, t->unit);
    j.key("qualifier");
    nonempty_or_null(j, t->qualifier);
    j.key("standard");
    nonempty_or_null(j, t->standard);
    j.key("date");
    nonempty_or_null(j, t->date);
    j.key("date_end");
    nonempty_or_null(j, t->date_end);
    j.end_object();
}

void write_indicator(JsonOut& j, const Indicator& i) {
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
    j.key("index").number(p.index);
    j.key("department").string(p.department);
    j.key("budget_unit");
    write_string_or_null(j, p.budget_unit);
    j.key("name").string(p.name);
    j.key("base_name").string(p.base_name);
    j.key("suffix");
    write_string_or_null(j, p.suffix);
    j.key("town");
    write_string_or_null(j, p.town);
    j.key("amounts");
    write_amounts(j, p.amounts);
    j.key("amount_unit");
    write_string_or_null(j, p.amount_unit);
    j.key("goal");
    write_string_or_null(j, p.goal);
    j.key("indicators_text").string(p.indicators_text);
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
