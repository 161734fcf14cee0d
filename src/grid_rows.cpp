#include "grid_rows.h"

#include <algorithm>
#include <map>

#include "bpt/money.h"
#include "bpt/text.h"

namespace bpt::grid {

Location at_line(std::uint32_t n) {
    Location l;
    l.line = n;
    return l;
}

bool is_indicator_column(Column c) {
    return c == Column::Level1 || c == Column::Level2 || c == Column::Name || c == Column::Target ||
           c == Column::PeriodTarget || c == Column::AnnualTarget;
}

// Splits on runs of white space, but never inside brackets: `数量( ≥**个 )` is one cell.
// `min_run` 2: a single space is part of a cell (`pdftotext -layout` pads columns
// with runs of spaces, and a name may hold one).
std::vector<std::string_view> split_spaces(std::string_view s, int min_run) {
    std::vector<std::string_view> out;
    int depth = 0;
    std::size_t start = std::string_view::npos;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t len = 1;
        bool space = false;
        if (min_run > 1 && s[i] == ' ' && (i + 1 >= s.size() || s[i + 1] != ' ') && start != std::string_view::npos &&
            (i == 0 || s[i - 1] != ' ')) {
            i += 1;  // one space inside a cell
            continue;
        }
        if (s[i] == ' ' || s[i] == '\t') space = true;
        else if (s.substr(i).starts_with("\u3000")) { space = true; len = 3; }
        else if (s.substr(i).starts_with("\u00a0")) { space = true; len = 2; }
        else if (s[i] == '(' ) ++depth;
        else if (s[i] == ')') depth = std::max(0, depth - 1);
        else if (s.substr(i).starts_with("（")) { ++depth; len = 3; }
        else if (s.substr(i).starts_with("）")) { depth = std::max(0, depth - 1); len = 3; }
        if (space && depth == 0) {
            if (start != std::string_view::npos) out.push_back(s.substr(start, i - start));
            start = std::string_view::npos;
        } else if (!space && start == std::string_view::npos) {
            start = i;
        }
        i += len;
    }
    if (start != std::string_view::npos) out.push_back(text::trim(s.substr(start)));
    for (auto& t : out) t = text::trim(t);
    return out;
}

// The `|` cells of a line: the leading empty cell of `| a | b |` dropped, trailing
// empty cells (padding to the widest row) dropped.
std::vector<std::string_view> split_pipes(std::string_view s, bool& closed) {
    std::vector<std::string_view> out;
    std::string_view t = text::trim(s);
    closed = t.ends_with("|");
    if (t.starts_with("|")) t.remove_prefix(1);
    std::size_t p = 0;
    while (p <= t.size()) {
        std::size_t q = t.find('|', p);
        if (q == std::string_view::npos) q = t.size();
        out.push_back(text::trim(t.substr(p, q - p)));
        p = q + 1;
    }
    while (!out.empty() && out.back().empty()) out.pop_back();
    return out;
}

std::size_t non_empty(const std::vector<std::string_view>& cells) {
    return static_cast<std::size_t>(std::count_if(cells.begin(), cells.end(), [](auto c) { return !c.empty(); }));
}

// Records of a TSV or CSV file as a spreadsheet saves them: a cell is quoted when it
// starts with `"`, `""` inside is one quote, and a quoted cell may hold line breaks
// (the lines are joined without a separator, as wrapped cell lines are elsewhere).
// (bpt/delimited.h has the same reader for the export dialect; it is bound to the
// old record model, which this reader does not use.)
struct Record {
    std::vector<GCell> cells;
    std::uint32_t first = 0, last = 0;
    bool open = false;  // the input ended inside a quoted cell
};

