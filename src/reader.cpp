#include "bpt/reader.h"

#include <vector>

#include "bpt/layout_reader.h"

namespace bpt {

namespace {
// Lines looked at before the dialect is decided. The header of either dialect
// comes within the first few non-empty lines.
constexpr std::size_t kDetectLines = 40;
}  // namespace

std::string detect_dialect(const std::vector<std::string>& first_lines) {
    (void)first_lines;
    return "layout";
}

std::unique_ptr<Reader> make_reader(const std::string& dialect, Sink& sink, DocumentInfo info) {
    (void)dialect;
    return std::make_unique<LayoutReader>(sink, std::move(info));
}

ReadResult read_document(Source& source, Sink& sink, const ReadOptions& options) {
    SummarySink summary(sink);
    Validator validator(summary, options.validation);
    DocumentInfo info;
    info.path = source.path();
    info.encoding = source.encoding();

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
    info.dialect = options.dialect ? *options.dialect : detect_dialect(head);
    auto reader = make_reader(info.dialect, validator, info);
    for (std::size_t i = 0; i < head.size(); ++i) {
        Line copy = head_lines[i];
        copy.text = head[i];
        reader->line(copy);
    }
    while (more && source.next(line)) reader->line(line);

    ReadResult result;
    result.table = reader->saw_table();
    if (!result.table) return result;  // nothing is written for a file that is not a table
    reader->finish();
    if (summary.summary().projects == 0)
        validator.on_diagnostic({"no-projects", Severity::Error,
                                 "the table has a header but no project rows",
                                 0, 0});
    validator.on_end({});
    result.summary = summary.summary();
    return result;
}

}  // namespace bpt
