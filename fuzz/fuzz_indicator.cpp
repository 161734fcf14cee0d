// libFuzzer target: the indicator grammar on arbitrary text, in both clause dialects.
#include <string_view>
#include <vector>

#include "bpt/indicator.h"
#include "bpt/text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    if (!bpt::text::is_valid_utf8(text)) return -1;  // readers only hand out UTF-8
    std::vector<bpt::LineMark> marks{{0, 1}};
    for (auto dialect : {bpt::ClauseDialect::Layout, bpt::ClauseDialect::Export}) {
        std::vector<bpt::Indicator> out;
        std::vector<bpt::Diagnostic> diagnostics;
        bpt::parse_indicators(text, dialect, marks, out, diagnostics);
    }
    bpt::parse_target(text);
    return 0;
}
