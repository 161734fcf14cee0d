#pragma once
// A finding about the input: what rule, how bad, where. Every reader, the indicator
// grammar and the validator speak in these, so one writer can print them all.
#include <cstdint>
#include <string>
#include <string_view>

namespace bpt {

enum class Severity { Info, Warning, Error };

std::string_view to_string(Severity s);
// Accepts `info`, `warning`, `error`.
bool parse_severity(std::string_view text, Severity& out);

struct Diagnostic {
    std::string rule;      // stable id, e.g. `unparsed-text`
    Severity severity = Severity::Warning;
    std::string message;   // one sentence a finance officer can act on
    std::uint32_t line = 0;  // 1-based input line; 0 when the finding is about the whole file
    std::uint32_t project = 0;  // 1-based project index it concerns; 0 when none
};

}  // namespace bpt
