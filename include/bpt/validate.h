#pragma once
// The validator: a sink in the pipeline that watches records go by, keeps only what
// its rules need (running sums, keys of projects seen) and adds its diagnostics to
// the stream. `bpt parse` and `bpt validate` run the same checks. docs/rules.md
// documents every rule id listed by all_rules().
#include <cstdint>
#include <climits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bpt/money.h"
#include "bpt/rule_policy.h"
#include "bpt/rules.h"
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
    // Column sums of the projects under one declared total.
    struct Sums {
        Amounts amounts;  // a column stays nullopt while no project has it
        bool overflow = false;
        void add(const Amounts& a);
    };
    // A declared total (合计 or a department subtotal) and what its projects add up to.
    struct Group {
        std::string label;       // `合计`, `the subtotal of …`
        std::string quote;       // the declared row as printed, for findings
        Amounts declared;
        LineNo line = 0;
        bool has_declared = false;
        Sums all;       // every project row
        Sums distinct;  // exact repeats left out
        std::uint32_t projects = 0;
        std::uint32_t repeats = 0;
        std::vector<LineNo> repeat_lines;  // the first few, for messages
        Money repeat_total;
        bool ambiguous = false;  // a row had numbers the reader could not place in columns
        // The largest project seen, for a total printed after its projects.
        std::optional<Money> largest;
        LineNo largest_line = 0;
        std::string largest_name;
    };
    // First projects with a given 总计, so a total that is off by exactly one
    // project's amount can name it.
    struct AmountSeen {
        LineNo line = 0;
        std::uint32_t department = 0;  // 1 + index in departments_; 0 when none
        std::string name;
    };
    // What the duplicate rules remember of the first project with a given name:
    // hashes, not text, so memory stays a few words per project.
    struct NameSeen {
        std::uint64_t content = 0;  // all of the fields below, and the name
        LineNo line = 0;
        std::uint32_t amounts = 0, goal = 0, indicators = 0;  // for saying what differs
        std::int64_t total_cents = kNoTotal;
        static constexpr std::int64_t kNoTotal = INT64_MIN;
    };
    class NameIndex;  // a flat hash table of NameSeen, in validate.cpp

    void report(Rule rule, std::string message, LineNo line, std::string_view quote, std::uint32_t project = 0);
    bool check_duplicates(const Project& p);  // true when `p` repeats an earlier project exactly
    void check_content(const Project& p);
    void check_indicator(const Project& p, const Indicator& i);
    void add_to(Group& g, const Project& p, bool repeat);
    // Negative amounts and 总计 against its funding columns, for any row.
    // `p` is the project the row belongs to; nullptr for a declared total, `label`.
    void check_row(const Amounts& a, const Project* p, std::string_view label, LineNo line);
    void check_larger_than_declared(const Group& g, Money total, std::string_view name, LineNo line,
                                    std::uint32_t project);
    void check_total(const Group& g);
    std::string money(Money m) const;
    std::string project_ref(const Project& p) const;

    ValidationOptions options_;
    struct Enabled {
        bool total, total_note, row_sum, range, duplicate, conflicting, indicators, goal, category, codes,
            target_range, period_annual;
    } on_{};
    std::string unit_;  // ` 万元` for messages, or empty
    Group grand_;       // 合计
    std::vector<Group> departments_;
    std::unordered_map<std::string, std::size_t> department_index_;
    std::unique_ptr<NameIndex> name_seen_;  // department + name hash → first version
    std::unordered_map<std::uint64_t, std::uint32_t> other_versions_;  // content hash → first line
    std::unordered_map<std::int64_t, std::vector<AmountSeen>> amount_seen_;  // 总计 in cents
    std::size_t amount_entries_ = 0;
    std::uint32_t incomplete_project_ = 0;
    bool names_full_reported_ = false;  // index the reader reported as incomplete-project
};

}  // namespace bpt
