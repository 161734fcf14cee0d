#include "bpt/table_geometry.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "bpt/text.h"

namespace bpt::geo {

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

// Header labels as the form prints them (spaces removed before comparing).
struct Label {
    std::string_view text;
    Col col;
    bool prefix;  // the header cell only has to start with it (项目名称（资金使用单位）)
};
constexpr Label kLabels[] = {
    {"项目名称", Col::Name, true},       {"总计", Col::Total, false},
    {"资金总额", Col::Total, false},     {"财政拨款", Col::Fiscal, false},
    {"财政专户拨款", Col::FiscalSpecial, false}, {"其他资金", Col::Other, false},
    {"绩效目标", Col::Goal, false},      {"绩效指标", Col::Indicators, false},
};

std::string without_spaces(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        std::string_view rest = s.substr(i);
        std::size_t lead = rest.size() - text::trim_left(rest).size();
        if (lead) {
            i += lead;
            continue;
        }
        out += s[i++];
    }
    return out;
}

// The column a complete header cell names, or nullopt.
std::optional<Col> label_col(std::string_view t) {
    for (const auto& l : kLabels)
        if (l.prefix ? t.starts_with(l.text) : t == l.text) return l.col;
    return std::nullopt;
}

// A wrapped header cell's first line: a proper prefix (two characters or more) of a
// label, or a 项目名称 cell whose bracket is still open.
bool label_start(std::string_view t) {
    if (t.size() < 6) return false;
    for (const auto& l : kLabels)
        if (l.text.size() > t.size() && l.text.starts_with(t)) return true;
    return t.starts_with("项目名称") && t.find("（") != std::string_view::npos && t.find("）") == std::string_view::npos;
}

float height(const Box& b) { return b.y1 - b.y0; }
float centre_y(const Box& b) { return (b.y0 + b.y1) / 2; }
float centre_x(const Box& b) { return (b.x0 + b.x1) / 2; }


bool amount_like(std::string_view t) {
    t = text::trim(t);
    return text::looks_like_amount(t) || text::parse_table_amount(t).has_value();
}

// Boxes on one baseline, joined left to right.
Line join_line(std::span<const Box> boxes, std::vector<std::size_t> idx) {
    std::sort(idx.begin(), idx.end(), [&](auto a, auto b) { return boxes[a].x0 < boxes[b].x0; });
    Line line{{}, kInf, kInf, -kInf, -kInf};
    for (std::size_t k = 0; k < idx.size(); ++k) {
        const Box& b = boxes[idx[k]];
        if (k > 0 && boxes[idx[k - 1]].space_after) line.text += ' ';
        line.text += text::trim(b.text);
        line.x0 = std::min(line.x0, b.x0);
        line.y0 = std::min(line.y0, b.y0);
        line.x1 = std::max(line.x1, b.x1);
        line.y1 = std::max(line.y1, b.y1);
    }
    return line;
}

// Groups boxes into physical lines: a box joins the line whose first box's vertical
// centre is within half a line of its own.
std::vector<std::vector<std::size_t>> bands(std::span<const Box> boxes, std::vector<std::size_t> idx, float y_em) {
    std::sort(idx.begin(), idx.end(), [&](auto a, auto b) {
        float ca = centre_y(boxes[a]), cb = centre_y(boxes[b]);
        return ca != cb ? ca < cb : boxes[a].x0 < boxes[b].x0;
    });
    std::vector<std::vector<std::size_t>> out;
    float first = 0;
    for (auto i : idx) {
        float c = centre_y(boxes[i]);
        if (out.empty() || c - first > 0.5f * y_em) {
            out.emplace_back();
            first = c;
        }
        out.back().push_back(i);
    }
    return out;
}

