// bpt validate FILE...: the checks a CI job runs; bpt rules: what they are.
// Exit codes: 0 no errors, 1 errors (or warnings with --strict), 2 a file could not
// be read or the arguments are wrong. See docs/rules.md.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>

#include "bpt/pipeline.h"
#include "bpt/report.h"
#include "bpt/source.h"
#include "bpt/validate.h"
#include "commands.h"
#include "formats.h"
#include "rule_options.h"

namespace bpt::cli {

namespace {

struct ValidateArgs {
    std::vector<std::string> files;
    std::string format = "text";
    std::string color = "auto";
    bool strict = false;
    RuleArgs rules;
    std::optional<std::string> encoding;
    std::optional<Dialect> dialect;
    std::optional<std::string> password;
};


bool use_color(const std::string& mode) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    // https://no-color.org: an explicit wish not to see colour.
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color && *no_color) return false;
    return ::isatty(::fileno(stdout)) == 1;
}

FileReport validate_file(const std::string& path, const ReadOptions& options,
                         const RulePolicy& policy) {
    FileReport report;
    report.path = path;
    try {
        ReportSink sink(report, policy);
        auto result = read_path(path, sink, options);
        if (!result.table) {
            report = FileReport{};
            report.path = path;
            report.read_error = fmt::format("{}: {}", path, result.refusal);
            return report;
        }
    } catch (const InputError& e) {
        // Whatever was found before the unreadable part is not a verdict on the file.
        report = FileReport{};
        report.path = path;
        report.read_error = e.describe();
    }
    return report;
}

int run_validate(const ValidateArgs& args) {
    auto validation = validation_options(args.rules);
    if (!validation) return kCannotRead;
    ReadOptions options;
    options.encoding = args.encoding;
    options.dialect = args.dialect;
    options.password = args.password;
    options.validation = *validation;
    RulePolicy policy(options.validation);
    try {
        Output out("-");
        std::unique_ptr<ReportPrinter> printer;
        if (args.format == "json") printer = make_json_printer(out);
        else if (args.format == "github") printer = make_github_printer(out);
        else printer = make_text_printer(out, use_color(args.color));

        bool unreadable = false, failed = false;
        for (const auto& path : args.files) {
            FileReport report = validate_file(path, options, policy);
            if (report.read_error) {
                unreadable = true;
                out.flush();
                std::fflush(stdout);
                error(*report.read_error);
            }
            printer->file(report);
            out.flush();
            const Summary& s = report.summary;
            if (s.errors > 0 || (args.strict && s.warnings > 0)) failed = true;
        }
        printer->finish();
        out.commit();
        if (unreadable) return kCannotRead;
        return failed ? kFindings : kOk;
    } catch (const OutputError& e) {
        error(e.what());
    }
    return kCannotRead;
}

int run_rules() {
    std::size_t width = 0;
    for (const auto& r : all_rules()) width = std::max(width, r.id.size());
    for (const auto& r : all_rules())
        fmt::print("{:<{}}  {:<7}  {}\n", r.id, width, to_string(r.severity), r.summary);
    return kOk;
}

}  // namespace

Command add_validate(CLI::App& root) {
    auto args = std::make_shared<ValidateArgs>();
    auto* cmd = root.add_subcommand(
        "validate", "Check tables against the rules (bpt rules); exit 1 on errors, 2 on unreadable input");
    cmd->add_option("files", args->files, "Tables to check (paths, or - for standard input)")->required();
    cmd->add_option("--format", args->format, "text (default), json, or github (GitHub Actions annotations)")
        ->check(CLI::IsMember({"text", "json", "github"}));
    cmd->add_option("--color", args->color, "Colour the text output: auto (on a terminal), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    cmd->add_flag("--strict", args->strict, "Fail (exit 1) on warnings too");
    add_rule_options(cmd, args->rules);
    cmd->add_option("--encoding", args->encoding, "Input encoding (UTF-8, GB18030, UTF-16LE …); detected by default");
    add_dialect_option(cmd, args->dialect);
    cmd->add_option("--password", args->password, "A PDF's password (user or owner)");
    return {cmd, [args] { return run_validate(*args); }};
}

Command add_rules(CLI::App& root) {
    auto* cmd = root.add_subcommand("rules", "List every rule: its id, default severity and what it checks");
    return {cmd, [] { return run_rules(); }};
}

}  // namespace bpt::cli
