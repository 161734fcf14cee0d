// libFuzzer target: the grid reader alone (grid_reader.cpp, grid_rows.cpp,
// grid_header.cpp), fed the lines of arbitrary bytes as the pipeline feeds it, so that
// every input reaches it and not only those detect() would hand it. Checks what every
// consumer of rows relies on: cell text is UTF-8, wrapped-line marks are in order and
// inside their cell, findings have a message, a line and a UTF-8 quote.
#include <cstdint>
#include <cstdlib>

#include "bpt/grid_reader.h"
#include "bpt/text.h"
#include "fuzz_util.h"

namespace {

struct CheckSink : bpt::RowSink {
    void row(bpt::Row& r) override {
        for (const auto& c : r.cells) {
            if (!bpt::text::is_valid_utf8(c.text)) std::abort();
            std::size_t last = 0;
            for (const auto& m : c.marks) {
                if (m.offset < last || m.offset > c.text.size()) std::abort();
                last = m.offset;
            }
        }
    }
    void finding(bpt::Rule, std::string message, bpt::Location, std::string_view quote, bool) override {
        if (message.empty() || !bpt::text::is_valid_utf8(message) || !bpt::text::is_valid_utf8(quote)) std::abort();
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::FILE* f = bpt::fuzz::open_memory(data, size);
    CheckSink sink;
    bpt::GridReader reader(sink);
    try {
        auto source = bpt::Source::from_stream(f, "fuzz", std::nullopt, true);
        bpt::Line line;
        while (source->next(line)) reader.line(line);
        reader.finish();
    } catch (const bpt::InputError&) {
    }
    if (!reader.not_a_table().empty() && !bpt::text::is_valid_utf8(reader.not_a_table())) std::abort();
    return 0;
}
