#include "bpt/diagnostic.h"

#include <fmt/format.h>

#include "bpt/text.h"

namespace bpt {

Diagnostic make_diagnostic(Rule rule, std::string message, Location at, std::string_view quote,
                           std::uint32_t project) {
    Diagnostic d;
    d.rule = rule;
    d.severity = rule_info(rule).severity;
    if (message.size() > Diagnostic::kMaxMessageBytes) {
        // Cut on a character boundary: a message names cells, and a cell can be as
        // long as a record; 10,000 findings of whole names were gigabytes.
        std::size_t cut = Diagnostic::kMaxMessageBytes - std::string_view("…").size();
        while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) --cut;
        message.resize(cut);
        message += "…";
    }
    d.message = std::move(message);
    d.at = at;
    if (!quote.empty()) d.quote = text::ellipsize(text::trim(quote), Diagnostic::kMaxQuote);
    d.project = project;
    return d;
}

}  // namespace bpt
