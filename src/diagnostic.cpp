#include "bpt/diagnostic.h"

#include <fmt/format.h>

namespace bpt {

std::optional<Diagnostic> DiagnosticList::omission_note() const {
    if (omitted_ == 0) return std::nullopt;
    return Diagnostic{"diagnostics-truncated", Severity::Info,
                      fmt::format("{} more findings are counted in the summary but not listed (a list keeps the "
                                  "first {}); bpt parse --format ndjson lists them all",
                                  omitted_, kMax),
                      0, 0};
}

}  // namespace bpt
