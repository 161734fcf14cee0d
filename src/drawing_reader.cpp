#include "bpt/drawing_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "bpt/layout_reader.h"
#include "bpt/text.h"

namespace bpt {

namespace {

constexpr std::string_view kFullStop = "\xE3\x80\x82";  // 。
constexpr std::string_view kWayOut = "extract with `pdftotext -layout`, or give bpt the PDF";

// The cells of the column header, as producers print them; the first names the
// name column in several wordings.
constexpr std::array<std::string_view, 6> kHeaderCells = {"总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标",
                                                          "绩效指标"};
// The table's amount columns: a row prints at most this many numbers.
constexpr std::size_t kAmountColumns = 4;

bool is_header_cell(std::string_view t) {
    if (t.starts_with("项目名称")) return true;
    return std::find(kHeaderCells.begin(), kHeaderCells.end(), t) != kHeaderCells.end();
}

// A line made only of header cells (pdfminer joins some: `财政拨款 财政专户拨款 其他资金`).
bool is_header_line(std::string_view t) {
    auto tokens = text::split_ws(t);
    if (tokens.empty()) return false;
    return std::all_of(tokens.begin(), tokens.end(), [](std::string_view w) { return is_header_cell(w); });
}

bool single_spaced(std::string_view t) {
    return t.find("  ") == std::string_view::npos && t.find('\t') == std::string_view::npos;
}

bool is_amount(std::string_view token) { return text::parse_table_amount(token).has_value(); }

// The line split around its first run of amounts: `人才工作经费 41.00 41.00 通过…`.
struct AmountRun {
    std::string_view head;     // before the amounts (trimmed)
    std::string_view amounts;  // the run, as written
    std::string_view rest;     // after it (trimmed)
};
std::optional<AmountRun> find_amount_run(std::string_view t) {
    auto tokens = text::split_ws(t);
    std::size_t i = 0;
    while (i < tokens.size() && !is_amount(tokens[i])) ++i;
    if (i == tokens.size()) return std::nullopt;
    std::size_t j = i;
    while (j < tokens.size() && is_amount(tokens[j])) ++j;
    auto begin = static_cast<std::size_t>(tokens[i].data() - t.data());
    auto end = static_cast<std::size_t>(tokens[j - 1].data() - t.data()) + tokens[j - 1].size();
    return AmountRun{text::trim(t.substr(0, begin)), t.substr(begin, end - begin), text::trim(t.substr(end))};
}

// A mark of the indicator grammar a goal does not use: a target label, or a
// clause's level codes (`、1-`, `；11-`).
bool has_indicator_mark(std::string_view t) {
    if (t.find("指标值") != std::string_view::npos) return true;
    for (std::string_view sep : {"、", "；"}) {
        for (std::size_t at = t.find(sep); at != std::string_view::npos; at = t.find(sep, at + 1)) {
            std::size_t k = at + sep.size();
            std::size_t digits = 0;
            while (k < t.size() && t[k] >= '0' && t[k] <= '9') ++k, ++digits;
            if (digits > 0 && k < t.size() && t[k] == '-') return true;
        }
    }
    return false;
}

// Whether the indicator text's last clause is over: it ends in 。 and has its
// 年度指标值 after its 实施周期指标值.
bool indicators_complete(std::string_view s, detail::ClauseLabels& labels) {
    return s.ends_with(kFullStop) && labels.annual_last(s);
}

// More opening brackets than closing ones (either width): a name cut inside its suffix.
bool unclosed_bracket(std::string_view name) {
    auto count = [name](std::string_view b) {
        std::size_t n = 0;
        for (std::size_t at = name.find(b); at != std::string_view::npos; at = name.find(b, at + b.size())) ++n;
        return n;
    };
    return count("（") + count("(") > count("）") + count(")");
}

bool is_total_name(std::string_view name) {
    std::string bare;
    for (auto part : text::split_ws(name)) bare += part;
    return bare == "合计" || bare == "总计";
}

}  // namespace

std::string_view DrawingReader::find_glued_amounts(std::string_view line) {
    // Runs of amount characters; a run glued from two amounts has a second `.`
    // after the first one's two decimals: `9,246.729,246.72`, `9.209.20`.
    for (std::size_t i = 0; i < line.size();) {
        if (line[i] < '0' || line[i] > '9') { ++i; continue; }
        std::size_t j = i;
        while (j < line.size() && ((line[j] >= '0' && line[j] <= '9') || line[j] == ',' || line[j] == '.')) ++j;
        std::string_view run = line.substr(i, j - i);
        if (std::size_t dot = run.find('.'); dot != std::string_view::npos && dot + 3 < run.size()) {
            std::string_view first = run.substr(0, dot + 3);
            std::string_view second = run.substr(dot + 3);
            if (is_amount(first) && (is_amount(second) || !find_glued_amounts(second).empty())) return run;
        }
        i = j;
    }
    return {};
}

bool DrawingReader::detect(const std::vector<std::string>& lines) {
    std::size_t h = 0;
    while (h < lines.size() && !text::trim(lines[h]).starts_with("项目名称")) ++h;
    if (h == lines.size()) return false;
    std::string_view header = text::trim(lines[h]);
    if (header.find("总计") == std::string_view::npos) {
        // One header cell per line (mutool, PyMuPDF, pdftotext, pdfminer).
        for (std::size_t k = h + 1; k < lines.size(); ++k) {
            std::string_view t = text::trim(lines[k]);
            if (t.empty()) continue;
            return is_header_line(t);
        }
        return false;
    }
    if (!single_spaced(header)) return false;  // columns laid out by position: the layout reader's
    // One line per header: the layout text's shape too, so only drawing-order rows decide.
    bool prev_trailing = false;  // the line before ends in amounts
    for (std::size_t k = h + 1; k < lines.size(); ++k) {
        std::string_view raw = lines[k];
        std::string_view t = text::trim(raw);
        if (t.empty()) {
            prev_trailing = false;
            continue;
        }
        if (!find_glued_amounts(t).empty()) return true;
        bool indented = t.data() != raw.data();
        auto run = find_amount_run(t);
        bool plain = !indented && single_spaced(t);
        // `9.20 9.20 加强…`: the goal drawn on the amounts' line (a browser's PDF).
        if (plain && run && run->head.empty() && !run->rest.empty()) return true;
        // `合计 …` then `9,246.72 9,246.72`: a page's amounts one row after another (Calc).
        if (plain && run && run->head.empty() && run->rest.empty() && prev_trailing) return true;
        prev_trailing = plain && run && run->rest.empty();
    }
    return false;
}

std::string DrawingReader::not_a_table() const {
    if (!refusal_.empty()) return refusal_;
    return "not a budget performance target table: no column header (项目名称 … 绩效指标) or amounts found";
}

void DrawingReader::refuse(std::string why) {
    if (refusal_.empty()) refusal_ = std::move(why);
}

void DrawingReader::line(const Line& l) {
    if (!refusal_.empty()) return;
    if (l.page_break) {
        resolve(true);
        if (open_) continued_ = true;
        in_header_ = false;
        ++page_;
        return;
    }
    std::string_view t = text::trim(l.text);
    if (t.empty()) return;
    content(t, l.number);
}

bool DrawingReader::furniture(std::string_view t, LineNo number) {
    if (in_header_) {
        if (is_header_line(t)) {
            for (auto w : text::split_ws(t)) header_cells_.emplace_back(w);
            return true;
        }
        in_header_ = false;
        // pdftotext without -layout or -raw writes a page's columns as blocks, one
        // after another, and cuts the header where the first block ends.
        for (std::string_view cell : kHeaderCells)
            if (std::find(header_cells_.begin(), header_cells_.end(), cell) == header_cells_.end()) {
                refuse(fmt::format("the column header stops before `{}` and the columns follow one another in "
                                   "blocks, as `pdftotext` without -layout writes them: names and amounts cannot be "
                                   "paired; {}",
                                   cell, kWayOut));
                return true;
            }
    }
    if (t.starts_with("项目名称")) {
        saw_header_ = true;
        if (t.find("总计") == std::string_view::npos) {
            in_header_ = true;
            header_cells_.clear();
        }
        return true;
    }
    if (auto department = parse_department_line(t)) {
        row_ = department_row(*department, at(number));
        emit(row_);
        return true;
    }
    for (std::string_view unit : {"单位：", "单位:"})
        if (t.starts_with(unit) && t.size() > unit.size() && t.size() - unit.size() <= 12) {
            row_ = Row{RowKind::Meta, at(number), {}};
            row_.add(Role::AmountUnit, std::string(text::trim(t.substr(unit.size()))), at(number));
            emit(row_);
            return true;
        }
    if (LayoutReader::is_page_footer(t)) return true;
    if (title_) return t == *title_;
    if (t.find("绩效目标表") != std::string_view::npos && !open_ && !saw_row_) {
        if (saw_header_) {
            // pdfminer's layout analysis moves the title below the header and sets
            // names apart from their amounts, in an order that depends on the page.
            refuse(fmt::format("the title `{}` comes after the column header, as pdfminer (pdf2txt) orders a page: "
                               "names and amounts cannot be paired by their order; {}",
                               text::ellipsize(t, 30), kWayOut));
            return true;
        }
        if (!open_ && buf_.empty()) {
            title_ = std::string(t);
            row_ = Row{RowKind::Title, at(number), {}};
            row_.add(Role::Title, *title_, at(number));
            emit(row_);
            return true;
        }
    }
    return false;
}

void DrawingReader::content(std::string_view t, LineNo number) {
    if (auto glued = find_glued_amounts(t); !glued.empty())
        return refuse(fmt::format("cells are glued together (`{}`), as pypdf writes them: the amounts cannot be "
                                  "told apart for sure; {}",
                                  glued, kWayOut));
    if (furniture(t, number)) return;
    if (auto run = find_amount_run(t)) {
        // Amounts in the middle of a line start a row only after its name (no 。 or
        // ； in it): elsewhere a number with two decimals is part of a sentence.
        bool row_start = run->head.empty() || (run->head.find(kFullStop) == std::string_view::npos &&
                                               run->head.find("；") == std::string_view::npos);
        // Where the open row's goal began on its amounts' line (pdftotext -raw), the
        // next row's name can only follow a sentence's end: before it, a line that
        // starts with a number is the goal's (`12.50 万元…` wrapped).
        if (row_start && open_ && !in_group_ && goal_on_amounts_line_ && !sentence_ended_) row_start = false;
        // Where every row so far printed its amounts alone on their lines (mutool,
        // PyMuPDF), amounts followed by text before a sentence's end are a goal's.
        if (row_start && open_ && !in_group_ && !run->rest.empty() && rows_with_text_ == 0 && rows_alone_ >= 2 &&
            !sentence_ended_)
            row_start = false;
        if (row_start) {
            if (!run->head.empty()) text_line(run->head, number);
            amounts_line(run->amounts, number);
            if (!run->rest.empty()) {
                text_line(run->rest, number);
                goal_on_amounts_line_ = true;
                ++rows_with_text_;
            }
            return;
        }
    }
    text_line(t, number);
}

void DrawingReader::text_line(std::string_view t, LineNo number) {
    if (in_group_) {
        in_group_ = false;
        amounts_ = group_;
        amounts_at_ = at(group_line_);
    }
    if (t.ends_with(kFullStop)) sentence_ended_ = true;
    buf_.push_back({std::string(t), number});
}

void DrawingReader::amounts_line(std::string_view amounts, LineNo number) {
    saw_amounts_ = true;
    if (!in_group_) {
        start_row(number);
        in_group_ = true;
        group_.clear();
        group_count_ = 0;
        group_line_ = number;
    }
    if (!group_.empty()) group_ += ' ';
    group_ += amounts;
    group_count_ += text::split_ws(amounts).size();
    if (group_count_ > kAmountColumns)
        refuse(fmt::format("{} amounts follow one another from line {} with no name between them (`{}`), as a "
                           "producer that draws a page's amounts before its names writes them (LibreOffice Calc): "
                           "the text order cannot pair names and amounts; {}",
                           group_count_, group_line_, text::ellipsize(group_, 40), kWayOut));
}

void DrawingReader::start_row(LineNo number) {
    // The new row's name: the held lines after the last one that ends a sentence
    // (a name never holds 。); the lines before it finish the open row.
    std::size_t k = buf_.size();
    while (k > 0 && !buf_[k - 1].text.ends_with(kFullStop)) --k;
    if (open_) {
        take_goal_and_indicators(0, k);
        end_row();
    } else {
        for (std::size_t i = 0; i < k; ++i) unparsed(buf_[i].text, at(buf_[i].line), "text before the first row");
    }
    open_ = true;
    continued_ = false;
    goal_on_amounts_line_ = false;
    sentence_ended_ = false;
    name_.clear();
    for (std::size_t i = k; i < buf_.size(); ++i) name_ += buf_[i].text;
    name_unclosed_ = unclosed_bracket(name_);
    name_line_ = k < buf_.size() ? buf_[k].line : number;
    where_ = Location{name_line_, number, page_};
    amounts_.clear();
    amounts_at_ = at(number);
    goal_.clear();
    goal_line_ = 0;
    indicators_.clear();
    labels_.clear();
    marks_.clear();
    buf_.clear();
}

void DrawingReader::resolve(bool) {
    if (in_group_) {
        in_group_ = false;
        amounts_ = group_;
        amounts_at_ = at(group_line_);
    }
    if (open_) take_goal_and_indicators(0, buf_.size());
    else
        for (const auto& p : buf_) unparsed(p.text, at(p.line), "text before the first row");
    buf_.clear();
}

void DrawingReader::take_goal_and_indicators(std::size_t from, std::size_t to) {
    if (from >= to) return;
    bool continued = continued_ && (!goal_.empty() || !indicators_.empty());
    continued_ = false;
    if (!continued) {
        // On the row's own page: the goal's lines, then the indicator cell from its `1、`.
        for (std::size_t i = from; i < to; ++i) {
            if (indicators_.empty() && !LayoutReader::starts_indicator_cell(buf_[i].text)) add_goal(buf_[i]);
            else add_indicators(buf_[i]);
        }
        return;
    }
    // After a page break: the rest of each cell the break cut, in column order
    // (name, goal, indicators), under the repeated header. A name cut inside its
    // bracket (`…经费（赤坭` / `镇）`) goes on to the bracket's close; pdftotext -raw
    // may put the goal's rest on the same line.
    if (name_unclosed_) {
        std::string& first = buf_[from].text;
        std::size_t close = std::min(first.find("）"), first.find(')'));
        if (close != std::string::npos) {
            std::size_t end = close + (first.compare(close, 3, "）") == 0 ? 3 : 1);
            name_ += text::trim(std::string_view(first).substr(0, end));
            name_unclosed_ = unclosed_bracket(name_);
            std::string rest(text::trim(std::string_view(first).substr(end)));
            if (rest.empty()) ++from;
            else first = std::move(rest);
            if (from >= to) return;
        }
    }
    // A cell is cut when it does not end as it ends; but the indicators can be cut
    // between two clauses, so the grammar's marks in the continuation decide.
    bool goal_cut = !goal_.empty() && !goal_.ends_with(kFullStop);
    bool indicators_cut = !indicators_.empty() && !indicators_complete(indicators_, labels_);
    std::size_t mark = from;
    while (mark < to && !has_indicator_mark(buf_[mark].text)) ++mark;
    std::size_t split = from;  // lines [from, split) continue the goal
    bool guess = false;
    if (goal_cut) {
        // The goal's rest ends with 。 before the first line with the indicator
        // grammar's marks.
        std::optional<std::size_t> best;
        for (std::size_t k = from + 1; k <= to; ++k)
            if (buf_[k - 1].text.ends_with(kFullStop) && (k <= mark || !best)) best = k;
        if (mark == to && !indicators_cut) split = to;  // no indicator text follows
        else split = best ? *best : to;
        guess = !best || (mark == to && indicators_cut) || *best > mark;
    } else if (mark == to && !indicators_cut && !indicators_.empty()) {
        guess = true;  // both cells looked complete: the text could be either's
    }
    if (guess)
        finding(Rule::UnparsedText,
                fmt::format("after the page break, where the goal of '{}' ends and its indicators go on is a guess "
                            "(at line {})",
                            text::ellipsize(name_, 30), split < to ? buf_[split].line : buf_[to - 1].line),
                at(buf_[from].line), buf_[from].text, true);
    for (std::size_t i = from; i < split; ++i) add_goal(buf_[i]);
    for (std::size_t i = split; i < to; ++i) add_indicators(buf_[i]);
}

void DrawingReader::add_goal(const Pending& p) {
    if (goal_.empty()) goal_line_ = p.line;
    goal_ += p.text;
    where_.end_line = std::max(where_.end_line, p.line);
}

void DrawingReader::add_indicators(const Pending& p) {
    marks_.push_back({indicators_.size(), at(p.line)});
    indicators_ += p.text;
    where_.end_line = std::max(where_.end_line, p.line);
}

void DrawingReader::end_row() {
    if (!open_) return;
    open_ = false;
    saw_row_ = true;
    if (is_total_name(name_)) {
        row_ = Row{RowKind::GrandTotal, where_, {}};
        row_.add(Role::Amounts, std::move(amounts_), amounts_at_);
    } else if (goal_.empty() && indicators_.empty()) {
        // A row with amounts and nothing after them: the department's subtotal.
        row_ = Row{RowKind::Department, where_, {}};
        row_.add(Role::Name, std::move(name_), at(name_line_));
        row_.add(Role::Amounts, std::move(amounts_), amounts_at_);
    } else {
        if (!goal_on_amounts_line_) ++rows_alone_;
        row_ = Row{RowKind::Project, where_, {}};
        row_.add(Role::Name, std::move(name_), at(name_line_));
        row_.add(Role::Amounts, std::move(amounts_), amounts_at_);
        row_.add(Role::Goal, std::move(goal_), at(goal_line_));
        Cell& ind = row_.add(Role::Indicators, std::move(indicators_), marks_.empty() ? Location{} : marks_.front().at);
        ind.marks = std::move(marks_);
    }
    emit(row_);
    name_.clear();
    amounts_.clear();
    goal_.clear();
    indicators_.clear();
    labels_.clear();
    marks_.clear();
}

void DrawingReader::finish() {
    if (!refusal_.empty()) return;
    resolve(true);
    if (open_ && !indicators_.empty() && !indicators_complete(indicators_, labels_))
        finding(Rule::IncompleteProject,
                fmt::format("the file ends inside the indicators of project '{}' (the last clause does not end with 。)",
                            name_),
                where_, {}, true);
    end_row();
}

}  // namespace bpt
