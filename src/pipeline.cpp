#include "bpt/pipeline.h"

#include <fmt/format.h>

#include <memory>

#include "bpt/assembler.h"
#include "bpt/drawing_reader.h"
#include "bpt/export_reader.h"
#include "bpt/grid_reader.h"
#include "bpt/layout_reader.h"
#include "bpt/validate.h"

namespace bpt {

namespace {

// One row per dialect, in the order detection tries them; the last one detects
// every input and is the fallback.
struct DialectEntry {
    Dialect dialect;
    std::string_view name;
    bool (*detect)(const std::vector<std::string>& first_lines);
    std::unique_ptr<TextReader> (*make)(RowSink& out);
};

template <class R>
std::unique_ptr<TextReader> make(RowSink& out) {
    return std::make_unique<R>(out);
}

constexpr DialectEntry kDialects[] = {
    {Dialect::Export, "export", &ExportReader::detect, &make<ExportReader>},
    {Dialect::Grid, "grid", &GridReader::detect, &make<GridReader>},
    {Dialect::Drawing, "drawing", &DrawingReader::detect, &make<DrawingReader>},
    {Dialect::Layout, "layout", &LayoutReader::detect, &make<LayoutReader>},
};

const DialectEntry& entry(Dialect d) {
    for (const auto& e : kDialects)
        if (e.dialect == d) return e;
    return kDialects[std::size(kDialects) - 1];
}

// Watches the findings for signs that the table was not read as printed, whatever
// --disable says: those only tune what is reported, not whether a reading can be
// trusted. Counts only; memory stays constant.
class DoubtSink final : public FilterSink {
public:
    using FilterSink::FilterSink;
    void on_diagnostic(const Diagnostic& d) override {
        switch (d.rule) {
            case Rule::UnparsedText: ++unparsed_; break;
            case Rule::MissingAmounts: ++no_amounts_; break;
            case Rule::TotalMismatch: ++total_mismatch_; break;
            case Rule::IncompleteProject: ++cut_; break;
            default:
                if (rule_info(d.rule).stage == RuleStage::Reader && rule_info(d.rule).severity == Severity::Error &&
                    d.rule != Rule::NoProjects)
                    ++reading_errors_;
        }
        FilterSink::on_diagnostic(d);
    }
    void on_project(const Project& p) override {
        ++projects_;
        FilterSink::on_project(p);
    }

    // What makes the reading doubtful, or empty. `lines`: non-empty lines read.
    std::string verdict(std::uint64_t lines) const {
        std::vector<std::string> why;
        if (projects_ == 0) why.push_back("no project row was read");
        if (lines >= 10 && unparsed_ * 2 > lines)
            why.push_back(fmt::format("{} of {} lines fit no cell of any row", unparsed_, lines));
        if (no_amounts_ >= 100 || (no_amounts_ >= 10 && no_amounts_ * 2 > projects_))
            why.push_back(fmt::format("{} of {} projects have no amounts", no_amounts_, projects_));
        if (reading_errors_) why.push_back(fmt::format("{} cells could not be read", reading_errors_));
        if (cut_) why.push_back("the file ends inside a project");
        if (total_mismatch_) why.push_back("the projects do not add up to the declared totals");
        std::string out;
        for (const auto& w : why) out += (out.empty() ? "" : "; ") + w;
        return out;
    }

private:
    std::uint64_t projects_ = 0, unparsed_ = 0, no_amounts_ = 0, reading_errors_ = 0, total_mismatch_ = 0, cut_ = 0;
};

// Lines looked at before the dialect is decided. The header of every dialect
// comes within the first few non-empty lines.
constexpr std::size_t kDetectLines = 40;

}  // namespace

std::string_view to_string(Dialect d) { return entry(d).name; }

std::optional<Dialect> parse_dialect(std::string_view name) {
    for (const auto& e : kDialects)
        if (e.name == name) return e.dialect;
    return std::nullopt;
}

std::vector<std::string_view> dialect_names() {
    std::vector<std::string_view> names;
    for (const auto& e : kDialects) names.push_back(e.name);
    return names;
}

Dialect detect_dialect(const std::vector<std::string>& first_lines) {
    for (const auto& e : kDialects)
        if (e.detect(first_lines)) return e.dialect;
    return kDialects[std::size(kDialects) - 1].dialect;
}

ReadResult read_document(Source& source, Sink& sink, const ReadOptions& options) {
    RulePolicy policy(options.validation);
    SummarySink summary(sink);
    PolicySink policed(summary, policy);
    DoubtSink doubts(policed);
    Validator validator(doubts, options.validation, policy);

    // Hold the first lines (copied: a Line's text lives only until the next read)
    // until the dialect is known, then replay them.
    std::vector<std::string> head;
    std::vector<Line> head_lines;
    Line line;
    bool more = true;
    std::uint64_t content = 0;  // non-empty lines, for the verdict on unparsed text
    while (head.size() < kDetectLines && (more = source.next(line))) {
        head.push_back(std::string(line.text));
        head_lines.push_back(line);
        content += !line.text.empty();
    }
    ReadResult result;
    result.dialect = options.dialect ? *options.dialect : detect_dialect(head);

    DocumentInfo info;
    info.path = source.path();
    info.encoding = source.encoding();
    info.dialect = std::string(to_string(result.dialect));
    Assembler assembler(validator, std::move(info));
    auto reader = entry(result.dialect).make(assembler);
    for (std::size_t i = 0; i < head.size(); ++i) {
        Line copy = head_lines[i];
        copy.text = head[i];
        reader->line(copy);
    }
    while (more && source.next(line)) {
        content += !line.text.empty();
        reader->line(line);
    }

    result.table = reader->saw_table();
    if (!result.table) {  // nothing is written for a file that is not a table
        result.refusal = reader->not_a_table();
        return result;
    }
    reader->finish();
    if (!reader->saw_table()) {  // a reader that holds its lines decides only now
        result.table = false;
        result.refusal = reader->not_a_table();
        return result;
    }
    assembler.finish();
    if (assembler.projects() == 0)
        validator.on_diagnostic(make_diagnostic(Rule::NoProjects, "the table has a header but no project rows", {}));
    validator.on_end({});
    result.summary = summary.summary();
    result.doubt = doubts.verdict(content);
    return result;
}

}  // namespace bpt
