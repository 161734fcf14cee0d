#pragma once
// `bpt validate`'s findings, file by file, and the printers that format them:
// compiler-style text, JSON, and GitHub Actions workflow commands. As with ripgrep's
// printers, a printer only formats what it is given, so a new format is one class.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bpt/output.h"
#include "bpt/diagnostic_list.h"
#include "bpt/rule_policy.h"
#include "bpt/sink.h"

namespace bpt {

struct FileReport {
    std::string path;                       // as given; "-" for standard input
    std::vector<Diagnostic> diagnostics;    // in line order, whole-file findings first; each with its quote
    Summary summary;
    std::optional<std::string> read_error;  // the file could not be read as a table
};

// Keeps one file's diagnostics (a bounded list; the projects are not kept) and its
// counts, and puts the diagnostics in line order at the end.
class ReportSink final : public Sink {
public:
    ReportSink(FileReport& report, const RulePolicy& policy) : report_(report), policy_(policy) {}
    void on_diagnostic(const Diagnostic& d) override { list_.add(d); }
    void on_end(const Summary& s) override;

private:
    FileReport& report_;
    const RulePolicy& policy_;
    DiagnosticList list_;
};

// `table.txt:12:`, `table.pdf:p3:`, or `table.txt:` for the whole file.
std::string where(const std::string& path, const Location& at);

class ReportPrinter {
public:
    virtual ~ReportPrinter() = default;
    virtual void file(const FileReport& report) = 0;
    // After the last file.
    virtual void finish() {}
};

// `path:line: severity[rule]: message`, the source line under it, then a summary
// line per file. `color`: ANSI colours, for a terminal.
std::unique_ptr<ReportPrinter> make_text_printer(Output& out, bool color);
// `{"files": [{"path", "diagnostics": […], "errors", "warnings", "infos", …}]}`
std::unique_ptr<ReportPrinter> make_json_printer(Output& out);
// `::error file=…,line=…,title=rule::message`, one workflow command per finding.
std::unique_ptr<ReportPrinter> make_github_printer(Output& out);

// GitHub's escaping of a workflow command's message, and of a property value
// (which also may not contain `:` or `,`).
std::string github_escape_data(std::string_view s);
std::string github_escape_property(std::string_view s);

}  // namespace bpt
