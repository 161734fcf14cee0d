#include "bpt/rules.h"

#include <array>

namespace bpt {

std::string_view to_string(Severity s) {
    switch (s) {
        case Severity::Info: return "info";
        case Severity::Warning: return "warning";
        case Severity::Error: return "error";
    }
    return "error";
}

bool parse_severity(std::string_view text, Severity& out) {
    if (text == "info") out = Severity::Info;
    else if (text == "warning") out = Severity::Warning;
    else if (text == "error") out = Severity::Error;
    else return false;
    return true;
}

namespace {

// Reader and grammar rules are listed too, so that --disable and --severity reach
// them and `bpt rules` is the whole list. Rows are in Rule's order (checked below).
constexpr RuleInfo kRules[] = {
    {Rule::UnparsedText, "unparsed-text", Severity::Warning, RuleStage::Reader,
     "a non-empty line that belongs to no field of any row", "unparsed-text"},
    {Rule::AmbiguousAmounts, "ambiguous-amounts", Severity::Warning, RuleStage::Reader,
     "a row's numbers cannot be placed in the money columns (kept as unassigned, not guessed)", "ambiguous-amounts"},
    {Rule::InvalidAmount, "invalid-amount", Severity::Error, RuleStage::Reader,
     "a number where a row's amounts stand that is not a valid amount (layout dialect)", "invalid-amount"},
    {Rule::MissingAmounts, "missing-amounts", Severity::Error, RuleStage::Reader,
     "a project row has no amounts", "missing-amounts"},
    {Rule::IncompleteProject, "incomplete-project", Severity::Error, RuleStage::Reader,
     "the file ends inside a project", "incomplete-project"},
    {Rule::NoProjects, "no-projects", Severity::Error, RuleStage::Reader,
     "the table has a header but no project rows", "no-projects"},
    {Rule::DiagnosticsTruncated, "diagnostics-truncated", Severity::Info, RuleStage::Validator,
     "more findings than a JSON document or validate report lists (10,000); the summary counts them all", "diagnostics-truncated"},
    {Rule::DuplicateCheckLimit, "duplicate-check-limit", Severity::Info, RuleStage::Validator,
     "a table with more distinct project names than the duplicate checks remember (131,072)", "duplicate-check-limit"},
    {Rule::MultipleTables, "multiple-tables", Severity::Warning, RuleStage::Reader,
     "a second 部门名称 line names another department: two tables in one file (layout dialect)", "multiple-tables"},
    {Rule::ExportNoHeader, "export-no-header", Severity::Error, RuleStage::Reader,
     "an export file without its column header (项目名称 and 绩效目标 or 绩效指标)", "export-no-header"},
    {Rule::ExportCellCount, "export-cell-count", Severity::Error, RuleStage::Reader,
     "an export row with more or fewer cells than the header (skipped unless the extra cells are empty)", "export-cell-count"},
    {Rule::ExportUnknownColumn, "export-unknown-column", Severity::Info, RuleStage::Reader,
     "an export column bpt does not read (序号, 备注 …)", "export-unknown-column"},
    {Rule::ExportDuplicateColumn, "export-duplicate-column", Severity::Warning, RuleStage::Reader,
     "an export column that repeats another; only the first is read", "export-duplicate-column"},
    {Rule::ExportUnclosedQuote, "export-unclosed-quote", Severity::Warning, RuleStage::Reader,
     "a quote opening an export cell never closes; the line is read with the quote as text", "export-unclosed-quote"},
    {Rule::BadAmount, "bad-amount", Severity::Error, RuleStage::Reader,
     "an export amount cell that is not an amount", "bad-amount"},
    {Rule::IndicatorMalformed, "indicator-malformed", Severity::Error, RuleStage::Indicators,
     "an indicator clause lacks its level, name or targets, or is not a numbered clause", "indicator-malformed"},
    {Rule::IndicatorNumbering, "indicator-numbering", Severity::Warning, RuleStage::Indicators,
     "indicator clauses are not numbered 1、2、3… in order", "indicator-numbering"},
    {Rule::TargetUnlabelled, "target-unlabelled", Severity::Warning, RuleStage::Indicators,
     "a target written without its 年度指标值 label (read as the annual target)", "target-unlabelled"},
    {Rule::TotalMismatch, "total-mismatch", Severity::Error, RuleStage::Validator,
     "a declared total (合计, a department subtotal) differs from the sum of its projects", "total-mismatch"},
    {Rule::TotalMatchesWithoutRepeats, "total-matches-without-repeats", Severity::Info, RuleStage::Validator,
     "a declared total equals the sum of its projects once exact repeats are set aside", "total-matches-without-repeats"},
    {Rule::RowSumMismatch, "row-sum-mismatch", Severity::Error, RuleStage::Validator,
     "a row's 总计 differs from the sum of its funding columns", "row-sum-mismatch"},
    {Rule::AmountOutOfRange, "amount-out-of-range", Severity::Error, RuleStage::Validator,
     "a negative amount, or a project larger than its declared total", "amount-out-of-range"},
    {Rule::DuplicateProject, "duplicate-project", Severity::Warning, RuleStage::Validator,
     "a project repeats an earlier one exactly (usually a page-break repeat)", "duplicate-project"},
    {Rule::ConflictingDuplicate, "conflicting-duplicate", Severity::Error, RuleStage::Validator,
     "a project has the name of an earlier one but different amounts, goal or indicators", "conflicting-duplicate"},
    {Rule::MissingIndicators, "missing-indicators", Severity::Error, RuleStage::Validator,
     "a project without any indicator", "missing-indicators"},
    {Rule::MissingGoal, "missing-goal", Severity::Warning, RuleStage::Validator,
     "a project without a performance goal (绩效目标)", "missing-goal"},
    {Rule::MissingIndicatorCategory, "missing-indicator-category", Severity::Warning, RuleStage::Validator,
     "a project without an output (产出) or without an effect (效益) indicator", "missing-indicator-category"},
    {Rule::IndicatorCodeMismatch, "indicator-code-mismatch", Severity::Error, RuleStage::Validator,
     "a level code outside its level-1 category, or a code whose name is not the framework's", "indicator-code-mismatch"},
    {Rule::TargetOutOfRange, "target-out-of-range", Severity::Error, RuleStage::Validator,
     "a percentage below 0, a rate above 100%, or a negative count", "target-out-of-range"},
    {Rule::TargetPeriodAnnualInconsistent, "target-period-annual-inconsistent", Severity::Warning, RuleStage::Validator,
     "the annual target of a quantity exceeds its target for the whole period", "target-period-annual-inconsistent"},
    {Rule::GluedCells, "glued-cells", Severity::Error, RuleStage::Reader,
     "a grid whose cells are printed with no separator between them (refused, not guessed)", "glued-cells"},
    {Rule::TargetUnfilled, "target-unfilled", Severity::Warning, RuleStage::Indicators,
     "a target left as its template: a comparator or a unit without a number (`≧ %`, `≥**个`)", "target-unfilled"},
    {Rule::TargetUntypable, "target-untypable", Severity::Warning, RuleStage::Indicators,
     "a target with numbers the grammar cannot place, kept as text (`≤28.40/株`)", "target-untypable"},
    {Rule::PdfCellPlacement, "pdf-cell-placement", Severity::Warning, RuleStage::Reader,
     "a PDF cell's lines line up with their row only loosely: check that they belong to it", "pdf-cell-placement"},
    {Rule::PdfPageWithoutText, "pdf-page-without-text", Severity::Warning, RuleStage::Reader,
     "a page of a PDF with text elsewhere has none: a scanned page's rows would be missing", "pdf-page-without-text"},
};

constexpr bool in_order() {
    for (std::size_t i = 0; i < std::size(kRules); ++i)
        if (static_cast<std::size_t>(kRules[i].rule) != i) return false;
    return true;
}
static_assert(in_order(), "kRules must list the rules in the order of enum Rule");

}  // namespace

std::span<const RuleInfo> all_rules() { return kRules; }

const RuleInfo& rule_info(Rule rule) { return kRules[static_cast<std::size_t>(rule)]; }

const RuleInfo* find_rule(std::string_view id) {
    for (const auto& r : kRules)
        if (r.id == id) return &r;
    return nullptr;
}

}  // namespace bpt
