// bpt stats FILE...: what a finance officer adds up, over distinct projects: totals
// by department and town, indicators by category, targets by kind, and each file's
// declared 合计 against the sum of its rows. Exit codes: 0 every file was read, 2 a
// file could not be read (the others are still counted) or the arguments are wrong.
#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "bpt/csv_writer.h"
#include "bpt/json.h"
#include "bpt/output.h"
#include "bpt/pipeline.h"
#include "bpt/source.h"
#include "bpt/stats.h"
#include "bpt/printable.h"
#include "commands.h"
#include "formats.h"
#include "same_file.h"

namespace bpt::cli {

namespace {

struct StatsArgs {
    std::vector<std::string> files;
    std::string format = "text";
    std::string output = "-";
    ReadOptions read;
};

std::string amount(const std::optional<Money>& m) { return m ? m->to_display() : "-"; }

// Columns of CJK text line up only if a wide character counts two cells.
std::size_t cells(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) ++n;
        else if (c >= 0xC0) n += c >= 0xE0 ? 2 : 1;  // 3- and 4-byte sequences: CJK, full-width
    }
    return n;
}

std::string pad(std::string_view s, std::size_t width) {
    std::string r(s);
    for (std::size_t n = cells(s); n < width; ++n) r += ' ';
    return r;
}

void text_report(Output& out, const Stats& st) {
    // Paths, names and units come from the files: their control characters are shown,
    // not sent to the terminal (printable.h).
    std::string unit = printable(st.files.empty() ? "万元" : st.files.front().unit);
    for (const auto& f : st.files) {
        out.write(fmt::format("{}: {} project rows", printable(f.path), f.rows));
        if (f.repeats)
            out.write(fmt::format(", {} of them page-break repeats counted once: {} distinct projects", f.repeats,
                                  f.distinct()));
        out.write("\n");
        if (f.declared)
            out.write(fmt::format("  合计 declared {}, distinct projects add up to {} ({}): {}\n", amount(f.declared),
                                  f.computed.to_display(), printable(f.unit), f.matches() ? "equal" : "NOT equal"));
        else
            out.write(fmt::format("  no 合计 row; distinct projects add up to {} ({})\n", f.computed.to_display(),
                                  printable(f.unit)));
    }
    if (st.files.size() > 1)
        out.write(fmt::format("all {} files: {} distinct projects, {} ({}); declared {}\n", st.files.size(),
                              st.distinct(), st.computed().to_display(), unit, amount(st.declared())));
    auto groups = [&](const char* title, const std::vector<GroupTotal>& gs, const GroupTotal* rest) {
        std::size_t w = 8;
        for (const auto& g : gs) w = std::max(w, cells(printable(g.key)));
        if (rest) w = std::max(w, cells(printable(rest->key)));
        out.write(fmt::format("\n{}\n  {}  {:>8}  {:>14}\n", title, pad("", w), "projects", fmt::format("total ({})", unit)));
        for (const auto& g : gs)
            out.write(fmt::format("  {}  {:>8}  {:>14}\n", pad(printable(g.key), w), g.projects, g.total.to_display()));
        if (rest && rest->projects)
            out.write(fmt::format("  {}  {:>8}  {:>14}\n", pad(printable(rest->key), w), rest->projects,
                                  rest->total.to_display()));
    };
    groups("By department", st.by_department, nullptr);
    GroupTotal rest = st.without_town;
    rest.key = "(no town)";
    groups("By town", st.by_town, &rest);
    auto counts = [&](const char* title, const char* what, const std::vector<Count>& cs) {
        std::size_t w = 8;
        for (const auto& c : cs) w = std::max(w, cells(printable(c.key)));
        out.write(fmt::format("\n{}\n  {}  {:>10}\n", title, pad("", w), what));
        for (const auto& c : cs) out.write(fmt::format("  {}  {:>10}\n", pad(printable(c.key), w), c.count));
    };
    counts("Indicators by level-1 category", "indicators", by_key(st.by_level1));
    counts("Indicators by level-2 category", "indicators", by_key(st.by_level2));
    counts("Targets by kind (period and annual)", "targets", st.targets_by_kind);
    if (st.repeats())
        out.write(fmt::format("\nDistinct projects only: {} page-break {} counted once.\n", st.repeats(),
                              st.repeats() == 1 ? "repeat is" : "repeats are"));
}

