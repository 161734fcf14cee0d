#include "bpt/indicator.h"
#include "bpt/target.h"

#include <algorithm>
#include <cstring>
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>

#include "bpt/framework.h"
#include "bpt/hash.h"
#include "grammar_chars.h"

// A hand-written scanner over UTF-8 bytes: this runs on every indicator cell of every
// file, and std::regex or a full NFKC pass would cost more than the rest of the
// pipeline together. CJK punctuation is matched as byte sequences; because UTF-8 is
// self-synchronising, a byte-wise find for a whole character never matches inside
// another character.

namespace bpt {
namespace {

using std::size_t;
using std::string_view;

constexpr string_view kFullStop = "\xE3\x80\x82";    // 。
constexpr string_view kEnumComma = "\xE3\x80\x81";   // 、 after a clause number
constexpr string_view kPeriodLabel = "实施周期指标值";
constexpr string_view kAnnualLabel = "年度指标值";

// Full-width and half-width spellings of the same separator both occur in real cells.
using namespace grammar;  // the shared character helpers (grammar_chars.h)
constexpr string_view kFieldSeparators[] = {"；", ";"};
constexpr string_view kTargetSeparators[] = {"；", ";", "，", ","};
constexpr string_view kColons[] = {"：", ":"};
constexpr string_view kCommas[] = {"，", ","};
constexpr string_view kDashes[] = {"-", "－"};
// A value's closing full stop, in either script: `≥90%.` is 90 percent, not a unit `%.`.
constexpr string_view kClosingStops[] = {"。", ".", "．"};
// Punctuation that ends a word: never part of a unit or a clause head.
constexpr string_view kPunctuation[] = {"，", "。", "；", "、", "：", ",", ";", ":"};

// The level-1 names of the framework (domain.md); a clause head starting with one is
// a clause start even without a code.

constexpr string_view kLayoutShape = "`N、C1-一级名；C2-二级名；指标名；实施周期指标值:V；年度指标值:V。`";
constexpr string_view kExportShape = "`N、一级名：指标名，年度指标值：V。`";

// ---------------------------------------------------------------------------------
// Characters


// string_view::rfind calls memcmp at every byte; testing the first two bytes inline
// keeps the backward scan over a clause cheap (most CJK characters share a lead byte).
size_t rfind_token(string_view s, string_view t) {
    if (t.size() > s.size()) return string_view::npos;
    for (size_t i = s.size() - t.size() + 1; i-- > 0;)
        if (s[i] == t[0] && (t.size() == 1 || s[i + 1] == t[1]) && s.compare(i, t.size(), t) == 0) return i;
    return string_view::npos;
}


struct Found {
    size_t pos = string_view::npos;
    size_t len = 0;
    explicit operator bool() const { return pos != string_view::npos; }
};

// The earliest (latest) occurrence of any of `tokens` in `s`.
Found find_first(string_view s, Tokens tokens) {
    Found best;
    for (string_view t : tokens) {
        size_t p = s.find(t);
        if (p < best.pos) best = {p, t.size()};
    }
    return best;
}

Found find_last(string_view s, Tokens tokens) {
    Found best;
    for (string_view t : tokens) {
        size_t p = rfind_token(s, t);
        if (p != string_view::npos && (!best || p > best.pos)) best = {p, t.size()};
    }
    return best;
}



Digit digit_back(string_view s) {
    if (!s.empty() && s.back() >= '0' && s.back() <= '9') return {s.back() - '0', 1};
    if (s.size() >= 3)
        if (Digit d = digit_front(s.substr(s.size() - 3)); d.width == 3) return d;
    return {};
}


// ---------------------------------------------------------------------------------
// Clause boundaries

struct ClauseStart {
    size_t pos = 0;   // first digit of the clause number
    size_t body = 0;  // first byte after its 、
    std::uint32_t number = 0;
};

struct ClauseNumber {
    size_t pos = 0;
    std::uint32_t value = 0;
    int digits = 0;
};

// A number of more digits starts a clause only where it is the one expected, so
// that a year (`2023、2024年`, `20231、`) is never taken for a clause number but
// clause 10000 follows clause 9999 (it was merged into it, silently).
constexpr int kYearDigits = 4;

// The clause number written right before the 、 at `at`; nine digits at most, so
// that it fits its type.
std::optional<ClauseNumber> number_before(string_view text, size_t at) {
    constexpr int kMaxDigits = 9;
    string_view before = trim_right(text.substr(0, at));
    std::uint32_t value = 0;
    std::uint32_t scale = 1;
    int digits = 0;
    while (Digit d = digit_back(before)) {
        if (++digits > kMaxDigits) return std::nullopt;
        value += static_cast<std::uint32_t>(d.value) * scale;
        scale *= 10;
        before.remove_suffix(d.width);
    }
    if (digits == 0) return std::nullopt;
    return ClauseNumber{before.size(), value, digits};
}

// `1-产出指标`, `11 - 数量指标`: a level code then its name.
std::optional<std::pair<string_view, string_view>> split_level_code(string_view s) {
    s = trim_left(s);
    size_t i = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == 0) return std::nullopt;
    string_view rest = trim_left(s.substr(i));
    size_t dash = token_front(rest, kDashes);
    if (dash == 0) return std::nullopt;
    return std::pair{s.substr(0, i), trim(rest.substr(dash))};
}

bool starts_with_level1_name(string_view s) { return token_front(trim_left(s), framework::level1_names()) != 0; }

// An export head whose level-1 name is not one we know: a short run up to a colon.
bool short_colon_head(string_view s) {
    constexpr size_t kMaxHeadChars = 12;
    s = trim_left(s);
    size_t chars = 0;
    for (size_t i = 0; i < s.size() && chars <= kMaxHeadChars; i = next_char(s, i), ++chars) {
        string_view rest = s.substr(i);
        if (token_front(rest, kColons)) return i > 0;
        if (token_front(rest, kPunctuation)) return false;
    }
    return false;
}

// Decides whether `N、` at a candidate position starts a clause. A 、 also occurs
// inside names and values (`补助、津补贴`), and numbers inside values can be followed
// by one, so a candidate must be anchored (at the start or after a 。) and expected,
// or be followed by what a clause head looks like.
class ClauseFinder {
public:
    ClauseFinder(string_view text, ClauseDialect dialect) : text_(text), dialect_(dialect) {}