std::vector<Record> split_delimited(const std::vector<std::pair<std::uint32_t, std::string>>& lines, char delim) {
    std::vector<Record> out;
    Record rec;
    std::string cell;
    std::uint32_t cell_line = 0;
    bool quoted = false, in_quotes = false, started = false;
    auto end_cell = [&] {
        std::string_view t = quoted ? std::string_view(cell) : text::trim(cell);
        rec.cells.push_back({std::string(t), at_line(cell_line)});
        cell.clear();
        quoted = false;
        started = false;
    };
    for (const auto& [n, l] : lines) {
        if (!in_quotes) {
            rec = Record{};
            rec.first = n;
        }
        rec.last = n;
        for (std::size_t i = 0; i < l.size(); ++i) {
            char c = l[i];
            if (in_quotes) {
                if (c == '"') {
                    if (i + 1 < l.size() && l[i + 1] == '"') { cell += '"'; ++i; }
                    else in_quotes = false;
                } else {
                    cell += c;
                }
                continue;
            }
            if (!started) { cell_line = n; started = true; }
            if (c == '"' && text::trim(cell).empty()) { cell.clear(); quoted = true; in_quotes = true; continue; }
            if (c == delim) { end_cell(); continue; }
            cell += c;
        }
        if (in_quotes) continue;  // a line break inside a quoted cell
        if (!started) cell_line = n;
        end_cell();
        out.push_back(std::move(rec));
        rec = Record{};
    }
    if (in_quotes) {
        end_cell();
        rec.open = true;
        out.push_back(std::move(rec));
    }
    return out;
}

// The tokens of a line, as the header detection sees them in any rendering.
std::vector<std::string> tokens_of(std::string_view line) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        if (!cur.empty()) out.push_back(grid::fold(cur));
        cur.clear();
    };
    for (std::string_view tok : split_spaces(line)) {
        for (char c : tok) {
            if (c == '|' || c == '\t' || c == ',') flush();
            else cur += c;
        }
        flush();
    }
    return out;
}

// The grid header's vocabulary glued together: `一级指标二级指标`, `二级指标三级指标`,
// `二级指标指标内容`: a rendering without separators.
bool glued_header(std::string_view line) {
    std::string f = grid::fold(line);
    for (std::string_view a : {"一级指标二级指标", "二级指标三级指标", "二级指标指标内容", "二级指标指标名称",
                               "三级指标指标值", "指标名称指标值", "指标内容指标值", "指标名称指标说明"})
        if (f.find(a) != std::string::npos) {
            // Not glued when the raw line has a separator between the words.
            std::string_view raw = line;
            bool separated = raw.find('|') != std::string_view::npos || raw.find('\t') != std::string_view::npos ||
                             raw.find(',') != std::string_view::npos || split_spaces(raw).size() > 2;
            if (!separated) return true;
        }
    return false;
}

int header_score(const std::vector<std::string>& tokens) {
    bool seen[4] = {false, false, false, false};
    for (const auto& t : tokens) {
        Column c = grid::column_of(t);
        if (c == Column::Level1) seen[0] = true;
        else if (c == Column::Level2) seen[1] = true;
        else if (c == Column::Name) seen[2] = true;
        else if (c == Column::Target || c == Column::PeriodTarget || c == Column::AnnualTarget) seen[3] = true;
    }
    if (!seen[1] && !seen[2]) return 0;
    return seen[0] + seen[1] + seen[2] + seen[3];
}

// Placing the cells of a row in the header's columns.

namespace {

bool mergeable(Column c) {
    return c == Column::Label || c == Column::Project || c == Column::Unit || c == Column::Total ||
           c == Column::Goal || c == Column::Level1 || c == Column::Level2;
}

double compat(std::string_view text, Column c) {
    if (text::trim(text).empty()) return 0;
    bool l1 = grid::looks_level1(text), l2 = grid::looks_level2(text), op = grid::looks_op(text);
    bool num = grid::looks_number(text);
    bool level = l1 || l2;
    switch (c) {
        case Column::Level1: return l1 ? 3 : l2 ? -2 : -4;
        case Column::Level2: return l2 ? 3 : l1 ? -2 : -4;
        case Column::Name: return level ? -3 : op ? -3 : num ? -1 : 1;
        case Column::Op: return op ? 3 : -3;
        case Column::Direction: return grid::looks_direction(text) ? 3 : op ? 1 : -3;
        case Column::Target:
        case Column::PeriodTarget:
        case Column::AnnualTarget: return level ? -3 : (op && !num) ? -2 : num ? 1.5 : 1;
        case Column::Measure: return num ? -2 : op ? -2 : level ? -3 : text.size() <= 18 ? 1 : -1;
        case Column::Weight:
        case Column::Score: return num ? 1.5 : -2;
        case Column::Actual: return level ? -3 : 0.5;
        case Column::Standard:
        case Column::Note:
        case Column::Reason: return level ? -3 : 0.2;
        case Column::Label: return grid::column_of(text) == Column::Label ? 1 : -5;
        case Column::Project: return level ? -3 : num ? -3 : 0.5;
        case Column::Unit: return grid::split_code(text) ? 2 : level ? -3 : 0;
        case Column::Total: return Money::parse_cell(text).money ? 2 : -3;
        case Column::Goal: return level ? -3 : 0.5;
        case Column::None: return -1;
    }
    return -1;
}

double skip_cost(Column c, bool leading, bool trailing) {
    if (trailing) return 0.2;
    if (leading && mergeable(c)) return 0;
    if (mergeable(c)) return 1;
    switch (c) {
        case Column::Name:
        case Column::Target:
        case Column::PeriodTarget:
        case Column::AnnualTarget: return 3;
        default: return 1;
    }
}

}  // namespace

