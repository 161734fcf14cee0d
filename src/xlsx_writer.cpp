#include "bpt/xlsx_writer.h"
#include "bpt/temp_files.h"

#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <bit>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <span>

#include "bpt/target.h"
#include "module_loader.h"
#include "modules/xlsx_api.h"

namespace bpt {

const xlsx_module::Api& xlsx_api() {
    static std::string error;
    static const xlsx_module::Api* const api = [] {
        void* factory = module_symbol(BPT_XLSX_MODULE_FILE, BPT_XLSX_MODULE_FACTORY, error);
        return factory ? std::bit_cast<decltype(&bpt_xlsx_module_v1)>(factory)() : nullptr;
    }();
    if (!api) throw OutputError("cannot write .xlsx workbooks: " + error);
    return *api;
}

namespace {

struct Column {
    const char* zh;
    const char* en;
    double width;       // in characters of the default font; a CJK character takes two
    bool amount = false;  // the header names the table's unit
};

// A first column naming the input, for a workbook of many files.
constexpr Column kSource = {"来源", "source", 28};

constexpr std::array kProjectColumns = {
    Column{"序号", "index", 6},          Column{"部门", "department", 24},
    Column{"项目名称", "name", 40},      Column{"项目基础名称", "base_name", 32},
    Column{"镇街", "town", 10},          Column{"总计", "total", 13, true},
    Column{"财政拨款", "fiscal", 13, true}, Column{"财政专户拨款", "fiscal_special", 13, true},
    Column{"其他资金", "other", 13, true}, Column{"未归列金额", "unassigned", 12},
    Column{"绩效目标", "goal", 60},      Column{"指标数", "indicators", 7},
    Column{"重复", "duplicate", 6},      Column{"行", "line", 7},
    Column{"页", "page", 5},
};

constexpr std::array kIndicatorColumns = {
    Column{"项目序号", "project", 8},         Column{"项目名称", "project_name", 36},
    Column{"镇街", "town", 10},               Column{"重复", "duplicate", 6},
    Column{"序号", "seq", 6},                 Column{"一级指标", "level1", 14},
    Column{"二级指标", "level2", 16},         Column{"三级指标", "name", 36},
    Column{"实施周期指标值", "period_raw", 16}, Column{"实施周期类型", "period_kind", 11},
    Column{"实施周期比较", "period_op", 8},   Column{"实施周期数值", "period_value", 11},
    Column{"实施周期单位", "period_unit", 8}, Column{"年度指标值", "annual_raw", 16},
    Column{"年度类型", "annual_kind", 11},    Column{"年度比较", "annual_op", 8},
    Column{"年度数值", "annual_value", 11},   Column{"年度单位", "annual_unit", 8},
    Column{"行", "line", 7},
};

constexpr std::array kFindingColumns = {
    Column{"规则", "rule", 30},  Column{"级别", "severity", 8},  Column{"行", "line", 7},
    Column{"页", "page", 5},     Column{"项目序号", "project", 8}, Column{"说明", "message", 70},
    Column{"原文", "quote", 40},
};

constexpr std::array<std::span<const Column>, 3> kSheetColumns = {
    std::span<const Column>(kProjectColumns), std::span<const Column>(kIndicatorColumns),
    std::span<const Column>(kFindingColumns)};
constexpr std::array<std::array<const char*, 2>, 4> kSheetNames = {
    {{"项目", "projects"}, {"指标", "indicators"}, {"问题", "findings"}, {"汇总", "summary"}}};

// Excel's limits: a cell holds at most 32,767 characters, a sheet 1,048,576 rows.
constexpr std::size_t kMaxCellBytes = 32767;
constexpr std::uint32_t kMaxRows = LXW_ROW_MAX;

// Cut `s` to at most `n` bytes without splitting a UTF-8 sequence.
std::string_view cut(std::string_view s, std::size_t n) {
    if (s.size() <= n) return s;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n);
}

// How many lines `s` takes in a column `width` characters wide: CJK characters and
// full-width punctuation take two, as in the default font. An estimate (no font
// metrics), erring a little high, which costs blank space rather than hidden text.
std::size_t wrapped_lines(std::string_view s, double width) {
    std::size_t lines = 1;
    double used = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c == '\n') {
            ++lines;
            used = 0;
            continue;
        }
        if ((c & 0xC0) == 0x80) continue;
        double w = c >= 0xE0 ? 2.0 : 1.0;
        if (used + w > width - 1) {
            ++lines;
            used = 0;
        }
        used += w;
    }
    return lines;
}

