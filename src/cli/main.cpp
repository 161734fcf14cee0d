// bpt: the command-line front. It parses arguments, wires Source → Reader → sinks
// and maps outcomes to exit codes; no table logic lives here.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <malloc.h>

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
    // Each file's pipeline allocates a few buffers of hundreds of KiB. By default
    // glibc maps such blocks afresh and returns them when freed, so every file of
    // a `bpt convert` run faulted its buffers in again: half its time was the
    // kernel's. Keeping freed memory for reuse costs nothing in peak size.
    mallopt(M_MMAP_THRESHOLD, 16 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    CLI::App app{"bpt: extract and validate budget performance target tables (项目支出绩效目标表)", "bpt"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "bpt 0.1.0");
    app.footer(
        "\nExamples:\n"
        "  bpt parse table.txt > table.json\n"
        "  bpt parse table.txt --format csv --bom -o table.csv\n"
        "  bpt validate tables/*.txt --format github\n"
        "  bpt convert archive/ --out-dir out/ --format ndjson\n"
        "  bpt parse table.txt --format xlsx -o table.xlsx\n"
        "  bpt stats table.txt\n"
        "\nExit codes: 0 done; 1 validate found errors, or convert could not convert some file;\n"
        "2 unreadable input, unwritable output or wrong arguments. Run bpt COMMAND --help for more.");

    std::vector<Command> commands = {
        add_parse(app),
        add_convert(app),
        add_validate(app),
        add_rules(app),
        add_stats(app),
    };

    // CLI11 would only say that a subcommand is required; name the word it got.
    std::string names;
    bool known = false;
    for (const auto& c : commands) {
        names += (names.empty() ? "" : ", ") + c.app->get_name();
        known = known || (argc > 1 && c.app->get_name() == argv[1]);
    }
    if (argc == 1) {
        error(fmt::format("a command is needed: one of {} (see bpt --help)", names));
        return kCannotRead;
    }
    if (argv[1][0] != '-' && !known) {
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
    // whichever command wrote it; a command that failed has said why already.
    if (rc == kOk && (std::fflush(stdout) != 0 || std::ferror(stdout))) {
        error(fmt::format("standard output: write failed: {}", std::strerror(errno)));
        return kCannotRead;
    }
    return rc;
}
