#include "bpt/positional_reader.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "bpt/drawing_reader.h"
#include "bpt/text.h"

namespace bpt {

namespace {

using geo::display_width;

constexpr Role kRoles[geo::kCols] = {Role::Name,  Role::Total, Role::Fiscal,    Role::FiscalSpecial,
                                     Role::Other, Role::Goal,  Role::Indicators};

// Where the geometry sees each column (display columns), and the header labels put
// there: far enough apart that no cell can be taken for its neighbour's.
constexpr float kX[geo::kCols] = {0, 100, 120, 140, 160, 200, 300};
constexpr std::string_view kLabels[geo::kCols] = {"项目名称", "总计", "财政拨款", "财政专户拨款",
                                                 "其他资金", "绩效目标", "绩效指标"};

// The gap between goal lines and indicator lines alone (display columns), and how
// far left of the indicator lines a goal line starts at most.
constexpr float kSplitGap = 8;
constexpr float kSplitMargin = 3;
constexpr std::size_t kMinGroup = 3;
constexpr float kInfinity = std::numeric_limits<float>::infinity();

// Half a display column: names that start further right than the 合计 are indented.
constexpr float kIndent = 0.5f;


// A run of text between spaces, at its display columns.
struct Segment {
    std::string_view text;
    float start = 0, end = 0;
};

std::vector<Segment> segments(std::string_view line) {
    std::vector<Segment> out;
    std::size_t col = 0;
    for (std::size_t i = 0; i < line.size();) {
        if (line[i] == ' ' || line[i] == '\t') {
            ++col;
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
        std::string_view t = line.substr(i, j - i);
        const std::size_t w = display_width(t);
        out.push_back({t, float(col), float(col + w)});
        col += w;
        i = j;
    }
    return out;
}

bool amount_like(std::string_view t) { return text::looks_like_amount(t) || text::parse_table_amount(t).has_value(); }

std::string no_spaces(std::string_view s) {
    std::string out;
    for (auto w : text::split_ws(s)) out += w;
    return out;
}

// Two spaces or more between two cells of a line.
bool spaced(std::string_view line) {
    line = text::trim(line);
    return line.find("  ") != std::string_view::npos;
}

// The lines of a header that starts on line `i` (项目名称, with 总计 on it or on one
// of the next two lines, where the cells beside a wrapped one are centred), or 0.
std::size_t header_lines(const std::vector<std::string>& lines, std::size_t i) {
    if (lines[i].find("项目名称") == std::string::npos) return 0;
    for (std::size_t k = 0; k < 3 && i + k < lines.size(); ++k)
        if (lines[i + k].find("总计") != std::string::npos) return k + 1 + (k > 0 && i + k + 1 < lines.size());
    return 0;
}

// A header whose cells stand apart by runs of spaces.
bool spaced_header(const std::vector<std::string>& lines, std::size_t i) {
    const std::size_t n = header_lines(lines, i);
    for (std::size_t k = 0; k < n; ++k)
        if (spaced(lines[i + k])) return true;
    return false;
}

// A header cell wrapped around the header's line: the line above holds only its
// first part, the line below only its rest (`财政专户拨` / `款`).
bool wrapped_label(std::string_view above, std::string_view below) {
    const std::string a = no_spaces(above), b = no_spaces(below);
    if (a.empty() || b.empty() || text::split_ws(above).size() != 1 || text::split_ws(below).size() != 1) return false;
    for (std::string_view label : {"项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标",
                                   "绩效指标"})
        if (a + b == label) return true;
    return false;
}

bool header_line(std::string_view line) {
    const auto name = line.find("项目名称");
    const auto total = line.find("总计");
    return name != std::string_view::npos && total != std::string_view::npos && total > name;
}

constexpr std::string_view kWayOut = "extract with `pdftotext -layout`, or give bpt the PDF";

// The first characters of `s`, cut at a character boundary, with … when cut.
std::string cut(std::string_view s, std::size_t chars) {
    std::size_t i = 0, n = 0;
    while (i < s.size() && n < chars) {
        ++i;
        while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
        ++n;
    }
    return std::string(s.substr(0, i)) + (i < s.size() ? "…" : "");
}

}  // namespace

std::string PositionalReader::joined_cells(const std::vector<std::string>& lines) {
    for (const auto& l : lines) {
        const std::string_view t = text::trim(l);
        if (header_line(t) || !DrawingReader::find_glued_amounts(t).empty()) continue;
        // Text, amounts, text: a name and the goal beside its amounts.
        const auto words = text::split_ws(t);
        std::size_t first = words.size(), last = 0;
        for (std::size_t k = 0; k < words.size(); ++k)
            if (amount_like(words[k])) {
                first = std::min(first, k);
                last = k;
            }
        if (first > 0 && first < words.size() && last + 1 < words.size() && no_spaces(words[0]) != "合计")
            return fmt::format("`{}`", cut(t, 24));
        // A goal glued to its first indicator clause: `制1、1-`.
        for (std::size_t at = t.find("1、"); at != std::string_view::npos; at = t.find("1、", at + 1)) {
            if (at == 0) continue;
            const std::string_view after = t.substr(at + std::string_view("1、").size());
            if (after.empty() || after[0] < '1' || after[0] > '9' || after.find('-') > 2) continue;
            std::size_t b = at;  // the character before `1`
            do --b;
            while (b > 0 && (static_cast<unsigned char>(t[b]) & 0xC0) == 0x80);
            const std::string_view before = t.substr(b, at - b);
            if (before == " " || (before[0] >= '0' && before[0] <= '9') || before == "。" || before == "；" ||
                before == "：" || before == ":")
                continue;
            return fmt::format("`{}`", cut(t.substr(b), 12));
        }
    }
    return {};
}

bool PositionalReader::detect(const std::vector<std::string>& first_lines) {
    for (std::size_t i = 0; i < first_lines.size(); ++i) {
        if (!header_lines(first_lines, i)) continue;
        if (!spaced_header(first_lines, i)) {
            // Single spaces in the header: positional only when the rows show the
            // cells joined (to be refused); drawing-order and layout text are not.
            for (const auto& l : first_lines)
                if (!DrawingReader::find_glued_amounts(l).empty()) return false;
            return !joined_cells(first_lines).empty();
        }
        // The layout sample's extractor writes a blank line after every line: the
        // table's rows there are one line each, read by the layout reader.
        std::size_t content = 0, followed_by_blank = 0;
        for (std::size_t j = i + header_lines(first_lines, i); j + 1 < first_lines.size(); ++j) {
            if (text::trim(first_lines[j]).empty()) continue;
            ++content;
            followed_by_blank += text::trim(first_lines[j + 1]).empty();
        }
        return content >= 3 && followed_by_blank * 2 < content;
    }
    return false;
}

std::string PositionalReader::not_a_table() const {
    if (!refusal_.empty()) return refusal_;
    return "not a budget performance target table: no page has the column header (项目名称 … 总计 … 绩效指标)";
}

void PositionalReader::line(const Line& l) {
    if (!refusal_.empty()) return;
    if (l.page_break) {
        page_end();
        ++page_;
        return;
    }
    lines_.emplace_back(l.text);
    numbers_.push_back(l.number);
}

Location PositionalReader::at_y(float y) const {
    Location at;
    // A line closed up by half a line (below) is still its own.
    auto i = static_cast<std::size_t>(std::max(0.0f, y + 0.5f));
    at.line = i < numbers_.size() ? numbers_[i] : (numbers_.empty() ? 0 : numbers_.back());
    at.page = page_;
    return at;
}

void PositionalReader::page_end() {
    if (lines_.empty()) return;
    std::vector<std::vector<Segment>> segs(lines_.size());
    for (std::size_t i = 0; i < lines_.size(); ++i) segs[i] = segments(lines_[i]);
    // Each line's y: its index, but for a header of three lines, where the cells
    // beside two-line ones sit on the middle line (`项目名称（资金使用单` / `总计 …` /
    // `位）`): there the lines are half a line apart, as on the page.
    std::vector<float> ys(lines_.size());
    for (std::size_t i = 0; i < lines_.size(); ++i) ys[i] = float(i);
    auto header = [&](std::vector<bool>& used) {
        std::vector<geo::Box> raw;
        for (std::size_t i = 0; i < lines_.size(); ++i)
            for (const auto& s : segs[i]) raw.push_back({s.text, s.start, ys[i], s.end, ys[i] + 1, true});
        return geo::find_header(raw, used);
    };
    std::vector<bool> used;
    auto cols = header(used);
    // Three lines when the 项目名称 cell's bracket closes on the third (`位）`), not on
    // the second, which holds 总计.
    auto first_has = [&](std::size_t i, std::string_view what) {
        return !segs[i].empty() && segs[i][0].text.find(what) != std::string_view::npos;
    };
    for (std::size_t i = 0; i + 2 < lines_.size(); ++i)
        if (header_lines(lines_, i) == 3 && !first_has(i + 1, "）") && first_has(i + 2, "）")) {
            ys[i + 1] = float(i) + 0.5f;
            ys[i + 2] = float(i) + 1;
            cols = header(used);
            break;
        }
    // The same with 项目名称 on the middle line and another cell wrapped around it
    // (`财政专户拨` above, `款` below).
    for (std::size_t i = 1; i + 1 < lines_.size(); ++i)
        if (header_lines(lines_, i) == 1 && wrapped_label(lines_[i - 1], lines_[i + 1])) {
            ys[i - 1] = float(i) - 0.5f;
            ys[i + 1] = float(i) + 0.5f;
            cols = header(used);
            break;
        }
    float body_from = 0;  // lines from here on are the table's body
    if (cols) {
        columns_ = cols;
        body_from = cols->bottom;
        if (!header_checked_) {
            header_checked_ = true;
            bool apart = false;
            std::size_t top = lines_.size();
            for (std::size_t i = 0; i < lines_.size(); ++i)
                if (ys[i] >= cols->top && ys[i] < cols->bottom) {
                    apart = apart || spaced(lines_[i]);
                    top = std::min(top, i);
                }
            if (top < lines_.size() && !apart) {
                std::string seen = joined_cells(lines_);
                refuse(fmt::format(
                    "the cells of a line are joined by single spaces or nothing, their columns lost ({}), as "
                    "pdfplumber's extract_text() writes them: a wrapped name, a goal and its indicators cannot be "
                    "told apart; {}",
                    seen.empty() ? fmt::format("`{}`", cut(text::trim(lines_[top]), 24)) : seen, kWayOut));
                return;
            }
        }
    }

    // The geometry sees the header and every cell at fixed, well-apart columns: the
    // extractors keep the header only roughly above its cells (a wrapped 项目名称
    // header can reach past 总计), so the cells of a line are told apart here, and
    // the geometry cuts the rows.
    std::vector<geo::Box> boxes;
    if (cols) {
        const float top = cols->top;
        for (std::size_t k = 0; k < geo::kCols; ++k)
            if (cols->present[k])
                boxes.push_back({kLabels[k], kX[k], top, kX[k] + float(display_width(kLabels[k])), top + 1, true});
    }
    // Where the goal lines end and the indicator lines alone begin. The extractors
    // start a goal line at about the same column, but an indicator line beside no
    // goal line far left of one beside it, and shift a line's cells right behind a
    // name: on the lines with neither name nor amounts, the first cells' starts fall
    // in two groups (goal lines; indicator lines alone) with the widest gap between
    // them, and a goal line starts left of the second group, by a few columns on a
    // line with a name (measured on pdftotext's and pdfplumber's text of six PDFs).
    if (columns_) {
        const geo::Columns& c = *columns_;
        float first_amount = kInfinity;
        for (geo::Col k : {geo::Col::Total, geo::Col::Fiscal, geo::Col::FiscalSpecial, geo::Col::Other})
            if (c.has(k)) first_amount = std::min(first_amount, c.x0[std::size_t(k)]);
        std::vector<float> starts;
        for (std::size_t i = 0; i < lines_.size(); ++i) {
            if (ys[i] < body_from || segs[i].empty()) continue;
            const Segment& s = segs[i][0];
            if (s.start < first_amount || amount_like(s.text)) continue;  // a name or amounts first
            if (geo::is_page_furniture(no_spaces(lines_[i]), true)) continue;
            starts.push_back(s.start);
        }
        std::sort(starts.begin(), starts.end());
        // The goal lines are a few at least: a stray cell left of them (a header's
        // wrapped part) makes no group. A page without indicator lines alone shows
        // one group, and keeps the last page's split: on the first, every first cell
        // is a goal's.
        float gap = 0;
        for (std::size_t k = kMinGroup; k < starts.size(); ++k)
            if (starts[k] - starts[k - 1] >= kSplitGap && starts[k] - starts[k - 1] > gap) {
                gap = starts[k] - starts[k - 1];
                goal_before_ = starts[k] - kSplitMargin;
            }
        if (!goal_before_) goal_before_ = kInfinity;
    }
    // The text columns' boxes of each line (name, goal, indicators), to close up the
    // holes that interleaving leaves (below).
    std::vector<std::array<std::vector<std::size_t>, 3>> held(lines_.size());
    std::vector<bool> amount_line(lines_.size(), false);
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        const float y = ys[i];
        if (!columns_ || (cols && y < cols->top)) {  // title, 部门名称 line, or no header yet
            for (const auto& s : segs[i]) boxes.push_back({s.text, s.start, y, s.end, y + 1, true});
            continue;
        }
        if (y < body_from) continue;  // the header, given above
        // The cells of one body line, placed at their column.
        const geo::Columns& c = *columns_;
        std::vector<geo::Col> amount_cols;
        for (geo::Col k : {geo::Col::Total, geo::Col::Fiscal, geo::Col::FiscalSpecial, geo::Col::Other})
            if (c.has(k)) amount_cols.push_back(k);
        const float first_amount = c.x0[std::size_t(amount_cols.front())];
        const bool goal_col = c.has(geo::Col::Goal), ind_col = c.has(geo::Col::Indicators) || !goal_col;
        std::size_t amounts = 0;
        bool right = false;
        float ind_start = -1;
        for (const auto& s : segs[i]) {
            if (!right && amount_like(s.text)) {
                const auto k = std::size_t(amount_cols[std::min(amounts++, amount_cols.size() - 1)]);
                amount_line[i] = true;
                boxes.push_back({s.text, kX[k], y, kX[k] + float(display_width(kLabels[k])), y + 1, true});
                continue;
            }
            if (!right && amounts == 0 && s.start < first_amount) {
                held[i][0].push_back(boxes.size());
                boxes.push_back({s.text, s.start, y, s.end, y + 1, true});  // its indent kept
                continue;
            }
            const float w = s.end - s.start;
            if (!right && goal_col && (s.start < *goal_before_ || !ind_col)) {
                if (ind_col && s.end > c.x0[std::size_t(geo::Col::Indicators)]) {
                    // pdftotext keeps a space between the two cells; pdfplumber's
                    // layout text glues a goal that fills its cell to the indicators.
                    refuse(fmt::format("a goal line runs into the indicator column on line {} (`{}`), as "
                                       "pdfplumber's layout text glues the two cells: where the goal ends cannot "
                                       "be told for sure; {}",
                                       numbers_[i], cut(s.text, 30), kWayOut));
                    return;
                }
                const float x = kX[std::size_t(geo::Col::Goal)];
                held[i][1].push_back(boxes.size());
                boxes.push_back({s.text, x, y, x + w, y + 1, true});
                right = true;
                continue;
            }
            right = true;
            if (ind_start < 0) ind_start = s.start;
            const auto k = std::size_t(ind_col ? geo::Col::Indicators : geo::Col::Goal);
            const float x = kX[k] + (s.start - ind_start);
            held[i][ind_col ? 2 : 1].push_back(boxes.size());
            boxes.push_back({s.text, x, y, x + w, y + 1, true});
        }
    }

