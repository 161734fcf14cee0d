#include "bpt/pdf_reader.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "bpt/text.h"

namespace bpt {

namespace {

constexpr Role kRoles[geo::kCols] = {Role::Name,  Role::Total, Role::Fiscal,    Role::FiscalSpecial,
                                     Role::Other, Role::Goal,  Role::Indicators};

// An indent smaller than this (points) is a rendering wobble, not an indent.
constexpr float kIndent = 2.0f;

Location where(std::uint32_t page, float x, float y) {
    Location at;
    at.page = page;
    at.x = std::max(0.0f, x);
    at.y = std::max(0.0f, y);
    return at;
}

std::string no_spaces(std::string_view s) {
    std::string out;
    for (auto w : text::split_ws(s)) out += w;
    return out;
}

// Drops a leading colon of either width and the spaces around.
std::string after_colon(std::string_view s) {
    s = text::trim(s);
    if (s.starts_with("：")) s.remove_prefix(std::string_view("：").size());
    else if (s.starts_with(":")) s.remove_prefix(1);
    return std::string(text::trim(s));
}

// `部门名称：X 单位：万元`: the department and the unit, either possibly absent. The unit
// is the last `单位` with a colon, so that a department named …事业单位 stays whole.
struct MetaLine {
    std::optional<std::string> department, unit;
};
MetaLine parse_meta(std::string_view t) {
    MetaLine m;
    std::size_t u = std::string_view::npos;
    for (std::string_view key : {"单位：", "单位:"}) {
        auto p = t.rfind(key);
        if (p != std::string_view::npos && (u == std::string_view::npos || p > u)) u = p;
    }
    constexpr std::string_view kDept = "部门名称";
    auto d = t.find(kDept);
    if (d != std::string_view::npos) {
        std::size_t from = d + kDept.size();
        std::size_t to = u != std::string_view::npos && u >= from ? u : t.size();
        m.department = after_colon(t.substr(from, to - from));
    }
    if (u != std::string_view::npos) m.unit = after_colon(t.substr(u + std::string_view("单位").size()));
    return m;
}

bool is_meta(std::string_view line) {
    return line.find("部门名称") != std::string_view::npos || line.find("单位：") != std::string_view::npos ||
           line.find("单位:") != std::string_view::npos;
}

// 部门名称 may list several departments: `甲局、乙局`.
std::vector<std::string> split_departments(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 0; i < s.size();) {
        bool sep = false;
        for (std::string_view d : {"、", "，", ",", "；", ";", " ", "\xE3\x80\x80"})
            if (s.substr(i).starts_with(d)) {
                if (!cur.empty()) out.push_back(std::move(cur));
                cur.clear();
                i += d.size();
                sep = true;
                break;
            }
        if (!sep) cur += s[i++];
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
}

}  // namespace

void PdfReader::unplaced(const geo::Line& line, std::uint32_t page, std::string_view why) {
    sink_.finding(Rule::UnparsedText, fmt::format("text on page {} {}", page, why), where(page, line.x0, line.y0),
                  line.text);
}

void PdfReader::above(const std::vector<geo::Line>& lines, std::uint32_t page) {
    for (const auto& l : lines) {
        const std::string flat = no_spaces(l.text);
        if (is_meta(l.text)) {
            if (meta_ && no_spaces(*meta_) == flat) continue;  // repeated on every page
            const MetaLine meta = parse_meta(l.text);
            const auto& dept = meta.department;
            const auto& unit = meta.unit;
            Row row;
            row.kind = RowKind::Meta;
            row.at = where(page, l.x0, l.y0);
            if (dept) {
                row.add(Role::Department, *dept, row.at);
                for (auto& d : split_departments(*dept))
                    if (departments_.size() < kMaxDepartments) departments_.insert(std::move(d));
            }
            if (unit && !unit->empty()) row.add(Role::AmountUnit, *unit, row.at);
            meta_ = l.text;
            sink_.row(row);
            continue;
        }
        if (!title_) {
            title_ = l.text;
            Row row;
            row.kind = RowKind::Title;
            row.at = where(page, l.x0, l.y0);
            row.add(Role::Title, l.text, row.at);
            sink_.row(row);
            continue;
        }
        if (no_spaces(*title_) == flat) continue;  // the title repeated on a later page
        unplaced(l, page, "above the table's header belongs to no row");
    }
}

void PdfReader::page(const PdfPage& page) {
    if (page.boxes.empty()) {
        // A whole PDF without text is refused by the source; one page without it may
        // be a scan inside a digital table, and its rows would be missing unnoticed.
        sink_.finding(Rule::PdfPageWithoutText,
                      fmt::format("page {} has no text: if it is a scanned page, its rows are missing (run OCR first)",
                                  page.number),
                      where(page.number, 0, 0));
        return;
    }
    std::vector<geo::Box> boxes;
    boxes.reserve(page.boxes.size());
    for (const auto& b : page.boxes) boxes.push_back({b.text, b.x0, b.y0, b.x1, b.y1, b.space_after});
    geo::PageLayout layout = geometry_.page(boxes, page.height, open_.has_value());
    if (layout.header) saw_table_ = true;
    above(layout.above, page.number);
    for (const auto& l : layout.unplaced)
        unplaced(l, page.number, layout.columns ? "lies in no column or row of the table" : "comes before any table header");

    page_min_name_x_ = std::numeric_limits<float>::infinity();
    for (const auto& r : layout.rows)
        for (const auto& l : r.cells[0]) page_min_name_x_ = std::min(page_min_name_x_, l.x0);

    for (auto& r : layout.rows) {
        if (r.continuation) {
            // geometry only offers a continuation while a row is open
            if (!open_) open_.emplace();
        } else {
            flush();
            open_.emplace();
        }
        if (r.misaligned)
            sink_.finding(Rule::PdfCellPlacement,
                          fmt::format("page {}: a cell of this row lines up with its amounts only loosely; "
                                      "check that its lines belong to it",
                                      page.number),
                          where(page.number, r.cells[0].empty() ? 0 : r.cells[0][0].x0,
                                r.cells[0].empty() ? 0 : r.cells[0][0].y0));
        for (std::size_t k = 0; k < geo::kCols; ++k)
            for (auto& l : r.cells[k]) {
                Location at = where(page.number, l.x0, l.y0);
                if (open_->at.page == 0) open_->at = at;
                open_->cells[k].push_back({std::move(l.text), at, l.x0});
            }
    }
}

void PdfReader::flush() {
    if (!open_) return;
    OpenRow r = std::move(*open_);
    open_.reset();
    Row row;
    row.at = r.at;
    // The row starts where its name does when it has one.
    if (!r.cells[0].empty()) row.at = r.cells[0][0].at;

    std::string name;
    for (const auto& l : r.cells[0]) name += l.text;
    const std::string flat = no_spaces(name);
    const bool has_name = !r.cells[0].empty();
    if (flat.starts_with("合计") || flat == "总计") {
        row.kind = RowKind::GrandTotal;
        if (!base_x_) base_x_ = r.cells[0][0].x0;
    } else if (has_name) {
        const float base = base_x_.value_or(page_min_name_x_);
        const bool indented = r.cells[0][0].x0 > base + kIndent;
        const bool listed = departments_.contains(flat);
        if (indented) {
            row.kind = RowKind::Project;
            indent_seen_ = true;
        } else if (listed || indent_seen_) {
            row.kind = RowKind::Department;
        } else {
            row.kind = RowKind::Project;
        }
    } else {
        row.kind = RowKind::Project;  // no name: the assembler reports the incomplete row
    }

    for (std::size_t k = 0; k < geo::kCols; ++k) {
        auto& lines = r.cells[k];
        if (lines.empty()) continue;
        if (geo::is_amount_col(static_cast<geo::Col>(k))) {
            row.add(kRoles[k], std::string(text::trim(lines[0].text)), lines[0].at);
            for (std::size_t j = 1; j < lines.size(); ++j)
                sink_.finding(Rule::AmbiguousAmounts,
                              fmt::format("a second amount in the {} column of one row", to_string(kRoles[k])),
                              lines[j].at, lines[j].text);
            continue;
        }
        Cell& cell = row.add(kRoles[k], {}, lines[0].at);
        for (const auto& l : lines) {
            if (lines.size() > 1) cell.marks.push_back(Mark{cell.text.size(), l.at});
            cell.text += l.text;
        }
    }
    sink_.row(row);
}

void PdfReader::finish() { flush(); }

}  // namespace bpt
