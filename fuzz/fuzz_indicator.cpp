// libFuzzer target: the indicator grammar on arbitrary text, in both clause
// dialects, and the target grammar alone and over split grid columns.
#include <string_view>
#include <vector>

#include "bpt/indicator.h"
#include "bpt/target.h"
#include "bpt/text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    if (!bpt::text::is_valid_utf8(text)) return -1;  // readers only hand out UTF-8
    std::vector<bpt::Mark> marks{{0, bpt::Location{.line = 1}}};
    for (auto dialect : {bpt::ClauseDialect::Layout, bpt::ClauseDialect::Export}) {
        std::vector<bpt::Indicator> out;
        std::vector<bpt::Diagnostic> diagnostics;
        bpt::parse_indicators(text, dialect, marks, out, diagnostics);
    }
    bpt::parse_target(text);
    // The same bytes as a grid's op | value | unit cells and the indicator's name.
    std::size_t third = text.size() / 3;
    auto cut = [&](std::size_t at) {  // on a character boundary
        while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
        return at;
    };
    std::size_t a = cut(third), b = cut(2 * third);
    bpt::make_target(text.substr(0, a), text.substr(a, b - a), text.substr(b), text);
    return 0;
}