    // Cells aligned differently (a centred goal beside a centred, longer indicator
    // cell) put their lines on alternate text lines: a one-line hole inside a column
    // holding other cells' text is its own cell's leading, not a gap between cells,
    // and is closed up by half a line from either side (which keeps a cell's centre
    // where it was).
    // Only where the cells are centred on their amounts, as the names show (a name
    // above and below its amounts' line): top-aligned cells start on that line, and
    // a hole there is the gap between two cells.
    for (std::size_t i = 1; i + 1 < lines_.size(); ++i) {
        if (!amount_line[i] || held[i + 1][0].empty()) continue;
        if (!held[i - 1][0].empty()) ++centred_names_;
        else if (!held[i][0].empty()) ++top_names_;
    }
    if (centred_names_ > top_names_)
    for (std::size_t k = 0; k < 3; ++k)
        for (std::size_t i = 0; i + 2 < lines_.size(); ++i) {
            if (held[i][k].empty() || !held[i + 1][k].empty() || held[i + 2][k].empty()) continue;
            if (segs[i + 1].empty()) continue;  // a blank line is white space between cells
            for (auto b : held[i][k]) boxes[b].y1 += 0.5f;
            for (auto b : held[i + 2][k]) boxes[b].y0 -= 0.5f;
        }

    geo::PageLayout layout = geometry_.page(boxes, float(lines_.size()), open_.has_value());
    if (layout.header) saw_table_ = true;
    above(layout.above);
    for (const auto& l : layout.unplaced)
        finding(Rule::UnparsedText,
                fmt::format("text on page {} {}", page_,
                            layout.columns ? "lies in no column or row of the table" : "comes before any table header"),
                at_y(l.y0), l.text);

