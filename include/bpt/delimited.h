#pragma once
// Delimited records, tab- or comma-separated, as budget systems and spreadsheets
// write them. The Source hands out physical lines, but a quoted cell may hold line
// breaks (RFC 4180), so one record can span several lines: the assembler is fed
// lines and says when a record is complete. Memory holds one record.
// (The export reader finds its cells with it.)
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bpt/location.h"
#include "bpt/row.h"

namespace bpt {

class DelimitedRecord {
public:
    explicit DelimitedRecord(char delimiter) : delimiter_(delimiter) {}

    // Adds one physical line, without its line end. True when the line completes a
    // record; false while a quoted cell is still open and waits for the next line.
    // A cell is quoted only when its first character is `"`; inside, `""` is one
    // quote. A quote that closes and is followed by more text was not quoting: when
    // the cell began on this line it is read as written, quotes included.
    bool add(std::string_view line, LineNo number);

    // Forgets the record, open or complete.
    void clear();

    // Makes the next add() of line `number` read the quote at byte `column` as plain
    // text. A caller uses it to replay lines after a quote that never closes.
    void ignore_quote_at(LineNo number, std::size_t column);

    // Whether a quoted cell is open, and where its opening quote stands.
    bool open() const { return open_; }
    // A quote that opened on an earlier line closed with text after it: the quote
    // was never quoting. add() returned false; read the lines again (clear(), then
    // ignore_quote_at() the opening quote).
    bool stray() const { return stray_; }
    LineNo open_quote_line() const { return quote_line_; }
    std::size_t open_quote_column() const { return quote_column_; }

    // The record so far: complete after add() returned true, valid until the next
    // add() or clear(). A cell is trimmed of surrounding white space; a line break
    // inside it is dropped together with the white space around it, as the layout
    // reader joins wrapped lines (Chinese text has no spaces between words).
    std::size_t size() const { return cells_.size(); }
    std::string_view cell(std::size_t i) const;
    // The input line the cell's text starts on.
    LineNo cell_line(std::size_t i) const;
    // Where each input line starts within cell(i), for the indicator grammar.
    void cell_marks(std::size_t i, std::vector<Mark>& out) const;
    // Whether every cell is empty (a blank line, or `,,,,` from a spreadsheet).
    bool blank() const;

    LineNo first_line() const { return first_line_; }
    LineNo last_line() const { return last_line_; }
    std::size_t line_count() const { return line_count_; }
    std::size_t bytes() const { return buf_.size(); }

private:
    struct Span {
        std::size_t begin = 0;
        std::size_t end = 0;
    };

    void begin_cell();
    void end_cell();
    std::size_t read_plain(std::string_view line, std::size_t p);
    Span trimmed(std::size_t i) const;

    char delimiter_;
    std::string buf_;               // the cells' text, unescaped, one after another
    std::vector<Span> cells_;
    struct Break {
        std::size_t offset = 0;
        LineNo line = 0;
    };
    std::vector<Break> breaks_;  // offset in buf_ where each input line starts
    bool open_ = false;             // inside a quoted cell at the end of the last line
    bool complete_ = false;
    bool stray_ = false;
    LineNo first_line_ = 0;
    LineNo last_line_ = 0;
    std::size_t line_count_ = 0;
    LineNo quote_line_ = 0;
    std::size_t quote_column_ = 0;
    LineNo ignore_line_ = 0;
    std::size_t ignore_column_ = 0;
};

}  // namespace bpt
