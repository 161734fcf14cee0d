#pragma once
// The rule registry: every finding any part of bpt may raise, with its stable id,
// default severity, one-line summary and the anchor of its section in docs/rules.md.
// Readers and checks raise findings by Rule; no id string or severity is written
// anywhere else. A new rule is one enumerator, one registry row (src/rules.cpp) and
// one section in docs/rules.md.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace bpt {

enum class Severity : std::uint8_t { Info, Warning, Error };

std::string_view to_string(Severity s);
// Accepts `info`, `warning`, `error`.
bool parse_severity(std::string_view text, Severity& out);

// In the order docs/rules.md presents them (and `bpt rules` lists them).
enum class Rule : std::uint16_t {
    // Reading the table
    UnparsedText,
    AmbiguousAmounts,
    InvalidAmount,
    MissingAmounts,
    IncompleteProject,
    NoProjects,
    DiagnosticsTruncated,
    DuplicateCheckLimit,
    MultipleTables,
    ExportNoHeader,
    ExportCellCount,
    ExportUnknownColumn,
    ExportDuplicateColumn,
    ExportUnclosedQuote,
    BadAmount,
    // Reading the indicator cell
    IndicatorMalformed,
    IndicatorNumbering,
    TargetUnlabelled,
    // Checking the records
    TotalMismatch,
    TotalMatchesWithoutRepeats,
    RowSumMismatch,
    AmountOutOfRange,
    DuplicateProject,
    ConflictingDuplicate,
    MissingIndicators,
    MissingGoal,
    MissingIndicatorCategory,
    IndicatorCodeMismatch,
    TargetOutOfRange,
    TargetPeriodAnnualInconsistent,
    // Reading the grid forms (appended: ids keep their numbers)
    GluedCells,
    // Reading the indicator cell (added after the registry's first edition)
    TargetUnfilled,
    TargetUntypable,
    // Reading a PDF
    PdfCellPlacement,
    PdfPageWithoutText,
};

// Who raises a rule: a reader while it finds cells, the assembler and the indicator
// grammar while they make records, or a check once a record is complete. All obey
// the same --disable / --severity.
enum class RuleStage : std::uint8_t { Reader, Indicators, Validator };

struct RuleInfo {
    Rule rule;
    std::string_view id;       // `unparsed-text`
    Severity severity;         // default; --severity changes it
    RuleStage stage;
    std::string_view summary;  // one line: what the rule checks
    std::string_view anchor;   // docs/rules.md#anchor
};

// Every rule, in registry order.
std::span<const RuleInfo> all_rules();
const RuleInfo& rule_info(Rule rule);
inline std::string_view rule_id(Rule rule) { return rule_info(rule).id; }
// nullptr for an unknown id.
const RuleInfo* find_rule(std::string_view id);

// `d.rule == "unparsed-text"`: a rule is its id.
inline bool operator==(Rule rule, std::string_view id) { return rule_id(rule) == id; }

}  // namespace bpt
