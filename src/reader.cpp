#include "bpt/reader.h"

#include <fmt/format.h>

#include "bpt/text.h"

namespace bpt {

void Reader::unparsed(std::string_view text, Location at, std::string_view why, bool open_project) {
    finding(Rule::UnparsedText, fmt::format("{}: '{}'", why, text::ellipsize(text, 40)), at, text, open_project);
}

std::optional<DepartmentLine> parse_department_line(std::string_view t) {
    if (!t.starts_with("部门名称")) return std::nullopt;
    std::string_view rest = t.substr(std::string_view("部门名称").size());
    for (std::string_view colon : {"：", ":"})
        if (rest.starts_with(colon)) rest.remove_prefix(colon.size());
    DepartmentLine out;
    std::size_t unit_at = rest.find("单位");
    out.department = text::trim(rest.substr(0, unit_at));
    if (unit_at != std::string_view::npos) {
        std::string_view unit = rest.substr(unit_at + std::string_view("单位").size());
        for (std::string_view colon : {"：", ":"})
            if (unit.starts_with(colon)) unit.remove_prefix(colon.size());
        out.unit = text::trim(unit);
    }
    return out;
}

Row department_row(const DepartmentLine& line, Location at) {
    Row row{RowKind::Meta, at, {}};
    row.add(Role::Department, std::string(line.department), at);
    if (!line.unit.empty()) row.add(Role::AmountUnit, std::string(line.unit), at);
    return row;
}

}  // namespace bpt
