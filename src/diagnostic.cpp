#include "bpt/diagnostic.h"

#include <fmt/format.h>

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

}  // namespace bpt
