#include "bpt/pipeline.h"

#include <fmt/format.h>

#include <memory>

#include "bpt/assembler.h"
#include "bpt/drawing_reader.h"
#include "bpt/export_reader.h"
#include "bpt/grid_pdf.h"
#include "bpt/grid_reader.h"
#include "bpt/layout_reader.h"
#include "bpt/pdf_reader.h"
#include "bpt/pdf_source.h"
#include "bpt/positional_reader.h"
#include "bpt/printable.h"
#include "bpt/validate.h"

namespace bpt {

namespace {

// One row per dialect, in the order detection tries them; the last one detects
// every input and is the fallback.
struct DialectEntry {
    Dialect dialect;
    std::string_view name;
    bool (*detect)(const std::vector<std::string>& first_lines);
    std::unique_ptr<TextReader> (*make)(RowSink& out);
};

template <class R>
std::unique_ptr<TextReader> make(RowSink& out) {
    return std::make_unique<R>(out);
}

constexpr DialectEntry kDialects[] = {
    {Dialect::Export, "export", &ExportReader::detect, &make<ExportReader>},
    {Dialect::Grid, "grid", &GridReader::detect, &make<GridReader>},
    {Dialect::Positional, "positional", &PositionalReader::detect, &make<PositionalReader>},
    {Dialect::Drawing, "drawing", &DrawingReader::detect, &make<DrawingReader>},
    {Dialect::Layout, "layout", &LayoutReader::detect, &make<LayoutReader>},
};

const DialectEntry& entry(Dialect d) {
    for (const auto& e : kDialects)
        if (e.dialect == d) return e;
    return kDialects[std::size(kDialects) - 1];
}

// Watches the findings for signs that the table was not read as printed, whatever
// --disable says: those only tune what is reported, not whether a reading can be
// trusted. Counts only; memory stays constant.
class DoubtSink final : public FilterSink {
public:
    using FilterSink::FilterSink;
    void on_diagnostic(const Diagnostic& d) override {
        switch (d.rule) {
            case Rule::UnparsedText: ++unparsed_; break;
            case Rule::MissingAmounts: ++no_amounts_; break;
            case Rule::TotalMismatch: ++total_mismatch_; break;
            case Rule::IncompleteProject: ++cut_; break;
            default:
                if (rule_info(d.rule).stage == RuleStage::Reader && rule_info(d.rule).severity == Severity::Error &&
                    d.rule != Rule::NoProjects)
                    ++reading_errors_;
        }
        FilterSink::on_diagnostic(d);
    }
    void on_project(const Project& p) override {
        ++projects_;
        FilterSink::on_project(p);
    }