// The column of each cell, monotone, skipping merged and empty columns: the best
// fit of the cells' shapes to the columns' kinds. nullopt when the row has more
// cells than the header has columns.
std::optional<std::vector<std::size_t>> align(const std::vector<GCell>& cells, const std::vector<Column>& cols) {
    std::size_t n = cells.size(), m = cols.size();
    if (n > m) return std::nullopt;
    constexpr double kNeg = -1e18;
    // best[i][j]: cells [0,i) placed in columns [0,j)
    std::vector<std::vector<double>> best(n + 1, std::vector<double>(m + 1, kNeg));
    std::vector<std::vector<char>> took(n + 1, std::vector<char>(m + 1, 0));
    best[0][0] = 0;
    for (std::size_t i = 0; i <= n; ++i)
        for (std::size_t j = 0; j <= m; ++j) {
            if (best[i][j] == kNeg || j == m) continue;
            // skip column j
            double s = best[i][j] - skip_cost(cols[j], i == 0, i == n);
            if (s > best[i][j + 1]) { best[i][j + 1] = s; took[i][j + 1] = 0; }
            if (i < n) {
                double t = best[i][j] + compat(cells[i].text, cols[j]);
                // Ties go to the later column: merged cells stand on the left.
                if (t >= best[i + 1][j + 1]) { best[i + 1][j + 1] = t; took[i + 1][j + 1] = 1; }
            }
        }
    if (best[n][m] == kNeg) return std::nullopt;
    std::vector<std::size_t> out(n);
    std::size_t i = n, j = m;
    while (j > 0) {
        if (took[i][j]) { out[i - 1] = j - 1; --i; }
        --j;
    }
    if (i != 0) return std::nullopt;
    return out;
}

Rendering RowBuilder::classify() {
    std::size_t nonblank = 0, pipe = 0, pipe_single = 0, tabs = 0;
    for (const auto& [n, l] : lines) {
        std::string_view t = text::trim(l);
        if (t.empty()) continue;
        ++nonblank;
        if (t.find('\t') != std::string_view::npos) ++tabs;
        if (t.find('|') != std::string_view::npos) {
            ++pipe;
            bool closed;
            if (non_empty(split_pipes(t, closed)) <= 1) ++pipe_single;
        }
    }
    for (const auto& [n, l] : lines) {
        std::string_view t = text::trim(l);
        if (glued_header(t)) return Rendering::Glued;
    }
    if (nonblank == 0) return Rendering::None;
    if (tabs * 2 >= nonblank) return Rendering::Tsv;
    for (const auto& [n, l] : lines) {
        std::string_view t = text::trim(l);
        if (t.find(',') == std::string_view::npos || t.find('|') != std::string_view::npos) continue;
        auto recs = split_delimited({{n, l}}, ',');
        if (!recs.empty() && recs[0].cells.size() >= 3) {
            std::vector<std::string> f;
            for (const auto& c : recs[0].cells) f.push_back(grid::fold(c.text));
            if (header_score(f) >= 3) return Rendering::Csv;
        }
    }
    if (pipe * 10 >= nonblank * 3) return pipe_single * 10 >= pipe * 7 ? Rendering::PipeCells : Rendering::Pipe;
    for (const auto& [n, l] : lines) {
        auto toks = split_spaces(text::trim(l));
        if (toks.size() < 2) continue;
        std::vector<std::string> f;
        for (auto tk : toks) f.push_back(grid::fold(tk));
        if (header_score(f) >= 2) return Rendering::Spaces;
    }
    return Rendering::Lines;
}

