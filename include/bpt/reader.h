#pragma once
// The base every reader stands on. A reader finds the cells of the table's rows
// and hands them, with their column roles and locations, to a RowSink (the
// Assembler); it never makes a record itself. Which reader reads a file is decided
// above the readers, in the pipeline (pipeline.h).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bpt/row.h"
#include "bpt/source.h"

namespace bpt {

class Reader {
public:
    explicit Reader(RowSink& out) : out_(out) {}
    virtual ~Reader() = default;
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;

    // End of input: completes or reports whatever is still open.
    virtual void finish() = 0;
    // Whether the input looked like a table of this reader's kind at all.
    virtual bool saw_table() const = 0;
    // Why an input that is no table was refused, in this reader's words.
    virtual std::string not_a_table() const = 0;
    // The input text the reader holds now (the open record and the lines it
    // has not placed yet), where it can tell; nullopt where it cannot, and then the
    // pipeline counts the lines since the last row instead. Bounded by the record
    // limit (pipeline.h).
    struct Held {
        std::uint64_t bytes = 0;
        LineNo from = 0;  // the line the oldest held text is from
    };
    virtual std::optional<Held> held() const { return std::nullopt; }

protected:
    void emit(Row& row) { out_.row(row); }
    void finding(Rule rule, std::string message, Location at, std::string_view quote = {},
                 bool open_project = false) {
        out_.finding(rule, std::move(message), at, quote, open_project);
    }
    // `unparsed-text`: text that ends up in no cell is never dropped silently.
    void unparsed(std::string_view text, Location at, std::string_view why, bool open_project = false);

private:
    RowSink& out_;
};

// A reader of decoded text lines (layout text, exports, grids).
class TextReader : public Reader {
public:
    using Reader::Reader;
    virtual void line(const Line& line) = 0;
};

// `部门名称：X 单位：万元` (either colon width): the department and the amount unit.
struct DepartmentLine {
    std::string_view department;
    std::string_view unit;
};
// nullopt when `trimmed` is not such a line.
std::optional<DepartmentLine> parse_department_line(std::string_view trimmed);
// The Meta row of such a line.
Row department_row(const DepartmentLine& line, Location at);

}  // namespace bpt