    // What makes the reading doubtful, or empty. `lines`: non-empty lines read.
    std::string verdict(std::uint64_t lines) const {
        std::vector<std::string> why;
        if (projects_ == 0) why.push_back("no project row was read");
        if (lines >= 10 && unparsed_ * 2 > lines)
            why.push_back(fmt::format("{} of {} lines fit no cell of any row", unparsed_, lines));
        if (no_amounts_ >= 100 || (no_amounts_ >= 10 && no_amounts_ * 2 > projects_))
            why.push_back(fmt::format("{} of {} projects have no amounts", no_amounts_, projects_));
        if (reading_errors_) why.push_back(fmt::format("{} cells could not be read", reading_errors_));
        if (cut_) why.push_back("the file ends inside a project");
        if (total_mismatch_) why.push_back("the projects do not add up to the declared totals");
        std::string out;
        for (const auto& w : why) out += (out.empty() ? "" : "; ") + w;
        return out;
    }

private:
    std::uint64_t projects_ = 0, unparsed_ = 0, no_amounts_ = 0, reading_errors_ = 0, total_mismatch_ = 0, cut_ = 0;
};

// The limit on one record: what a reader may hold before it hands the row on. A
// reader holds the lines of the row it is reading (a wrapped name, goal or
// indicator cell) and nothing older, so this bounds its memory by a constant plus
// the open record; without it a 128 MB wrapped name took 1.2 GB. A row of a real
// table is a few kilobytes. Text that no row ever closes is refused, loudly.
std::string grid_too_large(std::uint64_t limit) {
    return fmt::format(
        "record too large: a grid form is read whole, and this one is larger than {} MiB (the limit for one grid "
        "document); split the file into its tables",
        limit >> 20);
}

class RecordGuard final : public RowSink {
public:
    RecordGuard(RowSink& next, std::string path, std::uint64_t limit, bool whole_document)
        : next_(next), path_(std::move(path)), limit_(limit), whole_document_(whole_document) {}
    void row(Row& row) override {
        // A reader may hand a row on when the line that starts the next one comes
        // (layout, drawing order): then that line is the next record's first.
        LineNo last = row.at.end_line ? row.at.end_line : row.at.line;
        bool ends_here = !pages_ && last >= current_;
        held_ = ends_here ? 0 : current_bytes_;
        first_ = current_;
        next_.row(row);
    }
    void finding(Rule rule, std::string message, Location at, std::string_view quote, bool open_project) override {
        next_.finding(rule, std::move(message), at, quote, open_project);
    }
    // A PDF's record is counted in pages: `fed` is then given page numbers.
    void count_pages() { pages_ = true; }
    // A line (or a page's text) of `bytes` is about to be read.
    void fed(std::uint64_t bytes, LineNo line) {
        if (held_ == 0) first_ = line;
        held_ += bytes;
        current_ = line;
        current_bytes_ = bytes;
    }
    // After the reader took the line: what it says it holds, or else what came
    // since its last row, must be within the limit.
    void check(const std::optional<Reader::Held>& reader_holds) {
        if ((reader_holds ? reader_holds->bytes : held_) <= limit_) return;
        if (reader_holds && reader_holds->from) first_ = reader_holds->from;
        if (whole_document_) throw InputError(path_, current_, grid_too_large(limit_));
        std::string what = fmt::format(
            "record too large: no row of the table ends within {} MiB from here (the limit for one record; a real "
            "row is a few kilobytes)",
            limit_ >> 20);
        if (pages_) throw PdfError(path_, static_cast<std::uint32_t>(first_), what);
        throw InputError(path_, first_, what);
    }

private:
    RowSink& next_;
    std::string path_;
    std::uint64_t limit_;
    bool whole_document_;
    bool pages_ = false;
    std::uint64_t held_ = 0;
    LineNo first_ = 0;
    LineNo current_ = 0;  // the line (page) being read
    std::uint64_t current_bytes_ = 0;
};

// Lines looked at before the dialect is decided. The header of every dialect
// comes within the first few non-empty lines.
constexpr std::size_t kDetectLines = 40;

}  // namespace

std::string_view to_string(Dialect d) { return d == Dialect::Pdf ? "pdf" : entry(d).name; }

std::optional<Dialect> parse_dialect(std::string_view name) {
    for (const auto& e : kDialects)
        if (e.name == name) return e.dialect;
    return std::nullopt;
}

std::vector<std::string_view> dialect_names() {
    std::vector<std::string_view> names;
    for (const auto& e : kDialects) names.push_back(e.name);
    return names;
}

Dialect detect_dialect(const std::vector<std::string>& first_lines) {
    for (const auto& e : kDialects)
        if (e.detect(first_lines)) return e.dialect;
    return kDialects[std::size(kDialects) - 1].dialect;
}

// The stages after the assembler, the same for every input: checks, the doubt
// watch, the rule policy and the counts, in front of the caller's sink.
struct Chain {
    Chain(Sink& sink, const ReadOptions& options)
        : policy(options.validation),
          summary(sink),
          policed(summary, policy),
          doubts(policed),
          validator(doubts, options.validation, policy) {}

    // After the reader and the assembler are done: the last findings and the counts.
    void finish(const Assembler& assembler, std::uint64_t content, ReadResult& result) {
        if (assembler.projects() == 0)
            validator.on_diagnostic(
                make_diagnostic(Rule::NoProjects, "the table has a header but no project rows", {}));
        validator.on_end({});
        result.summary = summary.summary();
        result.doubt = doubts.verdict(content);
    }

