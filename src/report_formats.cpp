// The CI formats of `bpt validate` beside GitHub's: SARIF 2.1.0 (code scanning,
// most CI systems and editors), JUnit XML (test tabs of GitLab, Jenkins, Azure) and
// GitLab's Code Quality JSON. Each streams file by file, like the other printers.
#include <fmt/format.h>

#include <cstdint>
#include <map>
#include <tuple>

#include "bpt/json.h"
#include "bpt/report.h"
#include "bpt/rules.h"

namespace bpt {

namespace {

std::string_view sarif_level(Severity s) {
    switch (s) {
        case Severity::Error: return "error";
        case Severity::Warning: return "warning";
        case Severity::Info: return "note";
    }
    return "error";
}

// SARIF's artifactLocation.uri is a URI reference: a path's spaces, `%`, `#`, `?`
// and non-ASCII bytes (Chinese file names) are percent-encoded, `/` is kept.
std::string uri_reference(std::string_view path) {
    std::string out;
    for (unsigned char c : path) {
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '.' || c == '_' || c == '~' || c == '/';
        if (keep) out += static_cast<char>(c);
        else out += fmt::format("%{:02X}", c);
    }
    return out;
}

// Where the finding is: a line region for text, and for a PDF the page (and the
// position on it) as properties, since SARIF regions count lines and characters only.
void sarif_location(JsonOut& j, const std::string& path, const Location& at, std::string_view quote) {
    j.begin_object().key("physicalLocation").begin_object();
    j.key("artifactLocation").begin_object().key("uri").string(uri_reference(path)).end_object();
    if (at.line) {
        j.key("region").begin_object().key("startLine").number(at.line);
        if (at.end_line > at.line) j.key("endLine").number(at.end_line);
        if (!quote.empty()) j.key("snippet").begin_object().key("text").string(quote).end_object();
        j.end_object();
    }
    if (at.page) {
        j.key("properties").begin_object().key("page").number(at.page);
        if (at.has_position()) {
            j.key("x").raw_number(fmt::format("{:.1f}", at.x));
            j.key("y").raw_number(fmt::format("{:.1f}", at.y));
        }
        if (!at.line && !quote.empty()) j.key("snippet").string(quote);
        j.end_object();
    }
    j.end_object().end_object();
}

class SarifPrinter final : public ReportPrinter {
public:
    SarifPrinter(Output& out, std::string_view version) : j_(out, /*pretty=*/true) {
        j_.begin_object();
        j_.key("$schema").string("https://json.schemastore.org/sarif-2.1.0.json");
        j_.key("version").string("2.1.0");
        j_.key("runs").begin_array().begin_object();
        j_.key("tool").begin_object().key("driver").begin_object();
        j_.key("name").string("bpt");
        j_.key("version").string(version);
        j_.key("semanticVersion").string(version);
        j_.key("rules").begin_array();
        for (const auto& r : all_rules()) {
            j_.begin_object();
            j_.key("id").string(r.id);
            j_.key("shortDescription").begin_object().key("text").string(r.summary).end_object();
            std::string help = fmt::format("{}. See docs/rules.md#{}, or run `bpt rules`.", r.summary, r.anchor);
            j_.key("help").begin_object().key("text").string(help).end_object();
            j_.key("defaultConfiguration").begin_object().key("level").string(sarif_level(r.severity)).end_object();
            j_.end_object();
        }
        j_.end_array().end_object().end_object();
        j_.key("columnKind").string("unicodeCodePoints");
        j_.key("results").begin_array();
    }

    void file(const FileReport& r) override {
        if (r.read_error) {
            unreadable_.emplace_back(r.path, *r.read_error);
            return;
        }
        for (const auto& d : r.diagnostics) {
            j_.begin_object();
            j_.key("ruleId").string(d.id());
            j_.key("ruleIndex").number(static_cast<std::uint64_t>(d.rule));
            j_.key("level").string(sarif_level(d.severity));
            j_.key("message").begin_object().key("text").string(d.message).end_object();
            j_.key("locations").begin_array();
            sarif_location(j_, r.path, d.at, d.quote);
            j_.end_array();
            j_.end_object();
        }
    }

    void finish() override {
        j_.end_array();
        // A file that could not be read is not a finding about a table: SARIF says it
        // in the invocation, which then did not succeed.
        j_.key("invocations").begin_array().begin_object();
        j_.key("executionSuccessful").boolean(unreadable_.empty());
        j_.key("toolExecutionNotifications").begin_array();
        for (const auto& [path, why] : unreadable_) {
            j_.begin_object();
            j_.key("level").string("error");
            j_.key("message").begin_object().key("text").string(why).end_object();
            j_.key("locations").begin_array();
            sarif_location(j_, path, Location{}, {});
            j_.end_array();
            j_.end_object();
        }
        j_.end_array().end_object().end_array();
        j_.end_object().end_array().end_object();
        j_.end_document();
    }

private:
    JsonOut j_;
    std::vector<std::pair<std::string, std::string>> unreadable_;
};

std::string xml_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                // XML 1.0 allows no control characters but tab, LF and CR.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') out += "&#xFFFD;";
                else out += c;
        }
    }
    return out;
}