    // The first clause start at or after `from`. `first`: no clause seen yet, so text
    // before it is junk and any number may open the cell.
    std::optional<ClauseStart> find(size_t from, std::uint32_t expected, bool first) const {
        for (size_t at = text_.find(kEnumComma, from); at != string_view::npos;
             at = text_.find(kEnumComma, at + kEnumComma.size())) {
            auto number = number_before(text_, at);
            if (!number || number->pos < from) continue;
            if (number->digits > kYearDigits && number->value != expected) continue;
            size_t body = at + kEnumComma.size();
            if (accepts(number->pos, body, number->value == expected, first))
                return ClauseStart{number->pos, body, number->value};
        }
        return std::nullopt;
    }

private:
    bool accepts(size_t pos, size_t body, bool expected, bool first) const {
        string_view head = text_.substr(body);
        bool strict = split_level_code(head) || starts_with_level1_name(head);
        if (anchored(pos)) {
            if (dialect_ == ClauseDialect::Layout) return strict;
            return strict || expected || short_colon_head(head);
        }
        // Unanchored: a clause whose 。 is missing, or the first clause after junk.
        return strict && (expected || first);
    }

    bool anchored(size_t pos) const {
        string_view before = trim_right(text_.substr(0, pos));
        return before.empty() || before.ends_with(kFullStop);
    }

