#include "bpt/reader.h"

#include <vector>

#include "bpt/layout_reader.h"

namespace bpt {

ReadResult read_document(Source& source, Sink& sink, const ReadOptions& options) {
    SummarySink summary(sink);
    DocumentInfo info;
    info.path = source.path();
    info.encoding = source.encoding();
    (void)options;
    LayoutReader reader(summary, info);
    Line line;
    while (source.next(line)) reader.line(line);
    ReadResult result;
    result.table = reader.saw_table();
    if (!result.table) return result;  // nothing is written for a file that is not a table
    reader.finish();
    summary.on_end({});
    result.summary = summary.summary();
    return result;
}

}  // namespace bpt