void RowBuilder::build_line_rows() {
    if (rendering == Rendering::Spaces) {
        // Columns padded with runs of spaces (a layout extraction): when the header's
        // cells stand two spaces or more apart, one space belongs to a cell.
        for (const auto& [n, l] : lines) {
            auto wide = split_spaces(text::trim(l), 2);
            if (wide.size() < 3) continue;
            std::vector<std::string> f;
            for (auto t : wide) f.push_back(grid::fold(t));
            if (header_score(f) < 3) continue;
            bool all = std::all_of(wide.begin(), wide.end(), [](auto t) { return grid::column_of(t) != Column::None; });
            if (all) space_run = 2;
            break;
        }
    }
    std::size_t last_nonblank = 0;
    for (std::size_t i = 0; i < lines.size(); ++i)
        if (!text::trim(lines[i].second).empty()) last_nonblank = i;
    bool blank = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        auto [n, l] = lines[i];
        std::string_view t = text::trim(l);
        if (t.empty()) {
            blank = true;
            continue;
        }
        GRow row;
        row.at = at_line(n);
        row.blank_before = blank;
        blank = false;
        if (rendering == Rendering::Pipe) {
            auto cells = split_pipes(t, row.closed);
            for (auto c : cells) row.cells.push_back({std::string(c), at_line(n)});
            std::string_view body = text::trim_right(t.substr(0, t.size() - (row.closed ? 1 : 0)));
            row.padded = row.closed && body.ends_with("|");
        } else {
            for (auto c : split_spaces(t, space_run)) row.cells.push_back({std::string(c), at_line(n)});
        }
        row.last = i == last_nonblank;
        rows.push_back(std::move(row));
    }
    if (rendering != Rendering::Pipe) return;
    // A cell whose text wrapped onto the next line: a lone label (`项目资金 (万元) |`),
    // or a header cell followed by the rest of the header (`一级 指标 |` / `二级 指标 |`).
    std::vector<GRow> joined;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        GRow row = std::move(rows[i]);
        while (i + 1 < rows.size() && row.closed && !rows[i + 1].cells.empty()) {
            const auto& next = rows[i + 1];
            std::size_t filled = 0;
            for (const auto& c : row.cells) filled += !c.text.empty();
            bool lone = filled == 1 && row.cells.size() == 1 && !row.padded;
            bool header_wrap = !row.cells.empty() && is_indicator_column(grid::column_of(row.cells.back().text)) &&
                               is_indicator_column(grid::column_of(next.cells.front().text));
            if (!lone && !header_wrap) break;
            // The next line must itself be cells of a row (not only padding).
            std::size_t next_filled = 0;
            for (const auto& c : next.cells) next_filled += !c.text.empty();
            if (next_filled == 0) break;
            for (const auto& c : next.cells) row.cells.push_back(c);
            row.closed = next.closed;
            row.padded = next.padded;
            row.last = next.last;
            row.at.end_line = next.at.line;
            ++i;
        }
        joined.push_back(std::move(row));
    }
    rows = std::move(joined);
}