    string_view text_;
    ClauseDialect dialect_;
};

// ---------------------------------------------------------------------------------
// Clause bodies

// Where the labelled targets are. Each value runs to the other label or to the end;
// the last occurrence of a label counts, so a name may mention it.
struct LabelledTargets {
    string_view head;  // the body before the first label
    std::optional<string_view> period;
    std::optional<string_view> annual;
};

string_view value_between(string_view body, size_t label_end, size_t value_end) {
    string_view v = trim_left(body.substr(label_end, value_end - label_end));
    v.remove_prefix(token_front(v, kColons));
    return strip_back(v, kTargetSeparators);
}

// The last byte of `c` in s[0, n), backwards; memrchr where the C library has one.
const char* last_byte(const char* s, size_t n, char c) {
#if defined(__GLIBC__)
    return static_cast<const char*>(memrchr(s, c, n));
#else
    while (n-- > 0)
        if (s[n] == c) return s + n;
    return nullptr;
#endif
}

// The last occurrence of each label. Both end in 指标值, so one backward pass over
// the last byte of 值 (rare in CJK text) finds both; a match of a label is exactly
// a 值 byte that ends it, so nothing is missed that a byte-wise rfind would find.
void last_labels(string_view body, size_t& period, size_t& annual) {
    constexpr size_t npos = string_view::npos;
    static_assert(kPeriodLabel.ends_with("指标值") && kAnnualLabel.ends_with("指标值"));
    period = annual = npos;
    const char tail = kAnnualLabel.back();
    size_t n = body.size();
    while (period == npos || annual == npos) {
        const char* hit = last_byte(body.data(), n, tail);
        if (!hit) break;
        size_t end = static_cast<size_t>(hit - body.data()) + 1;
        string_view before = body.substr(0, end);
        if (annual == npos && before.ends_with(kAnnualLabel)) annual = end - kAnnualLabel.size();
        else if (period == npos && before.ends_with(kPeriodLabel)) period = end - kPeriodLabel.size();
        n = end - 1;
    }
}

LabelledTargets split_targets(string_view body) {
    constexpr size_t npos = string_view::npos;
    LabelledTargets t;
    size_t period, annual;
    last_labels(body, period, annual);
    auto end_of = [&](size_t label, size_t other) { return other != npos && other > label ? other : body.size(); };
    if (period != npos) t.period = value_between(body, period + kPeriodLabel.size(), end_of(period, annual));
    if (annual != npos) t.annual = value_between(body, annual + kAnnualLabel.size(), end_of(annual, period));
    t.head = strip_back(body.substr(0, std::min(period, annual)), kTargetSeparators);
    return t;
}

// Written into `level` so that a reused indicator keeps its strings' storage.
void parse_level(string_view field, std::optional<Level>& level) {
    if (!level) level.emplace();
    if (auto code = split_level_code(field)) {
        level->code.assign(code->first);
        level->name.assign(code->second);
        level->weight.clear();
    } else {
        level->code.clear();
        level->name.assign(trim(field));
        level->weight.clear();
    }
}

void set_target(std::optional<Target>& target, string_view text) {
    if (!target) target.emplace();
    parse_target_into(text, *target);
}

enum class Problem { None, LayoutShape, ExportShape, NoTargets, NoAnnual, NoPeriod, Unlabelled };

// The indicator a clause is read into, which may hold an earlier cell's clause: its
// levels and targets are overwritten in place (keeping their strings' storage), and
// those the clause does not write are reset afterwards.
struct Fill {
    Indicator& ind;
    bool level1 = false, level2 = false, period = false, annual = false;