Line band_line(std::span<const Box> boxes, const std::vector<std::size_t>& band) {
    // Different cells on one band are separate words.
    Line l = join_line(boxes, band);
    if (band.size() > 1) {
        std::vector<std::size_t> sorted = band;
        std::sort(sorted.begin(), sorted.end(), [&](auto a, auto b) { return boxes[a].x0 < boxes[b].x0; });
        l.text.clear();
        for (std::size_t k = 0; k < sorted.size(); ++k) {
            if (k) l.text += ' ';
            l.text += text::trim(boxes[sorted[k]].text);
        }
    }
    return l;
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Strips `lit` from the front of `s`.
bool eat(std::string_view& s, std::string_view lit) {
    if (!s.starts_with(lit)) return false;
    s.remove_prefix(lit.size());
    return true;
}
bool eat_number(std::string_view& s) {
    std::size_t n = 0;
    while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
    if (n == 0) return false;
    s.remove_prefix(n);
    return true;
}

}  // namespace

float median(std::vector<float> v, float fallback) {
    if (v.empty()) return fallback;
    auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid > 0 ? *mid : fallback;
}

// Display width: a CJK (or other wide) character counts 2, anything else 1.
std::size_t display_width(std::string_view s) {
    std::size_t w = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) == 0x80) continue;
        w += c >= 0xE1 ? 2 : 1;  // lead bytes from E1 on start U+1000 and above
    }
    return w;
}

bool is_page_furniture(std::string_view t, bool bare) {
    if (t.empty()) return false;
    std::string_view s = t;
    // 第3页，共40页 / 第3页 / 共40页第3页
    if (eat(s, "第")) {
        if (!eat_number(s) || !eat(s, "页")) return false;
        if (s.empty()) return true;
        (void)(eat(s, "，") || eat(s, ",") || eat(s, "、") || eat(s, "/"));
        return eat(s, "共") && eat_number(s) && eat(s, "页") && s.empty();
    }
    s = t;
    if (eat(s, "共")) return eat_number(s) && eat(s, "页") && (eat(s, "，") || eat(s, ",") || true) &&
                             eat(s, "第") && eat_number(s) && eat(s, "页") && s.empty();
    // - 3 -, — 3 —
    for (std::string_view dash : {"-", "—", "–", "－"}) {
        s = t;
        if (eat(s, dash) && eat_number(s) && eat(s, dash) && s.empty()) return true;
    }
    // Page 3 of 40
    s = t;
    if (eat(s, "Page") || eat(s, "page")) return eat_number(s) && (s.empty() || (eat(s, "of") && eat_number(s) && s.empty()));
    if (!bare) return false;
    if (all_digits(t)) return true;
    s = t;
    return eat_number(s) && eat(s, "/") && eat_number(s) && s.empty();
}

std::optional<Columns> find_header(std::span<const Box> boxes, std::vector<bool>& used) {
    used.assign(boxes.size(), false);
    const float y_em = median([&] {
        std::vector<float> h;
        for (const auto& b : boxes) h.push_back(height(b));
        return h;
    }(), 1);

    std::vector<std::string> flat(boxes.size());
    for (std::size_t i = 0; i < boxes.size(); ++i) flat[i] = without_spaces(boxes[i].text);

    // A header cell: one box naming a label, or a wrapped one completed by the box
    // right below it (same column, next line).
    struct Cell {
        Col col;
        std::vector<std::size_t> parts;
        float x0, y0, x1, y1;
    };
    std::vector<Cell> cells;
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        const Box& b = boxes[i];
        if (auto c = label_col(flat[i]); c && !label_start(flat[i])) {
            cells.push_back({*c, {i}, b.x0, b.y0, b.x1, b.y1});
            continue;
        }
        if (!label_start(flat[i])) continue;
        for (std::size_t j = 0; j < boxes.size(); ++j) {
            const Box& n = boxes[j];
            if (j == i || n.y0 < b.y1 - 0.3f * y_em || n.y0 > b.y1 + 0.8f * y_em) continue;
            if (n.x1 < b.x0 || n.x0 > b.x1) continue;
            if (auto c = label_col(flat[i] + flat[j])) {
                cells.push_back({*c, {i, j}, std::min(b.x0, n.x0), b.y0, std::max(b.x1, n.x1), n.y1});
                break;
            }
        }
    }
    // The header is the topmost band holding 项目名称 and 总计 with a third column.
    std::optional<Columns> best;
    std::vector<std::size_t> best_parts;
    for (const auto& name : cells) {
        if (name.col != Col::Name) continue;
        Columns cols;
        std::vector<std::size_t> parts;
        cols.top = kInf;
        cols.bottom = -kInf;
        for (const auto& c : cells) {
            // On the name cell's band: vertical ranges overlap.
            if (c.y1 < name.y0 - 0.2f * y_em || c.y0 > name.y1 + 0.2f * y_em) continue;
            auto k = static_cast<std::size_t>(c.col);
            if (cols.present[k]) continue;  // the first one found wins; a repeat is not a column
            cols.present[k] = true;
            cols.x0[k] = c.x0;
            cols.x1[k] = c.x1;
            cols.top = std::min(cols.top, c.y0);
            cols.bottom = std::max(cols.bottom, c.y1);
            parts.insert(parts.end(), c.parts.begin(), c.parts.end());
        }
        int n = 0;
        for (bool p : cols.present) n += p;
        if (!cols.has(Col::Total) || n < 3) continue;
        if (!best || cols.top < best->top) {
            best = cols;
            best_parts = parts;
        }
    }
    if (best)
        for (auto i : best_parts) used[i] = true;
    return best;
}

