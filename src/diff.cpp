#include "bpt/diff.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <tuple>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "bpt/text.h"

namespace bpt::diff {

namespace {

// Wrapped lines join differently in each dialect (a space in one, nothing in the
// other), so names, goals and indicator names compare without their white space.
std::string squeeze(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++i;
        } else if (s.compare(i, 3, "\u3000") == 0) {
            i += 3;
        } else if (s.compare(i, 2, "\u00a0") == 0) {
            i += 2;
        } else {
            out += s[i++];
        }
    }
    return out;
}

// Same amounts, goal and indicators: a page-break repeat when in one file.
bool same_content(const ProjectRecord& a, const ProjectRecord& b) {
    if (a.amounts != b.amounts || a.goal != b.goal || a.indicators.size() != b.indicators.size()) return false;
    for (std::size_t i = 0; i < a.indicators.size(); ++i) {
        const auto &x = a.indicators[i], &y = b.indicators[i];
        if (std::tie(x.level1, x.level2, x.name, x.period, x.annual) !=
            std::tie(y.level1, y.level2, y.name, y.period, y.annual))
            return false;
    }
    return true;
}

// Collects the distinct projects of one file. A project printed twice (a page-break
// repeat) counts once; a second, different project under the same name is kept as
// that name's next occurrence, so it still has something to match in the other file.
class RecordSink final : public Sink {
public:
    explicit RecordSink(Table& table) : t_(table) {}
    void on_document(const DocumentInfo& d) override {
        t_.path = d.path;
        t_.dialect = d.dialect;
    }
    void on_declared_total(const Amounts& a, const Location&) override { t_.declared_total = a; }
    void on_project(const Project& p) override {
        ++t_.rows;
        ProjectRecord r;
        r.name = p.name;
        r.key = squeeze(p.base_name);
        if (p.suffix) {
            r.key += '\x1f';
            r.key += squeeze(*p.suffix);
        }
        r.amounts = p.amounts;
        r.goal = p.goal;
        r.line = p.location.line;
        r.page = p.location.page;
        r.indicators.reserve(p.indicators.size());
        for (const auto& i : p.indicators) {
            IndicatorRecord ir;
            if (i.level1) ir.level1 = squeeze(i.level1->name);
            if (i.level2) ir.level2 = squeeze(i.level2->name);
            ir.name = i.name;
            ir.period = i.period;
            ir.annual = i.annual;
            if (!ir.level2.empty()) t_.has_level2 = true;
            if (ir.period) t_.has_period = true;
            r.indicators.push_back(std::move(ir));
        }
        if (!r.amounts.empty()) t_.has_amounts = true;
        auto& seen = by_key_[r.key];
        for (std::size_t at : seen)
            if (same_content(t_.projects[at], r)) {
                ++t_.repeats;
                return;
            }
        r.occurrence = static_cast<std::uint32_t>(seen.size() + 1);
        seen.push_back(t_.projects.size());
        t_.projects.push_back(std::move(r));
    }

private:
    Table& t_;
    std::unordered_map<std::string, std::vector<std::size_t>> by_key_;
};

std::vector<char32_t> code_points(std::string_view s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = n == 1 ? c : c & (0x7F >> n);
        for (int k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += static_cast<std::size_t>(n);
    }
    return out;
}

// Two values are the same target when they read the same; how they were written
// (＞ or >, a closing 。) is not a change.
bool same_target(const std::optional<Target>& a, const std::optional<Target>& b) {
    if (!a || !b) return !a == !b;
    Target x = *a, y = *b;
    x.raw.clear();
    y.raw.clear();
    return x == y;
}

// The amount columns, in the table's order.
struct Column {
    const char* name;
    const char* header;
    std::optional<Money> Amounts::*member;
};
constexpr Column kColumns[] = {
    {"total", "总计", &Amounts::total},
    {"fiscal", "财政拨款", &Amounts::fiscal},
    {"fiscal_special", "财政专户拨款", &Amounts::fiscal_special},
    {"other", "其他资金", &Amounts::other},
};

// Wide enough that an amount times 1000 never overflows, so a percent is exact.
__extension__ typedef __int128 Wide;

// Money as a count of its smallest unit, for the one ratio a diff prints: the one
// place that knows the scale, whatever it is.
Wide units(Money m) { return m.scaled(); }

