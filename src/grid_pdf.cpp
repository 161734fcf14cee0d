#include "bpt/grid_pdf.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "bpt/grid_header.h"
#include "bpt/grid_reader.h"
#include "bpt/money.h"
#include "bpt/table_geometry.h"
#include "bpt/text.h"
#include "grid_rows.h"

namespace bpt {

using grid::Column;
using grid::GCell;
using grid::GRow;

namespace {

using geo::median;
using geo::display_width;

// Where a wrapped line still belongs to the cell above: a line pitch under this many
// characters. A wrapped cell's pitch is its line height (1.2 to 1.5 characters); the
// next row's first line is further down by the cells' padding and rule.
constexpr float kWrapPitch = 1.75f;
// A horizontal gap wider than this many characters, or than kCellGapPt points, is a
// cell boundary: a space inside a cell is a quarter to a third of a character, and
// cells stand apart by their padding and rule, a few points whatever the font size.
constexpr float kCellGap = 0.45f;
constexpr float kCellGapPt = 4.5f;

// One cell's text on one line.
struct Seg {
    std::string text;
    float x0 = 0, x1 = 0, cy = 0;
    float y0 = 0;  // the first box's top, for the location
};

// A cell's text: one segment, or a wrapped cell's segments joined.
struct Run {
    std::string text;
    float x0 = 0, x1 = 0;
    float top = 0, bot = 0;  // the text's extent: first line's centre - em/2 to last line's + em/2
    float last_cy = 0, last_x0 = 0, last_x1 = 0;  // the last line's
    Location at;
    int col = -1;     // grid column, when under a grid header
    int lines = 1;
};



std::string no_spaces(std::string_view s) {
    std::string out;
    for (auto w : text::split_ws(s)) out += w;
    return out;
}

Location where(std::uint32_t page, float x, float y) {
    Location at;
    at.page = page;
    at.x = std::max(0.0f, x);
    at.y = std::max(0.0f, y);
    return at;
}

bool is_span_column(Column c, bool multi) {
    if (c == Column::Label || c == Column::Level1 || c == Column::Level2) return true;
    return multi && (c == Column::Project || c == Column::Unit || c == Column::Total || c == Column::Goal);
}

// The header's columns found among runs on one line: the longest run of column names
// that names the grid (as the grid reader's header test).
std::optional<std::vector<std::size_t>> header_runs(const std::vector<Run>& runs, const std::vector<std::size_t>& on_line) {
    std::vector<Column> c;
    for (auto i : on_line) c.push_back(grid::column_of(runs[i].text));
    std::size_t best_start = 0, best_len = 0;
    for (std::size_t s = 0; s < c.size(); ++s) {
        if (c[s] == Column::None) continue;
        std::size_t e = s;
        while (e < c.size() && c[e] != Column::None) ++e;
        if (e - s > best_len) {
            best_len = e - s;
            best_start = s;
        }
        s = e;
    }
    if (best_len < 3) return std::nullopt;
    std::vector<std::string> f;
    bool value = false;
    for (std::size_t k = best_start; k < best_start + best_len; ++k) {
        f.push_back(grid::fold(runs[on_line[k]].text));
        value |= c[k] == Column::Target || c[k] == Column::PeriodTarget || c[k] == Column::AnnualTarget ||
                 c[k] == Column::Actual;
    }
    int score = grid::header_score(f);
    if (score < 2 || (!value && score < 3)) return std::nullopt;
    return std::vector<std::size_t>(on_line.begin() + static_cast<std::ptrdiff_t>(best_start),
                                    on_line.begin() + static_cast<std::ptrdiff_t>(best_start + best_len));
}

// Text under a grid that is no part of it, or the start of the next project's block.
bool ends_grid(std::string_view first_text) {
    std::string f = grid::fold(first_text);
    for (std::string_view lead : {"注", "说明", "附件", "填报", "审核", "联系", "总分", "合计"})
        if (f.starts_with(lead)) return true;
    switch (grid::key_of(first_text).key) {
        case grid::Key::Name:
        case grid::Key::Department:
        case grid::Key::BudgetUnit:
        case grid::Key::Total:
        case grid::Key::AmountLabel: return true;
        default: break;
    }
    return f.size() <= 150 && f.find("绩效") != std::string::npos && f.ends_with("表");
}

}  // namespace

struct GridPdfReader::Impl {
    GridReader grid;
    std::vector<GRow> rows;
    bool any_header = false;
    // Rows ran together: every cell of a row came out as the same number of lines, the
    // sign of rows spaced as closely as a wrapped cell's lines (a spreadsheet's default
    // height, cells with little padding). Such a table is refused rather than read as
    // a few tall rows.
    std::optional<Location> tangled;

