// bpt: the command-line front. It parses arguments, wires Source → Reader → sinks
// and maps outcomes to exit codes; no table logic lives here.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "commands.h"

namespace bpt::cli {
void error(const std::string& message) { fmt::print(stderr, "bpt: {}\n", message); }
}  // namespace bpt::cli

int main(int argc, char** argv) {
    using namespace bpt::cli;
    CLI::App app{"bpt: extract and validate budget performance target tables (项目支出绩效目标表)", "bpt"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "bpt 0.1.0");

    std::vector<Command> commands = {
        add_parse(app),
        add_convert(app),
        add_validate(app),
        add_rules(app),
    };

    // CLI11 would only say that a subcommand is required; name the word it got.
    std::string names;
    bool known = false;
    for (const auto& c : commands) {
        names += (names.empty() ? "" : ", ") + c.app->get_name();
        known = known || (argc > 1 && c.app->get_name() == argv[1]);
    }
    if (argc > 1 && argv[1][0] != '-' && !known) {
        error(fmt::format("unknown command '{}' (expected one of: {}; see bpt --help)", argv[1], names));
        return kCannotRead;
    }
    int rc = kOk;
    try {
        app.parse(argc, argv);
        for (const auto& c : commands)
            if (c.app->parsed()) rc = c.run();
    } catch (const CLI::ParseError& e) {
        // Usage errors share exit code 2 with unreadable input: both mean "no result".
        rc = app.exit(e) == 0 ? kOk : kCannotRead;
    }
    // Output that could not be written (a full disk, a closed pipe) is a failure too,
    // whichever command wrote it.
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
        error(fmt::format("standard output: write failed: {}", std::strerror(errno)));
        return kCannotRead;
    }
    return rc;
}
