#include "bpt/diff_report.h"

#include <fmt/format.h>

#include <functional>
#include <string>
#include <string_view>

#include "bpt/csv_writer.h"
#include "bpt/json.h"
#include "bpt/json_writer.h"
#include "bpt/printable.h"
#include "bpt/text.h"

namespace bpt::diff {

namespace {

const char* status_name(Status s) {
    switch (s) {
        case Status::Removed: return "removed";
        case Status::Added: return "added";
        case Status::Renamed: return "renamed";
        case Status::Changed: return "changed";
    }
    return "";
}

const char* indicator_status_name(IndicatorStatus s) {
    switch (s) {
        case IndicatorStatus::Added: return "added";
        case IndicatorStatus::Removed: return "removed";
        case IndicatorStatus::Changed: return "changed";
    }
    return "";
}

const IndicatorRecord& either(const IndicatorChange& c) { return c.new_indicator ? *c.new_indicator : *c.old_indicator; }

std::string label(const IndicatorRecord& i) {
    std::string s = i.level1.empty() ? "?" : i.level1;
    if (!i.level2.empty()) s += "/" + i.level2;
    return s + "/" + i.name;
}

std::string target_text(const std::optional<Target>& t) {
    if (!t || t->raw.empty()) return "(none)";
    return t->raw;
}

std::string money_text(const std::optional<Money>& m) { return m ? m->to_display() : "(empty)"; }

std::string change_text(const AmountChange& c) {
    std::string s = fmt::format("{} {} → {}", c.header, money_text(c.old_value), money_text(c.new_value));
    if (c.difference) {
        std::string d = c.difference->to_display();
        if (*c.difference > Money{}) d.insert(0, 1, '+');
        s += c.percent ? fmt::format(" ({}, {}%)", d, *c.percent) : fmt::format(" ({})", d);
    }
    return s;
}

// The two goals with what they share cut down to a little context, so that an edit
// of a word in a paragraph shows as that word.
struct GoalEdit {
    std::string before, removed, added, after;
};

std::size_t cp_start(std::string_view s, std::size_t at) {
    while (at > 0 && at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) --at;
    return at;
}

GoalEdit goal_edit(std::string_view a, std::string_view b) {
    std::size_t p = 0;
    while (p < a.size() && p < b.size() && a[p] == b[p]) ++p;
    p = cp_start(a, p);
    std::size_t s = 0;
    while (s < a.size() - p && s < b.size() - p && a[a.size() - 1 - s] == b[b.size() - 1 - s]) ++s;
    // Back to a character boundary in both.
    while (s > 0 && (static_cast<unsigned char>(a[a.size() - s]) & 0xC0) == 0x80) --s;
    constexpr std::size_t kContext = 12;  // characters
    auto tail = [&](std::string_view x) {  // the last kContext characters
        std::size_t at = x.size(), n = 0;
        while (at > 0 && n < kContext) {
            --at;
            if ((static_cast<unsigned char>(x[at]) & 0xC0) != 0x80) ++n;
        }
        return std::string(at > 0 ? "…" : "") + std::string(x.substr(at));
    };
    GoalEdit e;
    e.before = tail(a.substr(0, p));
    e.removed = text::ellipsize(a.substr(p, a.size() - s - p), 80);
    e.added = text::ellipsize(b.substr(p, b.size() - s - p), 80);
    e.after = text::ellipsize(a.substr(a.size() - s), kContext);
    return e;
}

// The tables' text (names, goals, targets) can hold control characters: a line is
// written through printable(), and the colours bpt adds are marked with 0xFF, a
// byte that UTF-8 text never holds (paths, which may, are made safe before), and
// become ESC only after that.
class Text {
public:
    Text(Output& out, bool color) : out_(out), color_(color) {}
    void line(std::string_view s) {
        std::string safe;
        for (std::size_t start = 0;;) {
            std::size_t mark = s.find(kMark, start);
            safe += printable(s.substr(start, mark == std::string_view::npos ? mark : mark - start));
            if (mark == std::string_view::npos) break;
            safe += '\x1b';
            start = mark + 1;
        }
        out_.write(safe);
        out_.write("\n");
    }
    std::string paint(std::string_view code, std::string_view s) const {
        if (!color_) return std::string(s);
        return fmt::format("{}[{}m{}{}[0m", kMark, code, s, kMark);
    }

private:
    static constexpr char kMark = '\xff';
    Output& out_;
    bool color_;
};

constexpr std::string_view kRed = "31", kGreen = "32", kYellow = "33", kBold = "1", kDim = "2";

void text_changes(Text& t, const ProjectDiff& d) {
    for (const auto& c : d.amounts) t.line("    " + change_text(c));
    if (d.goal_changed) {
        const auto& a = d.old_project->goal, &b = d.new_project->goal;
        if (!a || !b) {
            t.line(fmt::format("    绩效目标 {}", a ? t.paint(kRed, "removed") : t.paint(kGreen, "added")));
        } else {
            auto e = goal_edit(*a, *b);
            std::string removed = e.removed.empty() ? "" : t.paint(kRed, fmt::format("[-{}-]", e.removed));
            std::string added = e.added.empty() ? "" : t.paint(kGreen, fmt::format("{{+{}+}}", e.added));
            t.line(fmt::format("    绩效目标 {}{}{}{}", e.before, removed, added, e.after));
        }
    }
    for (const auto& c : d.indicators) {
        const auto& i = either(c);
        switch (c.status) {
            case IndicatorStatus::Added:
                t.line(fmt::format("    {} {}  {} / {}", t.paint(kGreen, "+ indicator"), label(i),
                                   target_text(i.period), target_text(i.annual)));
                break;
            case IndicatorStatus::Removed:
                t.line(fmt::format("    {} {}  {} / {}", t.paint(kRed, "- indicator"), label(i),
                                   target_text(i.period), target_text(i.annual)));
                break;
            case IndicatorStatus::Changed: {
                const auto &x = *c.old_indicator, &y = *c.new_indicator;
                std::string s = fmt::format("    {} {}", t.paint(kYellow, "~ indicator"), label(y));
                if (c.levels_changed) s += fmt::format("  level {} → {}", label(x), label(y));
                if (c.period_changed)
                    s += fmt::format("  实施周期 {} → {}", t.paint(kRed, target_text(x.period)),
                                     t.paint(kGreen, target_text(y.period)));
                if (c.annual_changed)
                    s += fmt::format("  年度 {} → {}", t.paint(kRed, target_text(x.annual)),
                                     t.paint(kGreen, target_text(y.annual)));
                t.line(s);
                break;
            }
        }
    }
}

std::string describe(const Table& t) {
    return fmt::format("{} ({}, {} projects{})", printable(t.path), t.dialect, t.projects.size(),
                       t.repeats ? fmt::format(", {} repeated rows counted once", t.repeats) : "");
}

// JSON ---------------------------------------------------------------------------

void json_money(JsonOut& j, const std::optional<Money>& m) {
    if (m) j.raw_number(m->to_string());
    else j.null();
}

void json_amount_changes(JsonOut& j, const std::vector<AmountChange>& changes) {
    j.begin_array();
    for (const auto& c : changes) {
        j.begin_object();
        j.key("column").string(c.column);
        j.key("old");
        json_money(j, c.old_value);
        j.key("new");
        json_money(j, c.new_value);
        j.key("difference");
        json_money(j, c.difference);
        j.key("percent");
        if (c.percent) j.raw_number(*c.percent->c_str() == '+' ? c.percent->substr(1) : *c.percent);
        else j.null();
        j.end_object();
    }
    j.end_array();
}

void json_table(JsonOut& j, const Table& t) {
    j.begin_object();
    j.key("path").string(t.path);
    j.key("dialect").string(t.dialect);
    j.key("projects").number(t.projects.size());
    j.key("repeats").number(t.repeats);
    j.end_object();
}

void json_target_change(JsonOut& j, const std::optional<Target>& a, const std::optional<Target>& b) {
    j.begin_object();
    j.key("old");
    write_target(j, a);
    j.key("new");
    write_target(j, b);
    j.end_object();
}

void json_indicator(JsonOut& j, const IndicatorChange& c) {
    const auto& i = either(c);
    j.begin_object();
    j.key("status").string(indicator_status_name(c.status));
    j.key("level1").string(i.level1);
    j.key("level2");
    if (i.level2.empty()) j.null();
    else j.string(i.level2);
    j.key("name").string(i.name);
    if (c.status == IndicatorStatus::Changed) {
        if (c.levels_changed) {
            j.key("old_level1").string(c.old_indicator->level1);
            j.key("old_level2").string(c.old_indicator->level2);
        }
        if (c.period_changed) {
            j.key("period");
            json_target_change(j, c.old_indicator->period, c.new_indicator->period);
        }
        if (c.annual_changed) {
            j.key("annual");
            json_target_change(j, c.old_indicator->annual, c.new_indicator->annual);
        }
    } else {
        j.key("period");
        write_target(j, i.period);
        j.key("annual");
        write_target(j, i.annual);
    }
    j.end_object();
}

// CSV ----------------------------------------------------------------------------

void csv_row(ByteBuffer& b, std::initializer_list<std::string_view> fields) {
    bool first = true;
    for (auto f : fields) {
        if (!first) b += ',';
        first = false;
        append_csv_field(b, f);
    }
    b.append("\r\n");
}

std::string plain(const std::optional<Money>& m) { return m ? m->to_string() : ""; }

}  // namespace

void write_text(Output& out, const Result& r, bool color) {
    if (r.same()) return;
    Text t(out, color);
    t.line(t.paint(kBold, "--- " + describe(r.old_table)));
    t.line(t.paint(kBold, "+++ " + describe(r.new_table)));
    if (!r.amounts_compared && !r.ignore.amounts && (r.old_table.has_amounts != r.new_table.has_amounts))
        t.line(t.paint(kDim, fmt::format("    amounts not compared: {} prints none",
                                         printable(r.old_table.has_amounts ? r.new_table.path : r.old_table.path))));
    if (!r.periods_compared && !r.ignore.indicators && !r.ignore.targets &&
        r.old_table.has_period != r.new_table.has_period)
        t.line(t.paint(kDim, fmt::format("    实施周期 values not compared: {} gives none",
                                         printable(r.old_table.has_period ? r.new_table.path : r.old_table.path))));
    if (!r.ignore.totals && r.old_table.declared_total.has_value() != r.new_table.declared_total.has_value() &&
        !(r.old_table.has_amounts && r.new_table.has_amounts))
        t.line(t.paint(kDim, fmt::format("    合计 not compared: {} prints none",
                                         printable(r.old_table.declared_total ? r.new_table.path : r.old_table.path))));
    if (r.renames_skipped)
        t.line(t.paint(kDim, fmt::format("    renamed? not looked for: {} removed × {} added projects are too many pairs",
                                         r.counts.removed, r.counts.added)));
    if (!r.totals.empty()) {
        t.line("");
        t.line(t.paint(kBold, "合计"));
        for (const auto& c : r.totals) t.line("    " + change_text(c));
    }
    Status last = Status::Changed;
    bool first = true;
    for (const auto& d : r.projects) {
        if (first || d.status != last) t.line("");
        first = false;
        last = d.status;
        switch (d.status) {
            case Status::Removed:
                t.line(fmt::format("{} {}  {}", t.paint(kRed, "- removed "), d.old_project->name,
                                   t.paint(kDim, fmt::format("(old {})", where(*d.old_project)))));
                break;
            case Status::Added:
                t.line(fmt::format("{} {}  {}", t.paint(kGreen, "+ added   "), d.new_project->name,
                                   t.paint(kDim, fmt::format("(new {})", where(*d.new_project)))));
                break;
            case Status::Renamed:
                t.line(fmt::format("{} {} → {}  {}", t.paint(kYellow, "? renamed?"), d.old_project->name,
                                   d.new_project->name,
                                   t.paint(kDim, fmt::format("(names {}% alike; old {}, new {})",
                                                             d.name_similarity, where(*d.old_project),
                                                             where(*d.new_project)))));
                text_changes(t, d);
                break;
            case Status::Changed:
                t.line(fmt::format("{} {}  {}", t.paint(kYellow, "~ changed "), d.new_project->name,
                                   t.paint(kDim, fmt::format("(old {}, new {})", where(*d.old_project),
                                                             where(*d.new_project)))));
                text_changes(t, d);
                break;
        }
    }
    t.line("");
    const auto& c = r.counts;
    t.line(fmt::format("{} added, {} removed, {} renamed?, {} changed, {} unchanged", c.added, c.removed, c.renamed,
                       c.changed, c.unchanged));
}

void write_json(Output& out, const Result& r, bool pretty) {
    JsonOut j(out, pretty);
    j.begin_object();
    j.key("old");
    json_table(j, r.old_table);
    j.key("new");
    json_table(j, r.new_table);
    j.key("summary").begin_object();
    j.key("added").number(r.counts.added);
    j.key("removed").number(r.counts.removed);
    j.key("renamed").number(r.counts.renamed);
    j.key("changed").number(r.counts.changed);
    j.key("unchanged").number(r.counts.unchanged);
    j.end_object();
    j.key("amounts_compared").boolean(r.amounts_compared);
    j.key("periods_compared").boolean(r.periods_compared);
    j.key("renames_looked_for").boolean(!r.ignore.renames && !r.renames_skipped);
    j.key("declared_total");
    json_amount_changes(j, r.totals);
    j.key("projects").begin_array();
    for (const auto& d : r.projects) {
        j.begin_object();
        j.key("status").string(status_name(d.status));
        j.key("name").string(d.new_project ? d.new_project->name : d.old_project->name);
        if (d.status == Status::Renamed) {
            j.key("old_name").string(d.old_project->name);
            j.key("name_similarity").number(static_cast<std::uint64_t>(d.name_similarity));
        }
        // A PDF has pages, not lines: each record says where it starts in its own terms.
        if (d.old_project && d.old_project->line) j.key("old_line").number(d.old_project->line);
        if (d.old_project && d.old_project->page) j.key("old_page").number(d.old_project->page);
        if (d.new_project && d.new_project->line) j.key("new_line").number(d.new_project->line);
        if (d.new_project && d.new_project->page) j.key("new_page").number(d.new_project->page);
        if (!d.old_project || !d.new_project) {
            // What was added or removed, so that a reader of the JSON alone can weigh it.
            const auto& p = d.new_project ? *d.new_project : *d.old_project;
            j.key("record").begin_object();
            j.key("amounts");
            write_amounts(j, p.amounts);
            j.key("goal");
            write_string_or_null(j, p.goal);
            j.key("indicators").number(p.indicators.size());
            j.end_object();
        } else {
            j.key("amounts");
            json_amount_changes(j, d.amounts);
            j.key("goal");
            if (d.goal_changed) {
                j.begin_object();
                j.key("old");
                write_string_or_null(j, d.old_project->goal);
                j.key("new");
                write_string_or_null(j, d.new_project->goal);
                j.end_object();
            } else {
                j.null();
            }
            j.key("indicators").begin_array();
            for (const auto& c : d.indicators) json_indicator(j, c);
            j.end_array();
        }
        j.end_object();
        out.maybe_flush();
    }
    j.end_array();
    j.end_object();
    j.end_document();
}

void for_each_change_row(const Result& r, const std::function<void(const ChangeRow&)>& emit) {
    for (const auto& c : r.totals)
        emit({"declared_total", "合计", "", "amount", c.column, plain(c.old_value), plain(c.new_value),
                    plain(c.difference), c.percent.value_or("")});
    for (const auto& d : r.projects) {
        const std::string& name = d.new_project ? d.new_project->name : d.old_project->name;
        const std::string old_name = d.status == Status::Renamed ? d.old_project->name : "";
        const char* st = status_name(d.status);
        // An added or removed project's 总计 in the new or old column, to weigh it by.
        if (d.status == Status::Added)
            emit({st, name, old_name, "project", "", "", plain(d.new_project->amounts.total), "", ""});
        else if (d.status == Status::Removed)
            emit({st, name, old_name, "project", "", plain(d.old_project->amounts.total), "", "", ""});
        else if (d.status == Status::Renamed)
            emit({st, name, old_name, "project", "", "", "", "", ""});
        for (const auto& c : d.amounts)
            emit({st, name, old_name, "amount", c.column, plain(c.old_value), plain(c.new_value),
                        plain(c.difference), c.percent.value_or("")});
        if (d.goal_changed)
            emit({st, name, old_name, "goal", "", d.old_project->goal.value_or(""),
                        d.new_project->goal.value_or(""), "", ""});
        for (const auto& c : d.indicators) {
            std::string item = label(either(c));
            switch (c.status) {
                case IndicatorStatus::Added:
                case IndicatorStatus::Removed: {
                    const auto& i = either(c);
                    bool added = c.status == IndicatorStatus::Added;
                    std::string v = target_text(i.period) + " / " + target_text(i.annual);
                    emit({st, name, old_name, added ? "indicator_added" : "indicator_removed", item,
                                added ? "" : v, added ? v : "", "", ""});
                    break;
                }
                case IndicatorStatus::Changed:
                    if (c.levels_changed)
                        emit({st, name, old_name, "indicator_level", item, label(*c.old_indicator),
                                    label(*c.new_indicator), "", ""});
                    if (c.period_changed)
                        emit({st, name, old_name, "indicator_period", item,
                                    target_text(c.old_indicator->period), target_text(c.new_indicator->period), "",
                                    ""});
                    if (c.annual_changed)
                        emit({st, name, old_name, "indicator_annual", item,
                                    target_text(c.old_indicator->annual), target_text(c.new_indicator->annual), "",
                                    ""});
                    break;
            }
        }
    }
}

void write_csv(Output& out, const Result& r, bool bom) {
    ByteBuffer& b = out.buffer();
    if (bom) b.append("\xEF\xBB\xBF");
    csv_row(b, {"status", "name", "old_name", "what", "item", "old", "new", "difference", "percent"});
    for_each_change_row(r, [&](const ChangeRow& c) {
        csv_row(b, {c.status, c.name, c.old_name, c.what, c.item, c.old_value, c.new_value, c.difference, c.percent});
        out.maybe_flush();
    });
}

}  // namespace bpt::diff