std::string percent(Money diff, Money old) {
    // One decimal, rounded half away from zero, in integers: no double in money.
    Wide num = units(diff) * 1000, den = units(old);
    if (den < 0) num = -num, den = -den;
    Wide q = (num >= 0 ? num + den / 2 : num - den / 2) / den;
    bool neg = q < 0;
    Wide a = neg ? -q : q;
    return fmt::format("{}{}.{}", neg ? "-" : "+", static_cast<long long>(a / 10), static_cast<int>(a % 10));
}

std::vector<AmountChange> compare_amounts(const Amounts& a, const Amounts& b) {
    std::vector<AmountChange> out;
    for (const auto& c : kColumns) {
        const auto &x = a.*c.member, &y = b.*c.member;
        if (x == y) continue;
        AmountChange ch{c.name, c.header, x, y, std::nullopt, std::nullopt};
        // A column one side leaves empty is a zero there: 9.20 → (empty) is −9.20.
        Money ox = x.value_or(Money{}), oy = y.value_or(Money{});
        ch.difference = oy.checked_sub(ox);
        if (ch.difference && ox != Money{}) ch.percent = percent(*ch.difference, ox);
        out.push_back(std::move(ch));
    }
    return out;
}

// Matches indicators by their levels and name (the n-th of a repeated name with
// the n-th), then what is left by name alone, whose level then counts as changed.
std::vector<IndicatorChange> compare_indicators(const ProjectRecord& a, const ProjectRecord& b, bool use_level2,
                                                bool targets, bool periods) {
    auto key = [&](const IndicatorRecord& i, bool levels) {
        std::string k = levels ? i.level1 + "\x1f" + (use_level2 ? i.level2 : std::string()) + "\x1f" : "";
        return k + squeeze(i.name);
    };
    std::vector<int> match_a(a.indicators.size(), -1), match_b(b.indicators.size(), -1);
    for (bool levels : {true, false}) {
        std::map<std::string, std::vector<std::size_t>> free_b;
        for (std::size_t j = 0; j < b.indicators.size(); ++j)
            if (match_b[j] < 0) free_b[key(b.indicators[j], levels)].push_back(j);
        for (std::size_t i = 0; i < a.indicators.size(); ++i) {
            if (match_a[i] >= 0) continue;
            auto it = free_b.find(key(a.indicators[i], levels));
            if (it == free_b.end() || it->second.empty()) continue;
            std::size_t j = it->second.front();
            it->second.erase(it->second.begin());
            match_a[i] = static_cast<int>(j);
            match_b[j] = static_cast<int>(i);
        }
    }
    std::vector<IndicatorChange> out;
    for (std::size_t i = 0; i < a.indicators.size(); ++i) {
        const auto& x = a.indicators[i];
        if (match_a[i] < 0) {
            IndicatorChange ch;
            ch.status = IndicatorStatus::Removed;
            ch.old_indicator = x;
            out.push_back(std::move(ch));
            continue;
        }
        const auto& y = b.indicators[static_cast<std::size_t>(match_a[i])];
        IndicatorChange ch;
        ch.status = IndicatorStatus::Changed;
        ch.old_indicator = x;
        ch.new_indicator = y;
        ch.levels_changed = x.level1 != y.level1 || (use_level2 && x.level2 != y.level2);
        ch.period_changed = targets && periods && !same_target(x.period, y.period);
        ch.annual_changed = targets && !same_target(x.annual, y.annual);
        if (ch.levels_changed || ch.period_changed || ch.annual_changed) out.push_back(std::move(ch));
    }
    for (std::size_t j = 0; j < b.indicators.size(); ++j)
        if (match_b[j] < 0) {
            IndicatorChange ch;
            ch.status = IndicatorStatus::Added;
            ch.new_indicator = b.indicators[j];
            out.push_back(std::move(ch));
        }
    return out;
}

// The indicator names of a project, sorted, for the overlap below.
std::vector<std::string> indicator_names(const ProjectRecord& p) {
    std::vector<std::string> out;
    out.reserve(p.indicators.size());
    for (const auto& i : p.indicators) out.push_back(squeeze(i.name));
    std::sort(out.begin(), out.end());
    return out;
}

// Dice coefficient of two sorted name lists, in percent: 2 × common ÷ (sizes).
int indicator_overlap(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    if (a.empty() && b.empty()) return 100;
    std::size_t common = 0;
    for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        if (a[i] < b[j]) ++i;
        else if (b[j] < a[i]) ++j;
        else ++common, ++i, ++j;
    }
    return static_cast<int>(200 * common / (a.size() + b.size()));
}

