#pragma once
// --disable, --severity and --tolerance: how every command that reads a table
// tunes the checks, so that `bpt parse` and `bpt convert` report what
// `bpt validate` reports, under the same options.
#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "bpt/rule_policy.h"

namespace bpt::cli {

struct RuleArgs {
    std::vector<std::string> disable;   // rule ids, repeated or comma-separated
    std::vector<std::string> severity;  // RULE=LEVEL
    std::optional<std::string> tolerance;
};

void add_rule_options(CLI::App* cmd, RuleArgs& args);

// The options as the validator takes them; nullopt, after saying why on standard
// error, when the arguments are wrong (an unknown rule id, a bad level or amount).
std::optional<ValidationOptions> validation_options(const RuleArgs& args);

}  // namespace bpt::cli