// One cell per line: a row ends where more empty cells stand between two cells than
// between the cells of a row (`|` lines in the `X |` rendering, blank lines in the
// other). Rows that the rendering does not separate are split later by content.
void RowBuilder::build_cell_rows() {
    struct Item {
        std::string text;
        std::uint32_t line;
        std::size_t empties_before;
        bool closed = true;  // `X |`: the cell's line ended with its `|`
    };
    std::vector<Item> items;
    std::size_t empties = 0;
    for (const auto& [n, l] : lines) {
        std::string_view t = text::trim(l);
        if (rendering == Rendering::PipeCells) {
            bool closed;
            auto cells = split_pipes(t, closed);
            if (non_empty(cells) == 0) {
                // `|` alone is one empty cell; `||…` ends a row of the web table.
                std::size_t bars = static_cast<std::size_t>(std::count(t.begin(), t.end(), '|'));
                empties += t.empty() ? 0 : bars >= 2 ? 2 : 1;
                continue;
            }
            for (auto c : cells) {
                if (c.empty()) { ++empties; continue; }
                items.push_back({std::string(c), n, empties, closed});
                empties = 0;
            }
        } else {
            if (t.empty()) { ++empties; continue; }
            items.push_back({std::string(t), n, empties});
            empties = 0;
        }
    }
    // The usual gap between cells of a row: the most common one.
    std::map<std::size_t, std::size_t> gaps;
    for (std::size_t i = 1; i < items.size(); ++i) ++gaps[items[i].empties_before];
    std::size_t usual = 0, most = 0;
    for (auto [g, k] : gaps)
        if (k > most) { most = k; usual = g; }
    std::size_t boundary = rendering == Rendering::PipeCells ? std::max<std::size_t>(usual + 2, 2) : usual + 1;
    GRow row;
    for (std::size_t i = 0; i < items.size(); ++i) {
        auto& it = items[i];
        if (!row.cells.empty() && it.empties_before >= boundary) {
            rows.push_back(std::move(row));
            row = GRow{};
        }
        if (row.cells.empty()) row.at = at_line(it.line);
        // A level name wrapped before its last word: `经济效益` / `指标`.
        if (!row.cells.empty() && grid::fold(it.text) == "指标" && !grid::looks_level2(row.cells.back().text)) {
            row.cells.back().text += it.text;
            continue;
        }
        row.cells.push_back({it.text, at_line(it.line)});
        row.at.end_line = it.line;
        row.last = i + 1 == items.size();
        row.closed = it.closed;
    }
    if (!row.cells.empty()) rows.push_back(std::move(row));
}

void RowBuilder::build_rows() {
    rows.clear();
    if (rendering == Rendering::Tsv || rendering == Rendering::Csv) {
        auto recs = split_delimited(lines, rendering == Rendering::Tsv ? '\t' : ',');
        bool blank = false;
        for (auto& rec : recs) {
            while (!rec.cells.empty() && rec.cells.back().text.empty()) rec.cells.pop_back();
            if (rec.cells.empty()) { blank = true; continue; }
            GRow row;
            row.at = at_line(rec.first);
            row.at.end_line = rec.last;
            row.blank_before = blank;
            blank = false;
            row.cells = std::move(rec.cells);
            row.closed = !rec.open;
            rows.push_back(std::move(row));
        }
        if (!rows.empty()) rows.back().last = true;
        return;
    }
    if (rendering == Rendering::PipeCells || rendering == Rendering::Lines) build_cell_rows();
    else build_line_rows();
    join_fragments();
}

// A key or header cell broken over lines by a narrow column: `年度` / `目标`,
// `一级` / `指标`, `项目资金` / `(万元)`: consecutive one-cell rows whose text
// together is a key or a column name are one cell.
void RowBuilder::join_fragments() {
    if (rendering != Rendering::Spaces && rendering != Rendering::Lines) return;
    std::vector<GRow> out;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        bool done = false;
        if (rows[i].cells.size() == 1 && rows[i].cells[0].text.size() <= 12 &&
            grid::key_of(rows[i].cells[0].text).key == grid::Key::None) {
            // The longest run that makes a key: `年度` `预算` `安排` `(万元)`, not `年度预算`.
            std::string acc = rows[i].cells[0].text, best;
            std::size_t best_k = 0;
            for (std::size_t k = i + 1; k < rows.size() && k < i + 5; ++k) {
                if (rows[k].cells.size() != 1 || rows[k].cells[0].text.size() > 12) break;
                acc += rows[k].cells[0].text;
                auto key = grid::key_of(acc);
                bool known = key.key != grid::Key::None || is_indicator_column(grid::column_of(acc));
                if (known) { best = acc; best_k = k; }
            }
            if (best_k > 0) {
                GRow r = rows[i];
                r.cells[0].text = best;
                r.at.end_line = rows[best_k].at.line;
                r.last = rows[best_k].last;
                out.push_back(std::move(r));
                i = best_k;
                done = true;
            }
        }
        if (!done) out.push_back(std::move(rows[i]));
    }
    rows = std::move(out);
}


}  // namespace bpt::grid
