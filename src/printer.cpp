#include "bpt/printer.h"

#include "bpt/json_writer.h"
#include "bpt/ndjson_indicators.h"
#include "bpt/ndjson_writer.h"

namespace bpt {

namespace {

class JsonPrinter final : public Printer {
public:
    JsonPrinter(bool pretty, const RulePolicy& policy) : pretty_(pretty), policy_(policy) {}
    std::unique_ptr<Sink> sink(Output& out) const override {
        return std::make_unique<JsonWriter>(out, pretty_, policy_);
    }

private:
    bool pretty_;
    RulePolicy policy_;  // the truncation note obeys it
};

class NdjsonPrinter final : public Printer {
public:
    explicit NdjsonPrinter(CsvTable table) : table_(table) {}
    std::unique_ptr<Sink> sink(Output& out) const override {
        if (table_ == CsvTable::Indicators) return std::make_unique<NdjsonIndicatorWriter>(out);
        return std::make_unique<NdjsonWriter>(out);
    }

private:
    CsvTable table_;
};

class CsvPrinter final : public Printer {
public:
    CsvPrinter(const PrintOptions& options, bool combined) {
        whole_.table = options.table;
        whole_.bom = options.bom;
        whole_.source_column = combined;
        part_ = whole_;
        if (combined) part_.bom = part_.header = false;  // written once, by begin()
    }
    void begin(Output& out) const override {
        if (whole_.source_column) CsvWriter::write_preamble(out, whole_);
    }
    std::unique_ptr<Sink> sink(Output& out) const override { return std::make_unique<CsvWriter>(out, part_); }

private:
    CsvOptions whole_;  // the output's
    CsvOptions part_;   // each input's share of it
};

}  // namespace

std::string_view extension(Format f) {
    switch (f) {
        case Format::Json: return ".json";
        case Format::Ndjson: return ".ndjson";
        case Format::Csv: return ".csv";
    }
    return ".json";
}

std::unique_ptr<Printer> make_printer(const PrintOptions& options, const RulePolicy& policy, bool combined) {
    switch (options.format) {
        case Format::Json:
            if (combined) return nullptr;
            return std::make_unique<JsonPrinter>(!options.compact, policy);
        case Format::Ndjson: return std::make_unique<NdjsonPrinter>(options.table);
        case Format::Csv: return std::make_unique<CsvPrinter>(options, combined);
    }
    return nullptr;
}

}  // namespace bpt
