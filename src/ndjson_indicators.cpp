#include "bpt/ndjson_indicators.h"

#include "bpt/json_writer.h"

namespace bpt {

namespace {

void level_members(JsonOut& j, const std::optional<Level>& l, bool second) {
    // Flat, so that a data frame has a column per level rather than a dict.
    if (second) j.key("level2_code");
    else j.key("level1_code");
    if (l && !l->code.empty()) j.string(l->code);
    else j.null();
    if (second) j.key("level2_name");
    else j.key("level1_name");
    if (l) j.string(l->name);
    else j.null();
}

}  // namespace

void NdjsonIndicatorWriter::on_project(const Project& p) {
    for (const auto& i : p.indicators) {
        j_.begin_object();
        j_.key("type").string("indicator");
        j_.key("source").string(info_.path);
        j_.key("project").number(p.index);
        j_.key("project_name").string(p.name);
        j_.key("department").string(p.department);
        j_.key("budget_unit");
        write_string_or_null(j_, p.budget_unit);
        j_.key("town");
        write_string_or_null(j_, p.town);
        j_.key("seq").number(i.seq);
        level_members(j_, i.level1, false);
        level_members(j_, i.level2, true);
        j_.key("name").string(i.name);
        // The targets keep the JSON document's shape (docs/schema.md), one object
        // each: pandas.json_normalize makes them period.value, annual.unit … columns.
        j_.key("period");
        write_target(j_, i.period);
        j_.key("annual");
        write_target(j_, i.annual);
        j_.key("raw").string(i.raw);
        j_.key("line").number(i.location.line);
        write_position_members(j_, i.location);
        j_.end_object();
        j_.end_document();
    }
}

}  // namespace bpt
