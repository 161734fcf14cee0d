#include "bpt/export_reader.h"

#include <fmt/format.h>

#include "bpt/layout_reader.h"
#include "bpt/text.h"

namespace bpt {

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

struct ColumnName {
    std::string_view name;
    ExportReader::Column column;
};

// Budget systems decorate the names (`项目名称（资金使用单位）`, `总计（万元）`), so a
// header cell names a column when it starts with one of these.
constexpr ColumnName kColumnNames[] = {
    {"主管部门", ExportReader::Column::Department},    {"部门名称", ExportReader::Column::Department},
    {"预算单位", ExportReader::Column::BudgetUnit},    {"单位名称", ExportReader::Column::BudgetUnit},
    {"项目名称", ExportReader::Column::Name},          {"绩效目标", ExportReader::Column::Goal},
    {"绩效指标", ExportReader::Column::Indicators},    {"总计", ExportReader::Column::Total},
    {"合计", ExportReader::Column::Total},             {"财政拨款", ExportReader::Column::Fiscal},
    {"财政专户拨款", ExportReader::Column::FiscalSpecial}, {"其他资金", ExportReader::Column::Other},
};

// The role of each Column's cells, in Column's order.
constexpr Role kRoles[ExportReader::kColumns] = {
    Role::Department, Role::BudgetUnit, Role::Name,          Role::Goal,  Role::Indicators,
    Role::Total,      Role::Fiscal,     Role::FiscalSpecial, Role::Other,
};

constexpr std::size_t at(ExportReader::Column c) { return static_cast<std::size_t>(c); }

using C = ExportReader::Column;
constexpr std::initializer_list<C> kMoney = {C::Total, C::Fiscal, C::FiscalSpecial, C::Other};

std::string without_spaces(std::string_view s) {
    std::string out;
    for (auto part : text::split_ws(s)) out += part;
    return out;
}

// The text of a line before the header. A spreadsheet pads its title row with empty
// cells (`标题,,,,`), so a line whose cells hold one text is that text.
std::string preamble_text(std::string_view line) {
    for (char d : {'\t', ','}) {
        if (line.find(d) == std::string_view::npos) continue;
        DelimitedRecord a(d);
        if (!a.add(line, 1)) break;
        std::string_view only;
        std::size_t filled = 0;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (!a.cell(i).empty()) {
                only = a.cell(i);
                ++filled;
            }
        if (filled <= 1) return std::string(only);
        break;
    }
    // A title row that is one quoted cell has no delimiter to look for, but its
    // quotes are quoting all the same (`"项目支出绩效目标表"`).
    std::string_view t = text::trim(line);
    if (t.size() >= 2 && t.front() == '"') {
        DelimitedRecord a(',');
        if (a.add(t, 1) && a.size() == 1) return std::string(a.cell(0));
    }
    return std::string(t);
}

}  // namespace

ExportReader::ExportReader(RowSink& out) : TextReader(out) { column_.fill(kNone); }

bool ExportReader::detect(const std::vector<std::string>& first_lines) {
    for (std::size_t i = 0; i < first_lines.size(); ++i) {
        auto header = find_header(first_lines[i]);
        if (!header) continue;
        // No layout table has these columns: its departments are rows, not cells.
        for (const auto& cell : header->cells) {
            auto column = column_for(cell);
            if (column == Column::Department || column == Column::BudgetUnit) return true;
        }
        // A layout extractor may separate the header's words with tabs too; then
        // its other lines split into a few cells, never into a full row.
        DelimitedRecord rows(header->delimiter);
        bool split_lines = false;
        for (std::size_t j = i + 1; j < first_lines.size(); ++j) {
            if (!rows.add(first_lines[j], j + 1)) continue;
            if (rows.size() >= header->cells.size()) return true;
            if (rows.size() > 1) split_lines = true;
        }
        return !split_lines;
    }
    return false;
}

std::string ExportReader::not_a_table() const {
    if (!refusal_.empty()) return refusal_;
    // The refusal is the export-no-header finding: nothing of the file can be read.
    return fmt::format("error[{}]: not a budget performance target table: no column header in {} lines (expected "
                       "a row naming 项目名称 and 绩效目标 or 绩效指标 in cells of their own, separated by tabs or "
                       "commas)",
                       rule_id(Rule::ExportNoHeader), preamble_lines_);
}

