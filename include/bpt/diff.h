#pragma once
// `bpt diff OLD NEW`: what changed between two tables. Both are read through the
// pipeline into compact per-project records, so the comparison is of records, not of
// text: a layout text compares with an export or a PDF of the same table. Only the
// records are kept (no line, no raw indicator cell), so memory grows with the
// number of projects, not with the size of the files. See docs/diff.md.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bpt/model.h"
#include "bpt/pipeline.h"
#include "bpt/source.h"

namespace bpt::diff {

struct IndicatorRecord {
    std::string level1;  // level names only: codes are a dialect's, not the table's
    std::string level2;  // empty where the dialect has no second level
    std::string name;
    std::optional<Target> period;
    std::optional<Target> annual;
};

struct ProjectRecord {
    std::string name;  // as printed, wrapped lines joined
    std::string key;   // base name and suffix, white space removed: what matches across files
    std::uint32_t occurrence = 1;  // n-th distinct project with this key in its file
    Amounts amounts;
    std::optional<std::string> goal;
    std::vector<IndicatorRecord> indicators;
    LineNo line = 0;          // where the record starts (text), for the reader of the report
    std::uint32_t page = 0;   // where it starts in a PDF; 0 for text
};

// Where a record starts, as the report says it: `line 12`, or `p3` in a PDF.
std::string where(const ProjectRecord& p);

struct Table {
    std::string path;
    std::string dialect;
    std::optional<Amounts> declared_total;  // the 合计 row
    std::vector<ProjectRecord> projects;    // distinct projects, in input order
    std::uint32_t rows = 0;                 // project rows read, repeats included
    std::uint32_t repeats = 0;              // rows dropped as repeats of an earlier one
    bool has_amounts = false;               // any project prints an amount
    bool has_level2 = false;                // any indicator carries a second level
    bool has_period = false;                // any indicator has a 实施周期 value (the export has none)
    std::string doubt;                      // the pipeline's doubt about the reading, if any
};

// Reads one table. Throws InputError when the bytes cannot be read or are no table.
Table read_table(Source& source, const ReadOptions& options);
// The same from a path ("-": standard input), a PDF or text as its first bytes say.
Table read_table(const std::string& path, const ReadOptions& options);

// What `--ignore` leaves out of the comparison.
struct Ignore {
    bool amounts = false;
    bool goal = false;
    bool indicators = false;  // the whole indicator list
    bool targets = false;     // indicator values only: added and removed indicators still count
    bool totals = false;      // the declared 合计
    bool renames = false;     // no "renamed?" pairing: an unmatched pair is a removal and an addition
};

// The names `--ignore` accepts, for help and checks.
std::vector<std::string> ignore_names();
// Sets the field `name` names; false when it names none.
bool set_ignore(Ignore& ignore, const std::string& name);

// 总计, 财政拨款 …: the column's JSON member name and its header in the table.
struct AmountChange {
    const char* column;  // "total", "fiscal", "fiscal_special", "other"
    const char* header;  // "总计" …
    std::optional<Money> old_value;
    std::optional<Money> new_value;
    std::optional<Money> difference;      // new - old, when both are there
    std::optional<std::string> percent;   // difference / old in percent, one decimal: "+1.1", "-100.0"
};

enum class IndicatorStatus { Added, Removed, Changed };

struct IndicatorChange {
    IndicatorStatus status = IndicatorStatus::Changed;
    std::optional<IndicatorRecord> old_indicator;
    std::optional<IndicatorRecord> new_indicator;
    bool levels_changed = false;
    bool period_changed = false;
    bool annual_changed = false;
};

enum class Status { Removed, Added, Renamed, Changed };

struct ProjectDiff {
    Status status = Status::Changed;
    const ProjectRecord* old_project = nullptr;  // into Result::old_table; null when added
    const ProjectRecord* new_project = nullptr;  // into Result::new_table; null when removed
    int name_similarity = 0;                     // renamed: percent, see docs/diff.md
    std::vector<AmountChange> amounts;
    bool goal_changed = false;
    std::vector<IndicatorChange> indicators;
};

struct Counts {
    std::uint32_t added = 0, removed = 0, renamed = 0, changed = 0, unchanged = 0;
};

struct Result {
    Table old_table;
    Table new_table;
    Ignore ignore;
    bool amounts_compared = false;  // both tables print amounts (the export dialect has none)
    bool periods_compared = false;  // both tables give 实施周期 values (the export dialect has none)
    bool renames_skipped = false;   // too many unmatched pairs to look for renamings (kRenamePairLimit)
    std::vector<AmountChange> totals;  // the 合计 row's changed columns
    std::vector<ProjectDiff> projects;  // removed, added, renamed, changed: each in input order
    Counts counts;

    Result() = default;
    Result(Result&&) = default;  // the diffs' pointers stay valid: vectors move their storage
    Result& operator=(Result&&) = default;
    Result(const Result&) = delete;
    bool same() const { return projects.empty() && totals.empty(); }
};

// The renaming thresholds (docs/diff.md): a pair of unmatched projects is "renamed?"
// when its names are at least this alike (percent of code points kept, edit distance)…
inline constexpr int kRenameNameSimilarity = 60;
// …its 总计 differ by at most this percent of the old one (or both print none)…
inline constexpr int kRenameAmountPercent = 10;
// …and at least this percent of its indicators match by name (Dice coefficient).
inline constexpr int kRenameIndicatorPercent = 75;

// Renaming weighs every unmatched old project against every unmatched new one; past
// this many pairs (two unrelated tables of a thousand projects each) it is skipped,
// and the result says so.
inline constexpr std::size_t kRenamePairLimit = 1'000'000;

// Compares; the tables move into the result, which the diffs point into.
Result compare(Table old_table, Table new_table, const Ignore& ignore);

// Percent alike of two names: 100 × (1 − edit distance / longer length), over
// UTF-8 code points. 100 for equal names, 0 for nothing in common.
int name_similarity(const std::string& a, const std::string& b);

}  // namespace bpt::diff
