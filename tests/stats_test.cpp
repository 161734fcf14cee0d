// Statistics over distinct projects (stats.h), on the real layout sample, checked
// against sums the test makes itself from every record the pipeline emits; and
// `bpt stats` end to end.
#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "bpt/pipeline.h"
#include "bpt/source.h"
#include "bpt/stats.h"
#include "collect_sink.h"
#include "sample.h"
#include "test_util.h"

namespace sample = bpt::test::layout_sample;
using bpt::Money;

namespace {

const Money kDeclared = Money::from_cents(sample::kDeclaredCents);

Money plus(Money a, Money b) { return *a.checked_add(b); }

const auto kLayout = bpt::test::data_path(std::string(sample::kFile));

struct Read {
    bpt::Stats stats;
    bpt::test::CollectSink all;
};

Read read_sample() {
    Read r;
    bpt::StatsSink stats(r.stats);
    bpt::TeeSink tee({&stats, &r.all});
    auto source = bpt::Source::open(kLayout.string());
    REQUIRE(bpt::read_document(*source, tee, bpt::ReadOptions{}).table);
    return r;
}

// The projects that are not an exact repeat of an earlier one, found by comparing
// the records whole, independently of the hashes stats.cpp uses.
std::vector<bpt::Project> distinct(const std::vector<bpt::Project>& projects) {
    std::set<std::tuple<std::string, std::string, std::optional<Money>, std::optional<Money>, std::optional<std::string>,
                        std::string>>
        seen;
    std::vector<bpt::Project> out;
    for (const auto& p : projects)
        if (seen.emplace(p.department, p.name, p.amounts.total, p.amounts.fiscal, p.goal, p.indicators_text).second)
            out.push_back(p);
    return out;
}

}  // namespace

TEST_CASE("stats count the sample's distinct projects and match its 合计", "[stats]") {
    auto r = read_sample();
    const auto& st = r.stats;
    REQUIRE(st.files.size() == 1);
    const auto& f = st.files[0];
    CHECK(f.rows == sample::kProjects);
    CHECK(f.repeats == sample::kRepeats);
    CHECK(st.distinct() == sample::kDistinct);
    REQUIRE(f.declared);
    CHECK(*f.declared == kDeclared);
    CHECK(f.computed == kDeclared);
    CHECK(f.all_rows == Money::from_cents(sample::kAllRowsCents));
    CHECK(f.matches());
    CHECK(f.unit == "万元");
}

TEST_CASE("stats give the six towns with the sums of their distinct projects", "[stats]") {
    auto r = read_sample();
    auto projects = distinct(r.all.projects);
    REQUIRE(projects.size() == static_cast<std::size_t>(sample::kDistinct));
    std::map<std::string, std::pair<std::uint32_t, Money>> expected;
    Money no_town;
    std::uint32_t indicators = 0;
    for (const auto& p : projects) {
        indicators += static_cast<std::uint32_t>(p.indicators.size());
        Money total = p.amounts.total.value_or(Money());
        if (!p.town) {
            no_town = plus(no_town, total);
            continue;
        }
        auto& e = expected[*p.town];
        ++e.first;
        e.second = plus(e.second, total);
    }
    const auto& st = r.stats;
    REQUIRE(st.by_town.size() == 6);
    REQUIRE(expected.size() == 6);
    Money sum;
    for (const auto& g : st.by_town) {
        INFO(g.key);
        REQUIRE(expected.count(g.key) == 1);
        CHECK(g.projects == expected[g.key].first);
        CHECK(g.total == expected[g.key].second);
        sum = plus(sum, g.total);
    }
    CHECK(st.without_town.total == no_town);
    CHECK(plus(sum, no_town) == kDeclared);
    // One department in the sample: its total is the 合计.
    REQUIRE(st.by_department.size() == 1);
    CHECK(st.by_department[0].projects == static_cast<std::uint32_t>(sample::kDistinct));
    CHECK(st.by_department[0].total == kDeclared);
    // Categories count the indicators of distinct projects only.
    CHECK(st.indicators == indicators);
    CHECK(indicators < static_cast<std::uint32_t>(sample::kIndicators));
    std::uint32_t by_level1 = 0;
    for (const auto& c : st.by_level1) by_level1 += c.count;
    CHECK(by_level1 == indicators);
    std::uint32_t targets = 0;
    for (const auto& c : st.targets_by_kind) targets += c.count;
    std::uint32_t expected_targets = 0;
    for (const auto& p : projects)
        for (const auto& i : p.indicators) expected_targets += (i.period ? 1 : 0) + (i.annual ? 1 : 0);
    CHECK(targets == expected_targets);
}

TEST_CASE("stats of two files merge their groups and keep both files' totals", "[stats]") {
    auto a = read_sample();
    auto b = read_sample();
    bpt::Stats merged = a.stats;
    merged.merge(b.stats);
    CHECK(merged.files.size() == 2);
    CHECK(merged.distinct() == 2 * sample::kDistinct);
    CHECK(merged.computed() == plus(kDeclared, kDeclared));
    REQUIRE(merged.declared());
    CHECK(*merged.declared() == plus(kDeclared, kDeclared));
    REQUIRE(merged.by_town.size() == 6);
    for (std::size_t i = 0; i < 6; ++i) {
        CHECK(merged.by_town[i].key == a.stats.by_town[i].key);
        CHECK(merged.by_town[i].total == plus(a.stats.by_town[i].total, a.stats.by_town[i].total));
    }
}