SheetCell text(std::string_view s) { return {SheetCell::Kind::Text, std::string(s)}; }
SheetCell maybe(const std::optional<std::string>& s) { return s ? text(*s) : SheetCell{}; }
SheetCell money(const std::optional<Money>& m) { return m ? SheetCell{SheetCell::Kind::Money, m->to_string()} : SheetCell{}; }
SheetCell integer(std::uint64_t n) { return {SheetCell::Kind::Integer, std::to_string(n)}; }
SheetCell positive(std::uint64_t n) { return n ? integer(n) : SheetCell{}; }  // 0 means "none" for lines and pages

// raw, kind, op, value, unit of a target. A numeric value is a number cell (the lower
// end of a range: the upper is in the CSV and JSON); a date is its ISO 8601 text.
void target_cells(std::vector<SheetCell>& cells, const std::optional<Target>& t) {
    if (!t) {
        cells.insert(cells.end(), 5, SheetCell{});
        return;
    }
    cells.push_back(text(t->raw));
    cells.push_back(text(kind_name(t->kind)));
    bool has_op = t->kind == TargetKind::Numeric || t->kind == TargetKind::Date ||
                  (t->kind == TargetKind::Unfilled && t->op != Comparator::Eq);
    cells.push_back(has_op ? text(op_name(t->op)) : SheetCell{});
    switch (t->kind) {
        case TargetKind::Numeric: cells.push_back({SheetCell::Kind::Number, t->value}); break;
        case TargetKind::Qualitative: cells.push_back(text(t->value)); break;
        case TargetKind::Boolean: cells.push_back(text(t->yes ? "是" : "否")); break;
        case TargetKind::Date: cells.push_back(text(t->date)); break;
        default: cells.push_back({}); break;
    }
    cells.push_back(t->unit.empty() ? SheetCell{} : text(t->unit));
}

// The spool's encoding: a tag byte, then fields as length-prefixed bytes. It is read
// back by the same binary that wrote it, moments later, so it needs no versioning.
void put(Output& out, std::uint64_t n) {
    char b[8];
    std::memcpy(b, &n, 8);
    out.write({b, 8});
}
void put(Output& out, std::string_view s) {
    put(out, std::uint64_t{s.size()});
    out.write(s);
}
void put_money(Output& out, Money m) { put(out, m.to_string()); }

class Reader {
public:
    Reader(std::FILE* f, const std::string& name) : f_(f), name_(name) {}
    bool tag(char& t) {
        int c = std::fgetc(f_);
        if (c == EOF) {
            if (std::ferror(f_)) fail();
            return false;
        }
        t = static_cast<char>(c);
        return true;
    }
    std::uint64_t number() {
        char b[8];
        if (std::fread(b, 1, 8, f_) != 8) fail();
        std::uint64_t n;
        std::memcpy(&n, b, 8);
        return n;
    }
    std::string str() {
        std::uint64_t n = number();
        std::string s(n, '\0');
        if (n && std::fread(s.data(), 1, n, f_) != n) fail();
        return s;
    }
    Money money() {
        auto m = Money::parse(str());
        if (!m) fail();
        return *m;
    }

private:
    [[noreturn]] void fail() { throw OutputError(fmt::format("{}: cannot read back a temporary file", name_)); }
    std::FILE* f_;
    const std::string& name_;
};

void put_groups(Output& out, const std::vector<GroupTotal>& groups) {
    put(out, std::uint64_t{groups.size()});
    for (const auto& g : groups) {
        put(out, g.key);
        put(out, std::uint64_t{g.projects});
        put_money(out, g.total);
    }
}
void put_counts(Output& out, const std::vector<Count>& counts) {
    put(out, std::uint64_t{counts.size()});
    for (const auto& c : counts) {
        put(out, c.key);
        put(out, std::uint64_t{c.count});
    }
}
std::vector<GroupTotal> get_groups(Reader& r) {
    std::vector<GroupTotal> v(r.number());
    for (auto& g : v) {
        g.key = r.str();
        g.projects = static_cast<std::uint32_t>(r.number());
        g.total = r.money();
    }
    return v;
}
std::vector<Count> get_counts(Reader& r) {
    std::vector<Count> v(r.number());
    for (auto& c : v) {
        c.key = r.str();
        c.count = static_cast<std::uint32_t>(r.number());
    }
    return v;
}

}  // namespace