    void set_level1(string_view field) { level1 = true, parse_level(field, ind.level1); }
    void set_level2(string_view field) { level2 = true, parse_level(field, ind.level2); }
    void set_period(string_view text) { period = true, set_target(ind.period, text); }
    void set_annual(string_view text) { annual = true, set_target(ind.annual, text); }
    void reset_unwritten() {
        if (!level1) ind.level1.reset();
        if (!level2) ind.level2.reset();
        if (!period) ind.period.reset();
        if (!annual) ind.annual.reset();
    }
};

void set_targets(Fill& f, const LabelledTargets& t) {
    if (t.period) f.set_period(*t.period);
    if (t.annual) f.set_annual(*t.annual);
}

Problem missing_target(const LabelledTargets& t, bool needs_period) {
    if (!t.annual && !t.period) return needs_period ? Problem::NoTargets : Problem::NoAnnual;
    if (!t.annual) return Problem::NoAnnual;
    if (!t.period && needs_period) return Problem::NoPeriod;
    return Problem::None;
}

// `C1-一级名；C2-二级名；指标名；实施周期指标值:V1；年度指标值:V2`. The name is
// whatever follows the second separator, so it may hold its own `；`.
Problem read_layout(string_view body, Fill& f) {
    LabelledTargets t = split_targets(body);
    set_targets(f, t);
    Found first = find_first(t.head, kFieldSeparators);
    if (!first) return Problem::LayoutShape;
    string_view after_first = t.head.substr(first.pos + first.len);
    Found second = find_first(after_first, kFieldSeparators);
    if (!second) return Problem::LayoutShape;
    string_view level1 = trim(t.head.substr(0, first.pos));
    string_view level2 = trim(after_first.substr(0, second.pos));
    string_view name = trim(after_first.substr(second.pos + second.len));
    if (level1.empty() || level2.empty() || name.empty()) return Problem::LayoutShape;
    f.set_level1(level1);
    f.set_level2(level2);
    f.ind.name.assign(name);
    return missing_target(t, /*needs_period=*/true);
}

// `一级名：指标名，年度指标值：V`. Names hold commas, so without the label the value
// is what follows the last comma.
Problem read_export(string_view body, Fill& f) {
    Indicator& ind = f.ind;
    Found colon = find_first(body, kColons);
    if (!colon || trim(body.substr(0, colon.pos)).empty()) {
        set_targets(f, split_targets(body));
        return Problem::ExportShape;
    }
    f.set_level1(body.substr(0, colon.pos));
    string_view rest = body.substr(colon.pos + colon.len);
    LabelledTargets t = split_targets(rest);
    if (t.period || t.annual) {
        set_targets(f, t);
        ind.name.assign(t.head);
        if (t.head.empty()) return Problem::ExportShape;
        return missing_target(t, /*needs_period=*/false);
    }
    Found comma = find_last(rest, kCommas);
    if (!comma) {
        ind.name.assign(strip_back(rest, kClosingStops));
        return Problem::NoAnnual;
    }
    ind.name.assign(trim(rest.substr(0, comma.pos)));
    f.set_annual(rest.substr(comma.pos + comma.len));
    return ind.name.empty() ? Problem::ExportShape : Problem::Unlabelled;
}

// ---------------------------------------------------------------------------------
// Repeated clauses

// Tables repeat their clauses (each town's project lists the same indicators; in the
// sample tables nine clauses in ten were read before), and reading one costs ten
// times copying what it gave. What a clause body gives (levels, name, targets, the
// problem) is a pure function of the body and the dialect, so a bounded per-thread
// memo changes nothing but the time; the diagnostics, which also depend on the
// clause number and line, are made anew each time. Direct-mapped: a collision only
// rereads.
// What check_target finds in a clause's two targets: a function of the targets and
// the indicator's name, so of the clause body.
struct TargetFindings {
    std::optional<TargetFinding> period, annual;
};

class ClauseMemo {
public:
    struct Entry {
        std::string body;
        ClauseDialect dialect = ClauseDialect::Layout;
        bool used = false;
        Problem problem = Problem::None;
        std::optional<Level> level1, level2;
        std::string name;
        std::optional<Target> period, annual;  // with the name's unit applied
        TargetFindings findings;
    };

    // Long bodies are rarely repeated: read each time, not kept.
    static constexpr size_t kMaxBodyBytes = 512;

    Entry& slot(string_view body) {
        if (slots_.empty()) slots_.resize(kSlots);
        return slots_[hash(body) >> (64 - kSlotBits)];
    }

