// The comparison of two tables (diff.h), on the real sample and edited copies of it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "bpt/diff.h"
#include "diff_sample.h"

namespace ds = bpt::test::diff_sample;
using namespace bpt::diff;

namespace {

Table table_of(std::string bytes, std::string path) {
    auto source = bpt::Source::from_string(std::move(bytes), std::move(path));
    return read_table(*source, bpt::ReadOptions{});
}

Result diff_of(const std::string& old_bytes, const std::string& new_bytes, const Ignore& ignore = {}) {
    return compare(table_of(old_bytes, "old.txt"), table_of(new_bytes, "new.txt"), ignore);
}

const ProjectDiff& find(const Result& r, Status status, std::string_view name) {
    auto it = std::find_if(r.projects.begin(), r.projects.end(), [&](const ProjectDiff& d) {
        const auto* p = d.new_project ? d.new_project : d.old_project;
        return d.status == status && p->name == name;
    });
    INFO(name);
    REQUIRE(it != r.projects.end());
    return *it;
}

}  // namespace

TEST_CASE("diff: the sample's records, repeats counted once", "[diff]") {
    auto t = table_of(ds::original(), "sample.txt");
    CHECK(t.rows == static_cast<std::uint32_t>(bpt::test::layout_sample::kProjects));
    CHECK(t.repeats == static_cast<std::uint32_t>(bpt::test::layout_sample::kRepeats));
    CHECK(t.projects.size() == static_cast<std::size_t>(bpt::test::layout_sample::kDistinct));
    CHECK(t.has_amounts);
    CHECK(t.has_level2);
    REQUIRE(t.declared_total);
    CHECK(*t.declared_total->total == bpt::Money::from_cents(bpt::test::layout_sample::kDeclaredCents));
}

TEST_CASE("diff: the sample against itself is the same", "[diff]") {
    auto r = diff_of(ds::original(), ds::original());
    CHECK(r.same());
    CHECK(r.projects.empty());
    CHECK(r.totals.empty());
    CHECK(r.counts.unchanged == static_cast<std::uint32_t>(bpt::test::layout_sample::kDistinct));
    CHECK(r.counts.added + r.counts.removed + r.counts.renamed + r.counts.changed == 0);
}

TEST_CASE("diff: the edited copy gives exactly its edits", "[diff]") {
    auto r = diff_of(ds::original(), ds::edited());
    CHECK(!r.same());
    CHECK(r.counts.added == 1);
    CHECK(r.counts.removed == 1);
    CHECK(r.counts.renamed == 1);
    CHECK(r.counts.changed == static_cast<std::uint32_t>(ds::kChanged));
    CHECK(r.counts.unchanged == static_cast<std::uint32_t>(ds::kUnchanged));
    CHECK(r.projects.size() == 3 + ds::kChanged);
    CHECK(r.totals.empty());  // the 合计 row was not edited

    CHECK(find(r, Status::Removed, ds::kRemoved).old_project->line > 0);
    CHECK(find(r, Status::Added, ds::kAdded).new_project->amounts.total->to_string() == "66.00");

    const auto& renamed = find(r, Status::Renamed, ds::kNewName);
    CHECK(renamed.old_project->name == ds::kOldName);
    CHECK(renamed.name_similarity >= kRenameNameSimilarity);
    CHECK(renamed.amounts.empty());
    CHECK(!renamed.goal_changed);
    CHECK(renamed.indicators.empty());

    // 103.82 → 110.00 in both columns: +6.18, +6.0%.
    const auto& amounts = find(r, Status::Changed, "区级社区党组织服务群众经费");
    REQUIRE(amounts.amounts.size() == 2);
    CHECK(std::string(amounts.amounts[0].column) == "total");
    CHECK(amounts.amounts[0].old_value->to_string() == "103.82");
    CHECK(amounts.amounts[0].new_value->to_string() == "110.00");
    CHECK(amounts.amounts[0].difference->to_string() == "6.18");
    CHECK(amounts.amounts[0].percent == "+6.0");
    CHECK(std::string(amounts.amounts[1].column) == "fiscal");
    CHECK(!amounts.goal_changed);
    CHECK(amounts.indicators.empty());
    // 0.43 → 0.53: +23.3%, rounded to one decimal in integers.
    CHECK(find(r, Status::Changed, "区级两新组织党员活动经费（梯面镇）").amounts[0].percent == "+23.3");
    CHECK(find(r, Status::Changed, "花都区党员干部现代远程教育工作经费（狮岭镇）").amounts[0].difference->to_string() ==
          "0.06");

    const auto& goal = find(r, Status::Changed, "区管干部体检经费");
    CHECK(goal.goal_changed);
    CHECK(goal.amounts.empty());
    CHECK(goal.indicators.empty());

    const auto& target = find(r, Status::Changed, "机构运行辅助经费");
    CHECK(!target.goal_changed);
    CHECK(target.amounts.empty());
    REQUIRE(target.indicators.size() == 1);
    const auto& ch = target.indicators[0];
    CHECK(ch.status == IndicatorStatus::Changed);
    CHECK(ch.annual_changed);
    CHECK(!ch.period_changed);
    CHECK(!ch.levels_changed);
    CHECK(ch.new_indicator->name == "发放编外人员工资人数");
    CHECK(ch.old_indicator->annual->raw == "2");
    CHECK(ch.new_indicator->annual->raw == "3");
    CHECK(ch.new_indicator->annual->kind == bpt::TargetKind::Numeric);
}

