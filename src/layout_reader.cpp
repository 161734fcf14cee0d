#include "bpt/layout_reader.h"

#include <fmt/format.h>

#include <algorithm>

#include "bpt/framework.h"
#include "bpt/text.h"

namespace bpt {

namespace {

constexpr std::string_view kFullStop = "\xE3\x80\x82";  // 。
constexpr std::string_view kDunhao = "\xE3\x80\x81";    // 、

bool starts_with_digit(std::string_view s) {
    if (s.empty()) return false;
    if (s[0] >= '0' && s[0] <= '9') return true;
    // Full-width digits ０-９ are EF BC 90 … EF BC 99.
    return s.size() >= 3 && s.substr(0, 2) == "\xEF\xBC" && static_cast<unsigned char>(s[2]) >= 0x90 &&
           static_cast<unsigned char>(s[2]) <= 0x99;
}

// A line that may continue a clause: a number, or the 、 a wrap cut from its number.
bool starts_clause_text(std::string_view s) { return starts_with_digit(s) || s.starts_with(kDunhao); }

// The last word of `s` if it looks like an amount (text::looks_like_amount), else
// empty; `s` then ends before it. A word runs back to white space; most lines end
// in a name, so the walk stops at the first byte no amount has.
std::string_view last_amount_like(std::string_view& s) {
    std::string_view rest = text::trim_right(s);
    std::size_t start = rest.size();
    while (start > 0 && ((rest[start - 1] >= '0' && rest[start - 1] <= '9') || rest[start - 1] == ',' ||
                         rest[start - 1] == '.' || rest[start - 1] == '-'))
        --start;
    if (start > 0 && text::trim_right(rest.substr(0, start)).size() == start) return {};  // ran into other text
    std::string_view w = rest.substr(start);
    if (!text::looks_like_amount(w)) return {};
    s = rest.substr(0, start);
    return w;
}

std::string without_spaces(std::string_view s) {
    std::string out;
    for (auto part : text::split_ws(s)) out += part;
    return out;
}

}  // namespace

bool LayoutReader::detect(const std::vector<std::string>&) { return true; }

std::optional<Reader::Held> LayoutReader::held() const {
    Held h;
    h.bytes = name_.size() + amounts_.size() + goal_.size() + indicators_.size();
    for (const auto& p : held_lines()) h.bytes += p.text.size();  // kMaxPending lines at most
    h.from = in_project() ? where_.line : held_ == 0 ? 0 : pending_.front().line;
    return h;
}

std::string LayoutReader::not_a_table() const {
    return "not a budget performance target table: no column header (项目名称 … 绩效指标), 合计 row or project "
           "with amounts found";
}

bool LayoutReader::is_page_footer(std::string_view t) {
    // `第 3 页，共 40 页`, `第3页/共40页`, `共 40 页 第 3 页`: only these words, digits
    // and separators. `- 3 -`: a number between dashes.
    if ((t.starts_with("第") || t.starts_with("共")) && t.ends_with("页")) {
        bool digit = false;
        for (std::string_view rest = t; !rest.empty();) {
            if (rest[0] >= '0' && rest[0] <= '9') { digit = true; rest.remove_prefix(1); continue; }
            if (starts_with_digit(rest)) { digit = true; rest.remove_prefix(3); continue; }  // ０-９
            bool known = false;
            for (std::string_view w : {"第", "页", "共", "，", ",", "/", " ", "\t", "\xE3\x80\x80"})
                if (rest.starts_with(w)) { rest.remove_prefix(w.size()); known = true; break; }
            if (!known) return false;
        }
        return digit;
    }
    for (std::string_view dash : {"-", "\xE2\x80\x94", "\xE2\x80\x93"}) {  // -, —, –
        if (t.size() > 2 * dash.size() && t.starts_with(dash) && t.ends_with(dash)) {
            std::string_view mid = text::trim(t.substr(dash.size(), t.size() - 2 * dash.size()));
            if (mid.empty()) return false;
            for (char c : mid)
                if (c < '0' || c > '9') return false;
            return true;
        }
    }
    return false;
}

bool LayoutReader::starts_indicator_cell(std::string_view t) {
    std::string_view rest;
    if (t.starts_with("1、")) rest = t.substr(std::string_view("1、").size());
    else if (t.starts_with("１、")) rest = t.substr(std::string_view("１、").size());
    else return starts_misnumbered_cell(t);
    rest = text::trim_left(rest);
    if (rest.empty() || starts_with_digit(rest)) return true;  // `1、` cut by a wrap, or `1、1-产出指标`
    return framework::starts_with_level1(rest);
}

bool LayoutReader::starts_misnumbered_cell(std::string_view t) {
    // A cell whose first clause is not `1、` (`3、1-产出指标；…`) is still the
    // indicator cell: read into the goal, it hid the clauses and ended in a wrong
    // error; the grammar reports the numbering. Only the full clause head counts
    // here, since a goal may number its own sentences (`2、2023年完成…`).
    std::size_t digits = 0, at = 0;  // ASCII or full-width (３、)
    for (; starts_with_digit(t.substr(at)); ++digits) at += t[at] >= '0' && t[at] <= '9' ? 1 : 3;
    if (digits == 0 || digits > 4 || !t.substr(at).starts_with(kDunhao)) return false;
    std::string_view rest = text::trim_left(t.substr(at + kDunhao.size()));
    if (framework::starts_with_level1(rest)) return true;
    std::size_t code = 0;
    while (code < rest.size() && rest[code] >= '0' && rest[code] <= '9') ++code;
    if (code == 0) return false;
    rest = text::trim_left(rest.substr(code));
    return rest.starts_with("-") || rest.starts_with("－");
}

void LayoutReader::line(const Line& l) {
    if (l.page_break) {
        ++page_;
        break_in_run_ = true;
        return;
    }
    std::string_view trimmed = text::trim(l.text);
    if (trimmed.empty()) {
        ++blank_run_;
        return;
    }
    // The layout extractor marks a page break with three empty lines; wrapped lines
    // are separated by one at most.
    if (blank_run_ >= 3 && !break_in_run_) ++page_;
    blank_run_ = 0;
    break_in_run_ = false;
    // Trimmed once here; an indent is what starts a project.
    content_line(trimmed, trimmed.data() != l.text.data(), l.number);
}

bool LayoutReader::skip_furniture(std::string_view t, LineNo number) {
    if (t.starts_with("项目名称") &&
        (t.find("总计") != std::string_view::npos || t.find("绩效目标") != std::string_view::npos)) {
        saw_header_ = true;
        return true;
    }
    if (t.starts_with("部门名称")) {  // what parse_department_line requires, asked here for every line
        if (auto department = parse_department_line(t)) {
            row_ = department_row(*department, at(number));
            emit(row_);
            return true;
        }
    }
    // A footer starts with 第, 共 or a dash (is_page_footer).
    if ((t.starts_with("第") || t.starts_with("共") || t.starts_with("-") || t.starts_with("\xE2\x80")) &&
        is_page_footer(t))
        return true;
    return title_ && t == *title_;  // a title repeated on each page
}

void LayoutReader::content_line(std::string_view t, bool indented, LineNo number) {
    if (skip_furniture(t, number)) return;
    // The line's amounts, found once: every state asks. Amounts end in a digit (and
    // `t` is trimmed): most lines are prose and need no search.
    const Trailing trailing =
        t.back() >= '0' && t.back() <= '9' ? text::find_trailing_amounts(t) : std::nullopt;
    if (indented || state_ == State::Top || state_ == State::Name) check_amounts(t, number, trailing);
    switch (state_) {
        case State::Top:
            if (!indented) return top_line(t, number, trailing);
            flush_pending_as_unparsed();
            return begin_project(t, number, trailing);
        case State::Name:
            if (!indented) return name_line(t, number, trailing);
            break;
        case State::Goal:
            if (!indented) return goal_line(t, number, trailing);
            flush_pending_into_goal();
            break;
        case State::Indicators:
            if (!indented) return indicator_line(t, number, trailing);
            settle_pending_after_indicators();
            break;
    }
    end_project();
    begin_project(t, number, trailing);
}

void LayoutReader::check_amounts(std::string_view t, LineNo number, const Trailing& trailing) {
    // Rows end in their amounts; a number-like token there that is no amount would
    // otherwise be read as part of a name, a silent wrong answer.
    if (t.empty() || t.back() < '0' || t.back() > '9') return;  // amounts end in a digit
    // From the end: only the trailing words can be amounts, and lines are long.
    // The amounts `trailing` read are amounts: the words before them are left.
    std::string_view rest = t;
    if (trailing) rest = t.substr(0, static_cast<std::size_t>(trailing->head.data() + trailing->head.size() - t.data()));
    for (std::string_view w; !(w = last_amount_like(rest)).empty();) {
        if (text::parse_table_amount(w)) continue;
        diagnose(Rule::InvalidAmount,
                 fmt::format("'{}' is not an amount (expected two decimals and thousands separators, e.g. "
                             "1,234.56, within ±92,233,720,368,547,757.99)", w),
                 number, t);
    }
}

void LayoutReader::top_line(std::string_view t, LineNo number, const Trailing& trailing) {
    if (!title_ && held_ == 0 && !saw_header_ && !saw_total_ && !trailing) {
        title_ = std::string(t);
        row_ = Row{RowKind::Title, at(number), {}};
        row_.add(Role::Title, *title_, at(number));
        return emit(row_);
    }
    if (trailing) {
        if (!trailing->head.empty()) flush_pending_as_unparsed();  // see end_project_with_row
        if (take_row(number, trailing)) return;
        return unparsed(t, number, "amounts with no row name");
    }
    hold(t, number, Overflow::Unparsed);
}

void LayoutReader::hold(std::string_view t, LineNo number, Overflow overflow) {
    // The held lines' strings are kept and reassigned: most goal lines pass through here.
    if (held_ == pending_.size()) pending_.emplace_back();
    pending_[held_].text.assign(t);
    pending_[held_].line = number;
    ++held_;
    // A row name wraps over a few lines at most; older lines are something else.
    if (held_ > kMaxPending) {
        const Pending& p = pending_.front();
        switch (overflow) {
            case Overflow::Unparsed: unparsed(p.text, p.line, "text before the first project"); break;
            case Overflow::Goal: add_goal(p.text, p.line); break;
            case Overflow::Settle: settle_held(p); break;
        }
        std::rotate(pending_.begin(), pending_.begin() + 1, pending_.begin() + static_cast<std::ptrdiff_t>(held_));
        --held_;
    }
}

bool LayoutReader::take_row(LineNo number, const Trailing& trailing) {
    if (!trailing) return false;
    std::string name;
    LineNo first = number;
    for (const auto& p : held_lines()) {
        if (name.empty()) first = p.line;
        name += p.text;
    }
    if (name.empty()) first = number;
    name += trailing->head;
    if (name.empty()) return false;
    held_ = 0;
    bool total = is_total_row(name);
    // 合计 wherever the table prints it: usually first, sometimes last.
    row_ = Row{total ? RowKind::GrandTotal : RowKind::Department, Location{first, number, page_}, {}};
    if (total) saw_total_ = true;
    else row_.add(Role::Name, std::move(name), at(first));
    row_.add(Role::Amounts, std::string(trailing->amounts), at(number));
    emit(row_);
    return true;
}

// Whether a row that would end the open project comes next: a line with amounts and
// a name (held lines, or text before the amounts). Ends the project first.

void LayoutReader::begin_project(std::string_view t, LineNo number, const Trailing& trailing) {
    where_ = Location{number, number, page_};
    name_.clear();
    amounts_.clear();
    amounts_at_ = {};
    goal_.clear();
    goal_line_ = 0;
    indicators_.clear();
    labels_.clear();
    marks_.clear();
    state_ = State::Name;
    if (trailing) {
        name_ = trailing->head;
        set_amounts(t, trailing->head, number);
        state_ = State::Goal;
    } else {
        name_ = t;
    }
}

void LayoutReader::name_line(std::string_view t, LineNo number, const Trailing& trailing) {
    where_.end_line = number;
    if (starts_indicator_cell(t)) {
        state_ = State::Indicators;
        return append_indicators(t, number);
    }
    if (trailing) {
        name_ += trailing->head;
        set_amounts(t, trailing->head, number);
        state_ = State::Goal;
        return;
    }
    name_ += t;
}

void LayoutReader::set_amounts(std::string_view line, std::string_view head, LineNo number) {
    // The numbers are the rest of the line after the head (the name, or nothing).
    amounts_ = text::trim(line.substr(static_cast<std::size_t>(head.data() - line.data()) + head.size()));
    amounts_at_ = at(number);
    saw_amounts_ = true;
}

// Held lines (pending_) are lines that may be the name of the row that ends the
// open project: a department or 合计, settled by the amounts that follow. A name
// never holds a 。, so a line with one always belongs to the project.

void LayoutReader::goal_line(std::string_view t, LineNo number, const Trailing& trailing) {
    if (starts_indicator_cell(t)) {
        flush_pending_into_goal();
        where_.end_line = number;
        state_ = State::Indicators;
        return append_indicators(t, number);
    }
    if (trailing) {
        // A project without indicators, then a department row or 合计.
        if (held_ != 0 || !trailing->head.empty()) return end_project_with_row(number, trailing);
        return unparsed(t, number, "a second row of amounts in the project");
    }
    if (t.find(kFullStop) != std::string_view::npos) {
        flush_pending_into_goal();
        return add_goal(t, number);
    }
    if (goal_.empty() || goal_.ends_with(kFullStop) || held_ != 0) return hold(t, number, Overflow::Goal);
    add_goal(t, number);
}

void LayoutReader::add_goal(std::string_view t, LineNo number) {
    where_.end_line = number;
    if (goal_.empty()) goal_line_ = number;
    goal_ += t;
}

void LayoutReader::flush_pending_into_goal() {
    for (const auto& p : held_lines()) add_goal(p.text, p.line);
    held_ = 0;
}

void LayoutReader::indicator_line(std::string_view t, LineNo number, const Trailing& trailing) {
    // The last clause is over when it ends in 。 or has its 年度指标值 (a missing
    // 。 is a common slip). After it, a row name and amounts end the project.
    // (Asked only when a line could end the project: most lines go on a clause.)
    auto ended = [this] { return indicators_.ends_with(kFullStop) || last_clause_complete(); };
    if (trailing) {
        bool named = held_ != 0 || (!trailing->head.empty() && !continues_clause(trailing->head));
        if (named && (is_total_row(trailing->head) || ended())) return end_project_with_row(number, trailing);
        if (held_ == 0 && trailing->head.empty() && ended())
            return unparsed(t, number, "amounts with no row name");
    }
    if (continues_clause(t) || t.find(kFullStop) != std::string_view::npos) {
        flush_pending_as_indicators();
        return append_indicators(t, number);
    }
    if (held_ != 0 || ended()) return hold(t, number, Overflow::Settle);
    append_indicators(t, number);
}

void LayoutReader::end_project_with_row(LineNo number, const Trailing& trailing) {
    // A name that shares its line with the amounts fit on one line: extractors put
    // a wrapped name's amounts on a line of their own. Held lines before it are the
    // project's, then.
    if (trailing && !trailing->head.empty()) {
        if (state_ == State::Goal) flush_pending_into_goal();
        else settle_pending_after_indicators();
    }
    end_project();
    take_row(number, trailing);
}

bool LayoutReader::is_total_row(std::string_view name) {
    std::string bare = without_spaces(name);
    return bare == "合计" || bare == "总计";
}

bool LayoutReader::continues_clause(std::string_view t) {
    // Every mark below starts with one of these bytes: most lines start with none.
    switch (static_cast<unsigned char>(t.empty() ? 0 : t[0])) {
        case ';': case ',': case ':': case 0xE3: case 0xE5: case 0xE6: case 0xEF: break;
        default: return !t.empty() && t[0] >= '0' && t[0] <= '9';
    }
    if (starts_clause_text(t)) return true;
    for (std::string_view mark : {"；", ";", "，", ",", "：", ":", "。", "实施周期指标值", "年度指标值", "指标值"})
        if (t.starts_with(mark)) return true;
    return false;
}

// Whether the last clause has both its targets: then held lines after it are not
// the rest of a value, and go nowhere but into a warning.
bool LayoutReader::last_clause_complete() { return labels_.annual_last(indicators_); }

void LayoutReader::append_indicators(std::string_view t, LineNo number) {
    marks_.push_back({indicators_.size(), at(number)});
    indicators_ += t;
    where_.end_line = number;
}

void LayoutReader::flush_pending_as_indicators() {
    for (const auto& p : held_lines()) append_indicators(p.text, p.line);
    held_ = 0;
}

// A held line after the indicators that no row claimed: the rest of an unfinished
// clause, or, after a complete one, text that belongs to no field.
void LayoutReader::settle_held(const Pending& p) {
    if (last_clause_complete()) unparsed(p.text, p.line, "text after the last indicator clause");
    else append_indicators(p.text, p.line);
}

void LayoutReader::settle_pending_after_indicators() {
    for (const auto& p : held_lines()) settle_held(p);
    held_ = 0;
}

void LayoutReader::flush_pending_as_unparsed() {
    for (const auto& p : held_lines()) unparsed(p.text, p.line, "not a department row (no amounts follow)");
    held_ = 0;
}

void LayoutReader::end_project() {
    // The project row's cells are swapped in and out rather than built anew, so
    // that their buffers are reused from project to project: this runs per project.
    Row& row = project_row_;
    if (row.cells.empty())
        for (Role role : {Role::Name, Role::Amounts, Role::Goal, Role::Indicators}) row.add(role, {}, {});
    row.at = where_;
    row.cells[0].at = where_;
    row.cells[1].at = amounts_at_;
    row.cells[2].at = at(goal_line_);
    row.cells[3].at = marks_.empty() ? Location{} : marks_.front().at;
    std::swap(row.cells[0].text, name_);
    std::swap(row.cells[1].text, amounts_);
    std::swap(row.cells[2].text, goal_);
    std::swap(row.cells[3].text, indicators_);
    std::swap(row.cells[3].marks, marks_);
    emit(row);
    std::swap(row.cells[0].text, name_);
    std::swap(row.cells[1].text, amounts_);
    std::swap(row.cells[2].text, goal_);
    std::swap(row.cells[3].text, indicators_);
    std::swap(row.cells[3].marks, marks_);
    name_.clear();
    amounts_.clear();
    goal_.clear();
    indicators_.clear();
    labels_.clear();
    marks_.clear();
    state_ = State::Top;
}

void LayoutReader::finish() {
    switch (state_) {
        case State::Top: flush_pending_as_unparsed(); break;
        case State::Name:
            diagnose(Rule::IncompleteProject,
                     fmt::format("the file ends inside project '{}', before its amounts", name_), where_.line);
            end_project();
            break;
        case State::Goal:
            flush_pending_into_goal();
            diagnose(Rule::IncompleteProject,
                     fmt::format("the file ends inside project '{}', before its indicators", name_), where_.line);
            end_project();
            break;
        case State::Indicators:
            settle_pending_after_indicators();
            if (!indicators_.ends_with(kFullStop))
                diagnose(Rule::IncompleteProject,
                         fmt::format("the file ends inside the indicators of project '{}' (the last clause does not "
                                     "end with 。)", name_),
                         where_.line);
            end_project();
            break;
    }
}

}  // namespace bpt
