#include "bpt/validate.h"

#include <fmt/format.h>

#include <functional>

#include "bpt/checks/indicators.h"
#include "bpt/checks/rows.h"
#include "bpt/checks/self_evaluation.h"
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
    checks_.push_back(std::make_unique<checks::SelfEvaluation>(cx_));
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

namespace {
// The key a department is remembered by: its name, or for a name longer than any
// real one, its first bytes and a hash of the whole, so that 16,384 remembered
// departments cost kilobytes each at most, whatever the names.
constexpr std::size_t kKeptBytes = 256;
std::string department_key(const std::string& name) {
    if (name.size() <= kKeptBytes) return name;
    return fmt::format("{}\x1f{:016x}\x1f{}", std::string_view(name).substr(0, kKeptBytes),
                       std::hash<std::string>{}(name), name.size());
}
}  // namespace

void Validator::on_department(const Department& d) {
    FilterSink::on_department(d);
    checks::Facts facts;
    std::string key = department_key(d.name);
    if (auto it = departments_.find(key); it != departments_.end()) {
        facts.department = it->second;
        facts.first = false;
    } else if (departments_.size() < kMaxDepartments) {
        facts.department = static_cast<std::uint32_t>(departments_.size()) + 1;
        departments_.emplace(std::move(key), facts.department);
    } else {
        facts.first = false;  // past the bound: not remembered, not checked again
    }
    for (auto& c : checks_) c->department(d, facts);
}

void Validator::on_project(const Project& p) {
    FilterSink::on_project(p);
    checks::Facts facts;
    facts.repeat = repeats_.repeat(p);
    // Looked up per project: a short name (every real one) without a copy.
    auto it = p.department.size() <= kKeptBytes ? departments_.find(p.department)
                                                : departments_.find(department_key(p.department));
    if (it != departments_.end()) facts.department = it->second;
    facts.incomplete = p.index == incomplete_project_;
    for (auto& c : checks_) c->project(p, facts);
}

void Validator::on_end(const Summary& s) {
    for (auto& c : checks_) c->end();
    FilterSink::on_end(s);
}

}  // namespace bpt
