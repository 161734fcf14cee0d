#include "bpt/validate.h"

#include <fmt/format.h>

#include "bpt/checks/indicators.h"
#include "bpt/checks/rows.h"
#include "bpt/checks/totals.h"

namespace bpt {

std::string checks::Context::place(const Location& at) {
    if (!at.line && at.page) return fmt::format("page {}", at.page);
    return fmt::format("line {}", at.line);
}

std::string checks::Context::project_ref(const Project& p) {
    return fmt::format("project '{}' ({})", p.name, place(p.location));
}

Validator::Validator(Sink& next, ValidationOptions options, const RulePolicy& policy)
    : FilterSink(next), options_(std::move(options)), cx_(next, options_, policy), repeats_(cx_) {
    // Rows before totals: a row's own findings read before what it does to a total.
    checks_.push_back(std::make_unique<checks::Rows>(cx_));
    checks_.push_back(std::make_unique<checks::Totals>(cx_));
    checks_.push_back(std::make_unique<checks::Indicators>(cx_));
}

Validator::~Validator() = default;

void Validator::on_diagnostic(const Diagnostic& d) {
    if (d.rule == Rule::IncompleteProject && d.project) incomplete_project_ = d.project;
    FilterSink::on_diagnostic(d);
}

void Validator::on_document(const DocumentInfo& d) {
    cx_.set_unit(d.amount_unit);
    FilterSink::on_document(d);
}

void Validator::on_declared_total(const Amounts& a, const Location& at) {
    FilterSink::on_declared_total(a, at);
    for (auto& c : checks_) c->declared_total(a, at);
}

void Validator::on_department(const Department& d) {
    FilterSink::on_department(d);
    checks::Facts facts;
    if (auto it = departments_.find(d.name); it != departments_.end()) {
        facts.department = it->second;
        facts.first = false;
    } else if (departments_.size() < kMaxDepartments) {
        facts.department = static_cast<std::uint32_t>(departments_.size()) + 1;
        departments_.emplace(d.name, facts.department);
    } else {
        facts.first = false;  // past the bound: not remembered, not checked again
    }
    for (auto& c : checks_) c->department(d, facts);
}

void Validator::on_project(const Project& p) {
    FilterSink::on_project(p);
    checks::Facts facts;
    facts.repeat = repeats_.repeat(p);
    if (auto it = departments_.find(p.department); it != departments_.end()) facts.department = it->second;
    facts.incomplete = p.index == incomplete_project_;
    for (auto& c : checks_) c->project(p, facts);
}

void Validator::on_end(const Summary& s) {
    for (auto& c : checks_) c->end();
    FilterSink::on_end(s);
}

}  // namespace bpt
