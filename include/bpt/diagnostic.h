#pragma once
// A finding about the input: what rule, how bad, where, and the source text it is
// about. Every reader, the assembler, the indicator grammar and the checks speak
// in these, so one printer can print them all without reading the input again.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bpt/location.h"
#include "bpt/rules.h"

namespace bpt {

struct Diagnostic {
    Rule rule = Rule::UnparsedText;
    Severity severity = Severity::Warning;  // the registry's, after --severity
    std::string message;   // one sentence a finance officer can act on
    Location at;           // line (text) or page and position (PDF); line 0 and page 0: the whole file
    std::string quote;     // the source text it points at (at most kMaxQuote characters); may be empty
    std::uint32_t project = 0;  // 1-based project index it concerns; 0 when none

    std::string_view id() const { return rule_id(rule); }
    // Quotes are cut to this many characters, so that memory per finding is bounded
    // whatever the input.
    static constexpr std::size_t kMaxQuote = 100;
    // Messages are cut to this many bytes (with …, on a character boundary), for the
    // same reason: they name cells, and a cell can be as long as a record.
    static constexpr std::size_t kMaxMessageBytes = 1024;
};

// A finding with the registry's severity for `rule` and a bounded quote.
Diagnostic make_diagnostic(Rule rule, std::string message, Location at, std::string_view quote = {},
                           std::uint32_t project = 0);

}  // namespace bpt
