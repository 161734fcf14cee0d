#include "bpt/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "bpt/json.h"
#include "bpt/json_writer.h"
#include "bpt/source.h"
#include "bpt/printable.h"
#include "bpt/text.h"

namespace bpt {

void ReportSink::on_end(const Summary& s) {
    report_.summary = s;
    report_.diagnostics = std::move(list_.items());
    // Readers and validator report in stream order (a total only at the end);
    // people read a file top to bottom.
    std::stable_sort(report_.diagnostics.begin(), report_.diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                         // By line in a text, by page in a PDF (whose findings have no line).
                         auto key = [](const Location& l) { return std::pair(l.line ? 0u : l.page, l.line); };
                         return key(a.at) < key(b.at);
                     });
    if (auto note = list_.omission_note(policy_)) report_.diagnostics.push_back(*note);
}

// `table.txt:12:`, `table.pdf:p3:`, or `table.txt:` for the whole file.
std::string where(const std::string& path, const Location& at) {
    if (at.line) return fmt::format("{}:{}:", path, at.line);
    if (at.page) return fmt::format("{}:p{}:", path, at.page);
    return path + ":";
}

namespace {

class TextPrinter final : public ReportPrinter {
public:
    TextPrinter(Output& out, bool color) : out_(out), color_(color) {}

    void file(const FileReport& r) override {
        if (r.read_error) return;  // said on standard error, where a failure belongs
        for (const auto& d : r.diagnostics) {
            // Messages and quotes carry the table's text: its control characters are
            // shown, never sent to the terminal (printable.h).
            out_.write(fmt::format("{} {}[{}]: {}\n", paint(printable(where(r.path, d.at)), kBold),
                                   paint(to_string(d.severity), colour(d.severity)), d.id(),
                                   printable(d.message)));
            if (!d.quote.empty()) {
                std::string margin = d.at.line ? fmt::format("{:>6} |", d.at.line)
                                     : d.at.page ? fmt::format("{:>6} |", fmt::format("p{}", d.at.page))
                                                 : std::string("       |");
                out_.write(fmt::format("{} {}\n", paint(margin, kDim), printable(d.quote)));
            }
        }
        const Summary& s = r.summary;
        auto count = [&](std::uint32_t k, std::string_view one, std::string_view many, Severity sev) {
            std::string t = fmt::format("{} {}", k, k == 1 ? one : many);
            return k ? paint(t, colour(sev)) : t;
        };
        out_.write(fmt::format("{} {}, {}, {} ({} {}, {} {})\n", paint(printable(r.path) + ":", kBold),
                               count(s.errors, "error", "errors", Severity::Error),
                               count(s.warnings, "warning", "warnings", Severity::Warning),
                               count(s.infos, "info", "infos", Severity::Info), s.projects,
                               s.projects == 1 ? "project" : "projects", s.indicators,
                               s.indicators == 1 ? "indicator" : "indicators"));
    }

private:
    static constexpr std::string_view kBold = "\x1b[1m";
    static constexpr std::string_view kDim = "\x1b[2m";

    static std::string_view colour(Severity s) {
        switch (s) {
            case Severity::Error: return "\x1b[1;31m";
            case Severity::Warning: return "\x1b[1;33m";
            case Severity::Info: return "\x1b[1;36m";
        }
        return kBold;
    }

    std::string paint(std::string_view text, std::string_view style) const {
        if (!color_) return std::string(text);
        return fmt::format("{}{}\x1b[0m", style, text);
    }

    Output& out_;
    bool color_;
};

class JsonPrinter final : public ReportPrinter {
public:
    explicit JsonPrinter(Output& out) : j_(out, /*pretty=*/true) {
        j_.begin_object().key("files").begin_array();
    }

    void file(const FileReport& r) override {
        j_.begin_object();
        j_.key("path").string(r.path);
        j_.key("read_error");
        if (r.read_error) j_.string(*r.read_error);
        else j_.null();
        j_.key("diagnostics").begin_array();
        for (const auto& d : r.diagnostics) {
            j_.begin_object();
            write_diagnostic_members(j_, d);
            j_.end_object();
        }
        j_.end_array();
        write_summary_members(j_, r.summary);
        j_.end_object();
    }

    void finish() override {
        j_.end_array().end_object();
        j_.end_document();
    }

private:
    JsonOut j_;
};

class GithubPrinter final : public ReportPrinter {
public:
    GithubPrinter(Output& out, GithubOptions options) : out_(out), options_(std::move(options)) {}