std::optional<ExportReader::Column> ExportReader::column_for(std::string_view header_cell) {
    std::string name = without_spaces(header_cell);
    for (const auto& c : kColumnNames)
        if (std::string_view(name).starts_with(c.name)) return c.column;
    return std::nullopt;
}

std::optional<ExportReader::Header> ExportReader::find_header(std::string_view line) {
    for (char d : {'\t', ','}) {
        if (line.find(d) == std::string_view::npos) continue;
        DelimitedRecord a(d);
        if (!a.add(line, 1)) continue;
        Header h{d, {}};
        bool name = false, target = false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            h.cells.emplace_back(a.cell(i));
            auto c = column_for(a.cell(i));
            if (c == Column::Name) name = true;
            if (c == Column::Goal || c == Column::Indicators) target = true;
        }
        if (name && target) return h;
    }
    return std::nullopt;
}

bool ExportReader::is_ruler(std::string_view cell) {
    std::size_t dashes = 0;
    for (std::string_view rest = text::trim(cell); !rest.empty();) {
        bool known = false;
        for (std::string_view d : {"-", "=", "_", "—", "─", "－", "＝"})
            if (rest.starts_with(d)) {
                rest.remove_prefix(d.size());
                ++dashes;
                known = true;
                break;
            }
        if (known) continue;
        if (rest[0] != ' ') return false;
        rest.remove_prefix(1);
    }
    // One dash alone is a nil amount, not a ruler.
    return dashes >= 2;
}

void ExportReader::line(const Line& l) {
    if (!refusal_.empty()) return;
    if (l.page_break) {
        ++page_;
        return;
    }
    if (!header_seen_) return preamble(l.text, l.number);
    feed(l.text, l.number);
}

void ExportReader::preamble(std::string_view raw, LineNo number) {
    if (auto header = find_header(raw)) return take_header(std::move(*header), number);
    ++preamble_lines_;
    std::string t = preamble_text(raw);
    if (t.empty() || is_ruler(t)) return;
    if (auto department = parse_department_line(t)) {
        row_ = department_row(*department, here(number));
        return emit(row_);
    }
    if (!title_) {
        title_ = std::move(t);
        row_ = Row{RowKind::Title, here(number), {}};
        row_.add(Role::Title, *title_, here(number));
        return emit(row_);
    }
    if (preamble_.size() < kMaxPreamble) {
        preamble_.push_back({std::move(t), number});
        return;
    }
    if (preamble_dropped_++ == 0) preamble_dropped_first_ = number;
    preamble_dropped_last_ = number;
}

void ExportReader::take_header(Header header, LineNo number) {
    header_seen_ = true;
    header_ = std::move(header.cells);
    rows_ = DelimitedRecord(header.delimiter);
    for (const auto& p : preamble_) unparsed(p.text, p.line, "text before the column header");
    if (preamble_dropped_)
        diagnose(Rule::UnparsedText,
                 fmt::format("{} more lines of text before the column header were not read (lines {}–{})",
                             preamble_dropped_, preamble_dropped_first_, preamble_dropped_last_),
                 preamble_dropped_first_);
    preamble_.clear();
    preamble_.shrink_to_fit();

    unnamed_.assign(header_.size(), false);
    for (std::size_t i = 0; i < header_.size(); ++i) {
        if (header_[i].empty()) {
            unnamed_[i] = true;
            continue;
        }
        auto c = column_for(header_[i]);
        if (!c) {
            diagnose(Rule::ExportUnknownColumn,
                     fmt::format("column {} '{}' is not one bpt reads; its cells are ignored", i + 1,
                                 text::ellipsize(header_[i], 20)),
                     number, header_[i]);
            continue;
        }
        std::size_t& slot = column_[at(*c)];
        if (slot != kNone) {
            diagnose(Rule::ExportDuplicateColumn,
                     fmt::format("column {} '{}' repeats column {} '{}'; only column {} is read", i + 1,
                                 text::ellipsize(header_[i], 20), slot + 1, text::ellipsize(header_[slot], 20),
                                 slot + 1),
                     number, header_[i]);
            continue;
        }
        slot = i;
    }
    printed_ = column_[at(C::Department)] == kNone && column_[at(C::BudgetUnit)] == kNone;
}

