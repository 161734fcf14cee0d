#pragma once
// The one place where --disable and --severity meet the findings: whoever raised a
// finding (a reader, the assembler, the grammar, a check, a printer's own note),
// it passes through a RulePolicy before anything counts or prints it.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "bpt/diagnostic.h"
#include "bpt/money.h"
#include "bpt/rules.h"
#include "bpt/sink.h"

namespace bpt {

// What the user asked for, by rule id as typed.
struct ValidationOptions {
    std::set<std::string> disabled;              // rule ids that report nothing
    std::map<std::string, Severity> severities;  // rule id → severity override
    Money tolerance;                             // allowed difference in money checks
};

// Every check disabled: what the readers, the assembler and the grammar say, alone.
// For tests of a reader, which assert its findings exactly.
ValidationOptions reader_rules_only();

// The rule ids named in `options` that the registry does not know, so that a
// misspelt --disable fails loudly instead of silently disabling nothing.
std::vector<std::string> unknown_rules(const ValidationOptions& options);

class RulePolicy {
public:
    RulePolicy();  // every rule on, at its registry severity
    explicit RulePolicy(const ValidationOptions& options);

    bool enabled(Rule rule) const { return on_[index(rule)]; }
    Severity severity(Rule rule) const { return severity_[index(rule)]; }
    // Gives `d` its severity; false when its rule is disabled.
    bool apply(Diagnostic& d) const {
        if (!enabled(d.rule)) return false;
        d.severity = severity(d.rule);
        return true;
    }

private:
    static std::size_t index(Rule r) { return static_cast<std::size_t>(r); }
    std::vector<char> on_;           // by Rule: 1 when enabled
    std::vector<Severity> severity_;  // by Rule
};

// The policy as a stage of the pipeline: drops disabled findings and sets the
// severity of the rest, before the summary counts them.
class PolicySink final : public FilterSink {
public:
    PolicySink(Sink& next, const RulePolicy& policy) : FilterSink(next), policy_(policy) {}
    void on_diagnostic(const Diagnostic& d) override;

private:
    const RulePolicy& policy_;
};

}  // namespace bpt