// One <testsuite> per file: a finding that fails the build (an error, or with
// --strict a warning) is a <testcase> with a <failure>; other findings are passing
// test cases that say what they found; a file that could not be read is an <error>.
// A clean file is one passing test case, so every file shows in the test report.
class JunitPrinter final : public ReportPrinter {
public:
    JunitPrinter(Output& out, bool strict) : out_(out), strict_(strict) {
        out_.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"bpt validate\">\n");
    }

    void file(const FileReport& r) override {
        std::string name = xml_escape(r.path);
        if (r.read_error) {
            out_.write(fmt::format("  <testsuite name=\"{}\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
                                   "    <testcase classname=\"{}\" name=\"read\">\n"
                                   "      <error message=\"{}\" type=\"unreadable\"/>\n"
                                   "    </testcase>\n  </testsuite>\n",
                                   name, name, xml_escape(*r.read_error)));
            return;
        }
        std::size_t failures = 0;
        for (const auto& d : r.diagnostics) failures += fails(d.severity);
        std::size_t tests = r.diagnostics.empty() ? 1 : r.diagnostics.size();
        out_.write(fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
                               name, tests, failures));
        if (r.diagnostics.empty())
            out_.write(fmt::format("    <testcase classname=\"{}\" name=\"valid\"/>\n", name));
        for (const auto& d : r.diagnostics) {
            std::string at = where(r.path, d.at);
            std::string detail = fmt::format("{} {}[{}]: {}", at, to_string(d.severity), d.id(), d.message);
            if (!d.quote.empty()) detail += "\n" + d.quote;
            out_.write(fmt::format("    <testcase classname=\"{}\" name=\"{} {}\">\n", name, xml_escape(d.id()),
                                   xml_escape(at)));
            if (fails(d.severity))
                out_.write(fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                                       xml_escape(d.message), xml_escape(d.id()), xml_escape(detail)));
            else
                out_.write(fmt::format("      <system-out>{}</system-out>\n", xml_escape(detail)));
            out_.write("    </testcase>\n");
        }
        out_.write("  </testsuite>\n");
    }

    void finish() override { out_.write("</testsuites>\n"); }

private:
    bool fails(Severity s) const { return s == Severity::Error || (strict_ && s == Severity::Warning); }
    Output& out_;
    bool strict_;
};

std::string_view gitlab_severity(Severity s) {
    switch (s) {
        case Severity::Error: return "major";
        case Severity::Warning: return "minor";
        case Severity::Info: return "info";
    }
    return "major";
}

// FNV-1a, 64 bits, twice with different offsets: 128 bits of fingerprint.
std::string fingerprint(std::string_view text) {
    auto fnv = [&](std::uint64_t h) {
        for (unsigned char c : text) {
            h ^= c;
            h *= 0x100000001b3ULL;
        }
        return h;
    };
    return fmt::format("{:016x}{:016x}", fnv(0xcbf29ce484222325ULL), fnv(0x84222325cbf29ce4ULL));
}

// GitLab's Code Quality report: a JSON array of issues. GitLab compares the
// fingerprints of a merge request's report with its target branch's to show new
// and fixed findings, so a fingerprint leaves the line number out (a finding that
// moves down when a row is added above is not new) and counts repeats instead.
class GitlabPrinter final : public ReportPrinter {
public:
    explicit GitlabPrinter(Output& out) : j_(out, /*pretty=*/true) { j_.begin_array(); }

    void file(const FileReport& r) override {
        std::map<std::string, std::size_t> seen;
        if (r.read_error) {
            issue(r.path, "unreadable", Severity::Error, *r.read_error, Location{}, fingerprint(fmt::format("{}\x1funreadable", r.path)));
            return;
        }
        for (const auto& d : r.diagnostics) {
            std::string key = fmt::format("{}\x1f{}\x1f{}\x1f{}", r.path, d.id(), d.message, d.quote);
            std::size_t nth = seen[key]++;
            issue(r.path, d.id(), d.severity, d.message, d.at, fingerprint(fmt::format("{}\x1f{}", key, nth)));
        }
    }

    void finish() override {
        j_.end_array();
        j_.end_document();
    }

private:
    void issue(const std::string& path, std::string_view check, Severity s, std::string_view message,
               const Location& at, const std::string& print) {
        j_.begin_object();
        std::string description = !at.line && at.page ? fmt::format("p{}: {}", at.page, message) : std::string(message);
        j_.key("description").string(description);
        j_.key("check_name").string(check);
        j_.key("fingerprint").string(print);
        j_.key("severity").string(gitlab_severity(s));
        // GitLab needs a line; a page or the whole file is shown at line 1.
        j_.key("location").begin_object().key("path").string(path);
        j_.key("lines").begin_object().key("begin").number(at.line ? at.line : 1).end_object();
        j_.end_object();
        j_.end_object();
    }

    JsonOut j_;
};

}  // namespace

std::unique_ptr<ReportPrinter> make_sarif_printer(Output& out, std::string_view version) {
    return std::make_unique<SarifPrinter>(out, version);
}
std::unique_ptr<ReportPrinter> make_junit_printer(Output& out, bool strict) {
    return std::make_unique<JunitPrinter>(out, strict);
}
std::unique_ptr<ReportPrinter> make_gitlab_printer(Output& out) { return std::make_unique<GitlabPrinter>(out); }

}  // namespace bpt
