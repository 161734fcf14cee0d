// bpt: the command-line front. It parses arguments, wires Source → Reader → sinks
// and maps outcomes to exit codes; no table logic lives here.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

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

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // Usage errors share exit code 2 with unreadable input: both mean "no result".
        int rc = app.exit(e);
        return rc == 0 ? kOk : kCannotRead;
    }
    for (const auto& c : commands)
        if (c.app->parsed()) return c.run();
    return kOk;
}
