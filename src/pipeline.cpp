#include "bpt/pipeline.h"

#include <memory>

#include "bpt/assembler.h"
#include "bpt/doubt.h"
#include "bpt/drawing_reader.h"
#include "bpt/export_reader.h"
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
    {Dialect::Drawing, "drawing", &DrawingReader::detect, &make<DrawingReader>},
    {Dialect::Layout, "layout", &LayoutReader::detect, &make<LayoutReader>},
};

const DialectEntry& entry(Dialect d) {
    for (const auto& e : kDialects)
        if (e.dialect == d) return e;
    return kDialects[std::size(kDialects) - 1];
}

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
    DoubtSink doubt(summary);
    PolicySink policed(doubt, policy);
    Validator validator(policed, options.validation, policy);

    // Hold the first lines (copied: a Line's text lives only until the next read)
    // until the dialect is known, then replay them.
    std::vector<std::string> head;
    std::vector<Line> head_lines;
    Line line;
    bool more = true;
    while (head.size() < kDetectLines && (more = source.next(line))) {
        head.push_back(std::string(line.text));
        head_lines.push_back(line);
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
    while (more && source.next(line)) reader->line(line);

    result.table = reader->saw_table();
    if (!result.table) {  // nothing is written for a file that is not a table
        result.refusal = reader->not_a_table();
        return result;
    }
    reader->finish();
    assembler.finish();
    if (assembler.projects() == 0)
        validator.on_diagnostic(make_diagnostic(Rule::NoProjects, "the table has a header but no project rows", {}));
    validator.on_end({});
    result.summary = summary.summary();
    result.summary.doubt = doubt.verdict();
    return result;
}

}  // namespace bpt