void json_report(Output& out, const Stats& st) {
    JsonOut j(out, true);
    auto money = [&](const std::optional<Money>& m) {
        if (m) j.raw_number(m->to_string());
        else j.null();
    };
    j.begin_object();
    j.key("schema").string("bpt-stats/1");
    j.key("unit").string(st.files.empty() ? "万元" : st.files.front().unit);
    j.key("files").begin_array();
    for (const auto& f : st.files) {
        j.begin_object();
        j.key("path").string(f.path);
        j.key("unit").string(f.unit);
        j.key("rows").number(f.rows);
        j.key("repeats").number(f.repeats);
        j.key("projects").number(f.distinct());
        j.key("declared_total");
        money(f.declared);
        j.key("computed_total").raw_number(f.computed.to_string());
        j.key("all_rows_total").raw_number(f.all_rows.to_string());
        j.key("matches").boolean(f.matches());
        j.end_object();
    }
    j.end_array();
    j.key("rows").number(st.rows());
    j.key("repeats").number(st.repeats());
    j.key("projects").number(st.distinct());
    j.key("declared_total");
    money(st.declared());
    j.key("computed_total").raw_number(st.computed().to_string());
    j.key("indicators").number(st.indicators);
    j.key("by_department").begin_array();
    for (const auto& g : st.by_department)
        j.begin_object().key("department").string(g.key).key("projects").number(g.projects).key("total").raw_number(
            g.total.to_string()).end_object();
    j.end_array();
    j.key("by_town").begin_array();
    for (const auto& g : st.by_town)
        j.begin_object().key("town").string(g.key).key("projects").number(g.projects).key("total").raw_number(
            g.total.to_string()).end_object();
    j.end_array();
    j.key("without_town").begin_object().key("projects").number(st.without_town.projects).key("total").raw_number(
        st.without_town.total.to_string()).end_object();
    auto counts = [&](const std::vector<Count>& cs, auto&& name, auto&& what) {
        j.begin_array();
        for (const auto& c : cs) {
            j.begin_object();
            name(c.key);
            what(c.count);
            j.end_object();
        }
        j.end_array();
    };
    j.key("by_level1");
    counts(by_key(st.by_level1), [&](const std::string& k) { j.key("level1").string(k); },
           [&](std::uint32_t n) { j.key("indicators").number(n); });
    j.key("by_level2");
    counts(by_key(st.by_level2), [&](const std::string& k) { j.key("level2").string(k); },
           [&](std::uint32_t n) { j.key("indicators").number(n); });
    j.key("targets_by_kind");
    counts(st.targets_by_kind, [&](const std::string& k) { j.key("kind").string(k); },
           [&](std::uint32_t n) { j.key("targets").number(n); });
    j.end_object();
    j.end_document();
}

// One long table, `section,key,count,total,declared`: one header for every
// section, so that a spreadsheet filters it by section.
void csv_report(Output& out, const Stats& st) {
    std::string s = "section,key,count,total,declared\r\n";
    auto row = [&](std::string_view section, std::string_view key, std::uint64_t count, std::string total,
                   std::string declared) {
        s += section;
        s += ',';
        append_csv_field(s, key);
        s += fmt::format(",{},{},{}\r\n", count, total, declared);
    };
    for (const auto& f : st.files)
        row("file", f.path, f.distinct(), f.computed.to_string(), f.declared ? f.declared->to_string() : "");
    for (const auto& g : st.by_department) row("department", g.key, g.projects, g.total.to_string(), "");
    for (const auto& g : st.by_town) row("town", g.key, g.projects, g.total.to_string(), "");
    if (st.without_town.projects) row("town", "", st.without_town.projects, st.without_town.total.to_string(), "");
    for (const auto& c : by_key(st.by_level1)) row("level1", c.key, c.count, "", "");
    for (const auto& c : by_key(st.by_level2)) row("level2", c.key, c.count, "", "");
    for (const auto& c : st.targets_by_kind) row("target_kind", c.key, c.count, "", "");
    out.write(s);
}

int run_stats(const StatsArgs& args) {
    for (const auto& path : args.files) {
        if (same_file(file_id(path), file_id(args.output))) {
            error(fmt::format("{}: -o names an input, which the output would replace; write it elsewhere",
                              args.output));
            return kCannotRead;
        }
    }
    Stats stats;
    bool unreadable = false;
    for (const auto& path : args.files) {
        try {
            Stats one;
            StatsSink sink(one);
            auto result = read_path(path, sink, args.read);  // a PDF or text
            if (!result.table) {
                error(fmt::format("{}: {}", path, result.refusal));
                unreadable = true;
                continue;
            }
            stats.merge(one);
        } catch (const InputError& e) {
            error(e.describe());
            unreadable = true;
        }
    }
    if (stats.overflow) {
        error("the totals exceed what bpt can add exactly (±92 233 720 368 547 758.07); check the amounts");
        return kCannotRead;
    }
    try {
        Output out(args.output);
        if (args.format == "json") json_report(out, stats);
        else if (args.format == "csv") csv_report(out, stats);
        else text_report(out, stats);
        out.commit();
    } catch (const OutputError& e) {
        error(e.what());
        return kCannotRead;
    }
    return unreadable ? kCannotRead : kOk;
}

}  // namespace

Command add_stats(CLI::App& root) {
    auto args = std::make_shared<StatsArgs>();
    auto* cmd = root.add_subcommand(
        "stats", "Totals by department and town, indicators by category, declared against computed 合计");
    cmd->add_option("files", args->files, "Tables to count (a project printed twice across a page break counts once)")
        ->required();
    cmd->add_option("-f,--format", args->format, "text (a terminal table), json or csv")
        ->check(CLI::IsMember({"text", "json", "csv"}));
    cmd->add_option("-o,--output", args->output, "Write to FILE (atomically) instead of standard output");
    add_read_options(cmd, args->read);
    return {cmd, [args] { return run_stats(*args); }};
}

}  // namespace bpt::cli
