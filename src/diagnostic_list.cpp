#include "bpt/diagnostic_list.h"

#include <fmt/format.h>

namespace bpt {

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
