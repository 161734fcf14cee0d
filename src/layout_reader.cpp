#include "bpt/layout_reader.h"

#include <fmt/format.h>

#include <functional>

#include "bpt/amounts.h"
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

std::string without_spaces(std::string_view s) {
    std::string out;
    for (auto part : text::split_ws(s)) out += part;
    return out;
}

}  // namespace

LayoutReader::LayoutReader(Sink& sink, DocumentInfo info) : SinkReader(sink, std::move(info)) {
    info_.dialect = "layout";
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
    else return false;
    rest = text::trim_left(rest);
    if (rest.empty() || starts_with_digit(rest)) return true;  // `1、` cut by a wrap, or `1、1-产出指标`
    for (std::string_view level : {"产出", "效益", "满意度", "成本"})
        if (rest.starts_with(level)) return true;
    return false;
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

bool LayoutReader::skip_furniture(std::string_view t, std::uint32_t number) {
    if (t.starts_with("项目名称") &&
        (t.find("总计") != std::string_view::npos || t.find("绩效目标") != std::string_view::npos)) {
        saw_header_ = true;
        return true;
    }
    std::string other;
    if (read_department_line(t, info_, &other)) {
        if (!other.empty())
            diagnose("multiple-tables", Severity::Warning,
                     fmt::format("a second table starts here (部门名称：{}); bpt reads one table per file, so its "
                                 "合计 and department rows are checked against every project above: split the file",
                                 other),
                     number);
        return true;
    }
    if (is_page_footer(t)) return true;
    return info_.title && t == *info_.title;  // a title repeated on each page
}

void LayoutReader::content_line(std::string_view t, bool indented, std::uint32_t number) {
    if (skip_furniture(t, number)) return;
    if (indented || state_ == State::Top || state_ == State::Name) check_amounts(t, number);
    switch (state_) {
        case State::Top:
            if (!indented) return top_line(t, number);
            flush_pending_as_unparsed();
            return begin_project(t, number);
        case State::Name:
            if (!indented) return name_line(t, number);
            break;
        case State::Goal:
            if (!indented) return goal_line(t, number);
            flush_pending_into_goal();
            break;
        case State::Indicators:
            if (!indented) return indicator_line(t, number);
            settle_pending_after_indicators();
            break;
    }
    end_project();
    begin_project(t, number);
}

void LayoutReader::check_amounts(std::string_view t, std::uint32_t number) {
    // Rows end in their amounts; a number-like token there that is no amount would
    // otherwise be read as part of a name, a silent wrong answer.
    if (t.empty() || t.back() < '0' || t.back() > '9') return;  // amounts end in a digit
    auto tokens = text::split_ws(t);
    for (auto it = tokens.rbegin(); it != tokens.rend() && text::looks_like_amount(*it); ++it) {
        if (text::parse_table_amount(*it)) continue;
        diagnose("invalid-amount", Severity::Error,
                 fmt::format("'{}' is not an amount (expected two decimals and thousands separators, e.g. "
                             "1,234.56, within ±92,233,720,368,547,757.99)", *it),
                 number);
    }
}

void LayoutReader::top_line(std::string_view t, std::uint32_t number) {
    auto trailing = text::split_trailing_amounts(t);
    if (!info_.title && pending_.empty() && !saw_header_ && !saw_total_ && !trailing) {
        info_.title = std::string(t);
        return;
    }
    if (trailing) {
        if (!trailing->head.empty()) flush_pending_as_unparsed();  // see end_project_with_row
        if (take_row(t, number)) return;
        return unparsed(t, number, "amounts with no row name");
    }
    hold(t, number, [this](const Pending& p) { unparsed(p.text, p.line, "text before the first project"); });
}

void LayoutReader::hold(std::string_view t, std::uint32_t number, const std::function<void(const Pending&)>& overflow) {
    pending_.push_back({std::string(t), number});
    // A row name wraps over a few lines at most; older lines are something else.
    if (pending_.size() > kMaxPending) {
        overflow(pending_.front());
        pending_.erase(pending_.begin());
    }
}

bool LayoutReader::take_row(std::string_view t, std::uint32_t number) {
    auto trailing = text::split_trailing_amounts(t);
    if (!trailing) return false;
    std::string name;
    std::uint32_t first = number;
    for (const auto& p : pending_) {
        if (name.empty()) first = p.line;
        name += p.text;
    }
    if (name.empty()) first = number;
    name += trailing->head;
    if (name.empty()) return false;
    send_document();
    pending_.clear();
    auto assigned = assign_amounts(trailing->amounts);
    bool total = is_total_row(name);
    if (assigned.ambiguous)
        diagnose("ambiguous-amounts", Severity::Warning, ambiguous_message(total ? "合计" : name, trailing->tokens),
                 number);
    if (total) {  // wherever the table prints it: usually first, sometimes last
        info_.declared_total = assigned.amounts;
        info_.declared_total_line = first;
        saw_total_ = true;
        sink_.on_declared_total(assigned.amounts, first);
        return true;
    }
    Department d;
    d.name = name;
    d.line = first;
    d.declared_total = assigned.amounts;
    department_ = d.name;
    sink_.on_department(d);
    return true;
}

// Whether a row that would end the open project comes next: a line with amounts and
// a name (held lines, or text before the amounts). Ends the project first.

void LayoutReader::begin_project(std::string_view t, std::uint32_t number) {
    send_document();
    project_ = Project{};
    project_.index = ++index_;
    project_.department = !department_.empty() ? department_ : info_.department.value_or("");
    project_.location = Location{number, number, page_};
    goal_.clear();
    marks_.clear();
    state_ = State::Name;
    if (auto trailing = text::split_trailing_amounts(t)) {
        project_.name = trailing->head;
        set_amounts(trailing->amounts, trailing->tokens, number);
        state_ = State::Goal;
    } else {
        project_.name = t;
    }
}

void LayoutReader::name_line(std::string_view t, std::uint32_t number) {
    project_.location.end_line = number;
    if (starts_indicator_cell(t)) {
        state_ = State::Indicators;
        return append_indicators(t, number);
    }
    if (auto trailing = text::split_trailing_amounts(t)) {
        project_.name += trailing->head;
        set_amounts(trailing->amounts, trailing->tokens, number);
        state_ = State::Goal;
        return;
    }
    project_.name += t;
}

void LayoutReader::set_amounts(const std::vector<Money>& amounts, const std::vector<std::string_view>& tokens,
                               std::uint32_t number) {
    auto assigned = assign_amounts(amounts);
    project_.amounts = assigned.amounts;
    saw_amounts_ = true;
    if (assigned.ambiguous)
        diagnose("ambiguous-amounts", Severity::Warning, ambiguous_message(project_.name, tokens), number);
}

// Held lines (pending_) are lines that may be the name of the row that ends the
// open project: a department or 合计, settled by the amounts that follow. A name
// never holds a 。, so a line with one always belongs to the project.

void LayoutReader::goal_line(std::string_view t, std::uint32_t number) {
    if (starts_indicator_cell(t)) {
        flush_pending_into_goal();
        project_.location.end_line = number;
        state_ = State::Indicators;
        return append_indicators(t, number);
    }
    if (auto trailing = text::split_trailing_amounts(t)) {
        // A project without indicators, then a department row or 合计.
        if (!pending_.empty() || !trailing->head.empty()) return end_project_with_row(t, number);
        return unparsed(t, number, fmt::format("a second row of amounts in project {}", project_.index));
    }
    if (t.find(kFullStop) != std::string_view::npos) {
        flush_pending_into_goal();
        return add_goal(t, number);
    }
    if (goal_.empty() || goal_.ends_with(kFullStop) || !pending_.empty())
        return hold(t, number, [this](const Pending& p) { add_goal(p.text, p.line); });
    add_goal(t, number);
}

void LayoutReader::add_goal(std::string_view t, std::uint32_t number) {
    project_.location.end_line = number;
    if (goal_.empty()) project_.goal_line = number;
    goal_ += t;
}

void LayoutReader::flush_pending_into_goal() {
    for (const auto& p : pending_) add_goal(p.text, p.line);
    pending_.clear();
}

void LayoutReader::indicator_line(std::string_view t, std::uint32_t number) {
    // The last clause is over when it ends in 。 or has its 年度指标值 (a missing
    // 。 is a common slip). After it, a row name and amounts end the project.
    // (Asked only when a line could end the project: most lines go on a clause.)
    auto ended = [this] { return project_.indicators_text.ends_with(kFullStop) || last_clause_complete(); };
    if (auto trailing = text::split_trailing_amounts(t)) {
        bool named = !pending_.empty() || (!trailing->head.empty() && !continues_clause(trailing->head));
        if (named && (is_total_row(trailing->head) || ended())) return end_project_with_row(t, number);
        if (pending_.empty() && trailing->head.empty() && ended())
            return unparsed(t, number, "amounts with no row name");
    }
    if (continues_clause(t) || t.find(kFullStop) != std::string_view::npos) {
        flush_pending_as_indicators();
        return append_indicators(t, number);
    }
    if (!pending_.empty() || ended()) return hold(t, number, [this](const Pending& p) { settle_held(p); });
    append_indicators(t, number);
}

void LayoutReader::end_project_with_row(std::string_view t, std::uint32_t number) {
    // A name that shares its line with the amounts fit on one line: extractors put
    // a wrapped name's amounts on a line of their own. Held lines before it are the
    // project's, then.
    if (auto trailing = text::split_trailing_amounts(t); trailing && !trailing->head.empty()) {
        if (state_ == State::Goal) flush_pending_into_goal();
        else settle_pending_after_indicators();
    }
    end_project();
    take_row(t, number);
}

bool LayoutReader::is_total_row(std::string_view name) {
    std::string bare = without_spaces(name);
    return bare == "合计" || bare == "总计";
}

bool LayoutReader::continues_clause(std::string_view t) {
    if (starts_clause_text(t)) return true;
    for (std::string_view mark : {"；", ";", "，", ",", "：", ":", "。", "实施周期指标值", "年度指标值", "指标值"})
        if (t.starts_with(mark)) return true;
    return false;
}

// Whether the last clause has both its targets: then held lines after it are not
// the rest of a value, and go nowhere but into a warning.
bool LayoutReader::last_clause_complete() const {
    const std::string& s = project_.indicators_text;
    std::size_t period = s.rfind("实施周期指标值");
    std::size_t annual = s.rfind("年度指标值");
    return annual != std::string::npos && (period == std::string::npos || annual > period);
}

void LayoutReader::append_indicators(std::string_view t, std::uint32_t number) {
    if (project_.indicators_text.empty()) project_.indicators_line = number;
    marks_.push_back({project_.indicators_text.size(), number});
    project_.indicators_text += t;
    project_.location.end_line = number;
}

void LayoutReader::flush_pending_as_indicators() {
    for (const auto& p : pending_) append_indicators(p.text, p.line);
    pending_.clear();
}

// A held line after the indicators that no row claimed: the rest of an unfinished
// clause, or, after a complete one, text that belongs to no field.
void LayoutReader::settle_held(const Pending& p) {
    if (last_clause_complete()) unparsed(p.text, p.line, "text after the last indicator clause");
    else append_indicators(p.text, p.line);
}

void LayoutReader::settle_pending_after_indicators() {
    for (const auto& p : pending_) settle_held(p);
    pending_.clear();
}

void LayoutReader::flush_pending_as_unparsed() {
    for (const auto& p : pending_) unparsed(p.text, p.line, "not a department row (no amounts follow)");
    pending_.clear();
}

void LayoutReader::end_project() {
    Project& p = project_;
    set_project_name(p, p.name);
    if (!goal_.empty()) p.goal = goal_;
    indicator_diagnostics_.clear();
    parse_indicators(p.indicators_text, ClauseDialect::Layout, marks_, p.indicators, indicator_diagnostics_);
    if (p.name.empty())
        diagnose("unparsed-text", Severity::Warning, fmt::format("project {} has amounts but no name", p.index),
                 p.location.line);
    if (p.amounts.empty())
        diagnose("missing-amounts", Severity::Error,
                 fmt::format("project '{}' has no amounts (expected 总计 and its funding columns after the name)", p.name),
                 p.location.line);
    sink_.on_project(p);
    for (auto& d : indicator_diagnostics_) {
        d.project = p.index;
        sink_.on_diagnostic(d);
    }
    state_ = State::Top;
}

void LayoutReader::finish() {
    switch (state_) {
        case State::Top: flush_pending_as_unparsed(); break;
        case State::Name:
            diagnose("incomplete-project", Severity::Error,
                     fmt::format("the file ends inside project '{}', before its amounts", project_.name),
                     project_.location.line);
            end_project();
            break;
        case State::Goal:
            flush_pending_into_goal();
            diagnose("incomplete-project", Severity::Error,
                     fmt::format("the file ends inside project '{}', before its indicators", project_.name),
                     project_.location.line);
            end_project();
            break;
        case State::Indicators:
            settle_pending_after_indicators();
            if (!project_.indicators_text.ends_with(kFullStop))
                diagnose("incomplete-project", Severity::Error,
                         fmt::format("the file ends inside the indicators of project '{}' (the last clause does not "
                                     "end with 。)", project_.name),
                         project_.location.line);
            end_project();
            break;
    }
    send_document();
}

}  // namespace bpt
