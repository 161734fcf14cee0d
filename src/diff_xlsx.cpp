// `bpt diff --format xlsx`: the CSV's rows as a sheet a finance officer can filter,
// with amounts as numbers, and a sheet saying what was compared with what.
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>

#include "bpt/diff_report.h"
#include "modules/xlsx_api.h"

namespace bpt::diff {

namespace {

// Excel refuses longer cells; a goal is far shorter, but a damaged table need not be.
constexpr std::size_t kMaxCellBytes = 32000;

// The CSV's machine words as a finance officer reads them.
struct Label {
    std::string_view word, label;
};
constexpr Label kLabels[] = {
    {"added", "新增"},
    {"removed", "删除"},
    {"renamed", "疑似改名"},
    {"changed", "变化"},
    {"declared_total", "合计"},
    {"amount", "金额"},
    {"project", "项目"},
    {"goal", "绩效目标"},
    {"indicator_added", "指标新增"},
    {"indicator_removed", "指标删除"},
    {"indicator_level", "指标层级"},
    {"indicator_period", "实施周期指标值"},
    {"indicator_annual", "年度指标值"},
    {"total", "总计"},
    {"fiscal", "财政拨款"},
    {"fiscal_special", "财政专户拨款"},
    {"other", "其他资金"},
};

std::string_view label(std::string_view word) {
    for (const auto& l : kLabels)
        if (l.word == word) return l.label;
    return word;
}

// Cuts at a UTF-8 character boundary.
std::string cut(std::string_view s) {
    if (s.size() <= kMaxCellBytes) return std::string(s);
    std::size_t n = kMaxCellBytes;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return std::string(s.substr(0, n)) + "…";
}

class Book {
public:
    Book() {
        xlsx_api();  // no temporary file when the module is missing
        std::filesystem::path dir;
        if (const char* t = std::getenv("TMPDIR"); t && *t) dir = t;
        else dir = "/tmp";
        path_ = (dir / "bpt-diff-xlsx-XXXXXX").string();
        int fd = ::mkstemp(path_.data());
        if (fd < 0)
            throw OutputError(
                fmt::format("{}: cannot create a temporary file: {}", dir.string(), std::strerror(errno)));
        ::close(fd);
        wb_ = xlsx_api().workbook_new(path_.c_str());
        if (!wb_) {
            ::unlink(path_.c_str());
            throw OutputError(fmt::format("{}: cannot start a workbook", path_));
        }
        header_ = xlsx_api().workbook_add_format(wb_);
        xlsx_api().format_set_bold(header_);
        xlsx_api().format_set_bg_color(header_, 0xDDEBF7);
        xlsx_api().format_set_bottom(header_, LXW_BORDER_THIN);
        wrap_ = xlsx_api().workbook_add_format(wb_);
        xlsx_api().format_set_text_wrap(wrap_);
        xlsx_api().format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
        for (int d = 0; d <= 4; ++d) {
            money_[d] = xlsx_api().workbook_add_format(wb_);
            xlsx_api().format_set_num_format(money_[d], d == 0 ? "#,##0" : ("#,##0." + std::string(d, '0')).c_str());
            xlsx_api().format_set_align(money_[d], LXW_ALIGN_VERTICAL_TOP);
        }
        percent_ = xlsx_api().workbook_add_format(wb_);
        xlsx_api().format_set_num_format(percent_, "+0.0\"%\";-0.0\"%\";0.0\"%\"");
        xlsx_api().format_set_align(percent_, LXW_ALIGN_VERTICAL_TOP);
    }
    ~Book() {
        if (wb_) {
            xlsx_api().workbook_close(wb_);
            ::unlink(path_.c_str());
        }
    }
    Book(const Book&) = delete;
    Book& operator=(const Book&) = delete;

    lxw_workbook* wb() { return wb_; }
    lxw_format* header() { return header_; }
    lxw_format* wrap() { return wrap_; }
    lxw_format* percent() { return percent_; }

    void check(lxw_error e) {
        if (e != LXW_NO_ERROR) throw OutputError(fmt::format("{}: cannot write the workbook: {}", path_, xlsx_api().lxw_strerror(e)));
    }

    void text(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, std::string_view s, lxw_format* f = nullptr) {
        if (s.empty()) return;
        check(xlsx_api().worksheet_write_string(ws, r, c, cut(s).c_str(), f));
    }

    // An exact decimal shown with its own decimals; the cell's value is a double in
    // any spreadsheet, and the exact figures are in the CSV and JSON.
    void decimal(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, std::string_view s) {
        if (s.empty()) return;
        std::string v(s);
        char* end = nullptr;
        double x = std::strtod(v.c_str(), &end);
        if (end == v.c_str() || *end != '\0') return text(ws, r, c, s);
        auto dot = v.find('.');
        std::size_t decimals = dot == std::string::npos ? 0 : std::min<std::size_t>(v.size() - dot - 1, 4);
        check(xlsx_api().worksheet_write_number(ws, r, c, x, money_[decimals]));
    }

    void number(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, std::string_view s, lxw_format* f) {
        if (s.empty()) return;
        std::string v(s);
        char* end = nullptr;
        double x = std::strtod(v.c_str(), &end);
        if (end == v.c_str() || *end != '\0') return text(ws, r, c, s);
        check(xlsx_api().worksheet_write_number(ws, r, c, x, f));
    }