struct XlsxBook::Impl {
    struct SheetState {
        lxw_worksheet* ws = nullptr;
        std::uint32_t next_row = 1;  // row 0 is the header
        std::uint16_t columns = 0;
        // Each column's format, given to every cell: a cell written without one shows
        // the default style, whatever its column's.
        std::vector<lxw_format*> formats;
        std::vector<double> widths;
    };
    XlsxOptions options;
    std::string path;  // the workbook's temporary file
    TempFileGuard guard;  // path is removed if a signal ends the process
    lxw_workbook* wb = nullptr;
    lxw_format* header = nullptr;
    lxw_format* amount = nullptr;
    lxw_format* wrap = nullptr;
    lxw_format* note = nullptr;
    lxw_format* top = nullptr;  // every cell of a row at its top, beside a wrapped goal
    // Amounts with three or four decimals (grid forms in 元 write 153.5184) keep them:
    // #,##0.00 would show a rounded value. Made when first needed.
    std::array<lxw_format*, 3> finer = {};

    lxw_format* amount_format(const std::string& value) {
        auto dot = value.find('.');
        std::size_t decimals = dot == std::string::npos ? 0 : value.size() - dot - 1;
        if (decimals <= 2 || decimals > 4) return amount;
        auto& f = finer[decimals - 2];
        if (!f) {
            f = xlsx_api().workbook_add_format(wb);
            xlsx_api().format_set_num_format(f, decimals == 3 ? "#,##0.000" : "#,##0.0000");
            xlsx_api().format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
        }
        return f;
    }
    std::array<SheetState, 3> sheets;
    lxw_worksheet* summary = nullptr;
    std::string unit = "万元";
    bool headed = false;

    const char* name(const Column& c) const { return options.english ? c.en : c.zh; }
    std::string heading(const Column& c) const {
        if (options.english || !c.amount) return name(c);
        return fmt::format("{}（{}）", c.zh, unit);
    }

    void check(lxw_error e, const char* what) const {
        if (e != LXW_NO_ERROR)
            throw OutputError(fmt::format("{}: cannot write the workbook ({}): {}", path, what, xlsx_api().lxw_strerror(e)));
    }

    // Column widths and formats go first: in constant_memory mode a sheet's layout
    // must be known before its first row is written.
    void layout() {
        for (std::size_t s = 0; s < sheets.size(); ++s) {
            auto& st = sheets[s];
            std::uint16_t col = 0;
            auto add = [&](const Column& c) {
                lxw_format* f = c.amount ? amount : c.width >= 24 ? wrap : top;
                check(xlsx_api().worksheet_set_column(st.ws, col, col, c.width, f), "column");
                st.formats.push_back(f);
                st.widths.push_back(c.width);
                ++col;
            };
            if (options.source_column) add(kSource);
            for (const auto& c : kSheetColumns[s]) add(c);
            st.columns = col;
            xlsx_api().worksheet_freeze_panes(st.ws, 1, 0);
            // Printed (or exported to PDF), a sheet fits the width of a landscape page
            // with its header on every page, as the printed table itself does.
            xlsx_api().worksheet_set_landscape(st.ws);
            xlsx_api().worksheet_set_paper(st.ws, 9);  // A4
            xlsx_api().worksheet_fit_to_pages(st.ws, 1, 0);
            check(xlsx_api().worksheet_repeat_rows(st.ws, 0, 0), "repeat");
        }
    }

    void headers() {
        if (headed) return;
        headed = true;
        for (std::size_t s = 0; s < sheets.size(); ++s) {
            auto& st = sheets[s];
            std::uint16_t col = 0;
            if (options.source_column)
                check(xlsx_api().worksheet_write_string(st.ws, 0, col++, name(kSource), header), "header");
            for (const auto& c : kSheetColumns[s])
                check(xlsx_api().worksheet_write_string(st.ws, 0, col++, heading(c).c_str(), header), "header");
        }
    }

