#include "bpt/checks/repeats.h"

#include "bpt/hash.h"

#include <fmt/format.h>

#include <cstring>
#include <optional>
#include <string>
#include <vector>

namespace bpt::checks {

namespace {

// Hashes for the duplicate rules, so the validator remembers a few words per
// project instead of the project: 64 bits over all fields decide a repeat; the
// per-field hashes only say what differs, so 32 of their bits are kept.

using hash::mix;

std::uint64_t hash_money(std::uint64_t h, const std::optional<Money>& m) {
    return m ? mix(mix(h, 1), static_cast<std::uint64_t>(m->scaled())) : mix(h, 0);
}

std::uint64_t hash_amounts(const Amounts& a) {
    std::uint64_t h = 0x61;
    for (const auto* m : {&a.total, &a.fiscal, &a.fiscal_special, &a.other}) h = hash_money(h, *m);
    for (Money m : a.unassigned) h = mix(h, static_cast<std::uint64_t>(m.scaled()));
    return mix(h, a.unassigned.size());
}

std::uint64_t hash_goal(const std::optional<std::string>& goal) {
    return goal ? mix(1, hash::text(*goal)) : 0;
}

}  // namespace

// Open addressing with linear probing over slots that hold the upper half of the
// key and an entry's position, so a miss costs one cache line and a hit two; a
// node-based map cost a malloc and more misses per project, a third of the
// validator's time. Keys are already well-mixed hashes.
class Repeats::NameIndex {
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

Repeats::Repeats(Context& cx) : cx_(cx), names_(std::make_unique<NameIndex>()) {}
Repeats::~Repeats() = default;

bool Repeats::repeat(const Project& p) {
    std::uint64_t name_key =
        mix(mix(mix(0x70, hash::text(p.department)), p.budget_unit ? hash::text(*p.budget_unit) : 0), hash::text(p.name));
    std::uint64_t amounts = hash_amounts(p.amounts);
    std::uint64_t goal = hash_goal(p.goal);
    std::uint64_t indicators = hash::text(p.indicators_text);

    std::uint64_t content = mix(mix(mix(name_key, amounts), goal), indicators);
    NameSeen seen{content,
                  p.location.line,
                  p.location.page,
                  static_cast<std::uint32_t>(amounts),
                  static_cast<std::uint32_t>(goal),
                  static_cast<std::uint32_t>(indicators),
                  p.amounts.total ? p.amounts.total->scaled() : NameSeen::kNoTotal};
    bool new_name = false;
    const NameSeen* found = names_->find_or_insert(name_key, seen, new_name);
    if (!found) {
        if (!full_reported_) {
            full_reported_ = true;
            cx_.report(Rule::DuplicateCheckLimit,
                   fmt::format("more than {} distinct project names: from {} on, repeats and conflicting duplicates "
                               "are only found for the names seen before it, to keep memory bounded",
                               kMaxNames, Context::project_ref(p)),
                   p.location, p.name, p.index);
        }
        return false;
    }
    if (new_name) return false;
    const NameSeen& e = *found;
    // Where the first version is (a PDF has pages, not lines).
    const Location first{.line = e.line, .page = e.page};
    std::optional<Location> repeat_of;
    if (e.content == content) {
        repeat_of = first;
    } else {
        // A second version under one name is rare; its own repeats are found here.
        if (auto other = other_versions_.find(content); other != other_versions_.end())
            repeat_of = other->second;
        else if (other_versions_.size() < kMaxNames)
            other_versions_.emplace(content, p.location);
    }
    if (repeat_of) {
        if (cx_.on(Rule::DuplicateProject))
            cx_.report(Rule::DuplicateProject,
                   fmt::format("{} repeats the project at {} exactly (same amounts, goal and indicators), "
                               "usually a row printed again after a page break: delete the repeat",
                               Context::project_ref(p), Context::place(*repeat_of)),
                   p.location, p.name, p.index);
        return true;
    }
    if (!cx_.on(Rule::ConflictingDuplicate)) return false;
    std::vector<std::string> differences;
    if (e.amounts != seen.amounts) {
        if (e.total_cents != NameSeen::kNoTotal && p.amounts.total && e.total_cents != p.amounts.total->scaled())
            differences.push_back(fmt::format("amounts ({} here, {} there)", cx_.money(*p.amounts.total),
                                              cx_.money(Money::from_scaled(e.total_cents, 2))));
        else
            differences.push_back("amounts");
    }
    if (e.goal != seen.goal) differences.push_back("goal (绩效目标)");
    if (e.indicators != seen.indicators) differences.push_back("indicators (绩效指标)");
    std::string what;
    for (std::size_t i = 0; i < differences.size(); ++i)
        what += (i == 0 ? "" : i + 1 == differences.size() ? " and " : ", ") + differences[i];
    cx_.report(Rule::ConflictingDuplicate,
           fmt::format("{} has the same name as the project at {} but different {}: keep the right one, or "
                       "tell the two apart in the name (e.g. by the town in brackets)",
                       Context::project_ref(p), Context::place(first), what),
           p.location, p.name, p.index);
    return false;
}

}  // namespace bpt::checks
