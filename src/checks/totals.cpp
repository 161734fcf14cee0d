#include "bpt/checks/totals.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "bpt/checks/money.h"
#include "bpt/text.h"

namespace bpt::checks {

namespace {

// Money::checked_add, inline: four columns, two sums and two groups per project.
std::optional<Money> add(std::optional<Money> a, Money b) {
    if (!a) return b;
    std::int64_t r;
    if (__builtin_add_overflow(a->scaled(), b.scaled(), &r)) return std::nullopt;
    return Money::from_scaled(r, std::max(a->decimals(), b.decimals()));
}

// A name kept past its record, for messages (which are cut at 1,024 bytes anyway):
// bounded, so that what the check remembers per department and per amount does not
// grow with the names' length (a record may be megabytes).
constexpr std::size_t kKeptChars = 200;
std::string kept(std::string_view name) { return text::ellipsize(name, kKeptChars); }
// kept(name), into a string that keeps its buffer: a name of at most 200 bytes has
// at most 200 characters, so it is kept whole without counting.
void keep(std::string& out, std::string_view name) {
    if (name.size() <= kKeptChars) out.append(name);
    else out.append(kept(name));
}

// A declared total's row as the table prints it: `合计 9,246.72 9,246.72`.
std::string row_text(std::string_view name, const Amounts& a) {
    std::string out = kept(name);
    auto add = [&out](Money m) {
        out += ' ';
        out += m.to_display();
    };
    for (const auto& [column, label] : kColumns)
        if (const auto& m = a.*column) add(*m);
    for (Money m : a.unassigned) add(m);
    return out;
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

// `lines 165, 2193, …`, or `pages 3, 5` for a PDF's rows.
std::string join_lines(const std::vector<Location>& lines, std::uint32_t count) {
    bool pages = !lines.empty() && !lines.front().line && lines.front().page;
    std::string out = pages ? "pages " : "lines ";
    for (std::size_t i = 0; i < lines.size(); ++i)
        out += (i ? ", " : "") + std::to_string(pages ? lines[i].page : lines[i].line);
    if (count > lines.size()) out += ", …";
    return out;
}

// Only the first few repeat lines are named in messages; the count says the rest.
constexpr std::size_t kRepeatLinesKept = 5;
// Bounds the memory of the "a project of exactly the difference" hint on huge inputs.
constexpr std::size_t kAmountEntriesKept = 1 << 14;
constexpr std::size_t kAmountEntriesPerValue = 3;

}  // namespace

Totals::Totals(Context& cx) : cx_(cx) { grand_.label = "合计"; }

Totals::Group* Totals::group(std::uint32_t department) {
    return department && department <= departments_.size() ? &departments_[department - 1] : nullptr;
}

void Totals::declared_total(const Amounts& a, const Location& at) {
    grand_.declared = a;
    grand_.at = at;
    grand_.quote = row_text("合计", a);
    grand_.has_declared = true;
    // A table that prints its 合计 after the projects: compare with the largest seen.
    if (grand_.largest && a.total && *grand_.largest > *a.total && cx_.on(Rule::AmountOutOfRange) &&
        abs_diff(*grand_.largest, *a.total) > cx_.tolerance())
        cx_.report(Rule::AmountOutOfRange,
                   fmt::format("project '{}' ({}) amounts to {}, more than the 合计 of {}: one of the two is wrong",
                               grand_.largest_name, Context::place(grand_.largest_at), cx_.money(*grand_.largest),
                               cx_.money(*a.total)),
                   at, grand_.quote);
}

void Totals::department(const Department& d, const Facts& facts) {
    // A department row printed again (after a page break) keeps its first declaration.
    if (!facts.first) return;
    Group& g = departments_.emplace_back();
    g.label = fmt::format("the subtotal of {}", kept(d.name));
    g.quote = row_text(d.name, d.declared_total);
    g.declared = d.declared_total;
    g.at = d.location;
    g.has_declared = !d.declared_total.empty();
}

void Totals::Sums::add(const Amounts& a) {
    for (const auto& [column, name] : kColumns) {
        if (!(a.*column)) continue;
        auto sum = checks::add(amounts.*column, *(a.*column));
        if (!sum) overflow = true;
        else amounts.*column = sum;
    }
}

void Totals::add_to(Group& g, const Project& p, bool repeat) {
    g.all.add(p.amounts);
    ++g.projects;
    if (!p.amounts.unassigned.empty()) g.ambiguous = true;
    if (repeat) {
        ++g.repeats;
        if (g.repeat_lines.size() < kRepeatLinesKept) g.repeat_lines.push_back(p.location);
        if (p.amounts.total) g.repeat_total = g.repeat_total.checked_add(*p.amounts.total).value_or(g.repeat_total);
    } else {
        g.distinct.add(p.amounts);
    }
    if (p.amounts.total && (!g.largest || *p.amounts.total > *g.largest)) {
        g.largest = p.amounts.total;
        g.largest_at = p.location;
        g.largest_name.clear();
        keep(g.largest_name, p.name);
    }
}

void Totals::project(const Project& p, const Facts& facts) {
    Group* department = group(facts.department);
    add_to(grand_, p, facts.repeat);
    if (department) add_to(*department, p, facts.repeat);
    // Remember the first projects of each amount, for the total-mismatch hint.
    if (!facts.repeat && p.amounts.total && amount_list_.size() < kAmountEntriesKept && cx_.on(Rule::TotalMismatch)) {
        AmountSlot& slot = *amount_slot(p.amounts.total->scaled(), true);
        if (slot.count < kAmountEntriesPerValue) {
            auto name_at = static_cast<std::uint32_t>(amount_names_.size());
            keep(amount_names_, p.name);
            slot.entries[slot.count++] = static_cast<std::uint32_t>(amount_list_.size());
            amount_list_.push_back({p.location, department ? facts.department : 0, name_at,
                                    static_cast<std::uint32_t>(amount_names_.size() - name_at)});
        }
    }
    if (facts.repeat || !p.amounts.total || !cx_.on(Rule::AmountOutOfRange)) return;
    if (department && department->has_declared && department->declared.total)
        check_larger_than_declared(*department, *p.amounts.total, p);
    else if (grand_.has_declared && grand_.declared.total)
        check_larger_than_declared(grand_, *p.amounts.total, p);
}

Totals::AmountSlot* Totals::amount_slot(std::int64_t cents, bool insert) {
    auto index = [](std::int64_t key, std::size_t mask) {
        std::uint64_t h = static_cast<std::uint64_t>(key) * 0x9e3779b97f4a7c15ULL;
        return static_cast<std::size_t>(h ^ (h >> 32)) & mask;
    };
    if (insert && (amount_values_ + 1) * 2 > amount_slots_.size()) {
        std::vector<AmountSlot> slots(std::max<std::size_t>(64, amount_slots_.size() * 2));
        std::size_t mask = slots.size() - 1;
        for (const AmountSlot& s : amount_slots_) {
            if (!s.count) continue;
            std::size_t i = index(s.cents, mask);
            while (slots[i].count) i = (i + 1) & mask;
            slots[i] = s;
        }
        amount_slots_ = std::move(slots);
    }
    if (amount_slots_.empty()) return nullptr;
    std::size_t mask = amount_slots_.size() - 1;
    for (std::size_t i = index(cents, mask);; i = (i + 1) & mask) {
        AmountSlot& s = amount_slots_[i];
        if (s.count && s.cents == cents) return &s;
        if (!s.count) {
            if (!insert) return nullptr;
            ++amount_values_;
            s.cents = cents;
            return &s;
        }
    }
}

void Totals::check_larger_than_declared(const Group& g, Money total, const Project& p) {
    Money declared = *g.declared.total;
    if (total <= declared || abs_diff(total, declared) <= cx_.tolerance()) return;
    cx_.report(Rule::AmountOutOfRange,
               fmt::format("project '{}' ({}) amounts to {}, more than {} ({}, {}): one of the two is wrong",
                           p.name, Context::place(p.location), cx_.money(total), g.label, cx_.money(declared),
                           Context::place(g.at)),
               p.location, p.name, p.index);
}

void Totals::check(const Group& g) {
    if (!g.has_declared) return;
    struct Column {
        std::string_view name;
        Money declared, all, distinct;
        bool matches_without_repeats;
    };
    std::vector<Column> wrong;
    bool any_repeat_match = false;
    std::optional<Money> first_difference, first_distinct_difference;
    for (const auto& [column, name] : kColumns) {
        const auto& declared = g.declared.*column;
        if (!declared) continue;
        // Funding columns of rows whose numbers could not be placed are unknown.
        bool funding = column != &Amounts::total;
        if (funding && (g.ambiguous || !g.declared.unassigned.empty())) continue;
        if (g.all.overflow || g.distinct.overflow) {
            cx_.report(Rule::TotalMismatch,
                   fmt::format("{} cannot be checked: the sum of its projects' {} passes the largest amount bpt "
                               "adds exactly ({}); look for an amount with misplaced digits",
                               g.label, name, cx_.money(Money::from_scaled(std::numeric_limits<std::int64_t>::max(), 2))),
                   g.at, g.quote);
            return;
        }
        // A sum of no amounts is written like the total it is compared with (`0.00`).
        Money none = Money::from_scaled(0, declared->decimals());
        Money all = (g.all.amounts.*column).value_or(none);
        Money distinct = (g.distinct.amounts.*column).value_or(none);
        if (abs_diff(all, *declared) <= cx_.tolerance()) continue;
        bool without_repeats = g.repeats > 0 && abs_diff(distinct, *declared) <= cx_.tolerance();
        if (without_repeats) {
            any_repeat_match = true;
            continue;
        }
        wrong.push_back({name, *declared, all, distinct, false});
        if (!first_difference) {
            first_difference = all.checked_sub(*declared);
            if (g.repeats > 0) first_distinct_difference = distinct.checked_sub(*declared);
        }
    }
    if (!wrong.empty()) {
        std::string msg = fmt::format("{} does not add up:", g.label);
        auto more_or_less = [&](Money sum, Money declared) {
            return fmt::format("{} {} than declared", cx_.money(abs_diff(sum, declared)), sum > declared ? "more" : "less");
        };
        for (std::size_t k = 0, said = 0; k < wrong.size(); ++k, ++said) {
            // Columns with the same figures (总计 and 财政拨款, usually) are said once.
            std::string names(wrong[k].name);
            const Column& c = wrong[k];
            while (k + 1 < wrong.size() && wrong[k + 1].declared == c.declared && wrong[k + 1].all == c.all &&
                   wrong[k + 1].distinct == c.distinct)
                names += fmt::format(" and {}", wrong[++k].name);
            msg += fmt::format("{} {} {} declared, but the {} under it {} to {}, {}", said ? ";" : "", names,
                               cx_.money(c.declared), plural(g.projects, "project", "projects"),
                               g.projects == 1 ? "amounts" : "sum", cx_.money(c.all), more_or_less(c.all, c.declared));
            if (g.repeats > 0)
                msg += fmt::format(" (without the {}: {}, {})", plural(g.repeats, "exact repeat", "exact repeats"),
                                   cx_.money(c.distinct), more_or_less(c.distinct, c.declared));
        }
        // A total that is off by exactly one project's amount usually means that
        // project is counted in one place and not the other.
        std::vector<std::string> hints;
        for (auto diff : {first_difference, first_distinct_difference}) {
            if (!diff) continue;
            Money d = abs_diff(*diff, Money());
            const AmountSlot* slot = amount_slot(d.scaled(), false);
            if (!slot) continue;
            for (std::uint32_t e = 0; e < slot->count; ++e) {
                const AmountSeen& seen = amount_list_[slot->entries[e]];
                if (&g != &grand_ && (seen.department == 0 || &g != &departments_[seen.department - 1])) continue;
                std::string hint = fmt::format("project '{}' ({})",
                                               std::string_view(amount_names_).substr(seen.name_at, seen.name_size),
                                               Context::place(seen.at));
                if (std::find(hints.begin(), hints.end(), hint) == hints.end()) hints.push_back(hint);
            }
        }
        if (!hints.empty()) {
            std::string names;
            for (std::size_t k = 0; k < hints.size(); ++k) names += (k ? ", " : "") + hints[k];
            msg += fmt::format(". {} exactly the difference: check whether {} belongs in this total",
                               hints.size() == 1 ? names + " amounts to" : names + " amount to",
                               hints.size() == 1 ? "it" : "one of them");
        } else {
            msg += ": find the project whose amount is wrong or missing, or correct the total";
        }
        cx_.report(Rule::TotalMismatch, std::move(msg), g.at, g.quote);
        return;
    }
    if (any_repeat_match && g.declared.total)
        cx_.report(Rule::TotalMatchesWithoutRepeats,
               fmt::format("{} ({}) equals the sum of its {} distinct projects: the {} ({}, {} in all) {} "
                           "printed again, not counted twice",
                           g.label, cx_.money(*g.declared.total), g.projects - g.repeats,
                           plural(g.repeats, "exact repeat", "exact repeats"), join_lines(g.repeat_lines, g.repeats),
                           cx_.money(g.repeat_total), g.repeats == 1 ? "is" : "are"),
               g.at, g.quote);
}

void Totals::end() {
    if (!cx_.on(Rule::TotalMismatch) && !cx_.on(Rule::TotalMatchesWithoutRepeats)) return;
    check(grand_);
    for (const auto& g : departments_) check(g);
}

}  // namespace bpt::checks
