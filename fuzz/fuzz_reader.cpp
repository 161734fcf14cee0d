// libFuzzer target: the whole read pipeline (detection, every text reader, the
// assembler, the indicator grammar, the checks) on arbitrary bytes. The first byte
// chooses the dialect (detected, or one forced), the rest is the file: one reading
// per execution instead of one per dialect keeps the target above a thousand
// executions a second, and the fuzzer mutates the choice as it mutates the text.
#include "bpt/pipeline.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    static const std::vector<std::optional<bpt::Dialect>> dialects = [] {
        std::vector<std::optional<bpt::Dialect>> d = {std::nullopt};
        for (auto name : bpt::dialect_names()) d.push_back(bpt::parse_dialect(name));
        return d;
    }();
    const auto& dialect = dialects[data[0] % dialects.size()];
    std::FILE* f = bpt::fuzz::open_memory(data + 1, size - 1);
    try {
        auto source = bpt::Source::from_stream(f, "fuzz", std::nullopt, true);
        bpt::Sink discard;
        bpt::ReadOptions options;
        options.dialect = dialect;
        bpt::read_document(*source, discard, options);
    } catch (const bpt::InputError&) {
    }
    return 0;
}