void ExportReader::feed(std::string_view t, LineNo number) {
    if (rows_.add(t, number)) {
        held_.clear();
        held_bytes_ = 0;
        return record();
    }
    held_.push_back({std::string(t), number});
    held_bytes_ += t.size();
    if (rows_.stray() || held_.size() > kMaxRecordLines || held_bytes_ > kMaxRecordBytes) recover();
}

void ExportReader::recover() {
    LineNo line = rows_.open_quote_line();
    std::size_t column = rows_.open_quote_column();
    diagnose(Rule::ExportUnclosedQuote,
             fmt::format("the quote that opens a cell on line {} does not close {}; that line is read with the "
                         "quote as text",
                         line, rows_.stray() ? fmt::format("where its cell ends (line {})", held_.back().line)
                               : held_.size() > kMaxRecordLines || held_bytes_ > kMaxRecordBytes
                                   ? fmt::format("within {} lines", held_.size() - 1)
                                   : std::string("before the end of the file")),
             line, held_.empty() ? std::string_view() : std::string_view(held_.front().text));
    std::vector<Held> lines = std::move(held_);
    held_.clear();
    held_bytes_ = 0;
    rows_.clear();
    rows_.ignore_quote_at(line, column);
    for (const auto& h : lines) feed(h.text, h.line);
}

std::string_view ExportReader::cell(Column c) const {
    std::size_t i = column_[at(c)];
    return i == kNone ? std::string_view() : rows_.cell(i);
}

std::string ExportReader::row_text() const {
    std::string out;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        if (i) out += " | ";
        out += rows_.cell(i);
    }
    return out;
}

void ExportReader::record() {
    if (rows_.blank()) return;
    bool ruler = true;
    for (std::size_t i = 0; i < rows_.size() && ruler; ++i)
        if (!rows_.cell(i).empty() && !is_ruler(rows_.cell(i))) ruler = false;
    if (ruler) return;

    LineNo line = rows_.first_line();
    const std::size_t cells = rows_.size(), width = header_.size();
    if (cells == 1) {
        std::string_view t = rows_.cell(0);
        if ((title_ && t == *title_) || LayoutReader::is_page_footer(t)) return;
        return unparsed(t, line, "a line with no cells in it");
    }
    if (cells == width) {
        bool repeated = true;
        for (std::size_t i = 0; i < width && repeated; ++i) repeated = rows_.cell(i) == header_[i];
        if (repeated) {  // the header printed again, as some exports do on every page
            after_repeat_ = true;
            return;
        }
    }
    if (continue_held()) return;
    flush_held();
    if (cells != width) {
        bool extras_empty = cells > width;
        for (std::size_t i = width; i < cells && extras_empty; ++i) extras_empty = rows_.cell(i).empty();
        if (!extras_empty) {
            // A missing or extra cell shifts every cell after it, and nothing says
            // where: reading the row would put text in the wrong column.
            return diagnose(Rule::ExportCellCount,
                            fmt::format("the row has {} cells where the header has {}, so its cells cannot be matched "
                                        "to columns; the row is skipped: '{}'",
                                        cells, width, text::ellipsize(row_text(), 60)),
                            line, row_text());
        }
        diagnose(Rule::ExportCellCount,
                 fmt::format("the row has {} cells where the header has {}; the cells past column {} are empty, so "
                             "the row is read",
                             cells, width, width),
                 line, row_text());
    }
    row();
}

void ExportReader::row() {
    for (std::size_t i = 0; i < unnamed_.size(); ++i)
        if (unnamed_[i] && !rows_.cell(i).empty())
            unparsed(rows_.cell(i), rows_.cell_line(i), fmt::format("column {} has no name in the header", i + 1));

    std::string_view name = cell(Column::Name), goal = cell(Column::Goal), indicators = cell(Column::Indicators);
    if (!goal.empty() || !indicators.empty()) return project_row(name, goal, indicators);

    LineNo line = rows_.first_line();
    std::string_view first;
    for (std::size_t i = 0; i < rows_.size() && first.empty(); ++i) first = rows_.cell(i);
    if (std::string head = without_spaces(first); head == "合计" || head == "总计") {
        row_ = Row{RowKind::GrandTotal, Location{line, rows_.last_line(), page_}, {}};
        add_cells(kMoney);
        return emit(row_);
    }
    if (!name.empty() && printed_) {
        bool money = false;
        for (Column c : kMoney) money = money || !cell(c).empty();
        if (money) {
            row_ = Row{RowKind::Department, Location{line, rows_.last_line(), page_}, {}};
            add_cells({C::Name});
            add_cells(kMoney);
            return emit(row_);
        }
    }
    if (!name.empty()) return project_row(name, goal, indicators);

    if (cell(Column::Department).empty() && cell(Column::BudgetUnit).empty())
        return unparsed(row_text(), line, "a row with no 项目名称, 绩效目标 or 绩效指标");
    // A row naming only a department (or unit), as a subtotal row does.
    row_ = Row{RowKind::Department, Location{line, rows_.last_line(), page_}, {}};
    add_cells({C::Department, C::BudgetUnit});
    add_cells(kMoney);
    emit(row_);
}

