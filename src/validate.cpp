#include "bpt/validate.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <array>
#include <functional>

#include "bpt/text.h"

namespace bpt {

namespace {

// ---------------------------------------------------------------------------------
// The rule registry. Reader and grammar rules are listed too, so that --disable and
// --severity reach them and `bpt rules` is the whole list.



// ---------------------------------------------------------------------------------
// The indicator framework (docs/domain.md). Names are compared without a trailing
// 指标, since tables write both `22-社会效益` and `11-数量指标`.

struct FrameworkLevel {
    std::string_view code;
    std::string_view name;     // without 指标
    std::string_view display;  // as the framework prints it
};

constexpr std::array<FrameworkLevel, 3> kLevel1 = {{
    {"1", "产出", "1-产出指标"},
    {"2", "效益", "2-效益指标"},
    {"3", "满意度", "3-满意度指标"},
}};

constexpr std::array<FrameworkLevel, 9> kLevel2 = {{
    {"11", "数量", "11-数量指标"},
    {"12", "质量", "12-质量指标"},
    {"13", "时效", "13-时效指标"},
    {"14", "成本", "14-成本指标"},
    {"21", "经济效益", "21-经济效益"},
    {"22", "社会效益", "22-社会效益"},
    {"23", "生态效益", "23-生态效益"},
    {"24", "可持续影响", "24-可持续影响"},
    {"31", "服务对象满意度", "31-服务对象满意度"},
}};

// The 2021 guidance adds 成本指标 as a level of its own; systems number it and its
// level-2 names differently, so only its names are known.
constexpr std::string_view kCostLevel1 = "成本";

std::string_view bare_name(std::string_view name) {
    name = text::trim(name);
    if (name.ends_with("指标") && name.size() > std::string_view("指标").size())
        name.remove_suffix(std::string_view("指标").size());
    return text::trim(name);
}

template <std::size_t N>
const FrameworkLevel* by_code(const std::array<FrameworkLevel, N>& levels, std::string_view code) {
    for (const auto& l : levels)
        if (l.code == code) return &l;
    return nullptr;
}

// `bare`: a name without its 指标 (bare_name).
template <std::size_t N>
const FrameworkLevel* by_name(const std::array<FrameworkLevel, N>& levels, std::string_view bare) {
    for (const auto& l : levels)
        if (l.name == bare) return &l;
    return nullptr;
}

std::string level_text(const Level& l) { return l.code.empty() ? l.name : l.code + "-" + l.name; }

// What is wrong with a clause's level codes, in words; empty when they fit the
// framework. Most clauses fit, so the name lookups that only messages need are
// done only for the clauses that do not.
std::vector<std::string> code_problems(const Level& l1, const std::optional<Level>& level2) {
    std::vector<std::string> problems;
    std::string_view n1 = bare_name(l1.name);
    const FrameworkLevel* f1 = l1.code.empty() ? nullptr : by_code(kLevel1, l1.code);
    bool cost_level = n1 == kCostLevel1;
    if (f1 && n1 != f1->name) {
        problems.push_back(fmt::format("level-1 code {} is {} in the framework, not {}", l1.code, f1->display, l1.name));
    } else if (!f1 && !l1.code.empty()) {
        if (const FrameworkLevel* named1 = by_name(kLevel1, n1))
            problems.push_back(fmt::format("{} is level-1 code {}, not {}", l1.name, named1->code, l1.code));
        else if (!cost_level)
            problems.push_back(fmt::format("level-1 code {} ({}) is not in the framework (1-产出指标, 2-效益指标, "
                                           "3-满意度指标, or the 成本指标 level)",
                                           l1.code, l1.name));
    }
    if (!level2) return problems;
    const Level& l2 = *level2;
    std::string_view n2 = bare_name(l2.name);
    const FrameworkLevel* f2 = l2.code.empty() ? nullptr : by_code(kLevel2, l2.code);
    if (!l1.code.empty() && !l2.code.empty() && l2.code.front() != l1.code.front()) {
        // The level-2 code's first digit is its level-1 code.
        const FrameworkLevel* owner = by_code(kLevel1, l2.code.substr(0, 1));
        problems.push_back(fmt::format("level-2 code {} belongs under level-1 code {}{}, not under {}: write `{}；{}`",
                                       l2.code, l2.code.front(), owner ? fmt::format(" ({})", owner->display) : "",
                                       level_text(l1), owner ? owner->display : level_text(l1), level_text(l2)));
    }
    if (f2 && n2 != f2->name) {
        const FrameworkLevel* named2 = by_name(kLevel2, n2);
        problems.push_back(fmt::format("level-2 code {} is {} in the framework, not {}{}", l2.code, f2->display,
                                       l2.name, named2 ? fmt::format(" ({} is {})", l2.name, named2->display) : ""));
    } else if (!f2 && !l2.code.empty()) {
        // Under the 成本指标 level, or one the framework lacks (reported above), any code goes.
        if (!cost_level && (f1 || by_name(kLevel1, n1))) {
            const FrameworkLevel* named2 = by_name(kLevel2, n2);
            problems.push_back(fmt::format("level-2 code {} ({}) is not in the framework{}", l2.code, l2.name,
                                           named2 ? fmt::format(": {} is {}", l2.name, named2->display) : ""));
        }
    } else if (l1.code.empty() && l2.code.empty()) {
        // Without codes the names still say where a level-2 belongs.
        const FrameworkLevel* named1 = by_name(kLevel1, n1);
        const FrameworkLevel* named2 = by_name(kLevel2, n2);
        if (named1 && named2 && named2->code.front() != named1->code.front())
            problems.push_back(fmt::format("{} belongs under {}, not under {}", l2.name,
                                           kLevel1[static_cast<std::size_t>(named2->code.front() - '1')].display,
                                           l1.name));
    }
    return problems;
}

// Which category a clause's level 1 puts it in, by name first (the export dialect has
// no codes), else by code.
enum class Category { Output, Effect, Other };

Category category_of(const Level& l1) {
    std::string_view n = bare_name(l1.name);
    if (n.starts_with("产出")) return Category::Output;
    if (n.starts_with("效益")) return Category::Effect;
    if (!n.empty()) return Category::Other;
    if (l1.code == "1") return Category::Output;
    if (l1.code == "2") return Category::Effect;
    return Category::Other;
}

// ---------------------------------------------------------------------------------
// Target numbers are exact ASCII decimals ("3619", "0.5", "-5"), compared exactly.

bool all_zero(std::string_view digits) {
    return std::all_of(digits.begin(), digits.end(), [](char c) { return c == '0' || c == '.'; });
}

int compare_magnitude(std::string_view a, std::string_view b) {
    auto split = [](std::string_view s) {
        std::size_t dot = s.find('.');
        std::string_view whole = s.substr(0, dot);
        std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
        while (whole.size() > 1 && whole.front() == '0') whole.remove_prefix(1);
        return std::pair{whole, frac};
    };
    auto [wa, fa] = split(a);
    auto [wb, fb] = split(b);
    if (wa.size() != wb.size()) return wa.size() < wb.size() ? -1 : 1;
    if (int c = wa.compare(wb)) return c < 0 ? -1 : 1;
    for (std::size_t i = 0; i < std::max(fa.size(), fb.size()); ++i) {
        char x = i < fa.size() ? fa[i] : '0';
        char y = i < fb.size() ? fb[i] : '0';
        if (x != y) return x < y ? -1 : 1;
    }
    return 0;
}

int compare_decimal(std::string_view a, std::string_view b) {
    bool na = a.starts_with('-'), nb = b.starts_with('-');
    if (na) a.remove_prefix(1);
    if (nb) b.remove_prefix(1);
    if (all_zero(a)) na = false;
    if (all_zero(b)) nb = false;
    if (na != nb) return na ? -1 : 1;
    int m = compare_magnitude(a, b);
    return na ? -m : m;
}

bool is_negative(std::string_view number) { return compare_decimal(number, "0") < 0; }

// Growth and change rates may well be negative or above 100%; shares and
// satisfaction cannot.
bool names_a_change(std::string_view name) {
    for (std::string_view w : {"增长", "增幅", "增速", "下降", "降低", "减少", "变化", "变动"})
        if (name.find(w) != std::string_view::npos) return true;
    return false;
}

// Units of quantities that add up over the years: counts, not ratios or scores.
bool is_additive_unit(std::string_view unit) {
    if (unit == "%" || unit == "‰" || unit == "分" || unit == "倍") return false;
    return unit.find('/') == std::string_view::npos;
}

bool is_upper_bound(Comparator op) { return op == Comparator::Lt || op == Comparator::Le; }

// ---------------------------------------------------------------------------------
// Hashes for the duplicate rules, so the validator remembers a few words per
// project instead of the project: 64 bits over all fields decide a repeat; the
// per-field hashes only say what differs, so 32 of their bits are kept.

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
    // splitmix64 finaliser over the running value: order-sensitive and well spread.
    std::uint64_t z = h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t hash_text(std::string_view s) { return std::hash<std::string_view>{}(s); }

std::uint64_t hash_money(std::uint64_t h, const std::optional<Money>& m) {
    return m ? mix(mix(h, 1), static_cast<std::uint64_t>(m->cents())) : mix(h, 0);
}

std::uint64_t hash_amounts(const Amounts& a) {
    std::uint64_t h = 0x61;
    for (const auto* m : {&a.total, &a.fiscal, &a.fiscal_special, &a.other}) h = hash_money(h, *m);
    for (Money m : a.unassigned) h = mix(h, static_cast<std::uint64_t>(m.cents()));
    return mix(h, a.unassigned.size());
}

std::uint64_t hash_goal(const std::optional<std::string>& goal) {
    return goal ? mix(1, hash_text(*goal)) : 0;
}

// ---------------------------------------------------------------------------------
// Money

constexpr std::array<std::pair<std::optional<Money> Amounts::*, std::string_view>, 4> kColumns = {{
    {&Amounts::total, "总计"},
    {&Amounts::fiscal, "财政拨款"},
    {&Amounts::fiscal_special, "财政专户拨款"},
    {&Amounts::other, "其他资金"},
}};

std::optional<Money> add(std::optional<Money> a, Money b) {
    if (!a) return b;
    return a->checked_add(b);
}

Money abs_diff(Money a, Money b) {
    auto d = a >= b ? a.checked_sub(b) : b.checked_sub(a);
    return d.value_or(Money::from_cents(INT64_MAX));
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string join_lines(const std::vector<std::uint32_t>& lines, std::uint32_t count) {
    std::string out;
    for (std::uint32_t l : lines) out += (out.empty() ? "" : ", ") + std::to_string(l);
    if (count > lines.size()) out += ", …";
    return out;
}

// Only the first few repeat lines are named in messages; the count says the rest.
constexpr std::size_t kRepeatLinesKept = 5;
// Bounds the memory of the "a project of exactly the difference" hint on huge inputs.
constexpr std::size_t kAmountEntriesKept = 1 << 14;
constexpr std::size_t kAmountEntriesPerValue = 3;

}  // namespace

// ---------------------------------------------------------------------------------

ValidationOptions reader_rules_only() {
    ValidationOptions options;
    for (const auto& r : all_rules())
        if (r.stage == RuleStage::Validator) options.disabled.insert(std::string(r.id));
    return options;
}

std::vector<std::string> unknown_rules(const ValidationOptions& options) {
    std::vector<std::string> unknown;
    for (const auto& id : options.disabled)
        if (!find_rule(id)) unknown.push_back(id);
    for (const auto& [id, severity] : options.severities)
        if (!find_rule(id) && std::find(unknown.begin(), unknown.end(), id) == unknown.end()) unknown.push_back(id);
    return unknown;
}

// Open addressing with linear probing over slots that hold the upper half of the
// key and an entry's position, so a miss costs one cache line and a hit two; a
// node-based map cost a malloc and more misses per project, a third of the
// validator's time. Keys are already well-mixed hashes.
class Validator::NameIndex {
public:
    // The entry for `key`, inserting `fresh` when there is none and the index is
    // not full; nullptr when it is full and `key` is not in it.
    const NameSeen* find_or_insert(std::uint64_t key, const NameSeen& fresh, bool& inserted) {
        inserted = false;
        if (entries_.size() < kMaxNames && (entries_.size() + 1) * 2 > slots_.size()) grow();
        std::size_t mask = slots_.size() - 1;
        auto tag = static_cast<std::uint32_t>(key >> 32);
        for (std::size_t i = key & mask;; i = (i + 1) & mask) {
            std::uint64_t slot = slots_[i];
            if (slot == 0) {
                if (entries_.size() >= kMaxNames) return nullptr;
                entries_.push_back({key, fresh});
                slots_[i] = std::uint64_t{tag} << 32 | entries_.size();
                inserted = true;
                return &entries_.back().second;
            }
            if (static_cast<std::uint32_t>(slot >> 32) == tag) {
                auto& entry = entries_[(slot & 0xffffffffu) - 1];
                if (entry.first == key) return &entry.second;
            }
        }
    }
    bool full() const { return entries_.size() >= kMaxNames; }

