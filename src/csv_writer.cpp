#include "bpt/csv_writer.h"

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <cstring>

#include "bpt/json_writer.h"
#include "swar.h"

namespace bpt {

namespace {

constexpr std::array kProjectColumns = {
    "index", "department", "budget_unit", "name", "base_name", "suffix", "town", "total", "fiscal",
    "fiscal_special", "other", "unassigned", "goal", "indicators_text", "indicators", "line", "page",
};

constexpr std::array kIndicatorColumns = {
    "project",         "project_name",   "town",           "seq",               "level1_code",
    "level1_name",     "level2_code",    "level2_name",    "name",              "period_raw",
    "period_kind",     "period_op",      "period_value",   "period_unit",       "period_qualifier",
    "annual_raw",      "annual_kind",    "annual_op",      "annual_value",      "annual_unit",
    "annual_qualifier", "line",
    // Added with the date, range and standard forms; after `line` so that the columns
    // readers already know keep their place.
    "period_value_max", "period_standard", "period_date",  "period_date_end",
    "annual_value_max", "annual_standard", "annual_date",  "annual_date_end",
};

// Whether RFC 4180 requires `field` to be quoted. Fields are mostly long Chinese
// text with nothing to quote, so eight bytes are tested at a time ("has zero
// byte" from Bit Twiddling Hacks, exact as a yes/no answer).
bool needs_quotes(std::string_view field) {
    std::size_t i = 0;
    for (; i + 8 <= field.size(); i += 8) {
        std::uint64_t w = swar::load(field.data() + i);
        if (swar::has_byte(w, ',') | swar::has_byte(w, '"') | swar::has_byte(w, '\n') | swar::has_byte(w, '\r'))
            return true;
    }
    for (; i < field.size(); ++i) {
        char c = field[i];
        if (c == ',' || c == '"' || c == '\n' || c == '\r') return true;
    }
    return false;
}

// Cells of one record, appended straight into the output buffer.
class Row {
public:
    explicit Row(ByteBuffer& out) : out_(out) {}
    Row& text(std::string_view s) {
        sep();
        append_csv_field(out_, s);
        return *this;
    }
    Row& maybe(const std::optional<std::string>& s) {
        sep();
        if (s) append_csv_field(out_, *s);
        return *this;
    }
    Row& money(const std::optional<Money>& m) {
        sep();
        if (m) out_ += m->to_string();
        return *this;
    }
    Row& number(std::uint64_t n) {
        sep();
        fmt::format_to(std::back_inserter(out_), "{}", n);
        return *this;
    }
    Row& empty() {
        sep();
        return *this;
    }
    void end() { out_ += "\r\n"; }

private:
    void sep() {
        if (!first_) out_ += ',';
        first_ = false;
    }
    ByteBuffer& out_;
    bool first_ = true;
};

void level_cells(Row& row, const std::optional<Level>& l) {
    if (l) row.text(l->code).text(l->name);
    else row.empty().empty();
}

// raw, kind, op, value, unit, qualifier: the JSON target's members, flattened.
void target_cells(Row& row, const std::optional<Target>& t) {
    if (!t) {
        for (int i = 0; i < 6; ++i) row.empty();
        return;
    }
    row.text(t->raw).text(kind_name(t->kind));
    bool has_op = t->kind == TargetKind::Numeric || t->kind == TargetKind::Date ||
                  (t->kind == TargetKind::Unfilled && t->op != Comparator::Eq);
    if (has_op) row.text(op_name(t->op));
    else row.empty();
    switch (t->kind) {
        case TargetKind::Numeric:
        case TargetKind::Qualitative: row.text(t->value); break;
        case TargetKind::Boolean: row.text(t->yes ? "true" : "false"); break;
        case TargetKind::Empty:
        case TargetKind::Date:
        case TargetKind::Unfilled: row.empty(); break;
    }
    row.text(t->unit).text(t->qualifier);
}

// value_max, standard, date, date_end: the members added later, after `line`.
void target_extra_cells(Row& row, const std::optional<Target>& t) {
    if (!t) {
        for (int i = 0; i < 4; ++i) row.empty();
        return;
    }
    row.text(t->value_max).text(t->standard).text(t->date).text(t->date_end);
}

}  // namespace

void append_csv_field(ByteBuffer& out, std::string_view field) {
    if (!needs_quotes(field)) {
        out += field;
        return;
    }
    out += '"';
    for (std::size_t q; (q = field.find('"')) != std::string_view::npos; field.remove_prefix(q + 1)) {
        out.append(field.data(), q + 1);  // up to and including the quote, then its double
        out += '"';
    }
    out += field;
    out += '"';
}

void append_csv_field(std::string& out, std::string_view field) {
    ByteBuffer b;
    append_csv_field(b, field);
    out.append(b.view());
}

void CsvWriter::write_preamble(Output& out, const CsvOptions& options) {
    auto& b = out.buffer();
    if (options.bom) b += "\xEF\xBB\xBF";
    if (!options.header) return;
    Row row(b);
    if (options.source_column) row.text("source");
    if (options.table == CsvTable::Projects)
        for (const char* c : kProjectColumns) row.text(c);
    else
        for (const char* c : kIndicatorColumns) row.text(c);
    row.end();
}

void CsvWriter::start() {
    if (started_) return;
    started_ = true;
    write_preamble(out_, options_);
}

void CsvWriter::on_document(const DocumentInfo& d) {
    source_ = d.path;
    start();
}

void CsvWriter::on_project(const Project& p) {
    start();
    if (options_.table == CsvTable::Projects) project_row(p);
    else indicator_rows(p);
    out_.maybe_flush();
}

// A table without projects still gets its header.
void CsvWriter::on_end(const Summary&) { start(); }

void CsvWriter::project_row(const Project& p) {
    auto& b = out_.buffer();
    Row row(b);
    if (options_.source_column) row.text(source_);
    row.number(p.index).text(p.department).maybe(p.budget_unit).text(p.name).text(p.base_name);
    row.maybe(p.suffix).maybe(p.town);
    const auto& a = p.amounts;
    row.money(a.total).money(a.fiscal).money(a.fiscal_special).money(a.other);
    // Numbers the reader could not place in a column: space-separated, so that
    // nothing read is lost from the spreadsheet either.
    std::string unassigned;
    for (const auto& m : a.unassigned) {
        if (!unassigned.empty()) unassigned += ' ';
        unassigned += m.to_string();
    }
    row.text(unassigned);
    row.maybe(p.goal).text(p.indicators_text).number(p.indicators.size());
    row.number(p.location.line).number(p.location.page);
    row.end();
}

void CsvWriter::indicator_rows(const Project& p) {
    auto& b = out_.buffer();
    for (const auto& i : p.indicators) {
        Row row(b);
        if (options_.source_column) row.text(source_);
        row.number(p.index).text(p.name).maybe(p.town).number(i.seq);
        level_cells(row, i.level1);
        level_cells(row, i.level2);
        row.text(i.name);
        target_cells(row, i.period);
        target_cells(row, i.annual);
        row.number(i.location.line);
        target_extra_cells(row, i.period);
        target_extra_cells(row, i.annual);
        row.end();
    }
}

}  // namespace bpt
