#include "bpt/printer.h"

#include "bpt/json_writer.h"
#include "bpt/ndjson_indicators.h"
#include "bpt/ndjson_writer.h"
#include "bpt/xlsx_writer.h"

#include <fmt/format.h>


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
        whole_.chinese = !options.english;
        // Chinese headers are for a spreadsheet, and Excel and WPS read UTF-8 without a
        // BOM as the local code page: a header nobody could read would defeat them.
        whole_.bom = options.bom || whole_.chinese;
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

// One input's workbook: rows go into it as they stream, and it is written out
// whole once the input ends.
class XlsxFileSink final : public Sink {
public:
    XlsxFileSink(Output& out, XlsxOptions options) : out_(out), book_(options), sink_(book_, options) {}
    void on_document(const DocumentInfo& d) override { sink_.on_document(d); }
    void on_declared_total(const Amounts& a, const Location& at) override { sink_.on_declared_total(a, at); }
    void on_project(const Project& p) override { sink_.on_project(p); }
    void on_diagnostic(const Diagnostic& d) override { sink_.on_diagnostic(d); }
    void on_end(const Summary& s) override {
        sink_.on_end(s);
        book_.close(out_);
    }

private:
    Output& out_;
    XlsxBook book_;
    XlsxSink sink_;
};

// Many inputs' workbook: each input's sink spools its rows, and the main thread
// reads the spools back in input order into the one workbook (whose sheets must
// be written row after row).
class XlsxSpoolSink final : public Sink {
public:
    XlsxSpoolSink(Output& out, XlsxOptions options) : spool_(out), sink_(spool_, options) {}
    void on_document(const DocumentInfo& d) override { sink_.on_document(d); }
    void on_declared_total(const Amounts& a, const Location& at) override { sink_.on_declared_total(a, at); }
    void on_project(const Project& p) override { sink_.on_project(p); }
    void on_diagnostic(const Diagnostic& d) override { sink_.on_diagnostic(d); }
    void on_end(const Summary& s) override { sink_.on_end(s); }

private:
    XlsxSpool spool_;
    XlsxSink sink_;
};

class XlsxPrinter final : public Printer {
public:
    XlsxPrinter(const PrintOptions& options, bool combined) {
        options_.english = options.english;
        options_.source_column = combined;
    }
    void begin(Output&) const override {
        if (options_.source_column) book_ = std::make_unique<XlsxBook>(options_);
    }
    std::unique_ptr<Sink> sink(Output& out) const override {
        if (options_.source_column) return std::make_unique<XlsxSpoolSink>(out, options_);
        return std::make_unique<XlsxFileSink>(out, options_);
    }
    void append(std::FILE* spool, Output& out) const override { book_->append_spool(spool, out.path()); }
    void finish(Output& out) const override { book_->close(out); }

private:
    XlsxOptions options_;
    mutable std::unique_ptr<XlsxBook> book_;  // combined: made by begin(), written by finish()
};

}  // namespace

void Printer::append(std::FILE* spool, Output& out) const {
    std::rewind(spool);
    char buf[1 << 16];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, spool)) > 0) out.write({buf, n});
    if (std::ferror(spool)) throw OutputError(fmt::format("{}: cannot read back a temporary file", out.path()));
}

std::string_view extension(Format f) {
    switch (f) {
        case Format::Json: return ".json";
        case Format::Ndjson: return ".ndjson";
        case Format::Csv: return ".csv";
        case Format::Xlsx: return ".xlsx";
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
        case Format::Xlsx: return std::make_unique<XlsxPrinter>(options, combined);
    }
    return nullptr;
}

}  // namespace bpt
