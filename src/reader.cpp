#include "bpt/reader.h"

#include <fmt/format.h>

#include <vector>

#include "bpt/delimited.h"
#include "bpt/export_reader.h"
#include "bpt/layout_reader.h"
#include "bpt/text.h"

namespace bpt {

void set_project_name(Project& p, std::string_view name) {
    // Copied first: `name` may view p.name itself.
    std::string trimmed(text::trim(name));
    p.name = std::move(trimmed);
    auto parts = text::split_name(p.name);
    p.base_name = std::string(parts.base);
    p.suffix.reset();
    p.town.reset();
    if (parts.suffix) {
        p.suffix = std::string(*parts.suffix);
        if (text::is_town(*parts.suffix)) p.town = p.suffix;
    }
}

bool read_department_line(std::string_view t, DocumentInfo& info, std::string* other) {
    if (!t.starts_with("部门名称")) return false;
    std::string_view rest = t.substr(std::string_view("部门名称").size());
    for (std::string_view colon : {"：", ":"})
        if (rest.starts_with(colon)) rest.remove_prefix(colon.size());
    std::size_t unit_at = rest.find("单位");
    std::string_view name = text::trim(rest.substr(0, unit_at));
    if (info.department) {  // repeated on every page; a different name is another table
        if (other && !name.empty() && name != *info.department) *other = std::string(name);
        return true;
    }
    if (!name.empty()) info.department = std::string(name);
    if (unit_at != std::string_view::npos) {
        std::string_view unit = rest.substr(unit_at + std::string_view("单位").size());
        for (std::string_view colon : {"：", ":"})
            if (unit.starts_with(colon)) unit.remove_prefix(colon.size());
        unit = text::trim(unit);
        if (!unit.empty()) info.amount_unit = std::string(unit);
    }
    return true;
}

namespace {
// Lines looked at before the dialect is decided. The header of either dialect
// comes within the first few non-empty lines.
constexpr std::size_t kDetectLines = 40;
}  // namespace

std::string detect_dialect(const std::vector<std::string>& first_lines) {
    for (std::size_t i = 0; i < first_lines.size(); ++i) {
        auto header = ExportReader::find_header(first_lines[i]);
        if (!header) continue;
        // No layout table has these columns: its departments are rows, not cells.
        for (const auto& cell : header->cells) {
            auto column = ExportReader::column_for(cell);
            if (column == ExportReader::Column::Department || column == ExportReader::Column::BudgetUnit)
                return "export";
        }
        // A layout extractor may separate the header's words with tabs too; then
        // its other lines split into a few cells, never into a full row.
        RecordAssembler rows(header->delimiter);
        bool split_lines = false;
        for (std::size_t j = i + 1; j < first_lines.size(); ++j) {
            if (!rows.add(first_lines[j], static_cast<std::uint32_t>(j + 1))) continue;
            if (rows.size() >= header->cells.size()) return "export";
            if (rows.size() > 1) split_lines = true;
        }
        return split_lines ? "layout" : "export";
    }
    return "layout";
}

std::unique_ptr<Reader> make_reader(const std::string& dialect, Sink& sink, DocumentInfo info) {
    if (dialect == "export") return std::make_unique<ExportReader>(sink, std::move(info));
    return std::make_unique<LayoutReader>(sink, std::move(info));
}

std::string ReadResult::not_a_table() const {
    if (dialect == "export")
        return "not a budget performance target table: no header row naming the columns 项目名称 and 绩效目标 or "
               "绩效指标 in its first lines";
    return "not a budget performance target table: no column header (项目名称 … 绩效指标), 合计 row or project "
           "with amounts found";
}

void SinkReader::send_document() {
    if (document_sent_) return;
    document_sent_ = true;
    sink_.on_document(info_);
}

void SinkReader::diagnose(std::string rule, Severity severity, std::string message, std::uint32_t line,
                          std::uint32_t project) {
    send_document();
    sink_.on_diagnostic(Diagnostic{std::move(rule), severity, std::move(message), line, project});
}

void SinkReader::unparsed(std::string_view text, std::uint32_t line, std::string_view why, std::uint32_t project) {
    diagnose("unparsed-text", Severity::Warning, fmt::format("{}: '{}'", why, text::ellipsize(text, 40)), line,
             project);
}

ReadResult read_document(Source& source, Sink& sink, const ReadOptions& options) {
    SummarySink summary(sink);
    Validator validator(summary, options.validation);
    DocumentInfo info;
    info.path = source.path();
    info.encoding = source.encoding();

    // Hold the first lines (copied: a Line's text lives only until the next read)
    // until the dialect is known, then replay them.
    std::vector<std::string> head;
    std::vector<Line> head_lines;
    Line line;
    bool more = true;
    while (head.size() < kDetectLines && (more = source.next(line))) {
        head.push_back(std::string(line.text));
        head_lines.push_back(line);
    }
    info.dialect = options.dialect ? *options.dialect : detect_dialect(head);
    auto reader = make_reader(info.dialect, validator, info);
    for (std::size_t i = 0; i < head.size(); ++i) {
        Line copy = head_lines[i];
        copy.text = head[i];
        reader->line(copy);
    }
    while (more && source.next(line)) reader->line(line);

    ReadResult result;
    result.dialect = info.dialect;
    result.table = reader->saw_table();
    if (!result.table) return result;  // nothing is written for a file that is not a table
    reader->finish();
    if (summary.summary().projects == 0)
        validator.on_diagnostic({"no-projects", Severity::Error,
                                 "the table has a header but no project rows",
                                 0, 0});
    validator.on_end({});
    result.summary = summary.summary();
    return result;
}

}  // namespace bpt