TEST_CASE("diff: --ignore narrows the comparison", "[diff]") {
    Ignore ignore;
    ignore.amounts = ignore.goal = ignore.targets = true;
    auto r = diff_of(ds::original(), ds::edited(), ignore);
    CHECK(r.counts.changed == 0);
    CHECK(r.counts.renamed == 1);
    CHECK(r.counts.added == 1);
    CHECK(r.counts.removed == 1);

    Ignore no_renames;
    no_renames.renames = true;
    auto plain = diff_of(ds::original(), ds::edited(), no_renames);
    CHECK(plain.counts.renamed == 0);
    CHECK(plain.counts.added == 2);
    CHECK(plain.counts.removed == 2);
    CHECK(plain.counts.changed == static_cast<std::uint32_t>(ds::kChanged));
}

TEST_CASE("diff: a changed 合计 is reported", "[diff]") {
    std::string edited = ds::original();
    ds::replace_once(edited, "合计 9,246.72 9,246.72", "合计 9,300.00 9,300.00");
    auto r = diff_of(ds::original(), edited);
    CHECK(!r.same());
    REQUIRE(r.totals.size() == 2);
    CHECK(std::string(r.totals[0].column) == "total");
    CHECK(r.totals[0].difference->to_string() == "53.28");
    CHECK(*r.totals[0].percent == "+0.6");
    CHECK(std::string(r.totals[1].column) == "fiscal");
    CHECK(r.projects.empty());
    Ignore ignore;
    ignore.totals = true;
    CHECK(diff_of(ds::original(), edited, ignore).same());
}

TEST_CASE("diff: a 合计 row dropped is a change too", "[diff]") {
    std::string edited = ds::original();
    ds::replace_once(edited, "\n合计 9,246.72 9,246.72\n", "\n");
    auto r = diff_of(ds::original(), edited);
    CHECK(!r.same());
    REQUIRE(r.totals.size() == 2);
    CHECK(r.totals[0].old_value->to_string() == "9246.72");
    CHECK(!r.totals[0].new_value);
    CHECK(r.totals[0].difference->to_string() == "-9246.72");
    CHECK(*r.totals[0].percent == "-100.0");
    CHECK(r.projects.empty());
}

TEST_CASE("diff: a second, different project under a name already used is one more project", "[diff]") {
    // Not a page-break repeat (its amounts differ), so it is counted; whether it comes
    // before or after the first, the first pairs with its own content and stays unchanged.
    for (bool before : {false, true}) {
        std::string edited = ds::original();
        auto first = edited.find("    机构运行辅助经费 14.13 14.13\n");
        REQUIRE(first != std::string::npos);
        auto next = edited.find("    市级两新组织区域党委工作\n", first);
        REQUIRE(next != std::string::npos);
        edited.insert(before ? first : next, "    机构运行辅助经费 1.00 1.00\n\n发放一名雇员工资。\n\n");
        auto r = diff_of(ds::original(), edited);
        INFO(before);
        CHECK(r.counts.added == 1);
        CHECK(r.counts.changed + r.counts.removed + r.counts.renamed == 0);
        REQUIRE(r.projects.size() == 1);
        CHECK(r.projects[0].new_project->name == "机构运行辅助经费");
        CHECK(r.projects[0].new_project->amounts.total->to_string() == "1.00");
        CHECK(r.projects[0].new_project->occurrence == (before ? 1u : 2u));
        // And the other way round: the second one removed.
        auto back = diff_of(edited, ds::original());
        CHECK(back.counts.removed == 1);
        CHECK(back.counts.changed + back.counts.added + back.counts.renamed == 0);
    }
}

TEST_CASE("diff: name similarity over code points", "[diff]") {
    CHECK(name_similarity("人才工作经费", "人才工作经费") == 100);
    CHECK(name_similarity("", "") == 100);
    CHECK(name_similarity("人才工作经费", "") == 0);
    // One inserted character in seven: 6 of 7 kept, 85%.
    CHECK(name_similarity("人才工作经费", "人才工作专经费") == 85);
    // Two inserted in nineteen: 17 of 19 kept, 89%.
    CHECK(name_similarity(std::string(ds::kOldName), std::string(ds::kNewName)) == 89);
    CHECK(name_similarity("人才工作经费", "机构运行辅助经费") < kRenameNameSimilarity);
}