TEST_CASE("bpt stats --format json lists towns and departments as objects", "[stats][e2e]") {
    auto run = bpt::test::run_bpt("stats " + bpt::test::quote(kLayout) + " --format json");
    INFO(run.err);
    REQUIRE(run.rc == 0);
    auto j = nlohmann::json::parse(run.out);
    CHECK(j["projects"] == sample::kDistinct);
    CHECK(j["repeats"] == sample::kRepeats);
    CHECK(j["files"][0]["matches"] == true);
    CHECK(j["files"][0]["all_rows_total"].dump() == "9264.96");
    CHECK(j["declared_total"].dump() == "9246.72");
    CHECK(j["computed_total"].dump() == "9246.72");
    REQUIRE(j["by_town"].size() == 6);
    Money sum;
    for (const auto& t : j["by_town"]) {
        CHECK(t.contains("town"));
        CHECK(t["projects"].get<int>() > 0);
        sum = *sum.checked_add(*Money::parse(t["total"].dump()));
    }
    sum = *sum.checked_add(*Money::parse(j["without_town"]["total"].dump()));
    CHECK(sum == kDeclared);
    REQUIRE(j["by_department"].size() == 1);
    CHECK(j["by_department"][0]["department"] == "中国共产党广州市花都区委员会组织部");
}

TEST_CASE("bpt stats prints a table that says repeats are counted once", "[stats][e2e]") {
    auto run = bpt::test::run_bpt("stats " + bpt::test::quote(kLayout));
    REQUIRE(run.rc == 0);
    CHECK(run.out.find("3 of them page-break repeats counted once: 174 distinct projects") != std::string::npos);
    CHECK(run.out.find("合计 declared 9,246.72, distinct projects add up to 9,246.72 (万元): equal") !=
          std::string::npos);
    CHECK(run.out.find("花东镇") != std::string::npos);
    auto csv = bpt::test::run_bpt("stats " + bpt::test::quote(kLayout) + " --format csv");
    REQUIRE(csv.rc == 0);
    CHECK(csv.out.rfind("section,key,count,total,declared\r\n", 0) == 0);
    CHECK(csv.out.find("town,狮岭镇,22,741.32,\r\n") != std::string::npos);
}

TEST_CASE("bpt stats reads the table from its PDF to the same totals", "[stats][e2e]") {
    auto run = bpt::test::run_bpt("stats " + bpt::test::quote(bpt::test::data_path("pdf/huadu-org-calc.pdf")) +
                                  " --format json");
    INFO(run.err);
    REQUIRE(run.rc == 0);
    auto j = nlohmann::json::parse(run.out);
    CHECK(j["projects"] == sample::kDistinct);  // the PDF leaves the repeats out
    CHECK(j["repeats"] == 0);
    CHECK(j["declared_total"].dump() == "9246.72");
    CHECK(j["computed_total"].dump() == "9246.72");
    CHECK(j["by_town"].size() == 6);
}

TEST_CASE("bpt stats names a missing file and exits 2", "[stats][e2e]") {
    auto run = bpt::test::run_bpt("stats /nonexistent/table.txt");
    CHECK(run.rc == 2);
    CHECK(run.err.rfind("bpt: /nonexistent/table.txt: ", 0) == 0);
}

TEST_CASE("a repeat is judged by each amount's printed decimal, not its representation", "[stats]") {
    auto with_total = [](Money m) {
        bpt::Project p;
        p.department = "部门";
        p.name = "项目";
        p.amounts.total = m;
        return p;
    };
    bpt::RepeatFilter f;
    CHECK_FALSE(f.repeat(with_total(Money::from_scaled(12345, 0))));
    CHECK(f.repeat(with_total(Money::from_scaled(12345, 4))));     // both print 1.2345
    CHECK_FALSE(f.repeat(with_total(Money::from_scaled(10000, 0))));  // 1
    CHECK_FALSE(f.repeat(with_total(Money::from_scaled(10000, 2))));  // 1.00
    CHECK(f.repeat(with_total(Money::from_scaled(10000, 2))));
    CHECK_FALSE(f.repeat(with_total(Money::from_scaled(-12000, 1))));  // -1.2
    CHECK(f.repeat(with_total(Money::from_scaled(-12000, 0))));
}

TEST_CASE("the repeat filter's memory is bounded: past its limit it compares but does not remember", "[stats]") {
    auto named = [](std::size_t i) {
        bpt::Project p;
        p.department = "部门";
        p.name = "项目" + std::to_string(i);
        return p;
    };
    bpt::RepeatFilter f;
    const std::size_t limit = bpt::RepeatFilter::kMaxProjects;
    for (std::size_t i = 0; i < limit; ++i) REQUIRE_FALSE(f.repeat(named(i)));
    CHECK(f.repeat(named(0)));          // remembered before the limit: still found
    CHECK(f.repeat(named(limit - 1)));
    CHECK_FALSE(f.repeat(named(limit)));  // past it: compared, not remembered
    CHECK_FALSE(f.repeat(named(limit)));
    CHECK(f.repeat(named(limit / 2)));
}