void ExportReader::add_cells(std::initializer_list<Column> columns) {
    for (Column c : columns) {
        std::size_t i = column_[at(c)];
        if (i == kNone) continue;
        std::string_view t = rows_.cell(i);
        // An empty money cell is no cell: the export prints only the columns it has.
        if (t.empty() && (c == C::Total || c == C::Fiscal || c == C::FiscalSpecial || c == C::Other)) continue;
        Cell& cell = row_.add(kRoles[at(c)], std::string(t), here(rows_.cell_line(i)));
        if (c == Column::Indicators) rows_.cell_marks(i, cell.marks);
    }
}

namespace {
// A cell that ends its last sentence, as a row the page break did not cut does.
bool ends_sentence(const Cell* c) { return !c || text::trim(c->text).ends_with("。"); }
}  // namespace

void ExportReader::project_row(std::string_view, std::string_view, std::string_view) {
    row_ = Row{RowKind::Project, Location{rows_.first_line(), rows_.last_line(), page_}, {}};
    add_cells({C::Department, C::BudgetUnit, C::Name, C::Goal, C::Indicators});
    add_cells(kMoney);
    // A row that may go on after a page break waits for the next one; any other is
    // pushed at once.
    if (printed_ && !(ends_sentence(row_.find(Role::Goal)) && ends_sentence(row_.find(Role::Indicators)))) {
        held_row_ = std::move(row_);
        row_ = Row{};
        return;
    }
    emit(row_);
}

void ExportReader::flush_held() {
    after_repeat_ = false;
    if (!held_row_) return;
    Row row = std::move(*held_row_);
    held_row_.reset();
    emit(row);
}

bool ExportReader::continue_held() {
    if (!printed_ || !after_repeat_ || rows_.size() != header_.size()) return false;
    if (!cell(C::Name).empty()) return false;
    for (Column c : kMoney)
        if (!cell(c).empty()) return false;
    if (cell(C::Goal).empty() && cell(C::Indicators).empty()) return false;
    if (!held_row_) {
        // The row before ended its sentences: the row the page break cut is not in
        // the file, and its rest would land on the wrong project.
        refusal_ = fmt::format(
            "the rest of a row continues on line {} after the header printed again, with no name and no amounts, but "
            "the row before it is complete: the first part of the row the page break cut is missing, as "
            "pdfplumber's extract_tables() drops a page's last row when the break cuts it; extract with "
            "`pdftotext -layout`, or give bpt the PDF",
            rows_.first_line());
        return true;
    }
    for (Column c : {C::Goal, C::Indicators}) {
        const std::size_t i = column_[at(c)];
        if (i == kNone || rows_.cell(i).empty()) continue;
        const Role role = kRoles[at(c)];
        Cell* cell = held_row_->find(role);
        if (!cell) cell = &held_row_->add(role, {}, here(rows_.cell_line(i)));
        if (c == C::Indicators) {
            // Where each line starts, so that a clause on the new page is traced there.
            if (cell->marks.empty() && !cell->text.empty()) cell->marks.push_back(Mark{0, cell->at});
            std::vector<Mark> marks;
            rows_.cell_marks(i, marks);
            if (marks.empty()) marks.push_back(Mark{0, here(rows_.cell_line(i))});
            for (auto m : marks) {
                m.offset += cell->text.size();
                cell->marks.push_back(m);
            }
        }
        cell->text += rows_.cell(i);
    }
    held_row_->at.end_line = rows_.last_line();
    after_repeat_ = false;
    return true;
}

void ExportReader::finish() {
    while (rows_.open()) recover();
    flush_held();
}

}  // namespace bpt
