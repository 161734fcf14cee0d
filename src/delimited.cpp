#include "bpt/delimited.h"

#include <algorithm>

#include "bpt/text.h"

namespace bpt {

void DelimitedRecord::clear() {
    buf_.clear();
    cells_.clear();
    breaks_.clear();
    open_ = false;
    complete_ = false;
    stray_ = false;
    first_line_ = last_line_ = 0;
    line_count_ = 0;
}

void DelimitedRecord::ignore_quote_at(LineNo number, std::size_t column) {
    ignore_line_ = number;
    ignore_column_ = column;
}

void DelimitedRecord::begin_cell() { cells_.push_back({buf_.size(), buf_.size()}); }

void DelimitedRecord::end_cell() { cells_.back().end = buf_.size(); }

std::size_t DelimitedRecord::read_plain(std::string_view line, std::size_t p) {
    std::size_t d = line.find(delimiter_, p);
    buf_.append(line.substr(p, d == std::string_view::npos ? std::string_view::npos : d - p));
    return d;
}

bool DelimitedRecord::add(std::string_view line, LineNo number) {
    if (complete_) clear();
    std::size_t p = 0;
    if (!open_) {
        first_line_ = number;
        breaks_.push_back({0, number});
        begin_cell();
    } else {
        std::string_view kept = text::trim_right(std::string_view(buf_).substr(cells_.back().begin));
        buf_.resize(cells_.back().begin + kept.size());
        p = text::indent_bytes(line);
        // A break that leaves no text behind it moves the mark instead of adding one,
        // so marks stay strictly increasing, as the indicator grammar expects.
        if (breaks_.back().offset == buf_.size()) breaks_.back().line = number;
        else breaks_.push_back({buf_.size(), number});
    }
    last_line_ = number;
    ++line_count_;
    for (;;) {
        if (!open_) {
            bool quoted = p < line.size() && line[p] == '"';
            if (quoted && number == ignore_line_ && p == ignore_column_) {
                quoted = false;
                ignore_line_ = 0;
            }
            if (!quoted) {
                std::size_t d = read_plain(line, p);
                end_cell();
                if (d == std::string_view::npos) break;
                begin_cell();
                p = d + 1;
                continue;
            }
            open_ = true;
            quote_line_ = number;
            quote_column_ = p;
            ++p;
        }
        std::size_t q = line.find('"', p);
        if (q == std::string_view::npos) {
            buf_.append(line.substr(p));
            return false;
        }
        buf_.append(line.substr(p, q - p));
        if (q + 1 < line.size() && line[q + 1] == '"') {
            buf_ += '"';
            p = q + 2;
            continue;
        }
        open_ = false;
        if (q + 1 == line.size()) {
            end_cell();
            break;
        }
        if (line[q + 1] == delimiter_) {
            end_cell();
            begin_cell();
            p = q + 2;
            continue;
        }
        // `"两新"组织…`: the quote closed and text went on, so it was not quoting.
        // Read a cell that began on this line as written; one that already spans
        // lines cannot be re-read, so it keeps this quote and reads on plainly.
        if (quote_line_ != number) {
            // The quote opened lines ago, so those lines were read as one cell: a
            // stray quote, perhaps matched by another stray one rows later. Say so;
            // the reader reads the lines again with the opening quote as text.
            stray_ = true;
            return false;
        }
        buf_.resize(cells_.back().begin);
        p = quote_column_;
        std::size_t d = read_plain(line, p);
        end_cell();
        if (d == std::string_view::npos) break;
        begin_cell();
        p = d + 1;
    }
    complete_ = true;
    return true;
}

DelimitedRecord::Span DelimitedRecord::trimmed(std::size_t i) const {
    Span s = cells_[i];
    std::string_view raw(buf_.data() + s.begin, s.end - s.begin);
    std::string_view t = text::trim(raw);
    std::size_t begin = s.begin + static_cast<std::size_t>(t.data() - raw.data());
    return {begin, begin + t.size()};
}

std::string_view DelimitedRecord::cell(std::size_t i) const {
    Span s = trimmed(i);
    return std::string_view(buf_).substr(s.begin, s.end - s.begin);
}

LineNo DelimitedRecord::cell_line(std::size_t i) const {
    std::size_t at = trimmed(i).begin;
    auto after = std::upper_bound(breaks_.begin(), breaks_.end(), at,
                                  [](std::size_t offset, const Break& m) { return offset < m.offset; });
    return after == breaks_.begin() ? first_line_ : std::prev(after)->line;
}

void DelimitedRecord::cell_marks(std::size_t i, std::vector<Mark>& out) const {
    out.clear();
    Span s = trimmed(i);
    out.push_back({0, Location{.line = cell_line(i)}});
    for (const auto& b : breaks_)
        if (b.offset > s.begin && b.offset < s.end) out.push_back({b.offset - s.begin, Location{.line = b.line}});
}

bool DelimitedRecord::blank() const {
    for (std::size_t i = 0; i < cells_.size(); ++i)
        if (!cell(i).empty()) return false;
    return true;
}

}  // namespace bpt