    void file(const FileReport& r) override {
        std::string file = github_escape_property(r.path);
        rows_.push_back(r.read_error ? fmt::format("| {} | unreadable: {} | | | | |", markdown_cell(r.path),
                                                   markdown_cell(*r.read_error))
                                     : fmt::format("| {} | {} | {} | {} | {} | {} |", markdown_cell(r.path), r.summary.errors,
                                                   r.summary.warnings, r.summary.infos, r.summary.projects,
                                                   r.summary.indicators));
        if (r.read_error) {
            out_.write(fmt::format("::error file={},title=bpt::{}\n", file, github_escape_data(*r.read_error)));
            return;
        }
        // Errors first: when the annotations are capped, the ones that fail the job show.
        std::vector<const Diagnostic*> order;
        for (const auto& d : r.diagnostics) order.push_back(&d);
        std::stable_sort(order.begin(), order.end(),
                         [](const Diagnostic* a, const Diagnostic* b) { return a->severity > b->severity; });
        std::size_t shown = 0;
        for (const Diagnostic* d : order) {
            if (options_.max_per_file && shown == options_.max_per_file) break;
            ++shown;
            std::string line = d->at.line ? fmt::format(",line={}", d->at.line) : "";
            if (d->at.end_line > d->at.line) line += fmt::format(",endLine={}", d->at.end_line);
            std::string page = !d->at.line && d->at.page ? fmt::format("p{}: ", d->at.page) : "";
            out_.write(fmt::format("::{} file={}{},title={}::{}{}\n", command(d->severity), file, line,
                                   github_escape_property(d->id()), page, github_escape_data(d->message)));
        }
        if (r.diagnostics.empty()) return;
        const Summary& s = r.summary;
        std::string more = shown < r.diagnostics.size()
                               ? fmt::format("; {} more not annotated (bpt validate {} lists all)",
                                             r.diagnostics.size() - shown, r.path)
                               : "";
        out_.write(fmt::format("::notice file={},title=bpt summary::{}: {} errors, {} warnings, {} infos{}\n", file,
                               github_escape_data(r.path), s.errors, s.warnings, s.infos, github_escape_data(more)));
    }

    void finish() override {
        if (!options_.step_summary) return;
        std::string md = "### bpt validate\n\n| file | errors | warnings | infos | projects | indicators |\n"
                         "|---|---:|---:|---:|---:|---:|\n";
        for (const auto& row : rows_) md += row + "\n";
        md += "\n";
        // Appended, as GitHub asks: other steps' summaries share the file.
        std::FILE* f = std::fopen(options_.step_summary->c_str(), "a");
        bool ok = f && std::fwrite(md.data(), 1, md.size(), f) == md.size();
        if (f && std::fclose(f) != 0) ok = false;
        if (!ok) throw OutputError(fmt::format("{}: cannot append the step summary: {}", *options_.step_summary,
                                               std::strerror(errno)));
    }

private:
    static std::string_view command(Severity s) {
        switch (s) {
            case Severity::Error: return "error";
            case Severity::Warning: return "warning";
            case Severity::Info: return "notice";
        }
        return "error";
    }

    // A table cell: a `|` would end it, a line break the row, and `*`, `_`, `` ` ``
    // in a path would turn into emphasis or code.
    static std::string markdown_cell(std::string_view s) {
        std::string out;
        for (char c : s) {
            if (c == '\n' || c == '\r') c = ' ';
            if (c == '|' || c == '*' || c == '_' || c == '`' || c == '\\') out += '\\';
            out += c;
        }
        return out;
    }

    Output& out_;
    GithubOptions options_;
    std::vector<std::string> rows_;  // the step summary's table
};

}  // namespace

std::string github_escape_data(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '%': out += "%25"; break;
            case '\r': out += "%0D"; break;
            case '\n': out += "%0A"; break;
            default: out += c;
        }
    }
    return out;
}

std::string github_escape_property(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : github_escape_data(s)) {
        switch (c) {
            case ':': out += "%3A"; break;
            case ',': out += "%2C"; break;
            default: out += c;
        }
    }
    return out;
}

std::unique_ptr<ReportPrinter> make_text_printer(Output& out, bool color) {
    return std::make_unique<TextPrinter>(out, color);
}
std::unique_ptr<ReportPrinter> make_json_printer(Output& out) { return std::make_unique<JsonPrinter>(out); }
std::unique_ptr<ReportPrinter> make_github_printer(Output& out, GithubOptions options) {
    return std::make_unique<GithubPrinter>(out, std::move(options));
}

}  // namespace bpt
