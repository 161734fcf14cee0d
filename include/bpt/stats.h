#pragma once
// What a finance officer adds up: totals by department and by town, indicator
// counts by category, target counts by kind, and the declared 合计 against the sum
// of the distinct projects. A project printed again after a page break (the
// validator's duplicate-project: the same department, name, amounts, goal and
// indicator text) is counted once, and the repeats are counted apart, so every
// figure here adds up to the table's own 合计.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "bpt/money.h"
#include "bpt/sink.h"

namespace bpt {

// Tells an exact repeat of an earlier project from a new one, by a 64-bit hash of
// the fields the validator compares (a few bytes per project, whatever their text).
// Memory is bounded as the validator's repeat checks are (docs/architecture.md
// "Bounds"; they report `duplicate-check-limit` at theirs): past kMaxProjects
// distinct projects, later ones are still compared with those remembered but not
// remembered themselves, so the duplicate column can miss a repeat of one of them.
class RepeatFilter {
public:
    static constexpr std::size_t kMaxProjects = std::size_t{1} << 17;
    bool repeat(const Project& p);

private:
    // Open addressing over the hashes themselves (0 marks an empty slot): 8 bytes a
    // project where a node set took some forty, and 64 MiB at 1 GB of input.
    std::vector<std::uint64_t> slots_;
    std::size_t size_ = 0;
};

// Projects and their 总计 in one group (a department, a town). A project without a
// 总计 counts as a project and adds nothing.
struct GroupTotal {
    std::string key;
    std::uint32_t projects = 0;
    Money total;
};

// A count under a name (an indicator category, a target kind).
struct Count {
    std::string key;
    std::uint32_t count = 0;
};

// One input file's totals: what its 合计 says against what its rows add up to.
struct FileTotals {
    std::string path;
    std::string unit;                // 万元 unless the table says otherwise
    std::uint32_t rows = 0;          // project rows, repeats included
    std::uint32_t repeats = 0;       // exact repeats, not counted below
    std::optional<Money> declared;   // the 合计 row; nullopt when the table has none
    Money computed;                  // Σ 总计 over distinct projects
    Money all_rows;                  // Σ 总计 over every row, repeats included
    std::uint32_t distinct() const { return rows - repeats; }
    bool matches() const { return declared && *declared == computed; }
};

class Stats {
public:
    // Groups keep the order in which they first appear, as the table lists them.
    std::vector<FileTotals> files;
    std::vector<GroupTotal> by_department;
    std::vector<GroupTotal> by_town;  // projects whose name names a town only
    GroupTotal without_town{"", 0, Money()};
    std::vector<Count> by_level1;     // indicators of distinct projects, `1-产出指标`
    std::vector<Count> by_level2;     // `11-数量指标`
    std::vector<Count> targets_by_kind;  // period and annual targets, by kind_name
    std::uint32_t indicators = 0;     // of distinct projects
    bool overflow = false;            // a sum exceeded Money's range (absurd input)

    std::uint32_t rows() const;
    std::uint32_t repeats() const;
    std::uint32_t distinct() const { return rows() - repeats(); }
    Money computed() const;            // Σ over files
    std::optional<Money> declared() const;  // Σ over files that declare one; nullopt when none does

    // Adds another run's figures (another file of a combined output).
    void merge(const Stats& other);

    // The hooks StatsSink calls; public so that a writer can keep its own.
    void begin_file(const DocumentInfo& d);
    void declared_total(const Amounts& a);
    void project(const Project& p, bool repeat);

private:
    void add(Money& sum, Money value);
    void group(std::vector<GroupTotal>& groups, std::unordered_map<std::string, std::size_t>& index,
               const std::string& key, const std::optional<Money>& total);
    void count(std::vector<Count>& counts, std::unordered_map<std::string, std::size_t>& index,
               const std::string& key, std::uint32_t n = 1);
    std::unordered_map<std::string, std::size_t> department_index_, town_index_, level1_index_, level2_index_,
        kind_index_;
};

// A level's name as the 汇总 sheet and `bpt stats` show it: `1-产出指标`, or the
// name alone where the dialect has no code; `（无）` when the indicator has none.
std::string level_key(const std::optional<Level>& level);

// `counts` in order of their keys: category codes (`11-数量指标`) sort as the
// framework lists them, whatever order the table happened to use.
std::vector<Count> by_key(std::vector<Count> counts);

// Feeds a Stats from a stream, telling repeats apart as it goes.
class StatsSink final : public Sink {
public:
    explicit StatsSink(Stats& stats) : stats_(stats) {}
    void on_document(const DocumentInfo& d) override { stats_.begin_file(d); }
    void on_declared_total(const Amounts& a, const Location&) override { stats_.declared_total(a); }
    void on_project(const Project& p) override { stats_.project(p, repeats_.repeat(p)); }

private:
    Stats& stats_;
    RepeatFilter repeats_;
};

}  // namespace bpt
