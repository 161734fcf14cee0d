#pragma once
// The validator: a sink in the pipeline that runs the checks (include/bpt/checks/)
// over each record as it streams past and adds their findings to the stream. It
// keeps nothing of a record but what the checks keep. `bpt parse` and `bpt
// validate` run the same checks; docs/rules.md documents every rule.
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "bpt/checks/check.h"
#include "bpt/checks/repeats.h"
#include "bpt/rule_policy.h"
#include "bpt/sink.h"

namespace bpt {

class Validator final : public FilterSink {
public:
    Validator(Sink& next, ValidationOptions options, const RulePolicy& policy);
    ~Validator() override;

    void on_document(const DocumentInfo& d) override;
    void on_declared_total(const Amounts& a, const Location& at) override;
    void on_department(const Department& d) override;
    void on_project(const Project& p) override;
    void on_diagnostic(const Diagnostic& d) override;
    void on_end(const Summary& s) override;

private:
    // Department rows by name, numbered in order of first appearance (checks::Facts).
    // Bounded: a text whose project indent was lost reads every project as a
    // department row, and the checks need only the first ones to say something.
    static constexpr std::size_t kMaxDepartments = 1 << 14;

    ValidationOptions options_;
    checks::Context cx_;
    checks::Repeats repeats_;
    std::vector<std::unique_ptr<checks::Check>> checks_;  // in the order their findings read best
    std::unordered_map<std::string, std::uint32_t> departments_;
    std::uint32_t incomplete_project_ = 0;  // index the reader reported as incomplete-project
};

}  // namespace bpt