    void write(lxw_worksheet* ws, std::uint32_t r, std::uint16_t c, const SheetCell& cell, lxw_format* f = nullptr) {
        switch (cell.kind) {
            case SheetCell::Kind::Empty: return;
            case SheetCell::Kind::Text: {
                if (cell.value.empty()) return;
                std::string s(cut(cell.value, kMaxCellBytes));
                check(xlsx_api().worksheet_write_string(ws, r, c, s.c_str(), f), "text");
                return;
            }
            case SheetCell::Kind::Money:
            case SheetCell::Kind::Number:
            case SheetCell::Kind::Integer: {
                // The cell's value is a double in any spreadsheet; the exact decimal is
                // what bpt sums (Stats), and #,##0.00 shows the table's two decimals.
                char* end = nullptr;
                double v = std::strtod(cell.value.c_str(), &end);
                if (end == cell.value.c_str() || *end != '\0') {
                    check(xlsx_api().worksheet_write_string(ws, r, c, cell.value.c_str(), f), "text");
                    return;
                }
                check(xlsx_api().worksheet_write_number(ws, r, c, v, cell.kind == SheetCell::Kind::Money ? amount_format(cell.value) : f),
                      "number");
                return;
            }
        }
    }
};

XlsxBook::XlsxBook(XlsxOptions options) : impl_(std::make_unique<Impl>()) {
    xlsx_api();  // no temporary file when the module is missing
    auto& m = *impl_;
    m.options = options;
    std::filesystem::path dir;
    if (const char* t = std::getenv("TMPDIR"); t && *t) dir = t;
    else dir = "/tmp";
    std::string pattern = (dir / "bpt-xlsx-XXXXXX").string();
    int fd = ::mkstemp(pattern.data());
    if (fd < 0)
        throw OutputError(fmt::format("{}: cannot create a temporary file: {}", dir.string(), std::strerror(errno)));
    ::close(fd);
    m.path = pattern;
    m.guard = TempFileGuard(m.path);
    lxw_workbook_options wo{};
    wo.constant_memory = LXW_TRUE;
    m.wb = xlsx_api().workbook_new_opt(m.path.c_str(), &wo);
    if (!m.wb) {
        ::unlink(m.path.c_str());
        throw OutputError(fmt::format("{}: cannot start a workbook", m.path));
    }
    m.header = xlsx_api().workbook_add_format(m.wb);
    xlsx_api().format_set_bold(m.header);
    xlsx_api().format_set_text_wrap(m.header);
    xlsx_api().format_set_align(m.header, LXW_ALIGN_VERTICAL_TOP);
    xlsx_api().format_set_bg_color(m.header, 0xDDEBF7);
    xlsx_api().format_set_bottom(m.header, LXW_BORDER_THIN);
    m.amount = xlsx_api().workbook_add_format(m.wb);
    xlsx_api().format_set_num_format(m.amount, "#,##0.00");
    xlsx_api().format_set_align(m.amount, LXW_ALIGN_VERTICAL_TOP);
    m.top = xlsx_api().workbook_add_format(m.wb);
    xlsx_api().format_set_align(m.top, LXW_ALIGN_VERTICAL_TOP);
    m.wrap = xlsx_api().workbook_add_format(m.wb);
    xlsx_api().format_set_text_wrap(m.wrap);
    xlsx_api().format_set_align(m.wrap, LXW_ALIGN_VERTICAL_TOP);
    m.note = xlsx_api().workbook_add_format(m.wb);
    xlsx_api().format_set_italic(m.note);
    int e = options.english ? 1 : 0;
    for (std::size_t s = 0; s < m.sheets.size(); ++s) m.sheets[s].ws = xlsx_api().workbook_add_worksheet(m.wb, kSheetNames[s][e]);
    m.summary = xlsx_api().workbook_add_worksheet(m.wb, kSheetNames[3][e]);
    m.layout();
}