    // The columns of the last grid header: header text extents.
    struct Col {
        Column kind = Column::None;
        float x0 = 0, x1 = 0;
    };
    std::vector<Col> cols;
    bool multi = false;
    bool in_grid = false;                 // the last page ended inside a grid
    std::optional<std::size_t> last_grid_row;  // index in rows of the grid's last row

    explicit Impl(RowSink& s) : grid(s) {}

    void page(const PdfPage& p);
    int column_at(float x0, float em) const {
        for (std::size_t j = 0; j < cols.size(); ++j)
            if (x0 < cols[j].x1 - 0.2f * em) return static_cast<int>(j);
        return static_cast<int>(cols.size()) - 1;
    }
    // Rows of the header block (or of text under a grid): runs that overlap, left to right.
    bool block_rows(std::vector<Run>& runs, float em);
    // Rows of a grid: each run in its header column, merged columns on their span's first row.
    void grid_rows(std::vector<Run>& runs, float em, bool page_top);
};

namespace {

// Runs that overlap vertically (by more than a fifth of a character) make one band.
std::vector<std::vector<std::size_t>> overlap_bands(const std::vector<Run>& runs, std::vector<std::size_t> idx,
                                                    float em) {
    std::sort(idx.begin(), idx.end(), [&](auto a, auto b) { return runs[a].top < runs[b].top; });
    std::vector<std::vector<std::size_t>> out;
    float bot = -std::numeric_limits<float>::infinity();
    for (auto i : idx) {
        if (out.empty() || runs[i].top > bot - 0.2f * em) {
            out.emplace_back();
            bot = runs[i].bot;
        } else {
            bot = std::max(bot, runs[i].bot);
        }
        out.back().push_back(i);
    }
    return out;
}

}  // namespace

void GridPdfReader::Impl::page(const PdfPage& p) {
    // Units: the width of one wide (CJK) character stands for the font size.
    std::vector<float> ws, hs;
    for (const auto& b : p.boxes) {
        hs.push_back(b.y1 - b.y0);
        if (auto w = display_width(text::trim(b.text)); w > 0) ws.push_back((b.x1 - b.x0) * 2 / static_cast<float>(w));
    }
    const float em = median(ws, median(hs, 10) * 0.45f);

    // Lines: boxes whose vertical centres are within 0.4 characters of the line's first.
    std::vector<std::size_t> order(p.boxes.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    auto cy = [&](std::size_t i) { return (p.boxes[i].y0 + p.boxes[i].y1) / 2; };
    std::sort(order.begin(), order.end(), [&](auto a, auto b) {
        return cy(a) != cy(b) ? cy(a) < cy(b) : p.boxes[a].x0 < p.boxes[b].x0;
    });
    std::vector<std::vector<std::size_t>> lines;
    float first = 0;
    for (auto i : order) {
        if (text::trim(p.boxes[i].text).empty()) continue;
        if (lines.empty() || cy(i) - first > 0.4f * em) {
            lines.emplace_back();
            first = cy(i);
        }
        lines.back().push_back(i);
    }
    // Segments per line; page furniture dropped.
    std::vector<std::vector<Seg>> segs;
    for (auto& l : lines) {
        std::sort(l.begin(), l.end(), [&](auto a, auto b) { return p.boxes[a].x0 < p.boxes[b].x0; });
        std::string whole;
        for (auto i : l) whole += no_spaces(p.boxes[i].text);
        float ly0 = p.boxes[l.front()].y0, ly1 = p.boxes[l.front()].y1;
        bool margin = p.height > 0 && (ly0 > 0.88f * p.height || ly1 < 0.08f * p.height);
        if (geo::is_page_furniture(whole, margin)) continue;
        std::vector<Seg> out;
        for (std::size_t k = 0; k < l.size(); ++k) {
            const TextBox& b = p.boxes[l[k]];
            if (k == 0 || b.x0 - p.boxes[l[k - 1]].x1 > std::min(kCellGap * em, kCellGapPt)) {
                out.push_back(Seg{{}, b.x0, b.x1, 0, b.y0});
            } else if (p.boxes[l[k - 1]].space_after) {
                out.back().text += ' ';
            }
            out.back().text += text::trim(b.text);
            out.back().x1 = std::max(out.back().x1, b.x1);
        }
        float c = 0;
        for (auto i : l) c += cy(i);
        c /= static_cast<float>(l.size());
        for (auto& s : out) s.cy = c;
        segs.push_back(std::move(out));
    }
    // Runs: a segment continues the run above it that it overlaps, at a wrapped line's pitch.
    std::vector<Run> runs;
    // Runs still open: their last line is within a wrapped line's pitch. A cell beside
    // (centred between two lines of a taller one) may put a line in between.
    std::vector<std::size_t> open;
    for (auto& line : segs) {
        std::vector<bool> taken(runs.size(), false);
        if (!line.empty())
            std::erase_if(open, [&](auto r) { return line.front().cy - runs[r].last_cy > kWrapPitch * em; });
        std::vector<std::size_t> now;
        for (auto& s : line) {
            std::size_t best = runs.size();
            float best_overlap = 0;
            for (auto r : open) {
                if (taken[r]) continue;
                // A cell's lines share their left edge, centre or right edge (as it is
                // aligned); a line under it that shares none is another cell's.
                const Run& o = runs[r];
                bool aligned = std::fabs(s.x0 - o.last_x0) < 0.3f * em ||
                               std::fabs((s.x0 + s.x1) / 2 - (o.last_x0 + o.last_x1) / 2) < 0.3f * em ||
                               std::fabs(s.x1 - o.last_x1) < 0.3f * em;
                if (!aligned) continue;
                float ov = std::min(s.x1, runs[r].x1) - std::max(s.x0, runs[r].x0);
                if (ov > best_overlap) {
                    best_overlap = ov;
                    best = r;
                }
            }
            if (best < runs.size()) {
                Run& r = runs[best];
                taken[best] = true;
                // Wrapped lines join with no separator, as CJK text wraps anywhere; a
                // Latin word broken at a space keeps one.
                if (!r.text.empty() && !s.text.empty() && static_cast<unsigned char>(r.text.back()) < 0x80 &&
                    static_cast<unsigned char>(s.text.front()) < 0x80 && std::isalnum(static_cast<unsigned char>(r.text.back())) &&
                    std::isalnum(static_cast<unsigned char>(s.text.front())))
                    r.text += ' ';
                r.text += s.text;
                r.x0 = std::min(r.x0, s.x0);
                r.x1 = std::max(r.x1, s.x1);
                r.bot = s.cy + em / 2;
                ++r.lines;
                r.last_cy = s.cy;
                r.last_x0 = s.x0;
                r.last_x1 = s.x1;
                now.push_back(best);
            } else {
                Run r;
                r.text = s.text;
                r.x0 = s.x0;
                r.x1 = s.x1;
                r.top = s.cy - em / 2;
                r.bot = s.cy + em / 2;
                r.last_cy = s.cy;
                r.last_x0 = s.x0;
                r.last_x1 = s.x1;
                r.at = where(p.number, s.x0, s.y0);
                runs.push_back(std::move(r));
                taken.push_back(true);
                now.push_back(runs.size() - 1);
            }
        }
        for (auto r : now)
            if (std::find(open.begin(), open.end(), r) == open.end()) open.push_back(r);
    }

    // Grid headers on this page: lines whose runs name the columns.
    struct Header {
        std::vector<std::size_t> runs;
        float top = 0, bot = 0;
    };
    std::vector<Header> headers;
    {
        std::vector<float> centres;
        for (const auto& l : segs)
            if (!l.empty()) centres.push_back(l.front().cy);
        for (float c : centres) {
            if (!headers.empty() && c <= headers.back().bot) continue;
            std::vector<std::size_t> on;
            for (std::size_t i = 0; i < runs.size(); ++i)
                if (runs[i].top <= c && runs[i].bot >= c) on.push_back(i);
            std::sort(on.begin(), on.end(), [&](auto a, auto b) { return runs[a].x0 < runs[b].x0; });
            if (auto h = header_runs(runs, on)) {
                // The whole header band: header cells centred beside a wrapped one may
                // not reach this line.
                float t = std::numeric_limits<float>::infinity(), b = -t;
                for (auto i : *h) {
                    t = std::min(t, runs[i].top);
                    b = std::max(b, runs[i].bot);
                }
                on.clear();
                for (std::size_t i = 0; i < runs.size(); ++i)
                    if (runs[i].top < b - 0.2f * em && runs[i].bot > t + 0.2f * em) on.push_back(i);
                std::sort(on.begin(), on.end(), [&](auto x, auto y) { return runs[x].x0 < runs[y].x0; });
                h = header_runs(runs, on);
                if (!h) continue;
                Header hd;
                hd.runs = *h;
                hd.top = std::numeric_limits<float>::infinity();
                hd.bot = -hd.top;
                for (auto i : on) {  // the whole header band, with cells that name no column
                    hd.top = std::min(hd.top, runs[i].top);
                    hd.bot = std::max(hd.bot, runs[i].bot);
                }
                headers.push_back(std::move(hd));
            }
        }
    }
    // Regions top to bottom: the block above a header, then the grid under it.
    auto runs_between = [&](float from, float to) {
        std::vector<Run> out;
        for (const auto& r : runs) {
            float c = (r.top + r.bot) / 2;
            if (c > from && c < to) out.push_back(r);
        }
        return out;
    };
    const float inf = std::numeric_limits<float>::infinity();
    float y = -inf;
    bool first_region = true;
    // The grid's end on this page: the first line under it that starts a block or ends the table.
    auto grid_end = [&](float from, float to) {
        for (const auto& l : segs) {
            if (l.empty() || l.front().cy <= from || l.front().cy >= to) continue;
            if (ends_grid(l.front().text) && l.front().x0 < (cols.size() > 1 ? cols[1].x0 : inf)) return l.front().cy - em;
        }
        return to;
    };
    auto grid_region = [&](float from, float to) {
        float end = grid_end(from, to);
        auto g = runs_between(from, end);
        grid_rows(g, em, first_region);
        if (!g.empty()) first_region = false;
        if (end < to) {
            in_grid = false;
            auto b = runs_between(end, to);
            block_rows(b, em);
        }
        return end >= to;
    };
    if (in_grid && !cols.empty()) {  // the table goes on from the previous page
        float to = headers.empty() ? inf : headers.front().top;
        in_grid = grid_region(y, to);
        y = to;
    }
    for (std::size_t h = 0; h < headers.size(); ++h) {
        auto b = runs_between(y, headers[h].top - 0.01f);
        if (block_rows(b, em)) first_region = false;
        // The header row itself, as the grid reader knows it.
        cols.clear();
        GRow head;
        for (auto i : headers[h].runs) {
            cols.push_back({grid::column_of(runs[i].text), runs[i].x0, runs[i].x1});
            head.cells.push_back(GCell{runs[i].text, runs[i].at});
        }
        head.at = head.cells.front().at;
        multi = std::any_of(cols.begin(), cols.end(), [](const Col& c) { return c.kind == Column::Project; });
        rows.push_back(std::move(head));
        any_header = true;
        float to = h + 1 < headers.size() ? headers[h + 1].top : inf;
        in_grid = grid_region(headers[h].bot, to);
        y = to;
    }
    if (headers.empty() && (!in_grid || cols.empty()) && y == -inf) {
        auto b = runs_between(-inf, inf);
        block_rows(b, em);
    }
}

bool GridPdfReader::Impl::block_rows(std::vector<Run>& runs, float em) {
    if (runs.empty()) return false;
    std::vector<std::size_t> idx(runs.size());
    for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    auto bands = overlap_bands(runs, idx, em);
    // A label merged over two rows stands between them, overlapping neither: alone on
    // its band, in the leftmost column, with rows above and below that have no cell
    // there. It belongs to the first row of its span, the one above.
    float min_x = std::numeric_limits<float>::infinity();
    for (const auto& r : runs) min_x = std::min(min_x, r.x0);
    auto has_left = [&](const std::vector<std::size_t>& b) {
        return std::any_of(b.begin(), b.end(), [&](auto i) { return runs[i].x0 < min_x + em; });
    };
    std::vector<std::vector<std::size_t>> merged;
    for (std::size_t k = 0; k < bands.size(); ++k) {
        auto& b = bands[k];
        if (b.size() == 1 && runs[b[0]].x0 < min_x + em && !merged.empty() && k + 1 < bands.size() &&
            !has_left(merged.back()) && !has_left(bands[k + 1]) && merged.back().size() >= 2) {
            merged.back().push_back(b[0]);
            continue;
        }
        merged.push_back(b);
    }
    for (auto& b : merged) {
        std::sort(b.begin(), b.end(), [&](auto x, auto y) { return runs[x].x0 < runs[y].x0; });
        GRow row;
        for (auto i : b) row.cells.push_back(GCell{runs[i].text, runs[i].at});
        row.at = row.cells.front().at;
        rows.push_back(std::move(row));
    }
    return true;
}

}  // namespace bpt

namespace bpt {

void GridPdfReader::Impl::grid_rows(std::vector<Run>& runs, float em, bool page_top) {
    if (runs.empty() || cols.empty()) return;
    const float tol = 0.2f * em;
    for (auto& r : runs) r.col = column_at(r.x0, em);
    auto spans = [&](const Run& r) { return is_span_column(cols[std::size_t(r.col)].kind, multi); };
    auto overlap = [&](const Run& a, const Run& b) { return a.top < b.bot - tol && a.bot > b.top + tol; };
    std::vector<std::size_t> cell_idx, span_idx;
    for (std::size_t i = 0; i < runs.size(); ++i) (spans(runs[i]) ? span_idx : cell_idx).push_back(i);
    // A department's subtotal line of a multi-project grid (`820-马踏镇部门 | 8,827,620.53`)
    // has cells only in merged columns: a line of a coded name and amounts, alone.
    std::vector<std::size_t> dept_runs;
    {
        std::vector<std::size_t> lone;
        for (auto i : span_idx)
            if (std::none_of(cell_idx.begin(), cell_idx.end(), [&](auto k) { return overlap(runs[i], runs[k]); }))
                lone.push_back(i);
        for (const auto& b : overlap_bands(runs, lone, em)) {
            if (b.size() < 2) continue;
            bool coded = false, all = true;
            for (auto i : b) {
                if (grid::split_code(runs[i].text)) coded = true;
                else if (!Money::parse_cell(runs[i].text).money) all = false;
            }
            if (!coded || !all) continue;
            dept_runs.insert(dept_runs.end(), b.begin(), b.end());
            for (auto i : b) {
                span_idx.erase(std::find(span_idx.begin(), span_idx.end(), i));
                cell_idx.push_back(i);
            }
        }
    }
    auto bands = overlap_bands(runs, cell_idx, em);
    // A comparator, a weight or a score (`≥`, `20`) never wraps; nor do all of a row's
    // cells wrap to the same number of lines.
    for (auto i : cell_idx) {
        Column k = cols[std::size_t(runs[i].col)].kind;
        if ((k == Column::Op || k == Column::Weight || k == Column::Score) && runs[i].lines >= 2 && !tangled)
            tangled = runs[i].at;
    }
    for (const auto& b : bands) {
        if (b.size() < 3 || tangled) continue;
        bool same = std::all_of(b.begin(), b.end(),
                                [&](auto i) { return runs[i].lines >= 2 && runs[i].lines == runs[b[0]].lines; });
        if (same) tangled = runs[b[0]].at;
    }
    if (bands.empty()) {  // only merged columns: nothing to place them against
        bands = overlap_bands(runs, span_idx, em);
        span_idx.clear();
    }
    // Merged cells span indicator rows only: a department line is no part of a span.
    std::vector<std::size_t> rows_of;  // the bands a merged cell may span
    for (std::size_t b = 0; b < bands.size(); ++b)
        if (std::none_of(bands[b].begin(), bands[b].end(),
                         [&](auto i) { return std::find(dept_runs.begin(), dept_runs.end(), i) != dept_runs.end(); }))
            rows_of.push_back(b);
    const std::size_t n = rows_of.size();
    std::vector<float> top(n, std::numeric_limits<float>::infinity()), bot(n, -std::numeric_limits<float>::infinity());
    for (std::size_t b = 0; b < n; ++b)
        for (auto i : bands[rows_of[b]]) {
            top[b] = std::min(top[b], runs[i].top);
            bot[b] = std::max(bot[b], runs[i].bot);
        }
    // A merged cell's text stands in the middle, at the top or at the bottom of its
    // span, as the producer aligns cells. On rows of one line each the three readings
    // can agree with the geometry; the middle one is taken then (browsers' default).
    // Top (bottom) alignment shows as every merged cell's text starting (ending) level
    // with a row, the first (last) row among them.
    std::vector<std::vector<std::size_t>> by_col(cols.size());
    for (auto i : span_idx) by_col[std::size_t(runs[i].col)].push_back(i);
    for (auto& c : by_col)
        std::sort(c.begin(), c.end(), [&](auto a, auto b) { return runs[a].top < runs[b].top; });
    auto level_with = [&](bool at_top) -> std::optional<std::vector<std::size_t>> {
        std::vector<std::size_t> starts(runs.size(), 0);
        bool any = false;
        for (const auto& c : by_col) {
            if (c.empty()) continue;
            any = true;
            std::size_t from = 0;
            std::optional<std::size_t> prev_end;
            for (std::size_t k = 0; k < c.size(); ++k) {
                const Run& r = runs[c[k]];
                std::optional<std::size_t> hit;
                for (std::size_t b = from; b < n && !hit; ++b)
                    if (std::fabs(at_top ? top[b] - r.top : bot[b] - r.bot) < 0.12f * em) hit = b;
                if (!hit) return std::nullopt;
                // The first (last) row of the grid on this page has its merged cells,
                // unless the page goes on with the previous page's spans.
                if (at_top && k == 0 && *hit != 0 && !page_top) return std::nullopt;
                if (!at_top && k + 1 == c.size() && *hit + 1 != n) return std::nullopt;
                starts[c[k]] = at_top ? *hit : (prev_end ? *prev_end + 1 : 0);
                prev_end = *hit;
                from = *hit + 1;
            }
        }
        if (!any) return std::nullopt;
        return starts;
    };
    // The middle reading: each merged cell's span starts where the previous one of its
    // column ended, and ends where the span's middle is the text's. `fits` says
    // whether every cell found such a span; where one did not, the best fitting span
    // further down is taken.
    std::vector<std::size_t> middle(runs.size(), 0);
    bool fits = true;
    for (const auto& col_runs : by_col) {
        std::size_t s_min = 0;
        for (auto i : col_runs) {
            if (n == 0) break;
            const Run& r = runs[i];
            const float c = (r.top + r.bot) / 2;
            auto best_end = [&](std::size_t s, float& err) {
                std::size_t best = s;
                err = std::numeric_limits<float>::infinity();
                for (std::size_t e = s; e < n; ++e) {
                    if (bot[e] < r.bot - 2.5f * em) continue;  // the span reaches below the text
                    float d = std::fabs((top[s] + bot[e]) / 2 - c);
                    if (d < err) {
                        err = d;
                        best = e;
                    }
                    if ((top[s] + bot[e]) / 2 > c + err) break;  // only further from here
                }
                return best;
            };
            std::size_t s = std::min(s_min, n - 1), e = s;
            float err = 0;
            e = best_end(s, err);
            if (s_min >= n || err > 0.35f * em) {
                fits = false;
                float best_err = err;
                for (std::size_t s2 = s + 1; s2 < n && top[s2] <= r.top + 0.5f * em; ++s2) {
                    float e2err = 0;
                    std::size_t e2 = best_end(s2, e2err);
                    if (e2err + 0.01f < best_err) {
                        best_err = e2err;
                        s = s2;
                        e = e2;
                    }
                }
            }
            middle[i] = s;
            s_min = e + 1;
        }
    }
    // Where the middle reading does not fit, the text is level with its span's top or bottom.
    std::optional<std::vector<std::size_t>> level;
    if (!fits) level = level_with(true);
    if (!fits && !level) level = level_with(false);
    const std::vector<std::size_t>& start = level ? *level : middle;
    if (n > 0) {
        for (auto i : span_idx) bands[rows_of[start[i]]].push_back(i);
    } else {  // only department lines: merged cells have no row to span, and stand alone
        for (auto& b : overlap_bands(runs, span_idx, em)) bands.push_back(std::move(b));
        std::sort(bands.begin(), bands.end(), [&](const auto& x, const auto& y) { return runs[x[0]].top < runs[y[0]].top; });
    }
    // The rows, each cell in its column.
    for (std::size_t b = 0; b < bands.size(); ++b) {
        auto& band = bands[b];
        std::sort(band.begin(), band.end(), [&](auto x, auto y) {
            return runs[x].col != runs[y].col ? runs[x].col < runs[y].col : runs[x].top < runs[y].top;
        });
        int width = 0;
        for (auto i : band) width = std::max(width, runs[i].col + 1);
        GRow row;
        row.cells.resize(std::size_t(width));
        bool name = false, level = false;
        for (auto i : band) {
            auto& cell = row.cells[std::size_t(runs[i].col)];
            if (cell.text.empty()) cell.at = runs[i].at;
            cell.text += runs[i].text;
            Column k = cols[std::size_t(runs[i].col)].kind;
            name |= k == Column::Name || k == Column::Project;
            level |= is_span_column(k, multi);
        }
        row.at = runs[band.front()].at;
        for (auto& c : row.cells)
            if (c.text.empty()) c.at = row.at;
        // The first row on a page with neither an indicator name nor a level is the
        // rest of the row the page break cut.
        if (b == 0 && page_top && !name && !level && last_grid_row) {
            auto& prev = rows[*last_grid_row].cells;
            if (prev.size() < row.cells.size()) prev.resize(row.cells.size(), GCell{{}, rows[*last_grid_row].at});
            for (std::size_t k = 0; k < row.cells.size(); ++k) {
                if (row.cells[k].text.empty()) continue;
                if (prev[k].text.empty()) prev[k].at = row.cells[k].at;
                prev[k].text += row.cells[k].text;
            }
            continue;
        }
        rows.push_back(std::move(row));
        last_grid_row = rows.size() - 1;
    }
}

GridPdfReader::GridPdfReader(RowSink& sink) : impl_(std::make_unique<Impl>(sink)) {}
GridPdfReader::~GridPdfReader() = default;

void GridPdfReader::page(const PdfPage& page) { impl_->page(page); }

void GridPdfReader::finish() {
    if (!impl_->rows.empty()) impl_->rows.back().last = true;
    impl_->grid.rows(std::move(impl_->rows));
    impl_->grid.finish();
}

bool GridPdfReader::saw_table() const { return impl_->any_header && !impl_->tangled && impl_->grid.saw_table(); }

std::string GridPdfReader::not_a_table() const {
    // Only a PDF whose first page names the grid's columns comes here: its text says it
    // is a grid form, but its geometry gives no header row.
    if (impl_->tangled)
        return fmt::format(
            "a grid form whose rows cannot be told apart: they are spaced as closely as a wrapped cell's lines, "
            "and the cells of several rows run together (p{}), so nothing is read; save the table as CSV and read "
            "that",
            impl_->tangled->page);
    if (!impl_->any_header)
        return "a grid form (its first page names 一级指标 / 二级指标 / 三级指标 / 指标值), but no page's geometry gives "
               "the grid's header row: its cells cannot be told apart (rows as close as a wrapped cell's lines, or "
               "no space between cells), so nothing is read; save the table as CSV and read that";
    return impl_->grid.not_a_table();
}

bool GridPdfReader::list_header(const PdfPage& page) {
    std::vector<geo::Box> boxes;
    for (const auto& b : page.boxes) boxes.push_back(geo::Box{b.text, b.x0, b.y0, b.x1, b.y1, b.space_after});
    std::vector<bool> used;
    return geo::find_header(boxes, used).has_value();
}

bool GridPdfReader::detect(const PdfPage& page) {
    std::vector<geo::Box> boxes;
    std::vector<std::string> folded;
    bool kinds[4] = {};
    for (const auto& b : page.boxes) {
        boxes.push_back(geo::Box{b.text, b.x0, b.y0, b.x1, b.y1, b.space_after});
        folded.push_back(grid::fold(b.text));
        if (int kind = grid::block_key_kind(grid::key_of(b.text).key); kind >= 0) kinds[kind] = true;
    }
    // The list form (项目名称 … 总计 … 绩效指标) is the PDF reader's.
    std::vector<bool> used;
    if (geo::find_header(boxes, used)) return false;
    if (grid::header_score(folded) >= 3) return true;
    return kinds[1] && kinds[0] + kinds[1] + kinds[2] + kinds[3] >= 3;
}

}  // namespace bpt
