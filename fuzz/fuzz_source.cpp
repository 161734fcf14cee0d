// libFuzzer target: the source decoder on arbitrary bytes. It may refuse input
// (InputError) but must never crash, hang or hand out a line that is not UTF-8.
#include <cstdio>
#include <cstdlib>

#include "bpt/source.h"
#include "bpt/text.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    for (const char* encoding : {static_cast<const char*>(nullptr), "GB18030", "UTF-16LE"}) {
        std::FILE* f = bpt::fuzz::open_memory(data, size);
        try {
            std::optional<std::string> forced;
            if (encoding) forced = encoding;
            auto source = bpt::Source::from_stream(f, "fuzz", forced, true);
            bpt::Line line;
            while (source->next(line))
                if (!bpt::text::is_valid_utf8(line.text)) std::abort();
        } catch (const bpt::InputError&) {
        }
    }
    return 0;
}