XlsxBook::~XlsxBook() {
    if (impl_->wb) {
        // Closing is the only way to free a workbook; what it writes is removed.
        xlsx_api().workbook_close(impl_->wb);
        ::unlink(impl_->path.c_str());
    }
}

void XlsxBook::document(const std::string&, const std::string& unit) {
    if (!impl_->headed) impl_->unit = unit;
    impl_->headers();
}

void XlsxBook::row(Sheet sheet, const std::vector<SheetCell>& cells) {
    auto& m = *impl_;
    m.headers();
    auto& st = m.sheets[static_cast<std::size_t>(sheet)];
    if (st.next_row >= kMaxRows)
        throw OutputError(fmt::format("{}: more than {} rows for the sheet {}, more than Excel takes; write csv instead",
                                      m.path, kMaxRows - 1, kSheetNames[static_cast<std::size_t>(sheet)][0]));
    // The row's height for its longest wrapped text. Excel and LibreOffice fit a row
    // to wrapped text only when they edit it, not when they open a file (LibreOffice
    // 7.4 showed every goal cut to one line), so the height is set here.
    std::size_t lines = 1;
    for (std::size_t c = 0; c < cells.size() && c < st.formats.size(); ++c)
        if (st.formats[c] == m.wrap && cells[c].kind == SheetCell::Kind::Text)
            lines = std::max(lines, wrapped_lines(cells[c].value, st.widths[c]));
    if (lines > 1) {
        double height = 15.0 * static_cast<double>(std::min<std::size_t>(lines, 27));  // Excel's maximum is 409 points
        m.check(xlsx_api().worksheet_set_row(st.ws, st.next_row, height, nullptr), "row");
    }
    for (std::size_t c = 0; c < cells.size(); ++c)
        m.write(st.ws, st.next_row, static_cast<std::uint16_t>(c), cells[c],
                c < st.formats.size() ? st.formats[c] : nullptr);
    ++st.next_row;
}

