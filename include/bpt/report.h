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
// `::error file=…,line=…,title=rule::message`, one workflow command per finding, at
// most `max_per_file` per file (0: no limit), then a closing `::notice` with the
// file's counts when there are findings. GitHub shows only a few annotations per
// step, so the ones that matter most (errors first) go first. With `step_summary`,
// a Markdown table of every file's counts is appended to that file at the end
// (GitHub's $GITHUB_STEP_SUMMARY).
struct GithubOptions {
    std::size_t max_per_file = 10;
    std::optional<std::string> step_summary;
};
std::unique_ptr<ReportPrinter> make_github_printer(Output& out, GithubOptions options = {});
// SARIF 2.1.0: one run, the rule registry as the driver's rules, one result per
// finding with its physical location (a PDF's page under the location's properties);
// files that could not be read are the invocation's notifications.
std::unique_ptr<ReportPrinter> make_sarif_printer(Output& out, std::string_view version);
// JUnit XML: one <testsuite> per file, errors (and with `strict` warnings) as failures.
std::unique_ptr<ReportPrinter> make_junit_printer(Output& out, bool strict);
// GitLab Code Quality: a JSON array of issues with stable fingerprints.
std::unique_ptr<ReportPrinter> make_gitlab_printer(Output& out);

// GitHub's escaping of a workflow command's message, and of a property value
// (which also may not contain `:` or `,`).
std::string github_escape_data(std::string_view s);
std::string github_escape_property(std::string_view s);

}  // namespace bpt
