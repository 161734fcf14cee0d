#include "bpt/diagnostic.h"

#include <fmt/format.h>

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

std::optional<Diagnostic> DiagnosticList::omission_note() const {
    if (omitted_ == 0) return std::nullopt;
    return Diagnostic{"diagnostics-truncated", Severity::Info,
                      fmt::format("{} more findings are counted in the summary but not listed (a list keeps the "
                                  "first {}); bpt parse --format ndjson lists them all",
                                  omitted_, kMax),
                      0, 0};
}

}  // namespace bpt