    static bool holds(const Entry& e, string_view body, ClauseDialect dialect) {
        return e.used && e.dialect == dialect && string_view(e.body) == body;
    }

    static void copy(std::optional<Level>& to, const std::optional<Level>& from) {
        if (!from) return to.reset();
        if (!to) to.emplace();
        assign_unless_both_empty(to->code, from->code);
        assign_unless_both_empty(to->name, from->name);
        assign_unless_both_empty(to->weight, from->weight);
    }
    static void copy(std::optional<Target>& to, const std::optional<Target>& from) {
        if (!from) return to.reset();
        if (!to) to.emplace();
        copy_target(*to, *from);
    }
    // What reading a body writes into an indicator, from `from` to `to`.
    template <class From, class To>
    static void copy_read(const From& from, To& to) {
        copy(to.level1, from.level1);
        copy(to.level2, from.level2);
        to.name = from.name;
        copy(to.period, from.period);
        copy(to.annual, from.annual);
    }

private:
    static constexpr int kSlotBits = 10;
    static constexpr size_t kSlots = size_t{1} << kSlotBits;
    // Sampled, not whole: the body is compared on a hit anyway, and hashing every
    // byte cost 1.1 M more instructions over the 5 MB corpus than the copy it saves.
    static std::uint64_t hash(string_view s) { return bpt::hash::sampled(s); }
    std::vector<Entry> slots_;  // allocated on first use
};

ClauseMemo& clause_memo() {
    thread_local ClauseMemo memo;
    return memo;
}

// ---------------------------------------------------------------------------------
// Diagnostics

Location location_at(std::span<const Mark> lines, size_t offset) {
    auto after = std::upper_bound(lines.begin(), lines.end(), offset,
                                  [](size_t o, const Mark& m) { return o < m.offset; });
    return after == lines.begin() ? Location{} : std::prev(after)->at;
}

std::string clause_message(Problem problem, const Indicator& ind, ClauseDialect dialect) {
    const std::string clause = "indicator clause " + std::to_string(ind.seq);
    const string_view shape = dialect == ClauseDialect::Layout ? kLayoutShape : kExportShape;
    switch (problem) {
        case Problem::LayoutShape:
            return clause + " does not have the fields level 1, level 2 and name separated by `；` (expected " +
                   std::string(shape) + ")";
        case Problem::ExportShape:
            return clause + " does not have a level-1 name and an indicator name separated by `：` (expected " +
                   std::string(shape) + ")";
        case Problem::NoTargets:
            return clause + " has neither a 实施周期指标值 nor a 年度指标值 target (expected " + std::string(shape) + ")";
        case Problem::NoAnnual:
            return clause + " has no 年度指标值 target (expected " + std::string(shape) + ")";
        case Problem::NoPeriod:
            return clause + " has no 实施周期指标值 target (expected " + std::string(shape) + ")";
        case Problem::Unlabelled:
            return clause + " gives its target `" + (ind.annual ? ind.annual->raw : std::string()) +
                   "` without the 年度指标值 label, so it was read as the annual target (expected " +
                   std::string(shape) + ")";
        case Problem::None: break;
    }
    return {};
}

class CellParser {
public:
    // `overwrite`: out's elements are reused from the first and out is cut to the
    // cell's indicators; otherwise they are appended.
    CellParser(string_view text, ClauseDialect dialect, std::span<const Mark> lines,
               std::vector<Indicator>& out, std::vector<Diagnostic>& diagnostics, bool overwrite)
        : text_(text), dialect_(dialect), lines_(lines), out_(out), diagnostics_(diagnostics),
          next_(overwrite ? 0 : out.size()) {}