void XlsxBook::close(Output& out) {
    auto& m = *impl_;
    m.headers();
    for (auto& st : m.sheets)
        m.check(xlsx_api().worksheet_autofilter(st.ws, 0, 0, st.next_row - 1, static_cast<lxw_col_t>(st.columns - 1)), "filter");

    // 汇总: sections one under the other, each with its own heading row.
    const bool en = m.options.english;
    lxw_worksheet* ws = m.summary;
    std::uint32_t r = 0;
    auto heading = [&](std::initializer_list<std::string> names) {
        std::uint16_t c = 0;
        for (const auto& n : names) m.check(xlsx_api().worksheet_write_string(ws, r, c++, n.c_str(), m.header), "header");
        ++r;
    };
    auto cells = [&](std::initializer_list<SheetCell> values) {
        std::uint16_t c = 0;
        for (const auto& v : values) m.write(ws, r, c++, v);
        ++r;
    };
    auto amount = [&](const char* zh) { return en ? std::string() : fmt::format("{}（{}）", zh, m.unit); };
    m.check(xlsx_api().worksheet_set_column(ws, 0, 0, 40, m.wrap), "column");
    xlsx_api().worksheet_set_landscape(ws);
    xlsx_api().worksheet_set_paper(ws, 9);
    xlsx_api().worksheet_fit_to_pages(ws, 1, 0);
    m.check(xlsx_api().worksheet_set_column(ws, 1, 8, 17, nullptr), "column");
    if (en)
        heading({"file", "unit", "rows", "repeats", "projects", "declared_total", "computed_total", "all_rows_total",
                 "matches"});
    else
        heading({"文件", "单位", "项目行", "重复", "不同项目", amount("合计"), amount("不含重复合计"),
                 amount("含重复合计"), "一致"});
    const char* yes = en ? "yes" : "是";
    const char* no = en ? "no" : "否";
    for (const auto& f : stats_.files)
        cells({text(f.path), text(f.unit), integer(f.rows), integer(f.repeats), integer(f.distinct()),
               money(f.declared), money(f.computed), money(f.all_rows),
               text(!f.declared ? "" : f.matches() ? yes : no)});
    if (stats_.files.size() > 1) {
        auto declared = stats_.declared();
        cells({text(en ? "all" : "全部"), {}, integer(stats_.rows()), integer(stats_.repeats()),
               integer(stats_.distinct()), money(declared), money(stats_.computed()), {}, {}});
    }
    // Said on the sheet, not only in the manual: it is why the columns differ.
    m.check(xlsx_api().worksheet_write_string(ws, r++, 0,
                                   en ? "a project printed again after a page break (duplicate-project) is counted once"
                                      : "跨页重复打印的项目（重复）只计一次",
                                   m.note),
            "note");
    ++r;
    auto groups = [&](const char* zh_key, const char* en_key, const std::vector<GroupTotal>& gs,
                      const GroupTotal* rest) {
        if (en) heading({en_key, "projects", "total"});
        else heading({zh_key, "项目数", amount("总计")});
        for (const auto& g : gs) cells({text(g.key), integer(g.projects), money(g.total)});
        if (rest && rest->projects) cells({text(rest->key), integer(rest->projects), money(rest->total)});
        ++r;
    };
    groups("部门", "department", stats_.by_department, nullptr);
    GroupTotal rest = stats_.without_town;
    rest.key = en ? "(no town)" : "（未标镇街）";
    groups("镇街", "town", stats_.by_town, &rest);
    auto counts = [&](const char* zh_key, const char* en_key, const char* zh_n, const char* en_n,
                      const std::vector<Count>& cs) {
        heading({en ? en_key : zh_key, en ? en_n : zh_n});
        for (const auto& c : cs) cells({text(c.key), integer(c.count)});
        ++r;
    };
    counts("一级指标", "level1", "指标数", "indicators", by_key(stats_.by_level1));
    counts("二级指标", "level2", "指标数", "indicators", by_key(stats_.by_level2));
    counts("目标类型", "target_kind", "目标数", "targets", stats_.targets_by_kind);

    lxw_workbook* wb = m.wb;
    m.wb = nullptr;
    lxw_error e = xlsx_api().workbook_close(wb);
    if (e != LXW_NO_ERROR) {
        ::unlink(m.path.c_str());
        throw OutputError(fmt::format("{}: cannot write the workbook: {}", out.path(), xlsx_api().lxw_strerror(e)));
    }
    std::FILE* f = std::fopen(m.path.c_str(), "rb");
    ::unlink(m.path.c_str());
    if (!f) throw OutputError(fmt::format("{}: cannot read back the workbook: {}", m.path, std::strerror(errno)));
    char buf[1 << 16];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.write({buf, n});
    bool bad = std::ferror(f);
    std::fclose(f);
    if (bad) throw OutputError(fmt::format("{}: cannot read back the workbook", m.path));
}

void XlsxBook::append_spool(std::FILE* spool, const std::string& name) {
    std::rewind(spool);
    Reader r(spool, name);
    std::vector<SheetCell> cells;
    for (char t; r.tag(t);) {
        if (t == 'D') {
            std::string path = r.str();
            document(path, r.str());
        } else if (t == 'R') {
            auto sheet = static_cast<Sheet>(r.number());
            cells.resize(r.number());
            for (auto& c : cells) {
                c.kind = static_cast<SheetCell::Kind>(r.number());
                c.value = r.str();
            }
            row(sheet, cells);
        } else if (t == 'S') {
            Stats s;
            s.files.resize(r.number());
            for (auto& f : s.files) {
                f.path = r.str();
                f.unit = r.str();
                f.rows = static_cast<std::uint32_t>(r.number());
                f.repeats = static_cast<std::uint32_t>(r.number());
                if (r.number()) f.declared = r.money();
                f.computed = r.money();
                f.all_rows = r.money();
            }
            s.by_department = get_groups(r);
            s.by_town = get_groups(r);
            s.without_town.projects = static_cast<std::uint32_t>(r.number());
            s.without_town.total = r.money();
            s.by_level1 = get_counts(r);
            s.by_level2 = get_counts(r);
            s.targets_by_kind = get_counts(r);
            s.indicators = static_cast<std::uint32_t>(r.number());
            s.overflow = r.number() != 0;
            stats_.merge(s);
        } else {
            throw OutputError(fmt::format("{}: a temporary file is damaged", name));
        }
    }
}

void XlsxSpool::document(const std::string& path, const std::string& unit) {
    out_.write("D");
    put(out_, path);
    put(out_, unit);
}

