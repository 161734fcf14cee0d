// bpt validate FILE...: the checks a CI job runs; bpt rules: what they are.
// Exit codes: 0 no errors, 1 errors (or warnings with --strict), 2 a file could not
// be read or the arguments are wrong. See docs/rules.md.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>

#include "bpt/pipeline.h"
#include "bpt/printable.h"
#include "bpt/report.h"
#include "bpt/source.h"
#include "bpt/validate.h"
#include "commands.h"
#include "formats.h"
#include "inputs.h"
#include "rule_options.h"
#include "same_file.h"

namespace bpt::cli {

namespace {

struct ValidateArgs {
    std::vector<std::string> files;
    std::vector<std::string> globs;
    std::string output = "-";
    std::string format = "text";
    std::string color = "auto";
    std::size_t max_annotations = 10;
    bool strict = false;
    RuleArgs rules;
    std::optional<std::string> encoding;
    std::optional<Dialect> dialect;
    std::optional<std::string> password;
};


// --color beats the environment; then NO_COLOR (https://no-color.org), an explicit
// wish, beats CLICOLOR_FORCE (https://bixense.com/clicolors), which forces colour
// into a pipe (a CI log that renders ANSI); a dumb terminal gets none.
bool use_color(const std::string& mode, const std::string& output) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    auto set = [](const char* name) {
        const char* v = std::getenv(name);
        return v && *v ? std::string_view(v) : std::string_view();
    };
    if (!set("NO_COLOR").empty()) return false;
    if (!set("CLICOLOR_FORCE").empty() && set("CLICOLOR_FORCE") != "0") return true;
    if (set("CLICOLOR") == "0" || set("TERM") == "dumb") return false;
    return output == "-" && ::isatty(::fileno(stdout)) == 1;
}

struct Input {
    std::string path;
    std::optional<std::string> failure;  // it could not be found or listed: `path: why`
};

// Files as given ("-" is standard input), folders walked for their files, in
// argument order. What cannot be found or listed stays in its place as a read
// error, so that every report format says so where the file would have been.
std::vector<Input> expand(const ValidateArgs& args) {
    std::vector<Input> inputs;
    WalkOptions walk;
    walk.globs = args.globs;
    for (const auto& arg : args.files) {
        // A file is read as given, so that its errors are the reader's, as before.
        std::error_code ec;
        if (arg == "-" || !std::filesystem::is_directory(arg, ec)) {
            inputs.push_back({arg, std::nullopt});
            continue;
        }
        auto found = find_inputs({arg}, walk);
        for (const auto& w : found.warnings) error(w);
        for (auto& f : found.failures) inputs.push_back({arg, std::move(f)});
        for (auto& f : found.files) inputs.push_back({std::move(f.path), std::nullopt});
    }
    return inputs;
}

FileReport validate_file(const std::string& path, const ReadOptions& options,
                         const RulePolicy& policy) {
    FileReport report;
    // Every report format is text (JSON, XML …): the name as printable UTF-8.
    report.path = printable(path);
    try {
        ReportSink sink(report, policy);
        auto result = read_path(path, sink, options);
        if (!result.table) {
            report = FileReport{};
            report.path = printable(path);
            report.read_error = printable(fmt::format("{}: {}", path, result.refusal));
            return report;
        }
    } catch (const InputError& e) {
        // Whatever was found before the unreadable part is not a verdict on the file.
        report = FileReport{};
        report.path = printable(path);
        report.read_error = printable(e.describe());
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
    std::vector<Input> inputs = expand(args);
    if (inputs.empty()) {
        error("no input files found (check the paths and --glob)");
        return kCannotRead;
    }
    if (FileId report_file = file_id(args.output); report_file.exists) {
        for (const auto& input : inputs) {
            if (!input.failure && same_file(file_id(input.path), report_file)) {
                error(fmt::format("{}: -o names an input, which the report would replace; write it elsewhere",
                                  args.output));
                return kCannotRead;
            }
        }
    }
    try {
        Output out(args.output);
        std::unique_ptr<ReportPrinter> printer;
        if (args.format == "json") printer = make_json_printer(out);
        else if (args.format == "sarif") printer = make_sarif_printer(out, version());
        else if (args.format == "junit") printer = make_junit_printer(out, args.strict);
        else if (args.format == "gitlab") printer = make_gitlab_printer(out);
        else if (args.format == "github") {
            GithubOptions github;
            github.max_per_file = args.max_annotations;
            if (const char* summary = std::getenv("GITHUB_STEP_SUMMARY"); summary && *summary)
                github.step_summary = summary;
            printer = make_github_printer(out, github);
        } else printer = make_text_printer(out, use_color(args.color, args.output));

        bool unreadable = false, failed = false;
        for (const auto& input : inputs) {
            FileReport report;
            if (input.failure) {
                report.path = printable(input.path);
                report.read_error = printable(*input.failure);
            } else {
                report = validate_file(input.path, options, policy);
            }
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
    cmd->add_option("files", args->files,
                    "Tables to check: files, folders (walked recursively), or - for standard input")
        ->required();
    cmd->add_option("--glob", args->globs,
                    "Only files whose name matches this pattern (e.g. '*.txt'), when walking folders; repeatable");
    cmd->add_option("-o,--output", args->output, "Write the report to FILE (atomically) instead of standard output");
    cmd->add_option("-f,--format", args->format,
                    "text (default), json, github (Actions annotations), sarif (SARIF 2.1.0), junit (JUnit XML) "
                    "or gitlab (GitLab Code Quality)")
        ->check(CLI::IsMember({"text", "json", "github", "sarif", "junit", "gitlab"}));
    cmd->add_option("--max-annotations", args->max_annotations,
                    "github: at most N annotations per file, errors first (default 10; 0: all)");
    cmd->add_option("--color", args->color, "Colour the text output: auto (on a terminal), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    cmd->add_flag("--strict", args->strict, "Fail (exit 1) on warnings too");
    add_rule_options(cmd, args->rules);
    cmd->add_option("--encoding", args->encoding, "Input encoding (UTF-8, GB18030, UTF-16LE …); detected by default");
    add_dialect_option(cmd, args->dialect);
    cmd->add_option("--password", args->password, "A PDF's password (user or owner)")->option_text("PASSWORD");
    return {cmd, [args] { return run_validate(*args); }};
}

Command add_rules(CLI::App& root) {
    auto* cmd = root.add_subcommand("rules", "List every rule: its id, default severity and what it checks");
    return {cmd, [] { return run_rules(); }};
}

}  // namespace bpt::cli
