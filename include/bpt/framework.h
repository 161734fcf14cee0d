#pragma once
// The indicator framework (docs/domain.md): the level-1 and level-2 names and codes
// every table is meant to use. One unit, so that the grammar that recognises a
// clause, the readers that find an indicator cell and the checks that judge codes
// all agree on what a level is.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bpt/model.h"

namespace bpt::framework {

struct FrameworkLevel {
    std::string_view code;
    std::string_view name;     // without 指标
    std::string_view display;  // as the framework prints it
};

// 1 产出指标, 2 效益指标, 3 满意度指标.
std::span<const FrameworkLevel> level1();
// 11 数量指标 … 31 服务对象满意度.
std::span<const FrameworkLevel> level2();

// The level-1 names as tables write them at the start of a clause (产出指标, 效益指标,
// 满意度指标, and the 2021 成本指标 level).
std::span<const std::string_view> level1_names();
// Whether `text` starts with a level-1 name's stem (产出, 效益, 满意度, 成本).
bool starts_with_level1(std::string_view text);

// A name without a trailing 指标 and surrounding white space: `22-社会效益` and
// `11-数量指标` are written both ways.
std::string_view bare_name(std::string_view name);
// `1-产出指标`, or the name alone where there is no code.
std::string level_text(const Level& l);

// Whether a clause's codes and names are the framework's own, written the way
// nearly every clause writes them (`1-产出指标；11-数量指标`); then code_problems is
// empty. False says only that code_problems must be asked.
bool fits_exactly(const Level& l1, const std::optional<Level>& level2);
// What is wrong with a clause's level codes, in words; empty when they fit the
// framework.
std::vector<std::string> code_problems(const Level& l1, const std::optional<Level>& level2);

// Which category a level 1 puts an indicator in, by name first (the export dialect
// and the grid forms have no codes; grids rename the levels: 产出值, 预期产出指标,
// 项目完成指标, 效果指标), else by code.
enum class Category { Output, Effect, Other };
Category category_of(const Level& l1);

}  // namespace bpt::framework