    void close(Output& out) {
        lxw_workbook* wb = wb_;
        wb_ = nullptr;
        lxw_error e = xlsx_api().workbook_close(wb);
        if (e != LXW_NO_ERROR) {
            ::unlink(path_.c_str());
            throw OutputError(fmt::format("{}: cannot write the workbook: {}", out.path(), xlsx_api().lxw_strerror(e)));
        }
        std::FILE* f = std::fopen(path_.c_str(), "rb");
        ::unlink(path_.c_str());
        if (!f) throw OutputError(fmt::format("{}: cannot read back the workbook: {}", path_, std::strerror(errno)));
        char buf[1 << 16];
        std::size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.write({buf, n});
        bool bad = std::ferror(f);
        std::fclose(f);
        if (bad) throw OutputError(fmt::format("{}: cannot read back the workbook", path_));
    }

private:
    std::string path_;
    lxw_workbook* wb_ = nullptr;
    lxw_format* header_ = nullptr;
    lxw_format* wrap_ = nullptr;
    lxw_format* money_[5] = {};
    lxw_format* percent_ = nullptr;
};

void changes_sheet(Book& book, const Result& r) {
    lxw_worksheet* ws = xlsx_api().workbook_add_worksheet(book.wb(), "变化");
    const char* headers[] = {"状态", "项目名称", "原项目名称", "变化", "列或指标", "原值", "新值", "差额", "百分比"};
    for (lxw_col_t c = 0; c < 9; ++c) book.check(xlsx_api().worksheet_write_string(ws, 0, c, headers[c], book.header()));
    const double widths[] = {10, 44, 30, 14, 36, 16, 16, 12, 10};
    for (lxw_col_t c = 0; c < 9; ++c) xlsx_api().worksheet_set_column(ws, c, c, widths[c], nullptr);
    xlsx_api().worksheet_freeze_panes(ws, 1, 0);
    lxw_row_t row = 0;
    for_each_change_row(r, [&](const ChangeRow& c) {
        ++row;
        book.text(ws, row, 0, label(c.status));
        book.text(ws, row, 1, c.name);
        book.text(ws, row, 2, c.old_name);
        book.text(ws, row, 3, label(c.what));
        bool money = c.what == "amount" || c.what == "project";
        book.text(ws, row, 4, money ? label(c.what == "project" ? "total" : c.item) : c.item);
        if (money) {
            book.decimal(ws, row, 5, c.old_value);
            book.decimal(ws, row, 6, c.new_value);
            book.decimal(ws, row, 7, c.difference);
            book.number(ws, row, 8, c.percent, book.percent());
        } else {
            book.text(ws, row, 5, c.old_value, book.wrap());
            book.text(ws, row, 6, c.new_value, book.wrap());
        }
    });
    if (row > 0) xlsx_api().worksheet_autofilter(ws, 0, 0, row, 8);
}

void summary_sheet(Book& book, const Result& r) {
    lxw_worksheet* ws = xlsx_api().workbook_add_worksheet(book.wb(), "汇总");
    xlsx_api().worksheet_set_column(ws, 0, 0, 16, nullptr);
    xlsx_api().worksheet_set_column(ws, 1, 1, 60, nullptr);
    xlsx_api().worksheet_set_column(ws, 2, 3, 12, nullptr);
    const char* headers[] = {"", "文件", "格式", "项目数"};
    for (lxw_col_t c = 0; c < 4; ++c) book.check(xlsx_api().worksheet_write_string(ws, 0, c, headers[c], book.header()));
    lxw_row_t row = 1;
    for (const Table* t : {&r.old_table, &r.new_table}) {
        book.text(ws, row, 0, t == &r.old_table ? "原表" : "新表");
        book.text(ws, row, 1, t->path);
        book.text(ws, row, 2, t->dialect);
        book.check(xlsx_api().worksheet_write_number(ws, row, 3, static_cast<double>(t->projects.size()), nullptr));
        ++row;
    }
    ++row;
    const std::pair<const char*, std::uint32_t> counts[] = {
        {"新增", r.counts.added},   {"删除", r.counts.removed},     {"疑似改名", r.counts.renamed},
        {"变化", r.counts.changed}, {"未变", r.counts.unchanged},
    };
    book.check(xlsx_api().worksheet_write_string(ws, row, 0, "项目", book.header()));
    book.check(xlsx_api().worksheet_write_string(ws, row, 1, "数量", book.header()));
    ++row;
    for (const auto& [label, n] : counts) {
        book.text(ws, row, 0, label);
        book.check(xlsx_api().worksheet_write_number(ws, row, 1, n, nullptr));
        ++row;
    }
    // What was left out, so that a sheet without amount rows is not read as "no change".
    ++row;
    if (!r.amounts_compared) book.text(ws, row++, 0, r.ignore.amounts ? "金额未比较（--ignore amounts）" : "金额未比较：有一张表没有金额");
    if (!r.periods_compared) book.text(ws, row++, 0, "实施周期指标值未比较");
    if (r.renames_skipped) book.text(ws, row++, 0, "未查找改名：未匹配的项目对太多");
}

}  // namespace

void write_xlsx(Output& out, const Result& r) {
    Book book;
    changes_sheet(book, r);
    summary_sheet(book, r);
    book.close(out);
}

}  // namespace bpt::diff
