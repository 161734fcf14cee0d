// libFuzzer target: arbitrary bytes through the whole read pipeline and out of every
// text writer at once (JSON indented and compact, NDJSON, CSV of projects and of
// indicators, a combined CSV with its source column), checking what a consumer of
// the outputs relies on: each is valid UTF-8, the JSON parses (nlohmann), each NDJSON
// line parses, and each CSV is well formed (quotes balanced, every record as wide as
// the header). The first byte picks the dialect and the length of a file name taken
// from the next bytes, so names that are not UTF-8 reach source.path too.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bpt/output.h"
#include "bpt/pipeline.h"
#include "bpt/printer.h"
#include "bpt/text.h"
#include "fuzz_util.h"

namespace {

// An Output over a growing memory buffer.
struct MemoryOutput {
    char* data = nullptr;
    std::size_t size = 0;
    std::FILE* f = nullptr;
    std::unique_ptr<bpt::Output> out;
    MemoryOutput() {
        f = ::open_memstream(&data, &size);
        if (!f) std::abort();
        out = std::make_unique<bpt::Output>(f, "fuzz-output");
    }
    std::string take() {
        out->commit();
        out.reset();
        std::fclose(f);
        std::string s(data, size);
        std::free(data);
        return s;
    }
};

void check_utf8(const std::string& s) {
    if (!bpt::text::is_valid_utf8(s)) std::abort();
}

void check_json(const std::string& s) {
    check_utf8(s);
    auto j = nlohmann::json::parse(s, nullptr, false);
    if (j.is_discarded() || !j.is_object()) std::abort();
}

void check_ndjson(const std::string& s) {
    check_utf8(s);
    std::size_t start = 0;
    while (start < s.size()) {
        std::size_t end = s.find('\n', start);
        if (end == std::string::npos) std::abort();  // every record ends its line
        auto j = nlohmann::json::parse(std::string_view(s).substr(start, end - start), nullptr, false);
        if (j.is_discarded() || !j.is_object()) std::abort();
        start = end + 1;
    }
}

// RFC 4180 as the CSV writer promises it: CRLF or LF record ends, quoted fields with
// doubled quotes, nothing after a closing quote but a comma or the record's end.
void check_csv(std::string_view s) {
    check_utf8(std::string(s));
    if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
    std::size_t width = 0, fields = 1, records = 0;
    std::size_t i = 0;
    bool at_field_start = true;
    while (i < s.size()) {
        char c = s[i];
        if (at_field_start && c == '"') {
            ++i;
            for (;;) {
                if (i >= s.size()) std::abort();  // unbalanced quote
                if (s[i] == '"') {
                    if (i + 1 < s.size() && s[i + 1] == '"') {
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                ++i;
            }
            if (i < s.size() && s[i] != ',' && s[i] != '\n' && s[i] != '\r') std::abort();
            at_field_start = false;
            continue;
        }
        if (c == '"') std::abort();  // a quote inside an unquoted field
        if (c == ',') {
            ++fields;
            at_field_start = true;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n')) std::abort();
            if (c == '\r') ++i;
            if (records == 0) width = fields;
            else if (fields != width) std::abort();
            ++records;
            fields = 1;
            at_field_start = true;
        } else {
            at_field_start = false;
        }
        ++i;
    }
    if (!at_field_start || fields != 1) std::abort();  // the last record ends its line too
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    static const auto names = bpt::dialect_names();
    std::uint8_t selector = data[0];
    std::size_t name_len = std::min<std::size_t>(selector & 7, size - 1);
    std::string name(reinterpret_cast<const char*>(data + 1), name_len);
    data += 1 + name_len;
    size -= 1 + name_len;
    std::size_t pick = (selector >> 3) % (names.size() + 1);

    bpt::ReadOptions options;
    if (pick) options.dialect = bpt::parse_dialect(names[pick - 1]);
    bpt::RulePolicy policy;
    struct Writer {
        bpt::PrintOptions print;
        bool combined;
        void (*check)(const std::string&);
    };
    static const Writer writers[] = {
        {{bpt::Format::Json, false}, false, check_json},
        {{bpt::Format::Json, true}, false, check_json},
        {{bpt::Format::Ndjson}, false, check_ndjson},
        {{bpt::Format::Csv, false, bpt::CsvTable::Projects, true}, false, [](const std::string& s) { check_csv(s); }},
        {{bpt::Format::Csv, false, bpt::CsvTable::Indicators}, false, [](const std::string& s) { check_csv(s); }},
        {{bpt::Format::Csv, false, bpt::CsvTable::Indicators, false, true}, true,
         [](const std::string& s) { check_csv(s); }},
        {{bpt::Format::Ndjson}, true, check_ndjson},
    };
    std::vector<std::unique_ptr<bpt::Printer>> printers;
    std::vector<MemoryOutput> outputs(std::size(writers));
    std::vector<std::unique_ptr<bpt::Sink>> sinks;
    std::vector<bpt::Sink*> raw;
    for (std::size_t k = 0; k < std::size(writers); ++k) {
        printers.push_back(bpt::make_printer(writers[k].print, policy, writers[k].combined));
        if (writers[k].combined) printers.back()->begin(*outputs[k].out);
        sinks.push_back(printers.back()->sink(*outputs[k].out));
        raw.push_back(sinks.back().get());
    }
    bpt::TeeSink tee(raw);
    std::FILE* f = bpt::fuzz::open_memory(data, size);
    bool table = false;
    try {
        auto source = bpt::Source::from_stream(f, name, std::nullopt, true);
        table = bpt::read_document(*source, tee, options).table;
    } catch (const bpt::InputError& e) {
        if (!bpt::text::is_valid_utf8(e.describe())) std::abort();
    }
    for (std::size_t k = 0; k < std::size(writers); ++k) {
        if (writers[k].combined) printers[k]->finish(*outputs[k].out);
        std::string bytes = outputs[k].take();
        // A table that was not read wrote nothing the CLI would keep; what was
        // written must still be well formed when it was.
        if (table) writers[k].check(bytes);
    }
    return 0;
}