    void run() {
        parse();
        if (next_ < out_.size()) out_.erase(out_.begin() + static_cast<std::ptrdiff_t>(next_), out_.end());
    }

private:
    void parse() {
        if (trim(text_).empty()) return;
        const std::vector<ClauseStart>& clauses = find_clauses(text_, dialect_);
        report_junk(text_.substr(0, clauses.empty() ? text_.size() : clauses.front().pos));
        // Grown geometrically so that appending many cells to one vector stays linear.
        if (out_.capacity() - next_ < clauses.size())
            out_.reserve(std::max(next_ + clauses.size(), 2 * out_.capacity()));
        for (size_t i = 0; i < clauses.size(); ++i) {
            Location line = location_at(lines_, clauses[i].pos);
            if (i == 0) check_numbering(std::nullopt, clauses[i].number, line);
            else check_numbering(clauses[i - 1].number, clauses[i].number, line);
            size_t end = i + 1 < clauses.size() ? clauses[i + 1].pos : text_.size();
            read_clause(clauses[i], end, line);
        }
    }

    // The next indicator to write: a reused one, or a new one at the end.
    Indicator& next_indicator() {
        if (next_ < out_.size()) return out_[next_++];
        ++next_;
        return out_.emplace_back();
    }

    // Into one per-thread vector, reused cell after cell (parse() does not recurse).
    static const std::vector<ClauseStart>& find_clauses(string_view text, ClauseDialect dialect) {
        thread_local std::vector<ClauseStart> clauses;
        clauses.clear();
        ClauseFinder finder(text, dialect);
        for (auto clause = finder.find(0, 1, /*first=*/true); clause;
             clause = finder.find(clause->body, clause->number + 1, /*first=*/false))
            clauses.push_back(*clause);
        return clauses;
    }

    void read_clause(const ClauseStart& clause, size_t end, Location line) {
        Indicator& ind = next_indicator();
        ind.seq = clause.number;
        ind.raw.assign(trim(text_.substr(clause.pos, end - clause.pos)));
        ind.location = line;
        ind.name.clear();
        // What only the grid forms write.
        ind.weight.reset();
        ind.direction.reset();
        ind.actual.reset();
        ind.score.reset();
        ind.standard.reset();
        ind.note.reset();
        ind.reason.reset();
#if defined(__GLIBCXX__) && defined(__LP64__)
        static_assert(sizeof(Indicator) == 1416, "a field added to Indicator must be reset here");
#endif
        string_view body = trim(text_.substr(clause.body, end - clause.body));
        Read read = read_body(body, ind);
        if (read.problem == Problem::Unlabelled)
            report(Rule::TargetUnlabelled, clause_message(read.problem, ind, dialect_), line, ind.raw);
        else if (read.problem != Problem::None)
            report(Rule::IndicatorMalformed, clause_message(read.problem, ind, dialect_), line, ind.raw);
        report_target(ind, ind.period, read.findings->period, kPeriodLabel, line);
        report_target(ind, ind.annual, read.findings->annual, kAnnualLabel, line);
    }

    // What reading a body gave besides the indicator's fields. The findings are the
    // memo entry's or `fresh_`: valid until the next clause is read.
    struct Read {
        Problem problem;
        const TargetFindings* findings;
    };

    Read read_body(string_view body, Indicator& ind) {
        ClauseMemo::Entry* memo = nullptr;
        if (body.size() <= ClauseMemo::kMaxBodyBytes) {
            memo = &clause_memo().slot(body);
            if (ClauseMemo::holds(*memo, body, dialect_)) {
                ClauseMemo::copy_read(*memo, ind);
                return {memo->problem, &memo->findings};
            }
        }
        Fill fill{ind};
        Problem problem = dialect_ == ClauseDialect::Layout ? read_layout(body, fill) : read_export(body, fill);
        fill.reset_unwritten();
        check_target(ind, ind.period, fresh_.period);
        check_target(ind, ind.annual, fresh_.annual);
        if (!memo) return {problem, &fresh_};
        memo->body.assign(body);
        memo->dialect = dialect_;
        memo->used = true;
        memo->problem = problem;
        ClauseMemo::copy_read(ind, *memo);
        memo->findings = std::move(fresh_);
        return {problem, &memo->findings};
    }

