#pragma once
// Each subcommand registers its options on the root app and returns how to run it.
// main() parses, then runs whichever was chosen.
#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace bpt::cli {

// Exit codes, documented in the README.
constexpr int kOk = 0;
constexpr int kFindings = 1;    // validate: errors found; convert: some file failed
constexpr int kCannotRead = 2;  // unreadable input, unwritable output, bad arguments

struct Command {
    CLI::App* app;
    std::function<int()> run;
};

Command add_parse(CLI::App& root);
Command add_convert(CLI::App& root);
Command add_validate(CLI::App& root);
Command add_rules(CLI::App& root);
Command add_stats(CLI::App& root);
// `bpt completions bash|zsh|fish`, and `bpt help [COMMAND]` (completions.cpp).
Command add_completions(CLI::App& root);
Command add_help(CLI::App& root);

// `0.1.0`: the project's version, from CMake.
std::string_view version();
Command add_diff(CLI::App& root);

// `bpt: message` on standard error.
void error(const std::string& message);

}  // namespace bpt::cli