    RulePolicy policy;
    SummarySink summary;
    PolicySink policed;
    DoubtSink doubts;
    Validator validator;
};

ReadResult read_document(Source& source, Sink& sink, const ReadOptions& options) {
    Chain chain(sink, options);

    // Hold the first lines (copied: a Line's text lives only until the next read)
    // until the dialect is known, then replay them.
    std::vector<std::string> head;
    std::vector<Line> head_lines;
    Line line;
    bool more = true;
    std::uint64_t content = 0;  // non-empty lines, for the verdict on unparsed text
    while (head.size() < kDetectLines && (more = source.next(line))) {
        head.push_back(std::string(line.text));
        head_lines.push_back(line);
        content += !line.text.empty();
    }
    ReadResult result;
    result.dialect = options.dialect ? *options.dialect : detect_dialect(head);

    DocumentInfo info;
    info.path = source.path();
    info.encoding = source.encoding();
    info.dialect = std::string(to_string(result.dialect));
    Assembler assembler(chain.validator, std::move(info));
    bool grid = result.dialect == Dialect::Grid;
    RecordGuard guard(assembler, source.path(), grid ? kMaxGridBytes : kMaxRecordBytes, grid);
    auto reader = entry(result.dialect).make(guard);
    for (std::size_t i = 0; i < head.size(); ++i) {
        Line copy = head_lines[i];
        copy.text = head[i];
        guard.fed(copy.text.size(), copy.number);
        reader->line(copy);
        guard.check(reader->held());
    }
    // A blank line (or a page break) adds no bytes to a record: what a reader says it
    // holds counts text, and the guard's own count grows by the line's size. So the
    // check after it would repeat the last one, and half the lines of a layout file
    // are blank.
    while (more && source.next(line)) {
        content += !line.text.empty();
        guard.fed(line.text.size(), line.number);
        reader->line(line);
        if (!line.text.empty()) guard.check(reader->held());
    }

    result.table = reader->saw_table();
    if (!result.table) {  // nothing is written for a file that is not a table
        result.refusal = reader->not_a_table();
        return result;
    }
    reader->finish();
    if (!reader->saw_table()) {  // a reader that holds its lines decides only now
        result.table = false;
        result.refusal = reader->not_a_table();
        return result;
    }
    assembler.finish();
    chain.finish(assembler, content, result);
    return result;
}

ReadResult read_pdf(PdfSource& pdf, Sink& sink, const ReadOptions& options) {
    Chain chain(sink, options);
    ReadResult result;
    result.dialect = Dialect::Pdf;
    DocumentInfo info;
    info.path = printable(pdf.path());
    info.encoding = "PDF";
    info.dialect = std::string(to_string(Dialect::Pdf));
    Assembler assembler(chain.validator, std::move(info));
    RecordGuard guard(assembler, pdf.path(), kMaxRecordBytes, false);
    guard.count_pages();
    PdfReader reader(guard);
    PdfPage page;
    std::uint64_t lines = 0;  // text boxes, for the verdict on unparsed text
    std::uint32_t pages = 0;
    // A grid form (grid_pdf.h) is told by one of its first pages with text (a cover
    // page may come first): its cells are cut by their geometry and read by the grid
    // reader, as a spreadsheet's are. The pages looked at are held, a few at most.
    constexpr std::size_t kLookPages = 3;
    std::vector<PdfPage> held;
    bool grid_form = false;
    while (held.size() < kLookPages && pdf.next(page)) {
        bool text = !page.boxes.empty();
        held.push_back(std::move(page));
        page = PdfPage{};
        if (!text) continue;
        if (GridPdfReader::detect(held.back())) {
            grid_form = true;
            break;
        }
        if (GridPdfReader::list_header(held.back())) break;  // the list form
    }
    if (grid_form) {
        GridPdfReader grid(assembler);
        // The grid reader holds the whole form's cut rows, as it does a text's lines:
        // the same bound applies.
        std::uint64_t bytes = 0;
        auto feed = [&](const PdfPage& p) {
            ++pages;
            lines += p.boxes.size();
            for (const auto& b : p.boxes) bytes += b.text.size();
            if (bytes > kMaxGridBytes) throw PdfError(pdf.path(), p.number, grid_too_large(kMaxGridBytes));
            grid.page(p);
        };
        for (const auto& h : held) feed(h);
        while (pdf.next(page)) feed(page);
        if (grid.saw_table()) grid.finish();
        if (!grid.saw_table()) {
            result.table = false;
            result.refusal = grid.not_a_table();
            return result;
        }
        result.table = true;
        assembler.finish();
        chain.finish(assembler, lines, result);
        return result;
    }
    for (const auto& h : held) {
        ++pages;
        lines += h.boxes.size();
        reader.page(h);
    }
    held.clear();
    while (pdf.next(page)) {
        ++pages;
        lines += page.boxes.size();
        // Pages before the table's header are looked at and dropped, not held.
        if (reader.saw_table()) {
            std::uint64_t bytes = 0;
            for (const auto& b : page.boxes) bytes += b.text.size();
            guard.fed(bytes, page.number);
        }
        reader.page(page);
        guard.check(std::nullopt);
    }
    result.table = reader.saw_table();
    if (!result.table) {
        result.refusal = fmt::format(
            "not a budget performance target table: none of its {} pages has the column header of the list form "
            "(项目名称 … 总计 … 绩效指标) or of a grid form (一级指标 / 二级指标 / 三级指标 / 指标值)",
            pages);
        return result;
    }
    reader.finish();
    assembler.finish();
    chain.finish(assembler, lines, result);
    return result;
}

ReadResult read_path(const std::string& path, Sink& sink, const ReadOptions& options) {
    // A PDF is told by its first bytes, whatever its name. Standard input is read
    // whole only when it starts like one: a PDF's cross-reference table is at its
    // end, and text streams.
    if (path == "-") {
        int first = std::fgetc(stdin);
        if (first == '%') {
            std::string bytes(1, '%');
            char buf[1 << 16];
            for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, stdin)) > 0;) bytes.append(buf, n);
            if (looks_like_pdf(std::string_view(bytes).substr(0, 1024))) {
                auto pdf = PdfSource::from_bytes(std::move(bytes), "-", options.password);
                return read_pdf(*pdf, sink, options);
            }
            auto text = Source::from_string(std::move(bytes), "-", options.encoding);
            return read_document(*text, sink, options);
        }
        if (first != EOF) std::ungetc(first, stdin);
        auto text = Source::open("-", options.encoding);
        return read_document(*text, sink, options);
    }
    if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
        char head[1024];
        std::size_t n = std::fread(head, 1, sizeof head, f);
        std::fclose(f);
        if (looks_like_pdf(std::string_view(head, n))) {
            auto pdf = PdfSource::open(path, options.password);
            return read_pdf(*pdf, sink, options);
        }
    }
    auto text = Source::open(path, options.encoding);  // names what is wrong with the path
    return read_document(*text, sink, options);
}

}  // namespace bpt
