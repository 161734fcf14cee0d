#include "bpt/diagnostic.h"

#include <fmt/format.h>

#include "bpt/rule_policy.h"
#include "bpt/text.h"

namespace bpt {

Diagnostic make_diagnostic(Rule rule, std::string message, Location at, std::string_view quote,
                           std::uint32_t project) {
    Diagnostic d;
    d.rule = rule;
    d.severity = rule_info(rule).severity;
    d.message = std::move(message);
    d.at = at;
    if (!quote.empty()) d.quote = text::ellipsize(text::trim(quote), Diagnostic::kMaxQuote);
    d.project = project;
    return d;
}

std::optional<Diagnostic> DiagnosticList::omission_note(const RulePolicy& policy) const {
    if (omitted_ == 0) return std::nullopt;
    Diagnostic d = make_diagnostic(Rule::DiagnosticsTruncated,
                                   fmt::format("{} more findings are counted in the summary but not listed (a list "
                                               "keeps the first {}); bpt parse --format ndjson lists them all",
                                               omitted_, kMax),
                                   {});
    if (!policy.apply(d)) return std::nullopt;
    return d;
}

}  // namespace bpt
