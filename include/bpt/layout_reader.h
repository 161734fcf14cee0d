#pragma once
// The layout dialect: text as a PDF extractor wrote it, one physical line of the
// printed table per line. See docs/domain.md for the quirks this reassembles.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "bpt/indicator.h"
#include "bpt/reader.h"

namespace bpt {

class LayoutReader final : public SinkReader {
public:
    LayoutReader(Sink& sink, DocumentInfo info);
    void line(const Line& line) override;
    void finish() override;
    // A column header, a 合计 row or a project with amounts: one indented line in a
    // text file does not make it a table.
    bool saw_table() const override { return saw_header_ || saw_total_ || saw_amounts_; }

    // Whether `line` (trimmed) is page furniture an extractor repeats on every page:
    // a footer such as `第 3 页，共 40 页` or `- 3 -`.
    static bool is_page_footer(std::string_view line);
    // Whether `line` (trimmed) opens an indicator cell: `1、1-产出指标…`, `1、产出指标：…`.
    static bool starts_indicator_cell(std::string_view line);

private:
    enum class State { Top, Name, Goal, Indicators };
    struct Pending {
        std::string text;
        std::uint32_t line;
    };

    void content_line(std::string_view trimmed, bool indented, std::uint32_t number);
    bool skip_furniture(std::string_view trimmed, std::uint32_t number);
    void check_amounts(std::string_view trimmed, std::uint32_t number);
    void begin_project(std::string_view text, std::uint32_t number);
    void name_line(std::string_view text, std::uint32_t number);
    void goal_line(std::string_view text, std::uint32_t number);
    void indicator_line(std::string_view text, std::uint32_t number);
    void top_line(std::string_view text, std::uint32_t number);
    // A row with amounts and a name (held lines + this one): 合计 or a department.
    bool take_row(std::string_view text, std::uint32_t number);
    void end_project_with_row(std::string_view text, std::uint32_t number);
    static bool is_total_row(std::string_view name);
    void settle_held(const Pending& p);
    void hold(std::string_view text, std::uint32_t number, const std::function<void(const Pending&)>& overflow);
    void add_goal(std::string_view text, std::uint32_t number);
    void flush_pending_into_goal();
    void settle_pending_after_indicators();
    static bool continues_clause(std::string_view text);
    bool last_clause_complete() const;
    void set_amounts(const std::vector<Money>& amounts, const std::vector<std::string_view>& tokens,
                     std::uint32_t number);
    void append_indicators(std::string_view text, std::uint32_t number);
    void flush_pending_as_indicators();
    void flush_pending_as_unparsed();
    void end_project();
    // Findings while a project is open concern that project.
    std::uint32_t open_project() const { return state_ != State::Top ? project_.index : 0; }
    void unparsed(std::string_view text, std::uint32_t number, std::string_view why) {
        SinkReader::unparsed(text, number, why, open_project());
    }
    void diagnose(std::string rule, Severity severity, std::string message, std::uint32_t line) {
        SinkReader::diagnose(std::move(rule), severity, std::move(message), line, open_project());
    }

    bool saw_header_ = false;
    bool saw_total_ = false;
    bool saw_amounts_ = false;
    static constexpr std::size_t kMaxPending = 6;  // lines of a wrapped department name
    State state_ = State::Top;

    std::uint32_t page_ = 1;
    int blank_run_ = 0;
    bool break_in_run_ = false;

    std::string department_;  // current department row, or 部门名称
    std::vector<Pending> pending_;  // lines that may be a department row

    std::uint32_t index_ = 0;
    Project project_;
    std::string goal_;
    std::vector<LineMark> marks_;
    std::vector<Diagnostic> indicator_diagnostics_;
};

}  // namespace bpt