    // Names remembered at most: about 7 MiB of index, so that memory stays bounded
    // whatever the input. Real tables have hundreds of projects; a file with more
    // than this is checked for repeats of its first kMaxNames names (and says so).
    static constexpr std::size_t kMaxNames = 1 << 17;

private:
    void grow() {
        std::vector<std::uint64_t> slots(std::max<std::size_t>(64, slots_.size() * 2), 0);
        std::size_t mask = slots.size() - 1;
        for (std::size_t e = 0; e < entries_.size(); ++e) {
            std::uint64_t key = entries_[e].first;
            std::size_t i = key & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = (key >> 32) << 32 | (e + 1);
        }
        slots_ = std::move(slots);
    }

    std::vector<std::uint64_t> slots_;  // 0: empty; else key's upper 32 bits, then 1 + entry index
    std::vector<std::pair<std::uint64_t, NameSeen>> entries_;
};

Validator::~Validator() = default;

Validator::Validator(Sink& next, ValidationOptions options)
    : FilterSink(next), options_(std::move(options)), name_seen_(std::make_unique<NameIndex>()) {
    grand_.label = "合计";
    // Looked up once: the checks run for every project and indicator.
    auto on = [this](const char* rule) { return !options_.disabled.contains(rule); };
    on_ = {.total = on("total-mismatch"),
           .total_note = on("total-matches-without-repeats"),
           .row_sum = on("row-sum-mismatch"),
           .range = on("amount-out-of-range"),
           .duplicate = on("duplicate-project"),
           .conflicting = on("conflicting-duplicate"),
           .indicators = on("missing-indicators"),
           .goal = on("missing-goal"),
           .category = on("missing-indicator-category"),
           .codes = on("indicator-code-mismatch"),
           .target_range = on("target-out-of-range"),
           .period_annual = on("target-period-annual-inconsistent")};
}

void Validator::report(std::string_view rule, std::string message, std::uint32_t line, std::uint32_t project) {
    const RuleInfo* info = find_rule(rule);
    on_diagnostic(Diagnostic{std::string(rule), info ? info->severity : Severity::Error, std::move(message), line,
                             project});
}

void Validator::on_diagnostic(const Diagnostic& d) {
    if (d.rule == "incomplete-project" && d.project) incomplete_project_ = d.project;
    if (options_.disabled.contains(d.rule)) return;
    auto it = options_.severities.find(d.rule);
    if (it == options_.severities.end() || it->second == d.severity) return FilterSink::on_diagnostic(d);
    Diagnostic copy = d;
    copy.severity = it->second;
    FilterSink::on_diagnostic(copy);
}

std::string Validator::money(Money m) const { return m.to_display() + unit_; }

std::string Validator::project_ref(const Project& p) const {
    return fmt::format("project '{}' (line {})", p.name, p.location.line);
}

void Validator::on_document(const DocumentInfo& d) {
    if (d.amount_unit) unit_ = " " + *d.amount_unit;
    FilterSink::on_document(d);
}

void Validator::on_declared_total(const Amounts& a, std::uint32_t line) {
    FilterSink::on_declared_total(a, line);
    grand_.declared = a;
    grand_.line = line;
    grand_.has_declared = true;
    check_row(a, nullptr, "合计", line);
    // A table that prints its 合计 after the projects: compare with the largest seen.
    if (grand_.largest && a.total && *grand_.largest > *a.total && on_.range &&
        abs_diff(*grand_.largest, *a.total) > options_.tolerance)
        report("amount-out-of-range",
               fmt::format("project '{}' (line {}) amounts to {}, more than the 合计 of {}: one of the two is wrong",
                           grand_.largest_name, grand_.largest_line, money(*grand_.largest), money(*a.total)),
               line);
}

void Validator::on_department(const Department& d) {
    FilterSink::on_department(d);
    // A department row printed again (after a page break) keeps its first declaration.
    if (department_index_.contains(d.name)) return;
    department_index_.emplace(d.name, departments_.size());
    Group& g = departments_.emplace_back();
    g.label = fmt::format("the subtotal of {}", d.name);
    g.declared = d.declared_total;
    g.line = d.line;
    g.has_declared = !d.declared_total.empty();
    check_row(d.declared_total, nullptr, g.label, d.line);
}

void Validator::check_row(const Amounts& a, const Project* p, std::string_view label, std::uint32_t line) {
    // Formatted only for a finding: this runs on every row.
    auto what = [&] { return p ? project_ref(*p) : std::string(label); };
    std::uint32_t project = p ? p->index : 0;
    if (on_.range) {
        for (const auto& [column, name] : kColumns)
            if (const auto& m = a.*column; m && *m < Money())
                report("amount-out-of-range",
                       fmt::format("{} has a negative {} ({}): amounts in this table cannot be negative", what(), name,
                                   money(*m)),
                       line, project);
        for (Money m : a.unassigned)
            if (m < Money())
                report("amount-out-of-range",
                       fmt::format("{} has a negative amount ({}): amounts in this table cannot be negative", what(),
                                   money(m)),
                       line, project);
    }
    // "All present": the reader placed every number in a column, and some funding
    // column is among them. A lone 总计 has nothing to add up.
    if (!on_.row_sum || !a.total || !a.unassigned.empty()) return;
    if (!a.fiscal && !a.fiscal_special && !a.other) return;
    std::optional<Money> sum = Money();
    for (std::size_t c = 1; c < kColumns.size(); ++c)
        if (const auto& m = a.*kColumns[c].first; m && sum) sum = sum->checked_add(*m);
    if (!sum || abs_diff(*sum, *a.total) <= options_.tolerance) return;
    std::string parts;
    for (std::size_t c = 1; c < kColumns.size(); ++c)
        if (const auto& m = a.*kColumns[c].first)
            parts += fmt::format("{}{} {}", parts.empty() ? "" : " + ", kColumns[c].second, m->to_display());
    report("row-sum-mismatch",
           fmt::format("{}: 总计 {} differs from the sum of its funding columns, {} ({}), by {}: correct 总计 "
                       "or the column that is wrong",
                       what(), money(*a.total), money(*sum), parts, money(abs_diff(*sum, *a.total))),
           line, project);
}

void Validator::Sums::add(const Amounts& a) {
    for (const auto& [column, name] : kColumns) {
        if (!(a.*column)) continue;
        auto sum = bpt::add(amounts.*column, *(a.*column));
        if (!sum) overflow = true;
        else amounts.*column = sum;
    }
}

void Validator::add_to(Group& g, const Project& p, bool repeat) {
    g.all.add(p.amounts);
    ++g.projects;
    if (!p.amounts.unassigned.empty()) g.ambiguous = true;
    if (repeat) {
        ++g.repeats;
        if (g.repeat_lines.size() < kRepeatLinesKept) g.repeat_lines.push_back(p.location.line);
        if (p.amounts.total) g.repeat_total = g.repeat_total.checked_add(*p.amounts.total).value_or(g.repeat_total);
    } else {
        g.distinct.add(p.amounts);
    }
    if (p.amounts.total && (!g.largest || *p.amounts.total > *g.largest)) {
        g.largest = p.amounts.total;
        g.largest_line = p.location.line;
        g.largest_name = p.name;
    }
}

void Validator::on_project(const Project& p) {
    FilterSink::on_project(p);
    bool repeat = check_duplicates(p);
    Group* department = nullptr;
    if (auto it = department_index_.find(p.department); it != department_index_.end())
        department = &departments_[it->second];
    add_to(grand_, p, repeat);
    if (department) add_to(*department, p, repeat);
    // Remember the first projects of each amount, for the total-mismatch hint.
    if (!repeat && p.amounts.total && amount_entries_ < kAmountEntriesKept && on_.total) {
        auto& seen = amount_seen_[p.amounts.total->cents()];
        if (seen.size() < kAmountEntriesPerValue) {
            auto department_id = department ? static_cast<std::uint32_t>(department - departments_.data()) + 1 : 0;
            seen.push_back({p.location.line, department_id, p.name});
            ++amount_entries_;
        }
    }
    // An exact repeat raised its findings at its first appearance already.
    if (repeat) return;
    check_row(p.amounts, &p, {}, p.location.line);
    if (p.amounts.total && on_.range) {
        if (department && department->has_declared && department->declared.total)
            check_larger_than_declared(*department, *p.amounts.total, p.name, p.location.line, p.index);
        else if (grand_.has_declared && grand_.declared.total)
            check_larger_than_declared(grand_, *p.amounts.total, p.name, p.location.line, p.index);
    }
    // A project cut off by the end of the file lacks its goal or indicators because
    // the file is truncated; incomplete-project says so once.
    if (p.index == incomplete_project_) return;
    check_content(p);
}

bool Validator::check_duplicates(const Project& p) {
    std::uint64_t name_key =
        mix(mix(mix(0x70, hash_text(p.department)), p.budget_unit ? hash_text(*p.budget_unit) : 0), hash_text(p.name));
    std::uint64_t amounts = hash_amounts(p.amounts);
    std::uint64_t goal = hash_goal(p.goal);
    std::uint64_t indicators = hash_text(p.indicators_text);

    std::uint64_t content = mix(mix(mix(name_key, amounts), goal), indicators);
    NameSeen seen{content,
                  p.location.line,
                  static_cast<std::uint32_t>(amounts),
                  static_cast<std::uint32_t>(goal),
                  static_cast<std::uint32_t>(indicators),
                  p.amounts.total ? p.amounts.total->cents() : NameSeen::kNoTotal};
    bool new_name = false;
    const NameSeen* found = name_seen_->find_or_insert(name_key, seen, new_name);
    if (!found) {
        if (!names_full_reported_) {
            names_full_reported_ = true;
            report("duplicate-check-limit",
                   fmt::format("more than {} distinct project names: from {} on, repeats and conflicting duplicates "
                               "are only found for the names seen before it, to keep memory bounded",
                               NameIndex::kMaxNames, project_ref(p)),
                   p.location.line, p.index);
        }
        return false;
    }
    if (new_name) return false;
    const NameSeen& e = *found;
    std::uint32_t repeat_of = 0;
    if (e.content == content) {
        repeat_of = e.line;
    } else {
        // A second version under one name is rare; its own repeats are found here.
        if (auto other = other_versions_.find(content); other != other_versions_.end())
            repeat_of = other->second;
        else if (other_versions_.size() < NameIndex::kMaxNames)
            other_versions_.emplace(content, p.location.line);
    }
    if (repeat_of) {
        if (on_.duplicate)
            report("duplicate-project",
                   fmt::format("{} repeats the project at line {} exactly (same amounts, goal and indicators), "
                               "usually a row printed again after a page break: delete the repeat",
                               project_ref(p), repeat_of),
                   p.location.line, p.index);
        return true;
    }
    if (!on_.conflicting) return false;
    std::vector<std::string> differences;
    if (e.amounts != seen.amounts) {
        if (e.total_cents != NameSeen::kNoTotal && p.amounts.total && e.total_cents != p.amounts.total->cents())
            differences.push_back(fmt::format("amounts ({} here, {} there)", money(*p.amounts.total),
                                              money(Money::from_cents(e.total_cents))));
        else
            differences.push_back("amounts");
    }
    if (e.goal != seen.goal) differences.push_back("goal (绩效目标)");
    if (e.indicators != seen.indicators) differences.push_back("indicators (绩效指标)");
    std::string what;
    for (std::size_t i = 0; i < differences.size(); ++i)
        what += (i == 0 ? "" : i + 1 == differences.size() ? " and " : ", ") + differences[i];
    report("conflicting-duplicate",
           fmt::format("{} has the same name as the project at line {} but different {}: keep the right one, or "
                       "tell the two apart in the name (e.g. by the town in brackets)",
                       project_ref(p), e.line, what),
           p.location.line, p.index);
    return false;
}

void Validator::check_larger_than_declared(const Group& g, Money total, std::string_view name, std::uint32_t line,
                                           std::uint32_t project) {
    Money declared = *g.declared.total;
    if (total <= declared || abs_diff(total, declared) <= options_.tolerance) return;
    report("amount-out-of-range",
           fmt::format("project '{}' (line {}) amounts to {}, more than {} ({}, line {}): one of the two is wrong",
                       name, line, money(total), g.label, money(declared), g.line),
           line, project);
}

void Validator::check_content(const Project& p) {
    if (on_.goal && (!p.goal || text::trim(*p.goal).empty()))
        report("missing-goal",
               fmt::format("{} has no performance goal (绩效目标): state what the money is to achieve", project_ref(p)),
               p.location.line, p.index);
    if (p.indicators.empty()) {
        if (on_.indicators)
            report("missing-indicators",
                   fmt::format("{} has no performance indicators (绩效指标): every project needs at least one, "
                               "with its targets",
                               project_ref(p)),
                   p.location.line, p.index);
        return;
    }
    if (on_.category) {
        bool output = false, effect = false, unreadable = false;
        for (const auto& i : p.indicators) {
            if (!i.level1) {
                unreadable = true;
                continue;
            }
            Category c = category_of(*i.level1);
            output |= c == Category::Output;
            effect |= c == Category::Effect;
        }
        // A clause the grammar could not read may be the missing one; it is already
        // reported as indicator-malformed.
        if (!unreadable && (!output || !effect)) {
            std::string_view missing = !output && !effect ? "neither an output (产出指标) nor an effect (效益指标) indicator"
                                       : !output           ? "no output indicator (产出指标)"
                                                           : "no effect indicator (效益指标)";
            report("missing-indicator-category",
                   fmt::format("{} has {}: budget rules expect every project to promise both outputs and effects",
                               project_ref(p), missing),
                   p.location.line, p.index);
        }
    }
    for (const auto& i : p.indicators) check_indicator(p, i);
}

void Validator::check_indicator(const Project& p, const Indicator& i) {
    std::uint32_t line = i.line ? i.line : p.location.line;
    // Formatted only for a finding: this runs on every indicator.
    auto where = [&] {
        return fmt::format("{}, indicator {} ({})", project_ref(p), i.seq, i.name.empty() ? i.raw : i.name);
    };

    if (i.level1 && on_.codes) {
        const Level& l1 = *i.level1;
        std::vector<std::string> problems = code_problems(l1, i.level2);
        if (!problems.empty()) {
            std::string all;
            for (const auto& s : problems) all += (all.empty() ? "" : "; ") + s;
            report("indicator-code-mismatch",
                   fmt::format("{}: `{}{}`: {}", where(), level_text(l1), i.level2 ? "；" + level_text(*i.level2) : "",
                               all),
                   line, p.index);
        }
    }

    if (on_.target_range) {
        std::vector<std::string> problems;
        for (const auto& [target, label] : {std::pair{&i.period, "实施周期指标值"}, std::pair{&i.annual, "年度指标值"}}) {
            // A tolerance (±3%) is a width around a nominal value, not a value itself.
            if (!*target || (*target)->kind != TargetKind::Numeric || (*target)->op == Comparator::Within) continue;
            const Target& t = **target;
            // A range is out of range when either end is.
            const std::string& top = t.op == Comparator::Between ? t.value_max : t.value;
            // Asked only of a target out of range: the word search costs more than the rest.
            auto change = [&] { return names_a_change(i.name) || names_a_change(t.qualifier); };
            if (t.unit == "%") {
                int vs100 = compare_decimal(top, "100");
                if ((is_negative(t.value) || (t.op == Comparator::Lt && compare_decimal(t.value, "0") <= 0)) &&
                    !change())
                    problems.push_back(fmt::format("{} `{}` asks for a percentage below 0%", label, t.raw));
                else if ((vs100 > 0 || (vs100 == 0 && t.op == Comparator::Gt)) && !change())
                    problems.push_back(fmt::format("{} `{}` asks for a rate above 100%", label, t.raw));
            } else if (is_negative(t.value) && !change()) {
                problems.push_back(fmt::format("{} `{}` is a negative quantity", label, t.raw));
            }
        }
        if (!problems.empty()) {
            std::string all;
            for (const auto& s : problems) all += (all.empty() ? "" : "; ") + s;
            report("target-out-of-range",
                   fmt::format("{}: {}: no result can meet it; correct the target", where(), all), line, p.index);
        }
    }

    if (on_.period_annual && i.period && i.annual &&
        i.period->kind == TargetKind::Numeric && i.annual->kind == TargetKind::Numeric &&
        i.period->op != Comparator::Within && i.annual->op != Comparator::Within) {
        const Target& period = *i.period;
        const Target& annual = *i.annual;
        // An annual cap (≤, <) above the period's figure limits the year less than the
        // period, which is loose but no contradiction.
        bool annual_cap_only = is_upper_bound(annual.op) && !is_upper_bound(period.op);
        // A range contradicts only when the year's least exceeds the period's most.
        const std::string& period_most = period.op == Comparator::Between ? period.value_max : period.value;
        // Rates and scores do not add up over the years, so a higher annual rate is
        // no contradiction; counts do.
        if (period.unit == annual.unit && period.qualifier == annual.qualifier && is_additive_unit(annual.unit) &&
            !annual_cap_only && compare_decimal(annual.value, period_most) > 0)
            report("target-period-annual-inconsistent",
                   fmt::format("{}: the annual target (年度指标值 {}) exceeds the target for the whole implementation "
                               "period (实施周期指标值 {}), which includes that year: correct whichever is wrong",
                               where(), annual.raw, period.raw),
                   line, p.index);
    }
}

void Validator::check_total(const Group& g) {
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
            report("total-mismatch",
                   fmt::format("{} cannot be checked: the sum of its projects' {} passes the largest amount bpt "
                               "adds exactly ({}); look for an amount with misplaced digits",
                               g.label, name, money(Money::from_cents(std::numeric_limits<std::int64_t>::max()))),
                   g.line);
            return;
        }
        Money all = (g.all.amounts.*column).value_or(Money());
        Money distinct = (g.distinct.amounts.*column).value_or(Money());
        if (abs_diff(all, *declared) <= options_.tolerance) continue;
        bool without_repeats = g.repeats > 0 && abs_diff(distinct, *declared) <= options_.tolerance;
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
            return fmt::format("{} {} than declared", money(abs_diff(sum, declared)), sum > declared ? "more" : "less");
        };
        for (std::size_t k = 0, said = 0; k < wrong.size(); ++k, ++said) {
            // Columns with the same figures (总计 and 财政拨款, usually) are said once.
            std::string names(wrong[k].name);
            const Column& c = wrong[k];
            while (k + 1 < wrong.size() && wrong[k + 1].declared == c.declared && wrong[k + 1].all == c.all &&
                   wrong[k + 1].distinct == c.distinct)
                names += fmt::format(" and {}", wrong[++k].name);
            msg += fmt::format("{} {} {} declared, but the {} under it {} to {}, {}", said ? ";" : "", names,
                               money(c.declared), plural(g.projects, "project", "projects"),
                               g.projects == 1 ? "amounts" : "sum", money(c.all), more_or_less(c.all, c.declared));
            if (g.repeats > 0)
                msg += fmt::format(" (without the {}: {}, {})", plural(g.repeats, "exact repeat", "exact repeats"),
                                   money(c.distinct), more_or_less(c.distinct, c.declared));
        }
        // A total that is off by exactly one project's amount usually means that
        // project is counted in one place and not the other.
        std::vector<std::string> hints;
        for (auto diff : {first_difference, first_distinct_difference}) {
            if (!diff) continue;
            Money d = abs_diff(*diff, Money());
            auto it = amount_seen_.find(d.cents());
            if (it == amount_seen_.end()) continue;
            for (const auto& seen : it->second) {
                if (&g != &grand_ && &g != &departments_[seen.department - 1]) continue;
                std::string hint = fmt::format("project '{}' (line {})", seen.name, seen.line);
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
        report("total-mismatch", std::move(msg), g.line);
        return;
    }
    if (any_repeat_match && g.declared.total)
        report("total-matches-without-repeats",
               fmt::format("{} ({}) equals the sum of its {} distinct projects: the {} (lines {}, {} in all) {} "
                           "printed again, not counted twice",
                           g.label, money(*g.declared.total), g.projects - g.repeats,
                           plural(g.repeats, "exact repeat", "exact repeats"), join_lines(g.repeat_lines, g.repeats),
                           money(g.repeat_total), g.repeats == 1 ? "is" : "are"),
               g.line);
}

void Validator::on_end(const Summary& s) {
    if (on_.total || on_.total_note) {
        check_total(grand_);
        for (const auto& g : departments_) check_total(g);
    }
    FilterSink::on_end(s);
}

}  // namespace bpt
