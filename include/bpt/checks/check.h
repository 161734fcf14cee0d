#pragma once
// What the checks share, and the shape of one check. The validator (validate.h)
// runs a fixed list of checks over each record as it streams past; each check is
// one unit in src/checks/ and keeps only what its rules need. A new check is one
// unit, its rows in the rule registry, and its sections in docs/rules.md.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bpt/diagnostic.h"
#include "bpt/model.h"
#include "bpt/rule_policy.h"
#include "bpt/sink.h"

namespace bpt::checks {

// Where findings go, which rules are on, and how amounts are said in messages.
class Context {
public:
    Context(Sink& out, const ValidationOptions& options, const RulePolicy& policy)
        : out_(out), options_(options), policy_(policy) {}

    bool on(Rule rule) const { return policy_.enabled(rule); }
    Money tolerance() const { return options_.tolerance; }
    void report(Rule rule, std::string message, const Location& at, std::string_view quote,
                std::uint32_t project = 0) {
        out_.on_diagnostic(make_diagnostic(rule, std::move(message), at, quote, project));
    }
    void set_unit(const std::optional<std::string>& unit) { unit_ = unit ? " " + *unit : std::string(); }
    // `9,246.72 万元`
    std::string money(Money m) const { return m.to_display() + unit_; }
    // `project '…' (line 12)`, or `(page 3)` for a PDF's project
    static std::string project_ref(const Project& p);
    // `line 12`, or `page 3` where the location is a PDF page, for messages.
    static std::string place(const Location& at);

private:
    Sink& out_;
    const ValidationOptions& options_;
    const RulePolicy& policy_;
    std::string unit_;  // ` 万元` for messages, or empty
};

// What the validator knows of a row before the checks see it, so that no check
// needs another's state.
struct Facts {
    std::uint32_t department = 0;  // 1-based id of the row's department (by name), 0 when none
    bool first = true;             // department row: its first printing (tables repeat it per page)
    bool repeat = false;           // project: an exact repeat of an earlier one (page-break repeats)
    bool incomplete = false;       // project: cut off by the end of the file (incomplete-project said so)
};

class Check {
public:
    virtual ~Check() = default;
    virtual void declared_total(const Amounts&, const Location&) {}
    virtual void department(const Department&, const Facts&) {}
    virtual void project(const Project&, const Facts&) {}
    virtual void end() {}
};

}  // namespace bpt::checks
