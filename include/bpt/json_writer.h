#pragma once
// The JSON document of `bpt parse` (schema `bpt/1`, docs/schema.md). It streams:
// projects are written as they arrive; only departments and diagnostics, which are
// few, wait for the end.
#include <optional>
#include <string_view>
#include <vector>

#include "bpt/json.h"
#include "bpt/diagnostic_list.h"
#include "bpt/rule_policy.h"
#include "bpt/sink.h"

namespace bpt {

// The pieces of the schema, shared by every JSON-shaped writer. Target kinds and
// comparators are spelled by kind_name/op_name (bpt/target.h), as in the CSV writer.
void write_amounts(JsonOut& j, const Amounts& a);
void write_target(JsonOut& j, const std::optional<Target>& t);
void write_indicator(JsonOut& j, const Indicator& i);
// The project object's members, without the enclosing braces, so that a writer
// can add its own (NDJSON adds the source).
void write_project_members(JsonOut& j, const Project& p);
void write_diagnostic_members(JsonOut& j, const Diagnostic& d);
// `page` (when there is no line), `x`, `y`: a PDF location's position; nothing for a text line.
void write_position_members(JsonOut& j, const Location& at);
void write_department_members(JsonOut& j, const Department& d);
// `projects`, `indicators`, `errors`, `warnings`, `infos`.
void write_summary_members(JsonOut& j, const Summary& s);
void write_source(JsonOut& j, const DocumentInfo& info);
// `title`, `department`, `amount_unit`: what the table says about itself.
void write_heading_members(JsonOut& j, const DocumentInfo& info);
void write_string_or_null(JsonOut& j, const std::optional<std::string>& s);

class JsonWriter final : public Sink {
public:
    JsonWriter(Output& out, bool pretty, const RulePolicy& policy) : j_(out, pretty), policy_(policy) {}
    void on_document(const DocumentInfo& d) override { info_ = d; }
    void on_declared_total(const Amounts& a, const Location&) override;
    void on_department(const Department& d) override { departments_.push_back(d); }
    void on_project(const Project& p) override;
    void on_diagnostic(const Diagnostic& d) override { diagnostics_.add(d); }
    void on_end(const Summary& s) override;

private:
    void open_document();
    JsonOut j_;
    DocumentInfo info_;
    bool opened_ = false;
    bool total_written_ = false;
    std::optional<Amounts> declared_total_;
    std::vector<Department> departments_;
    DiagnosticList diagnostics_;
    const RulePolicy& policy_;  // for the note on a truncated list
};

}  // namespace bpt
