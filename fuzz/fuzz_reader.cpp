// libFuzzer target: the whole read pipeline (detection, every text reader, the
// assembler, the indicator grammar, the checks) on arbitrary bytes, detected and
// in each dialect.
#include "bpt/pipeline.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<std::optional<bpt::Dialect>> dialects = {std::nullopt};
    for (auto name : bpt::dialect_names()) dialects.push_back(bpt::parse_dialect(name));
    for (const auto& dialect : dialects) {
        std::FILE* f = bpt::fuzz::open_memory(data, size);
        try {
            auto source = bpt::Source::from_stream(f, "fuzz", std::nullopt, true);
            bpt::Sink discard;
            bpt::ReadOptions options;
            options.dialect = dialect;
            bpt::read_document(*source, discard, options);
        } catch (const bpt::InputError&) {
        }
    }
    return 0;
}
