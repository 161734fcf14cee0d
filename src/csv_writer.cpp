#include "bpt/csv_writer.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <span>

#include "bpt/clean_copy.h"
#include "bpt/json_writer.h"

namespace bpt {

namespace {

constexpr std::array kProjectColumns = {
    "index", "department", "budget_unit", "name", "base_name", "suffix", "town", "total", "fiscal",
    "fiscal_special", "other", "unassigned", "goal", "indicators_text", "indicators", "line", "page", "duplicate",
};

// The same columns for a finance officer (--header zh); `{}` is the table's unit.
constexpr std::array kProjectColumnsZh = {
    "序号", "部门", "预算单位", "项目名称", "项目基础名称", "括号内容", "镇街", "总计（{}）", "财政拨款（{}）",
    "财政专户拨款（{}）", "其他资金（{}）", "未归列金额（{}）", "绩效目标", "绩效指标", "指标数", "行", "页", "重复",
};
static_assert(kProjectColumnsZh.size() == kProjectColumns.size());

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
    "duplicate",
};

constexpr std::array kIndicatorColumnsZh = {
    "项目序号",     "项目名称",     "镇街",         "序号",         "一级指标代码", "一级指标",
    "二级指标代码", "二级指标",     "三级指标",     "实施周期指标值", "实施周期类型", "实施周期比较",
    "实施周期数值", "实施周期单位", "实施周期限定", "年度指标值",   "年度类型",     "年度比较",
    "年度数值",     "年度单位",     "年度限定",     "行",
    "实施周期上限", "实施周期标准", "实施周期日期", "实施周期截止日期",
    "年度上限",     "年度标准",     "年度日期",     "年度截止日期",
    "重复",
};
static_assert(kIndicatorColumnsZh.size() == kIndicatorColumns.size());

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
        if (m) append_money(out_, *m);
        return *this;
    }
    Row& number(std::uint64_t n) {
        sep();
        char* p = out_.tail(20);
        out_.set_end(std::to_chars(p, p + 20, n).ptr);
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
    char* p = out.tail(field.size());
    if (clean_copy::copy<clean_copy::Csv>(p, field.data(), field.size())) {
        out.set_end(p + field.size());
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
    if (options.chinese) {
        if (options.source_column) row.text("来源");
        auto names = options.table == CsvTable::Projects ? std::span<const char* const>(kProjectColumnsZh)
                                                         : std::span<const char* const>(kIndicatorColumnsZh);
        for (const char* c : names) row.text(fmt::format(fmt::runtime(c), options.unit));
        row.end();
        return;
    }
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
    if (d.amount_unit && !started_) options_.unit = *d.amount_unit;
    start();
}

void CsvWriter::on_project(const Project& p) {
    start();
    bool repeat = repeats_.repeat(p);
    if (options_.table == CsvTable::Projects) project_row(p, repeat);
    else indicator_rows(p, repeat);
    out_.maybe_flush();
}

// A table without projects still gets its header.
void CsvWriter::on_end(const Summary&) { start(); }

void CsvWriter::project_row(const Project& p, bool repeat) {
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
    row.text(repeat ? repeat_mark() : "");
    row.end();
}

void CsvWriter::indicator_rows(const Project& p, bool repeat) {
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
        row.text(repeat ? repeat_mark() : "");
        row.end();
    }
}

}  // namespace bpt
