#include "formats.h"

#include <fmt/format.h>


namespace bpt::cli {

void add_format_options(CLI::App* cmd, FormatOptions& options) {
    // Plain names checked against a list, rather than CLI11's enum transformers,
    // which would also accept the enum's numbers and print them in --help.
    cmd->add_option("-f,--format", options.format_name, "Output format: json, ndjson (one object per line), csv or xlsx (a workbook)")
        ->check(CLI::IsMember({"json", "ndjson", "csv", "xlsx"}))
        ->each([&options](const std::string& name) {
            options.format = name == "csv"      ? Format::Csv
                             : name == "ndjson" ? Format::Ndjson
                             : name == "xlsx"   ? Format::Xlsx
                                                : Format::Json;
        });
    cmd->add_option("--table", options.table_name, "CSV and NDJSON: one row per project (default), or one flat record per indicator")
        ->check(CLI::IsMember({"projects", "indicators"}))
        ->each([&options](const std::string& name) {
            options.table = name == "indicators" ? CsvTable::Indicators : CsvTable::Projects;
        });
    cmd->add_flag("--bom", options.bom, "CSV: start with a UTF-8 byte-order mark, so Excel and WPS read it right");
    cmd->add_option_function<std::string>(
           "--header", [&options](const std::string& name) { options.english = name == "en"; },
           "Column headers in Chinese with the unit (zh; the default for xlsx, and with a BOM for csv) or machine names (en; the default for csv)")
        ->check(CLI::IsMember({"zh", "en"}));
    cmd->add_flag("--compact", options.compact, "JSON: one line instead of indented");
}

void add_read_options(CLI::App* cmd, ReadOptions& options) {
    cmd->add_option("--encoding", options.encoding,
                    "Input encoding (UTF-8, GB18030, UTF-16LE …); detected by default");
    add_dialect_option(cmd, options.dialect);
    cmd->add_option("--password", options.password, "A PDF's password (user or owner)")->option_text("PASSWORD");
}

std::string findings_notice(const std::string& path, const ReadResult& result) {
    if (!result.doubt.empty())
        return fmt::format("{}: the reading is doubtful: {}; the output holds what was read and every finding "
                           "(bpt validate {} lists them with their lines)",
                           path, result.doubt, path);
    const Summary& s = result.summary;
    if (s.errors == 0) return {};
    return fmt::format("{}: the table has {} {} and {} {}, kept with the records in the output (bpt validate {} "
                       "lists them with their lines)",
                       path, s.errors, s.errors == 1 ? "error" : "errors", s.warnings,
                       s.warnings == 1 ? "warning" : "warnings", path);
}

void add_dialect_option(CLI::App* cmd, std::optional<Dialect>& dialect) {
    std::vector<std::string> names;
    for (auto n : dialect_names()) names.emplace_back(n);
    cmd->add_option_function<std::string>(
           "--dialect", [&dialect](const std::string& name) { dialect = parse_dialect(name); },
           "Table dialect; detected by default")
        ->check(CLI::IsMember(names));
}

ReadResult convert(const std::string& path, Output& out, const Printer& printer, const ReadOptions& read) {
    auto sink = printer.sink(out);
    auto result = read_path(path, *sink, read);
    if (!result.table) throw InputError(path, 0, result.refusal);
    // Only a complete output is moved into place; any exit before this line leaves
    // the target untouched.
    out.commit();
    return result;
}

}  // namespace bpt::cli
