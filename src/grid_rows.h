#pragma once
// Internal to the grid reader: how a grid form's text is rendered (`|` cells, one
// cell per line, runs of spaces, TSV, CSV) and its lines cut into rows of cells, and
// how the cells of a row are placed in the header's columns when merged cells left
// some out. The reader (grid_reader.cpp) decides what the rows are.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bpt/grid_header.h"
#include "bpt/location.h"

namespace bpt::grid {

struct GCell {
    std::string text;
    Location at;
};

// A physical row: the cells of one line (or of lines joined where a cell wrapped),
// or, for one-cell-per-line renderings, the cells between two row boundaries.
struct GRow {
    std::vector<GCell> cells;
    Location at;
    bool closed = true;   // `|` rendering: the line ended with its closing `|`
    bool padded = false;  // `|` rendering: empty cells pad the line to the table's width
    bool last = false;    // holds the input's last non-blank line
    bool blank_before = false;
};

enum class Rendering { Pipe, PipeCells, Spaces, Lines, Tsv, Csv, Glued, None };

using TextLines = std::vector<std::pair<std::uint32_t, std::string>>;

Location at_line(std::uint32_t n);
bool is_indicator_column(Column c);
// The grid header's words glued together (`二级指标三级指标`): a rendering without separators.
bool glued_header(std::string_view line);
// How many of level 1, level 2, name and value columns the folded cells name (0
// unless level 2 or the name is among them).
int header_score(const std::vector<std::string>& folded);
// The folded tokens of a line in any rendering, for detection.
std::vector<std::string> tokens_of(std::string_view line);
std::vector<std::string_view> split_spaces(std::string_view s, int min_run = 1);

// Cuts the lines into rows in the rendering they show.
struct RowBuilder {
    const TextLines& lines;
    Rendering rendering = Rendering::None;
    int space_run = 1;  // Spaces: the shortest run of spaces that separates cells
    std::vector<GRow> rows;

    explicit RowBuilder(const TextLines& l) : lines(l) {}
    Rendering classify();
    void build_rows();

private:
    void build_line_rows();
    void build_cell_rows();
    void join_fragments();
};

// The column of each cell, monotone, skipping merged and empty columns: the best
// fit of the cells' shapes to the columns' kinds. nullopt when the row has more
// cells than the header has columns.
std::optional<std::vector<std::size_t>> align(const std::vector<GCell>& cells, const std::vector<Column>& cols);

}  // namespace bpt::grid
