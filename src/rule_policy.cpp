#include "bpt/rule_policy.h"

#include <algorithm>

namespace bpt {

ValidationOptions reader_rules_only() {
    ValidationOptions options;
    for (const auto& r : all_rules())
        if (r.stage == RuleStage::Validator) options.disabled.insert(std::string(r.id));
    return options;
}

std::vector<std::string> unknown_rules(const ValidationOptions& options) {
    std::vector<std::string> unknown;
    for (const auto& id : options.disabled)
        if (!find_rule(id)) unknown.push_back(id);
    for (const auto& [id, severity] : options.severities)
        if (!find_rule(id) && std::find(unknown.begin(), unknown.end(), id) == unknown.end()) unknown.push_back(id);
    return unknown;
}

RulePolicy::RulePolicy() : on_(all_rules().size(), 0), severity_(all_rules().size(), Severity::Error) {
    for (const auto& r : all_rules()) {
        on_[index(r.rule)] = 1;
        severity_[index(r.rule)] = r.severity;
    }
}

RulePolicy::RulePolicy(const ValidationOptions& options) : RulePolicy() {
    for (const auto& id : options.disabled)
        if (const RuleInfo* r = find_rule(id)) on_[index(r->rule)] = 0;
    for (const auto& [id, severity] : options.severities)
        if (const RuleInfo* r = find_rule(id)) severity_[index(r->rule)] = severity;
}

void PolicySink::on_diagnostic(const Diagnostic& d) {
    if (!policy_.enabled(d.rule)) return;
    if (policy_.severity(d.rule) == d.severity) return FilterSink::on_diagnostic(d);
    Diagnostic copy = d;
    copy.severity = policy_.severity(d.rule);
    FilterSink::on_diagnostic(copy);
}

}  // namespace bpt