PageLayout TableGeometry::page(std::span<const Box> boxes, float page_height, bool may_continue) {
    PageLayout out;
    std::vector<bool> used;
    if (auto cols = find_header(boxes, used)) {
        columns_ = cols;
        out.header = true;
    }
    // Units: a line's height, and the width of one wide (CJK) character.
    std::vector<float> hs, ws;
    for (const auto& b : boxes) {
        hs.push_back(height(b));
        if (auto w = display_width(text::trim(b.text))) ws.push_back((b.x1 - b.x0) * 2 / static_cast<float>(w));
    }
    const float y_em = median(hs, 1);
    const float x_em = median(ws, y_em);

    std::vector<std::size_t> rest;
    for (std::size_t i = 0; i < boxes.size(); ++i)
        if (!used[i]) rest.push_back(i);

    // Page furniture, on whole physical lines (a footer may sit under any column).
    {
        std::vector<std::size_t> keep;
        for (const auto& band : bands(boxes, rest, y_em)) {
            Line l = band_line(boxes, band);
            bool margin = page_height > 0 && (l.y0 > 0.88f * page_height || l.y1 < 0.08f * page_height);
            if (is_page_furniture(without_spaces(l.text), margin)) {
                out.furniture.push_back(std::move(l));
                continue;
            }
            keep.insert(keep.end(), band.begin(), band.end());
        }
        rest = std::move(keep);
    }

    if (!columns_) {
        for (const auto& band : bands(boxes, rest, y_em)) out.unplaced.push_back(band_line(boxes, band));
        return out;
    }
    out.columns = true;
    const Columns& cols = *columns_;

    // Above the header: title, 部门名称 line, page headers.
    if (out.header) {
        std::vector<std::size_t> above, body;
        for (auto i : rest) (boxes[i].y1 <= cols.top + 0.3f * y_em ? above : body).push_back(i);
        for (const auto& band : bands(boxes, above, y_em)) out.above.push_back(band_line(boxes, band));
        rest = std::move(body);
    }

    // Left edges of the wrapped text columns: the most common x0 of text boxes
    // between the previous column's header centre and the column's own.
    auto prev_centre = [&](Col c) {
        float p = -kInf;
        for (std::size_t k = 0; k < static_cast<std::size_t>(c); ++k)
            if (cols.present[k]) p = cols.centre(static_cast<Col>(k));
        return p;
    };
    for (Col c : {Col::Goal, Col::Indicators}) {
        auto k = static_cast<std::size_t>(c);
        if (!cols.has(c)) continue;
        float lo = prev_centre(c), hi = cols.centre(c);
        std::vector<float> xs;
        for (auto i : rest)
            if (boxes[i].x0 >= lo && boxes[i].x0 <= hi && !amount_like(boxes[i].text)) xs.push_back(boxes[i].x0);
        std::sort(xs.begin(), xs.end());
        std::size_t best_n = 0;
        float best_x = 0;
        for (std::size_t a = 0; a < xs.size();) {
            std::size_t b = a;
            while (b < xs.size() && xs[b] - xs[a] <= 0.3f * x_em) ++b;
            if (b - a > best_n) {
                best_n = b - a;
                best_x = xs[a];
            }
            a = b;
        }
        if (best_n) {
            left_[k] = best_x;
            have_left_[k] = true;
        } else if (!have_left_[k]) {
            left_[k] = std::isfinite(lo) ? (lo + hi) / 2 : hi;
        }
    }
    const float tol = 0.3f * x_em;
    Col first_amount = Col::Name;
    for (Col c : {Col::Total, Col::Fiscal, Col::FiscalSpecial, Col::Other})
        if (cols.has(c)) {
            first_amount = c;
            break;
        }
    const float amounts_end = cols.has(Col::Goal)         ? left_[std::size_t(Col::Goal)] - tol
                              : cols.has(Col::Indicators) ? left_[std::size_t(Col::Indicators)] - tol
                                                          : kInf;
    const float name_end = first_amount != Col::Name
                               ? (cols.x1[std::size_t(Col::Name)] + cols.x0[std::size_t(first_amount)]) / 2
                               : amounts_end;

    std::array<std::vector<std::size_t>, kCols> in_col;
    std::vector<std::size_t> stray;
    for (auto i : rest) {
        const Box& b = boxes[i];
        const float cx = centre_x(b);
        if (first_amount != Col::Name && cx > name_end && cx < amounts_end && amount_like(b.text)) {
            Col bestc = first_amount;
            float bestd = kInf;
            for (Col c : {Col::Total, Col::Fiscal, Col::FiscalSpecial, Col::Other})
                if (cols.has(c) && std::abs(cols.centre(c) - cx) < bestd) {
                    bestd = std::abs(cols.centre(c) - cx);
                    bestc = c;
                }
            in_col[std::size_t(bestc)].push_back(i);
        } else if (cols.has(Col::Name) && b.x0 < name_end) {
            in_col[std::size_t(Col::Name)].push_back(i);
        } else if (cols.has(Col::Indicators) && b.x0 >= left_[std::size_t(Col::Indicators)] - tol) {
            in_col[std::size_t(Col::Indicators)].push_back(i);
        } else if (cols.has(Col::Goal) && b.x0 >= left_[std::size_t(Col::Goal)] - tol) {
            in_col[std::size_t(Col::Goal)].push_back(i);
        } else {
            stray.push_back(i);
        }
    }
    for (const auto& band : bands(boxes, stray, y_em)) out.unplaced.push_back(band_line(boxes, band));

    std::array<std::vector<Line>, kCols> lines;
    for (std::size_t k = 0; k < kCols; ++k)
        for (const auto& band : bands(boxes, in_col[k], y_em)) lines[k].push_back(join_line(boxes, band));

    // Anchors: each band of amounts is one row.
    struct Anchor {
        float top, bottom;
        float centre() const { return (top + bottom) / 2; }
    };
    std::vector<std::pair<std::size_t, std::size_t>> amount_lines;  // (column, line)
    for (Col c : {Col::Total, Col::Fiscal, Col::FiscalSpecial, Col::Other})
        for (std::size_t j = 0; j < lines[std::size_t(c)].size(); ++j) amount_lines.emplace_back(std::size_t(c), j);
    auto line_cy = [&](const std::pair<std::size_t, std::size_t>& p) {
        const Line& l = lines[p.first][p.second];
        return (l.y0 + l.y1) / 2;
    };
    std::sort(amount_lines.begin(), amount_lines.end(),
              [&](const auto& a, const auto& b) { return line_cy(a) < line_cy(b); });
    std::vector<Anchor> anchors;
    std::vector<GeoRow> anchored;
    float first_cy = 0;
    for (const auto& p : amount_lines) {
        const Line& l = lines[p.first][p.second];
        float cy = line_cy(p);
        if (anchors.empty() || cy - first_cy > 0.5f * y_em) {
            anchors.push_back({l.y0, l.y1});
            anchored.emplace_back();
            first_cy = cy;
        }
        anchors.back().top = std::min(anchors.back().top, l.y0);
        anchors.back().bottom = std::max(anchors.back().bottom, l.y1);
        anchored.back().cells[p.first].push_back(l);
    }

    GeoRow cont;
    cont.continuation = true;
    const float penalty = 0.3f * y_em;
    const float loose = 0.75f * y_em;
    const float empty_cost = 0.5f * y_em;
    const float reach = 0.25f * y_em;
    std::vector<bool> misaligned_col;
    for (Col c : {Col::Name, Col::Goal, Col::Indicators}) {
        auto& ls = lines[std::size_t(c)];
        const std::size_t n = ls.size();
        if (n == 0) continue;
        const std::size_t K = anchors.size();
        if (K == 0) {
            for (auto& l : ls) (may_continue ? cont.cells[std::size_t(c)] : out.unplaced).push_back(std::move(l));
            continue;
        }
        // gaps[k]: the white space between lines 0..k beyond the usual, summed.
        // The usual gap is the leading inside a cell; a gap clearly wider is a cell
        // boundary (with bottom-aligned cells, the only sign of one).
        std::vector<float> gap_list;
        for (std::size_t k = 1; k < n; ++k) gap_list.push_back(std::max(0.0f, ls[k].y0 - ls[k - 1].y1));
        const float usual_gap = median(gap_list, 0);
        std::vector<float> gaps(n, 0);
        for (std::size_t k = 1; k < n; ++k)
            gaps[k] = gaps[k - 1] + 2 * std::max(0.0f, ls[k].y0 - ls[k - 1].y1 - usual_gap - 0.25f * y_em);
        // Group 0 is the continuation (a prefix), groups 1..K the anchors' runs. A
        // producer aligns a column's cells one way (top, middle or bottom): each is
        // tried and the cut that fits best is kept. An empty run costs a little, so
        // that a row's text is not handed to its neighbour for free.
        enum Mode { Middle, Top, Bottom };
        auto cost = [&](Mode m, std::size_t g, std::size_t a, std::size_t b) -> float {  // lines [a, b)
            if (a == b) return empty_cost;
            const Anchor& an = anchors[g - 1];
            float top = ls[a].y0, bottom = ls[b - 1].y1;
            // The lines of one cell follow each other closely; a run that spans the
            // white space between two rows is two cells, whatever its alignment says.
            const float spread = gaps[b - 1] - gaps[a];
            // A cell never reaches into the neighbouring rows' amounts; without this a
            // top-aligned cell could take every line below it for free.
            float over = 0;
            if (g < K) over += std::max(0.0f, bottom - anchors[g].top - reach);
            if (g > 1) over += std::max(0.0f, anchors[g - 2].bottom - top - reach);
            const float at_top = std::abs(top - an.top) + 4 * over + spread;
            float aligned = at_top;
            switch (m) {
                case Top: break;
                case Bottom: aligned = std::abs(bottom - an.bottom) + 4 * over + spread; break;
                default: aligned = std::abs((top + bottom) / 2 - an.centre()) + 4 * over + spread; break;
            }
            // The last row of a page may be the first part of a row the page break cuts,
            // and a browser starts such a part at the top, whatever the alignment.
            return g == K ? std::min(aligned, at_top) : aligned;
        };
        std::vector<std::size_t> owner(n, 0);
        const double work = 3.0 * double(n + 1) * double(n + 1) * double(K + 1);
        if (work > 4e7) {
            // Too many lines for the exact cut: each line to the nearest anchor.
            for (std::size_t j = 0; j < n; ++j) {
                float cy = (ls[j].y0 + ls[j].y1) / 2, bestd = kInf;
                for (std::size_t g = 1; g <= K; ++g)
                    if (std::abs(anchors[g - 1].centre() - cy) < bestd) {
                        bestd = std::abs(anchors[g - 1].centre() - cy);
                        owner[j] = g;
                    }
            }
        } else {
            auto at = [&](std::size_t g, std::size_t j) { return g * (n + 1) + j; };
            struct Cut {
                float total = kInf;
                std::vector<std::size_t> owner;
                std::vector<bool> loose;
            };
            std::array<Cut, 3> cuts;
            for (Mode m : {Middle, Top, Bottom}) {
                std::vector<float> dp((K + 1) * (n + 1), kInf);
                std::vector<std::size_t> from((K + 1) * (n + 1), 0);
                dp[at(0, 0)] = 0;
                if (may_continue)
                    for (std::size_t j = 1; j <= n; ++j)
                        dp[at(0, j)] = penalty + 4 * std::max(0.0f, ls[j - 1].y1 - anchors[0].top - reach) +
                                       gaps[j - 1];
                for (std::size_t g = 1; g <= K; ++g)
                    for (std::size_t j = 0; j <= n; ++j)
                        for (std::size_t a = 0; a <= j; ++a) {
                            float v = dp[at(g - 1, a)];
                            if (v == kInf) continue;
                            v += cost(m, g, a, j);
                            if (v < dp[at(g, j)]) {
                                dp[at(g, j)] = v;
                                from[at(g, j)] = a;
                            }
                        }
                Cut& cut = cuts[m];
                cut.total = dp[at(K, n)];
                cut.owner.assign(n, 0);
                cut.loose.assign(K, false);
                std::size_t j = n;
                for (std::size_t g = K; g >= 1; --g) {
                    std::size_t a = from[at(g, j)];
                    for (std::size_t x = a; x < j; ++x) cut.owner[x] = g;
                    if (a != j && cost(m, g, a, j) > loose) cut.loose[g - 1] = true;
                    j = a;
                }
                // Lines [0, j) are the continuation.
            }
            // The alignment a page shows clearly (the best cut beats the others by half
            // a line) holds for the column from then on: a page with a single row
            // cannot tell top from bottom alignment, nor a continuation from the top
            // of a bottom-aligned cell.
            auto& mode = mode_[std::size_t(c)];
            int best = 0;
            for (int m = 1; m < 3; ++m)
                if (cuts[m].total < cuts[best].total) best = m;
            // The name column's alignment, once clear, is the producer's habit: a wrapped
            // column whose cut in that alignment fits within a line of its best one
            // takes it, rather than a first page that leans the other way by a hair (the
            // row a page break cuts; a top-aligned goal whose cells follow one another
            // without a gap, which fits as well cut centred on the row below).
            const auto& name_mode = mode_[std::size_t(Col::Name)];
            if (!mode && c != Col::Name && name_mode && cuts[*name_mode].total - cuts[best].total < y_em)
                mode = *name_mode;
            if (!mode) {
                float second = kInf;
                for (int m = 0; m < 3; ++m)
                    if (m != best) second = std::min(second, cuts[m].total);
                if (second - cuts[best].total >= 0.5f * y_em) mode = best;
            }
            const Cut& chosen = cuts[mode ? *mode : best];
            owner = chosen.owner;
            misaligned_col = chosen.loose;
            for (std::size_t g = 0; g < K; ++g)
                if (misaligned_col[g]) anchored[g].misaligned = true;
        }
        for (std::size_t x = 0; x < n; ++x) {
            auto& target = owner[x] == 0 ? cont : anchored[owner[x] - 1];
            target.cells[std::size_t(c)].push_back(std::move(ls[x]));
        }
    }
    bool any = false;
    for (const auto& cell : cont.cells) any = any || !cell.empty();
    if (any) out.rows.push_back(std::move(cont));
    for (auto& r : anchored) out.rows.push_back(std::move(r));
    return out;
}

}  // namespace bpt::geo
