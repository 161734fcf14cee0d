#pragma once
// The layout dialect: text as a PDF extractor wrote it, one physical line of the
// printed table per line. See docs/domain.md for the quirks this reassembles. It
// finds where each row's cells start and end (name, amounts, goal, indicators)
// and hands the row to the assembler.
#include <cstdint>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "bpt/clause_labels.h"
#include "bpt/reader.h"
#include "bpt/text.h"

namespace bpt {

class LayoutReader final : public TextReader {
public:
    explicit LayoutReader(RowSink& out) : TextReader(out) {}
    void line(const Line& line) override;
    void finish() override;
    // A column header, a 合计 row or a project with amounts: one indented line in a
    // text file does not make it a table.
    bool saw_table() const override { return saw_header_ || saw_total_ || saw_amounts_; }
    std::string not_a_table() const override;
    // The open project's cells and the held lines: text it reports as unparsed is
    // not held, so the prose of a report around its table is no record.
    std::optional<Held> held() const override;
    // Whether the first lines of a file look like this dialect; the fallback, so always.
    static bool detect(const std::vector<std::string>& first_lines);

    // Whether `line` (trimmed) is page furniture an extractor repeats on every page:
    // a footer such as `第 3 页，共 40 页` or `- 3 -`.
    static bool is_page_footer(std::string_view line);
    // Whether `line` (trimmed) opens an indicator cell: `1、1-产出指标…`, `1、产出指标：…`.
    static bool starts_indicator_cell(std::string_view line);
    // Whether `line` opens an indicator cell whose first clause is not numbered 1:
    // `3、1-产出指标；…` (the full clause head is required).
    static bool starts_misnumbered_cell(std::string_view line);

private:
    enum class State { Top, Name, Goal, Indicators };
    // The amounts a line ends in, found once per line (text::find_trailing_amounts).
    using Trailing = std::optional<text::TrailingSpan>;
    // Where the oldest held line goes when a new one pushes it out.
    enum class Overflow { Unparsed, Goal, Settle };
    struct Pending {
        std::string text;
        LineNo line;
    };

    void content_line(std::string_view trimmed, bool indented, LineNo number);
    bool skip_furniture(std::string_view trimmed, LineNo number);
    void check_amounts(std::string_view trimmed, LineNo number, const Trailing& trailing);
    void begin_project(std::string_view text, LineNo number, const Trailing& trailing);
    void name_line(std::string_view text, LineNo number, const Trailing& trailing);
    void goal_line(std::string_view text, LineNo number, const Trailing& trailing);
    void indicator_line(std::string_view text, LineNo number, const Trailing& trailing);
    void top_line(std::string_view text, LineNo number, const Trailing& trailing);
    // A row with amounts and a name (held lines + this one): 合计 or a department.
    bool take_row(LineNo number, const Trailing& trailing);
    void end_project_with_row(LineNo number, const Trailing& trailing);
    static bool is_total_row(std::string_view name);
    void settle_held(const Pending& p);
    void hold(std::string_view text, LineNo number, Overflow overflow);
    std::span<const Pending> held_lines() const { return {pending_.data(), held_}; }
    void add_goal(std::string_view text, LineNo number);
    void flush_pending_into_goal();
    void settle_pending_after_indicators();
    static bool continues_clause(std::string_view text);
    bool last_clause_complete();
    void set_amounts(std::string_view head_and_amounts, std::string_view head, LineNo number);
    void append_indicators(std::string_view text, LineNo number);
    void flush_pending_as_indicators();
    void flush_pending_as_unparsed();
    void end_project();
    Location at(LineNo line) const { return Location{.line = line, .page = page_}; }
    // Findings while a project is open concern that project.
    bool in_project() const { return state_ != State::Top; }
    void unparsed(std::string_view text, LineNo number, std::string_view why) {
        Reader::unparsed(text, at(number), why, in_project());
    }
    void diagnose(Rule rule, std::string message, LineNo line, std::string_view quote = {}) {
        finding(rule, std::move(message), at(line), quote, in_project());
    }

    bool saw_header_ = false;
    bool saw_total_ = false;
    bool saw_amounts_ = false;
    static constexpr std::size_t kMaxPending = 6;  // lines of a wrapped department name
    State state_ = State::Top;

    std::uint32_t page_ = 1;
    int blank_run_ = 0;
    bool break_in_run_ = false;

    std::optional<std::string> title_;  // repeated on every page
    // Lines that may be a department row: the first held_ of pending_, whose
    // strings outlive their lines so that their buffers are reused.
    std::vector<Pending> pending_;
    std::size_t held_ = 0;

    // The open project's cells, as found so far.
    Location where_;
    std::string name_;
    std::string amounts_;  // the printed numbers, as written
    Location amounts_at_;
    std::string goal_;
    LineNo goal_line_ = 0;
    std::string indicators_;
    detail::ClauseLabels labels_;  // in indicators_
    std::vector<Mark> marks_;
    Row row_;          // other rows: title, department, 合计
    Row project_row_;  // reused from project to project
};

}  // namespace bpt
