#include "rule_options.h"

#include <fmt/format.h>

#include "commands.h"

namespace bpt::cli {

namespace {

// --disable takes a rule per use or a comma-separated list.
std::vector<std::string> split_commas(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        std::size_t comma = s.find(',', start);
        std::string part = s.substr(start, comma - start);
        if (!part.empty()) out.push_back(part);
        if (comma == std::string::npos) return out;
        start = comma + 1;
    }
}

}  // namespace

void add_rule_options(CLI::App* cmd, RuleArgs& args) {
    cmd->add_option("--disable", args.disable, "Do not check RULE (repeatable, or comma-separated)")
        ->type_name("RULE");
    cmd->add_option("--severity", args.severity, "Report RULE as error, warning or info (repeatable)")
        ->type_name("RULE=LEVEL");
    cmd->add_option("--tolerance", args.tolerance,
                    "Allowed difference in money checks, in the table's unit (default 0: exact)")
        ->type_name("AMOUNT");
}

std::optional<ValidationOptions> validation_options(const RuleArgs& args) {
    ValidationOptions options;
    for (const auto& list : args.disable)
        for (const auto& id : split_commas(list)) options.disabled.insert(id);
    for (const auto& spec : args.severity) {
        std::size_t eq = spec.find('=');
        Severity level;
        if (eq == std::string::npos || !parse_severity(std::string_view(spec).substr(eq + 1), level)) {
            error(fmt::format("--severity {}: expected RULE=error, RULE=warning or RULE=info", spec));
            return std::nullopt;
        }
        options.severities[spec.substr(0, eq)] = level;
    }
    if (args.tolerance) {
        auto t = Money::parse(*args.tolerance);
        if (!t || *t < Money()) {
            error(fmt::format("--tolerance {}: expected a non-negative amount in the table's unit, e.g. 0.01",
                              *args.tolerance));
            return std::nullopt;
        }
        options.tolerance = *t;
    }
    auto unknown = unknown_rules(options);
    if (!unknown.empty()) {
        std::string list;
        for (const auto& id : unknown) list += (list.empty() ? "'" : ", '") + id + "'";
        error(fmt::format("unknown rule {} (bpt rules lists them)", list));
        return std::nullopt;
    }
    return options;
}

}  // namespace bpt::cli
