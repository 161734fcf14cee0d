#include "bpt/stats.h"

#include <string_view>

#include "bpt/hash.h"
#include "bpt/target.h"

namespace bpt {

namespace {

using hash::mix;

std::uint64_t text(std::uint64_t h, std::string_view s) { return mix(h, hash::text(s)); }

// By what determines the printed decimal, without printing it: to_string shows the
// scaled value with max(decimals, the decimals the value needs), so two amounts print
// alike exactly when they agree on both.
std::uint64_t money(std::uint64_t h, const std::optional<Money>& m) {
    if (!m) return mix(h, 0);
    std::int64_t v = m->scaled();
    std::uint64_t frac = (v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v)) %
                         static_cast<std::uint64_t>(Money::kScale);
    int needed = 0;
    if (frac != 0)
        for (needed = Money::kMaxDecimals; frac % 10 == 0; frac /= 10) --needed;
    int shown = m->decimals() > needed ? m->decimals() : needed;
    return mix(mix(mix(h, 1), static_cast<std::uint64_t>(v)), static_cast<std::uint64_t>(shown));
}

// Linear probing: the slot holding `h`, or the empty one where it would go.
std::size_t probe(const std::vector<std::uint64_t>& slots, std::uint64_t h) {
    const std::size_t mask = slots.size() - 1;
    std::size_t i = h & mask;
    while (slots[i] != 0 && slots[i] != h) i = (i + 1) & mask;
    return i;
}

}  // namespace

bool RepeatFilter::repeat(const Project& p) {
    std::uint64_t h = text(0x70, p.department);
    h = p.budget_unit ? text(mix(h, 1), *p.budget_unit) : mix(h, 0);
    h = text(h, p.name);
    for (const auto* m : {&p.amounts.total, &p.amounts.fiscal, &p.amounts.fiscal_special, &p.amounts.other})
        h = money(h, *m);
    for (Money m : p.amounts.unassigned) h = money(h, m);
    h = p.goal ? text(mix(h, 1), *p.goal) : mix(h, 0);
    h = text(h, p.indicators_text);
    if (h == 0) h = 1;  // 0 marks an empty slot
    if (slots_.empty()) slots_.assign(1024, 0);
    std::size_t i = probe(slots_, h);
    if (slots_[i] == h) return true;
    if (size_ >= kMaxProjects) return false;
    slots_[i] = h;
    ++size_;
    if (size_ * 2 > slots_.size()) {
        // Half full at most, so that a miss ends soon at an empty slot.
        std::vector<std::uint64_t> old(slots_.size() * 2, 0);
        old.swap(slots_);
        for (std::uint64_t k : old)
            if (k != 0) slots_[probe(slots_, k)] = k;
    }
    return false;
}

std::string level_key(const std::optional<Level>& level) {
    if (!level) return "（无）";
    if (level->code.empty()) return level->name;
    return level->code + "-" + level->name;
}

std::vector<Count> by_key(std::vector<Count> counts) {
    std::stable_sort(counts.begin(), counts.end(), [](const Count& a, const Count& b) { return a.key < b.key; });
    return counts;
}

void Stats::add(Money& sum, Money value) {
    if (auto s = sum.checked_add(value)) sum = *s;
    else overflow = true;
}

void Stats::group(std::vector<GroupTotal>& groups, std::unordered_map<std::string, std::size_t>& index,
                  const std::string& key, const std::optional<Money>& total) {
    auto [at, fresh] = index.emplace(key, groups.size());
    if (fresh) groups.push_back({key, 0, Money()});
    auto& g = groups[at->second];
    ++g.projects;
    if (total) add(g.total, *total);
}

void Stats::count(std::vector<Count>& counts, std::unordered_map<std::string, std::size_t>& index,
                  const std::string& key, std::uint32_t n) {
    auto [at, fresh] = index.emplace(key, counts.size());
    if (fresh) counts.push_back({key, 0});
    counts[at->second].count += n;
}

void Stats::begin_file(const DocumentInfo& d) {
    FileTotals f;
    f.path = d.path;
    f.unit = d.amount_unit.value_or("万元");
    files.push_back(std::move(f));
}

void Stats::declared_total(const Amounts& a) {
    if (files.empty()) begin_file(DocumentInfo{});
    // The first 合计 is the table's; a second one is a second table (multiple-tables).
    if (!files.back().declared && a.total) files.back().declared = a.total;
}

void Stats::project(const Project& p, bool repeat) {
    if (files.empty()) begin_file(DocumentInfo{});
    auto& f = files.back();
    ++f.rows;
    if (p.amounts.total) add(f.all_rows, *p.amounts.total);
    if (repeat) {
        ++f.repeats;
        return;
    }
    if (p.amounts.total) add(f.computed, *p.amounts.total);
    group(by_department, department_index_, p.department, p.amounts.total);
    if (p.town) group(by_town, town_index_, *p.town, p.amounts.total);
    else {
        ++without_town.projects;
        if (p.amounts.total) add(without_town.total, *p.amounts.total);
    }
    indicators += static_cast<std::uint32_t>(p.indicators.size());
    for (const auto& i : p.indicators) {
        count(by_level1, level1_index_, level_key(i.level1));
        if (i.level2) count(by_level2, level2_index_, level_key(i.level2));
        for (const auto* t : {&i.period, &i.annual})
            if (*t) count(targets_by_kind, kind_index_, std::string(kind_name((*t)->kind)));
    }
}

std::uint32_t Stats::rows() const {
    std::uint32_t n = 0;
    for (const auto& f : files) n += f.rows;
    return n;
}

std::uint32_t Stats::repeats() const {
    std::uint32_t n = 0;
    for (const auto& f : files) n += f.repeats;
    return n;
}

Money Stats::computed() const {
    Money sum;
    for (const auto& f : files)
        if (auto s = sum.checked_add(f.computed)) sum = *s;
    return sum;
}

std::optional<Money> Stats::declared() const {
    std::optional<Money> sum;
    for (const auto& f : files)
        if (f.declared) {
            auto s = sum.value_or(Money()).checked_add(*f.declared);
            if (s) sum = *s;
        }
    return sum;
}

void Stats::merge(const Stats& other) {
    for (const auto& f : other.files) files.push_back(f);
    for (const auto& g : other.by_department) {
        auto [at, fresh] = department_index_.emplace(g.key, by_department.size());
        if (fresh) by_department.push_back({g.key, 0, Money()});
        by_department[at->second].projects += g.projects;
        add(by_department[at->second].total, g.total);
    }
    for (const auto& g : other.by_town) {
        auto [at, fresh] = town_index_.emplace(g.key, by_town.size());
        if (fresh) by_town.push_back({g.key, 0, Money()});
        by_town[at->second].projects += g.projects;
        add(by_town[at->second].total, g.total);
    }
    without_town.projects += other.without_town.projects;
    add(without_town.total, other.without_town.total);
    for (const auto& c : other.by_level1) count(by_level1, level1_index_, c.key, c.count);
    for (const auto& c : other.by_level2) count(by_level2, level2_index_, c.key, c.count);
    for (const auto& c : other.targets_by_kind) count(targets_by_kind, kind_index_, c.key, c.count);
    indicators += other.indicators;
    overflow = overflow || other.overflow;
}

}  // namespace bpt
