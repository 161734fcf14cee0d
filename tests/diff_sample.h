#pragma once
// The edited copy of the layout sample that the diff tests compare with the
// original: each edit is a whole string of the sample, found exactly once, so that
// a change to the sample fails here loudly instead of testing nothing.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "sample.h"
#include "test_util.h"

namespace bpt::test::diff_sample {

inline void replace_once(std::string& s, std::string_view from, std::string_view to) {
    auto at = s.find(from);
    INFO(from);
    REQUIRE(at != std::string::npos);
    REQUIRE(s.find(from, at + 1) == std::string::npos);
    s.replace(at, from.size(), to);
}

// Three projects' amounts (总计 and 财政拨款 each).
inline void edit_amounts(std::string& s) {
    replace_once(s, "\n0.43 0.43\n", "\n0.53 0.53\n");        // 区级两新组织党员活动经费（梯面镇）
    replace_once(s, "\n1.44 1.44\n", "\n1.50 1.50\n");        // 花都区党员干部现代远程教育工作经费（狮岭镇）
    replace_once(s, "\n103.82 103.82\n", "\n110.00 110.00\n");  // 区级社区党组织服务群众经费
}

// One goal: 区管干部体检经费.
inline void edit_goal(std::string& s) { replace_once(s, "通过开展区管干部体检工作", "通过组织开展区管干部体检工作"); }

// One annual target: 机构运行辅助经费's 发放编外人员工资人数, 2 → 3.
inline void edit_target(std::string& s) { replace_once(s, "值:2；年度指标值:2。", "值:2；年度指标值:3。"); }

inline constexpr std::string_view kRemoved = "涉密设备信息化运维服务费";
inline constexpr std::string_view kAdded = "新时代文明实践阵地建设经费";
inline constexpr std::string_view kOldName = "市级村党组织服务群众经费（花东镇）";
inline constexpr std::string_view kNewName = "市级村党组织服务群众专项经费（花东镇）";

// One project removed, and in its place one that was never there.
inline void remove_and_add(std::string& s) {
    auto from = s.find("    涉密设备信息化运维服务费 10.00 10.00\n");
    auto to = s.find("    区级村办公经费 175.00 175.00\n");
    REQUIRE(from != std::string::npos);
    REQUIRE(to != std::string::npos);
    REQUIRE(from < to);
    s.replace(from, to - from,
              "    新时代文明实践阵地建设经费 66.00 66.00\n\n"
              "推进新时代文明实践阵地建设，提升基层服务群众能力。\n\n"
              "1、1-产出指标；11-数量指标；建设阵地数量；实施周期指标值:≥3个；年度指标值:≥3个。\n\n");
}

// One project renamed, its amounts and indicators untouched.
inline void rename(std::string& s) {
    replace_once(s, "    市级村党组织服务群众经费\n\n（花东镇）\n", "    市级村党组织服务群众专项经费\n\n（花东镇）\n");
}

inline std::string original() { return read_file(data_path(std::string(layout_sample::kFile))); }

// All of the above: 3 amounts, 1 goal, 1 target changed; 1 removed, 1 added, 1 renamed.
inline std::string edited() {
    std::string s = original();
    edit_amounts(s);
    edit_goal(s);
    edit_target(s);
    remove_and_add(s);
    rename(s);
    return s;
}

inline constexpr int kChanged = 5;
inline constexpr int kUnchanged = layout_sample::kDistinct - kChanged - 1 /*removed*/ - 1 /*renamed*/;

}  // namespace bpt::test::diff_sample