bool amounts_close(const Amounts& a, const Amounts& b) {
    if (a.total == b.total) return true;
    if (!a.total || !b.total) return false;
    Wide d = units(*b.total) - units(*a.total), o = units(*a.total);
    if (d < 0) d = -d;
    if (o < 0) o = -o;
    return d * 100 <= o * kRenameAmountPercent;
}

}  // namespace

int name_similarity(const std::string& a, const std::string& b) {
    auto x = code_points(a), y = code_points(b);
    std::size_t longer = std::max(x.size(), y.size());
    if (longer == 0) return 100;
    // Levenshtein over code points, one row at a time.
    std::vector<std::size_t> row(y.size() + 1);
    for (std::size_t j = 0; j <= y.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= x.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= y.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (x[i - 1] == y[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return static_cast<int>(100 * (longer - row[y.size()]) / longer);
}

std::vector<std::string> ignore_names() { return {"amounts", "goal", "indicators", "targets", "totals", "renames"}; }

bool set_ignore(Ignore& ignore, const std::string& name) {
    if (name == "amounts") ignore.amounts = true;
    else if (name == "goal") ignore.goal = true;
    else if (name == "indicators") ignore.indicators = true;
    else if (name == "targets") ignore.targets = true;
    else if (name == "totals") ignore.totals = true;
    else if (name == "renames") ignore.renames = true;
    else return false;
    return true;
}

std::string where(const ProjectRecord& p) {
    if (p.line == 0 && p.page > 0) return fmt::format("p{}", p.page);
    return fmt::format("line {}", p.line);
}

Table read_table(Source& source, const ReadOptions& options) {
    Table table;
    RecordSink sink(table);
    auto result = read_document(source, sink, options);
    if (!result.table) throw InputError(source.path(), 0, result.refusal);
    table.path = source.path();
    table.doubt = result.doubt;
    table.projects.shrink_to_fit();
    return table;
}

Table read_table(const std::string& path, const ReadOptions& options) {
    Table table;
    RecordSink sink(table);
    auto result = read_path(path, sink, options);
    if (!result.table) throw InputError(path, 0, result.refusal);
    table.path = path;
    table.doubt = result.doubt;
    table.projects.shrink_to_fit();
    return table;
}

Result compare(Table old_table, Table new_table, const Ignore& ignore) {
    Result r;
    r.old_table = std::move(old_table);
    r.new_table = std::move(new_table);
    r.ignore = ignore;
    const auto &A = r.old_table.projects, &B = r.new_table.projects;
    r.amounts_compared = !ignore.amounts && r.old_table.has_amounts && r.new_table.has_amounts;
    const bool use_level2 = r.old_table.has_level2 && r.new_table.has_level2;
    // A dialect without a column is no evidence that every value in it was deleted.
    r.periods_compared = !ignore.indicators && !ignore.targets && r.old_table.has_period && r.new_table.has_period;

    if (!ignore.totals) {
        const auto &x = r.old_table.declared_total, &y = r.new_table.declared_total;
        // A 合计 row dropped from a table that prints amounts is a change; a dialect
        // without amounts has no 合计 to drop.
        if (x && y) r.totals = compare_amounts(*x, *y);
        else if ((x || y) && r.old_table.has_amounts && r.new_table.has_amounts)
            r.totals = compare_amounts(x.value_or(Amounts{}), y.value_or(Amounts{}));
    }

    // By name. Where a name holds several projects, the same content pairs first and
    // the rest in order, so that removing the first of two leaves the second unchanged.
    std::unordered_map<std::string, std::vector<std::size_t>> new_by_key;
    for (std::size_t j = 0; j < B.size(); ++j) new_by_key[B[j].key].push_back(j);
    std::vector<long> old_match(A.size(), -1), new_match(B.size(), -1);
    auto pair = [&](std::size_t i, std::size_t j) {
        old_match[i] = static_cast<long>(j);
        new_match[j] = static_cast<long>(i);
    };
    std::unordered_map<std::string, std::vector<std::size_t>> old_by_key;
    for (std::size_t i = 0; i < A.size(); ++i) old_by_key[A[i].key].push_back(i);
    for (const auto& [key, olds] : old_by_key) {
        auto it = new_by_key.find(key);
        if (it == new_by_key.end()) continue;
        const auto& news = it->second;
        if (olds.size() > 1 || news.size() > 1)
            for (std::size_t i : olds)
                for (std::size_t j : news)
                    if (new_match[j] < 0 && same_content(A[i], B[j])) {
                        pair(i, j);
                        break;
                    }
        std::size_t next = 0;
        for (std::size_t i : olds) {
            if (old_match[i] >= 0) continue;
            while (next < news.size() && new_match[news[next]] >= 0) ++next;
            if (next == news.size()) break;
            pair(i, news[next++]);
        }
    }

    // "Renamed?": among what is left, the pairs alike enough, best first.
    std::vector<int> similarity_of_new(B.size(), 0);
    std::size_t unmatched_old = static_cast<std::size_t>(std::count(old_match.begin(), old_match.end(), -1));
    std::size_t unmatched_new = static_cast<std::size_t>(std::count(new_match.begin(), new_match.end(), -1));
    // Every unmatched pair is weighed, so two unrelated tables of thousands of
    // projects would take minutes; past this many pairs, bpt says it did not look.
    r.renames_skipped = !ignore.renames && unmatched_old * unmatched_new > kRenamePairLimit;
    if (!ignore.renames && !r.renames_skipped && unmatched_old * unmatched_new > 0) {
        std::vector<std::vector<std::string>> names_a(A.size()), names_b(B.size());
        if (!ignore.indicators) {
            for (std::size_t i = 0; i < A.size(); ++i)
                if (old_match[i] < 0) names_a[i] = indicator_names(A[i]);
            for (std::size_t j = 0; j < B.size(); ++j)
                if (new_match[j] < 0) names_b[j] = indicator_names(B[j]);
        }
        struct Candidate {
            int score, name;
            std::size_t i, j;
        };
        std::vector<Candidate> candidates;
        for (std::size_t i = 0; i < A.size(); ++i) {
            if (old_match[i] >= 0) continue;
            for (std::size_t j = 0; j < B.size(); ++j) {
                if (new_match[j] >= 0) continue;
                if (r.amounts_compared && !amounts_close(A[i].amounts, B[j].amounts)) continue;
                int overlap = ignore.indicators ? 100 : indicator_overlap(names_a[i], names_b[j]);
                if (overlap < kRenameIndicatorPercent) continue;
                int name = name_similarity(A[i].name, B[j].name);
                if (name < kRenameNameSimilarity) continue;
                int exact = r.amounts_compared && A[i].amounts == B[j].amounts ? 100 : 0;
                candidates.push_back({name + overlap + exact, name, i, j});
            }
        }
        std::stable_sort(candidates.begin(), candidates.end(),
                         [](const Candidate& x, const Candidate& y) { return x.score > y.score; });
        for (const auto& c : candidates) {
            if (old_match[c.i] >= 0 || new_match[c.j] >= 0) continue;
            old_match[c.i] = static_cast<long>(c.j);
            new_match[c.j] = static_cast<long>(c.i);
            similarity_of_new[c.j] = c.name;
        }
    }

    for (std::size_t i = 0; i < A.size(); ++i)
        if (old_match[i] < 0) {
            ProjectDiff d;
            d.status = Status::Removed;
            d.old_project = &A[i];
            r.projects.push_back(std::move(d));
            ++r.counts.removed;
        }
    for (std::size_t j = 0; j < B.size(); ++j)
        if (new_match[j] < 0) {
            ProjectDiff d;
            d.status = Status::Added;
            d.new_project = &B[j];
            r.projects.push_back(std::move(d));
            ++r.counts.added;
        }
    std::vector<ProjectDiff> changed;
    for (std::size_t j = 0; j < B.size(); ++j) {
        if (new_match[j] < 0) continue;
        const auto& a = A[static_cast<std::size_t>(new_match[j])];
        const auto& b = B[j];
        ProjectDiff d;
        d.status = a.key == b.key ? Status::Changed : Status::Renamed;
        d.old_project = &a;
        d.new_project = &b;
        d.name_similarity = similarity_of_new[j];
        if (r.amounts_compared) d.amounts = compare_amounts(a.amounts, b.amounts);
        d.goal_changed = !ignore.goal && (a.goal.has_value() != b.goal.has_value() ||
                                          (a.goal && squeeze(*a.goal) != squeeze(*b.goal)));
        if (!ignore.indicators) d.indicators = compare_indicators(a, b, use_level2, !ignore.targets, r.periods_compared);
        if (d.status == Status::Renamed) {
            ++r.counts.renamed;
            r.projects.push_back(std::move(d));
        } else if (d.amounts.empty() && !d.goal_changed && d.indicators.empty()) {
            ++r.counts.unchanged;
        } else {
            ++r.counts.changed;
            changed.push_back(std::move(d));
        }
    }
    for (auto& d : changed) r.projects.push_back(std::move(d));
    return r;
}

}  // namespace bpt::diff