    // The unit a name carries (`实施营造林总面积(亩)`) serves a bare number; a target
    // the grammar could not type, or a template left unfilled, is found. Both are
    // functions of the body, so a remembered clause keeps them.
    static void check_target(const Indicator& ind, std::optional<Target>& target,
                             std::optional<TargetFinding>& finding) {
        finding.reset();
        if (!target) return;
        apply_name_unit(*target, ind.name);
        finding = target_finding(*target);
    }

    void report_target(const Indicator& ind, const std::optional<Target>& target,
                       const std::optional<TargetFinding>& finding, string_view label, Location line) {
        if (!finding) return;
        report(finding->rule,
               "indicator clause " + std::to_string(ind.seq) + ": " + std::string(label) + " " + finding->message, line,
               target->raw);
    }

    // Text before the first clause is kept as a clause without a number, so nothing
    // read is lost.
    void report_junk(string_view junk) {
        string_view kept = trim(junk);
        if (kept.empty()) return;
        Location line = location_at(lines_, static_cast<size_t>(kept.data() - text_.data()));
        Indicator& ind = next_indicator();
        ind = Indicator{};
        ind.raw = std::string(kept);
        ind.location = line;
        // Numbered like a clause but not shaped like one: say what shape was expected.
        bool numbered = digit_front(kept) && kept.find(kEnumComma) != string_view::npos &&
                        kept.find(kEnumComma) <= 6;
        std::string expected = numbered ? std::string(dialect_ == ClauseDialect::Layout ? kLayoutShape : kExportShape)
                                        : std::string("clauses starting `1、`, `2、` …");
        report(Rule::IndicatorMalformed,
               "indicator text `" + excerpt(kept) + "` is not " + (numbered ? "shaped as a clause" : "part of a numbered clause") +
                   " (expected " + expected + ")",
               line, kept);
    }

    void check_numbering(std::optional<std::uint32_t> previous, std::uint32_t number, Location line) {
        std::uint32_t expected = previous ? *previous + 1 : 1;
        if (number == expected) return;
        std::string message =
            previous ? "indicator clause " + std::to_string(number) + " follows clause " + std::to_string(*previous) +
                           " (expected " + std::to_string(expected) + ")"
                     : "indicator clauses start at " + std::to_string(number) + " (expected 1)";
        report(Rule::IndicatorNumbering, std::move(message), line, {});
    }

    void report(Rule rule, std::string message, Location line, string_view quote) {
        diagnostics_.push_back(make_diagnostic(rule, std::move(message), line, quote));
    }

    string_view text_;
    ClauseDialect dialect_;
    std::span<const Mark> lines_;
    std::vector<Indicator>& out_;
    std::vector<Diagnostic>& diagnostics_;
    size_t next_;  // where the next indicator goes in out_
    TargetFindings fresh_;  // a clause read anew, not remembered
};

}  // namespace

void parse_indicators(string_view text, ClauseDialect dialect, std::span<const Mark> lines,
                      std::vector<Indicator>& out, std::vector<Diagnostic>& diagnostics) {
    CellParser(text, dialect, lines, out, diagnostics, /*overwrite=*/false).run();
}

void parse_indicators_into(string_view text, ClauseDialect dialect, std::span<const Mark> lines,
                           std::vector<Indicator>& out, std::vector<Diagnostic>& diagnostics) {
    CellParser(text, dialect, lines, out, diagnostics, /*overwrite=*/true).run();
}

ClauseDialect clause_dialect_of(string_view cell) {
    // `1、1-产出指标；…`: the level-1 field carries a code. A budget system that
    // numbers its levels also writes period targets, so either tells the long form.
    string_view t = trim_left(cell);
    size_t comma = t.find(kEnumComma);
    if (comma != string_view::npos && comma <= 6) {
        string_view body = trim_left(t.substr(comma + kEnumComma.size()));
        if (digit_front(body)) return ClauseDialect::Layout;
    }
    return cell.find("实施周期指标值") != string_view::npos ? ClauseDialect::Layout : ClauseDialect::Export;
}

}  // namespace bpt
