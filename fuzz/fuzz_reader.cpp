// libFuzzer target: the whole read pipeline (detection, both readers, the indicator
// grammar, the validator) on arbitrary bytes, in each dialect.
#include "bpt/pipeline.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    for (const char* dialect : {static_cast<const char*>(nullptr), "layout", "export"}) {
        std::FILE* f = bpt::fuzz::open_memory(data, size);
        try {
            auto source = bpt::Source::from_stream(f, "fuzz", std::nullopt, true);
            bpt::Sink discard;
            bpt::ReadOptions options;
            if (dialect) options.dialect = dialect;
            bpt::read_document(*source, discard, options);
        } catch (const bpt::InputError&) {
        }
    }
    return 0;
}