void XlsxSpool::row(Sheet sheet, const std::vector<SheetCell>& cells) {
    out_.write("R");
    put(out_, static_cast<std::uint64_t>(sheet));
    put(out_, std::uint64_t{cells.size()});
    for (const auto& c : cells) {
        put(out_, static_cast<std::uint64_t>(c.kind));
        put(out_, c.value);
    }
}

void XlsxSpool::end(const Stats& s) {
    out_.write("S");
    put(out_, std::uint64_t{s.files.size()});
    for (const auto& f : s.files) {
        put(out_, f.path);
        put(out_, f.unit);
        put(out_, std::uint64_t{f.rows});
        put(out_, std::uint64_t{f.repeats});
        put(out_, std::uint64_t{f.declared.has_value()});
        if (f.declared) put_money(out_, *f.declared);
        put_money(out_, f.computed);
        put_money(out_, f.all_rows);
    }
    put_groups(out_, s.by_department);
    put_groups(out_, s.by_town);
    put(out_, std::uint64_t{s.without_town.projects});
    put_money(out_, s.without_town.total);
    put_counts(out_, s.by_level1);
    put_counts(out_, s.by_level2);
    put_counts(out_, s.targets_by_kind);
    put(out_, std::uint64_t{s.indicators});
    put(out_, std::uint64_t{s.overflow});
}

void XlsxSink::on_document(const DocumentInfo& d) {
    begun_ = true;
    source_ = d.path;
    stats_.begin_file(d);
    rows_.document(d.path, d.amount_unit.value_or("万元"));
}

void XlsxSink::on_project(const Project& p) {
    if (!begun_) on_document(DocumentInfo{});
    bool repeat = repeats_.repeat(p);
    stats_.project(p, repeat);
    const char* mark = options_.english ? "true" : "是";
    auto& c = cells_;
    c.clear();
    if (options_.source_column) c.push_back(text(source_));
    c.push_back(integer(p.index));
    c.push_back(text(p.department));
    c.push_back(text(p.name));
    c.push_back(text(p.base_name));
    c.push_back(maybe(p.town));
    const auto& a = p.amounts;
    for (const auto* m : {&a.total, &a.fiscal, &a.fiscal_special, &a.other}) c.push_back(money(*m));
    std::string unassigned;
    for (const auto& m : a.unassigned) {
        if (!unassigned.empty()) unassigned += ' ';
        unassigned += m.to_string();
    }
    c.push_back(text(unassigned));
    c.push_back(maybe(p.goal));
    c.push_back(integer(p.indicators.size()));
    c.push_back(repeat ? text(mark) : SheetCell{});
    c.push_back(positive(p.location.line));
    c.push_back(positive(p.location.page));
    rows_.row(Sheet::Projects, c);

    for (const auto& i : p.indicators) {
        c.clear();
        if (options_.source_column) c.push_back(text(source_));
        c.push_back(integer(p.index));
        c.push_back(text(p.name));
        c.push_back(maybe(p.town));
        c.push_back(repeat ? text(mark) : SheetCell{});
        c.push_back(integer(i.seq));
        c.push_back(i.level1 ? text(level_key(i.level1)) : SheetCell{});
        c.push_back(i.level2 ? text(level_key(i.level2)) : SheetCell{});
        c.push_back(text(i.name));
        target_cells(c, i.period);
        target_cells(c, i.annual);
        c.push_back(positive(i.location.line));
        rows_.row(Sheet::Indicators, c);
    }
}

void XlsxSink::on_diagnostic(const Diagnostic& d) {
    if (!begun_) on_document(DocumentInfo{});
    auto& c = cells_;
    c.clear();
    if (options_.source_column) c.push_back(text(source_));
    c.push_back(text(d.id()));
    c.push_back(text(to_string(d.severity)));
    c.push_back(positive(d.at.line));
    c.push_back(positive(d.at.page));
    c.push_back(positive(d.project));
    c.push_back(text(d.message));
    c.push_back(text(d.quote));
    rows_.row(Sheet::Findings, c);
}

void XlsxSink::on_end(const Summary&) {
    if (!begun_) on_document(DocumentInfo{});
    rows_.end(stats_);
}

}  // namespace bpt