    for (auto& r : layout.rows) {
        if (r.continuation) {
            if (!open_) open_.emplace();
        } else {
            flush();
            open_.emplace();
        }
        for (std::size_t k = 0; k < geo::kCols; ++k)
            for (auto& l : r.cells[k]) {
                Location at = at_y(l.y0);
                at.x = l.x0;  // kept until the row is emitted, for the name's indent
                if (open_->at.line == 0) open_->at = at;
                open_->cells[k].push_back({std::move(l.text), at});
            }
    }
    lines_.clear();
    numbers_.clear();
}

void PositionalReader::above(const std::vector<geo::Line>& lines) {
    for (const auto& l : lines) {
        const std::string flat = no_spaces(l.text);
        const std::string_view trimmed = text::trim(l.text);
        if (auto dept = parse_department_line(trimmed)) {
            if (meta_ && no_spaces(*meta_) == flat) continue;  // repeated on every page
            meta_ = l.text;
            Row row = department_row(*dept, at_y(l.y0));
            emit(row);
            continue;
        }
        if (!title_) {
            title_ = l.text;
            Row row;
            row.kind = RowKind::Title;
            row.at = at_y(l.y0);
            row.add(Role::Title, std::string(trimmed), row.at);
            emit(row);
            continue;
        }
        if (no_spaces(*title_) == flat) continue;  // the title repeated on a later page
        finding(Rule::UnparsedText, fmt::format("text on page {} above the table's header belongs to no row", page_),
                at_y(l.y0), l.text);
    }
}

void PositionalReader::flush() {
    if (!open_) return;
    OpenRow r = std::move(*open_);
    open_.reset();
    Row row;
    row.at = r.at;
    if (!r.cells[0].empty()) row.at = r.cells[0][0].at;

    std::string name;
    for (const auto& l : r.cells[0]) name += l.text;
    const std::string flat = no_spaces(name);
    if (flat.starts_with("合计") || flat == "总计") {
        row.kind = RowKind::GrandTotal;
        if (!base_x_) base_x_ = r.cells[0][0].at.x;
    } else if (!r.cells[0].empty()) {
        // pdftotext drops the spaces a Calc name cell starts with, and starts a
        // one-line name at the margin: a name there is a department's only when the
        // row has no goal and no indicators, as a subtotal row has none.
        const bool indented = base_x_ && r.cells[0][0].at.x > *base_x_ + kIndent;
        const bool texts = !r.cells[std::size_t(geo::Col::Goal)].empty() ||
                           !r.cells[std::size_t(geo::Col::Indicators)].empty();
        row.kind = indented || texts ? RowKind::Project : RowKind::Department;
    } else {
        row.kind = RowKind::Project;  // no name: the assembler reports the incomplete row
    }
    auto line_only = [](Location at) {
        at.x = at.y = -1;
        return at;
    };
    row.at = line_only(row.at);

    // The extractors keep amounts only roughly under their headers: the printed
    // numbers go to the assembler as written, which places them as in layout text.
    std::string amounts;
    Location amounts_at;
    for (std::size_t k = 0; k < geo::kCols; ++k) {
        auto& lines = r.cells[k];
        if (lines.empty()) continue;
        if (geo::is_amount_col(static_cast<geo::Col>(k))) {
            for (const auto& l : lines) {
                if (amounts.empty()) amounts_at = line_only(l.at);
                else amounts += ' ';
                amounts += text::trim(l.text);
            }
            continue;
        }
        Cell& cell = row.add(kRoles[k], {}, line_only(lines[0].at));
        for (const auto& l : lines) {
            if (lines.size() > 1) cell.marks.push_back(Mark{cell.text.size(), line_only(l.at)});
            cell.text += l.text;
        }
    }
    if (!amounts.empty()) row.add(Role::Amounts, std::move(amounts), amounts_at);
    emit(row);
}

void PositionalReader::finish() {
    if (!refusal_.empty()) return;
    page_end();
    flush();
}

}  // namespace bpt
