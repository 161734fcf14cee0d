#pragma once
// Where something came from: a line of a text file, or a page and position of a PDF.
// Every value a reader finds and every finding carries one, so any message can
// point back at its source (`table.txt:12:`, `table.pdf:p3:`).
#include <cstdint>

namespace bpt {

// Line numbers are 64-bit: a stream of more than 2^32 lines must not wrap them.
using LineNo = std::uint64_t;

struct Location {
    LineNo line = 0;         // 1-based text line; 0 for a PDF or when unknown
    LineNo end_line = 0;     // last line of a multi-line record; 0 when not tracked
    std::uint32_t page = 0;  // 1-based page; 0 when unknown
    // PDF only: the top-left corner of the first box, in points from the page's
    // top-left corner; negative when the location is a text line.
    float x = -1;
    float y = -1;

    bool has_position() const { return x >= 0 && y >= 0; }
    bool operator==(const Location&) const = default;
};

}  // namespace bpt
