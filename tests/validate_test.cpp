// The validator's rules on small hand-made tables: each fault fires its rule, at its
// line, and nothing else; a clean table raises nothing.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "bpt/pipeline.h"
#include "bpt/diagnostic_list.h"
#include "bpt/validate.h"
#include "collect_sink.h"
#include "test_util.h"

namespace {

struct Collect : bpt::test::CollectSink {
    const bpt::Diagnostic& only(const std::string& rule) const {
        const bpt::Diagnostic* found = nullptr;
        for (const auto& d : diagnostics)
            if (d.rule == rule) {
                REQUIRE(found == nullptr);
                found = &d;
            }
        REQUIRE(found != nullptr);
        return *found;
    }
};

Collect check(const std::string& text, const bpt::ValidationOptions& validation = {}) {
    auto source = bpt::Source::from_string(text, "t.txt");
    Collect c;
    bpt::ReadOptions options;
    options.validation = validation;
    REQUIRE(bpt::read_document(*source, c, options).table);
    return c;
}

using Rules = std::vector<std::string>;

// Line 4 is the 合计 row; the first project starts on line 5.
std::string head(const std::string& total) {
    return "项目支出绩效目标表\n"
           "部门名称：测试局 单位：万元\n"
           "项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标\n"
           "合计 " + total + "\n";
}

const std::string kOutput = "1、1-产出指标；11-数量指标；培训次数；实施周期指标值:≥4次；年度指标值:≥1次。";
const std::string kEffect = "2、2-效益指标；22-社会效益；工作水平；实施周期指标值:提升；年度指标值:提升。";

// A project of three lines: name and amounts, goal, indicator cell on one line.
std::string project(const std::string& name, const std::string& amounts, const std::string& goal = "加强工作。",
                    const std::string& indicators = kOutput + kEffect) {
    std::string out = "    " + name + " " + amounts + "\n";
    if (!goal.empty()) out += goal + "\n";
    if (!indicators.empty()) out += indicators + "\n";
    return out;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("Validate: a clean table raises nothing", "[validate]") {
    auto c = check(head("30.00 30.00") + project("甲经费", "10.00 10.00") + project("乙经费", "20.00 20.00"));
    CHECK(c.rules().empty());
    CHECK(c.summary.errors == 0);
    CHECK(c.summary.warnings == 0);
}

TEST_CASE("Validate: total-mismatch gives both sums, the difference and a project of that amount", "[validate]") {
    auto c = check(head("30.00 30.00") + project("甲经费", "10.00 10.00") + project("乙经费", "20.00 20.00") +
                   project("丙经费", "5.00 5.00"));
    REQUIRE(c.rules() == Rules{"total-mismatch"});
    const auto& d = c.diagnostics[0];
    CHECK(d.at.line == 4);
    CHECK(d.severity == bpt::Severity::Error);
    CHECK(contains(d.message, "30.00 万元"));
    CHECK(contains(d.message, "35.00 万元"));
    CHECK(contains(d.message, "5.00 万元 more than declared"));
    CHECK(contains(d.message, "'丙经费' (line 11)"));
    CHECK(c.summary.errors == 1);
}

TEST_CASE("Validate: a total that only repeats explain is an info note, not a mismatch", "[validate]") {
    std::string a = project("甲经费", "10.00 10.00");
    auto c = check(head("30.00 30.00") + a + project("乙经费", "20.00 20.00") + a);
    REQUIRE(c.rules() == Rules{"duplicate-project", "total-matches-without-repeats"});
    CHECK(c.diagnostics[0].at.line == 11);
    CHECK(contains(c.diagnostics[0].message, "line 5"));
    const auto& note = c.diagnostics[1];
    CHECK(note.severity == bpt::Severity::Info);
    CHECK(note.at.line == 4);
    CHECK(contains(note.message, "2 distinct projects"));
    CHECK(contains(note.message, "lines 11"));

    SECTION("when repeats do not explain it either, the message gives both sums") {
        auto off = check(head("31.00 31.00") + a + project("乙经费", "20.00 20.00") + a);
        CHECK(off.rules() == Rules{"duplicate-project", "total-mismatch"});
        const auto& m = off.only("total-mismatch").message;
        CHECK(contains(m, "40.00 万元, 9.00 万元 more than declared (without the 1 exact repeat: 30.00 万元, 1.00 万元 less "
                          "than declared)"));
    }
}

TEST_CASE("Validate: a department subtotal is checked against its own projects", "[validate]") {
    std::string dept = "测试一局 25.00 25.00\n";
    auto c = check(head("30.00 30.00") + dept + project("甲经费", "10.00 10.00") + project("乙经费", "20.00 20.00"));
    REQUIRE(c.rules() == Rules{"total-mismatch"});
    CHECK(c.diagnostics[0].at.line == 5);
    CHECK(contains(c.diagnostics[0].message, "the subtotal of 测试一局"));
    // The project larger than its subtotal is flagged as out of range too.
    auto big = check(head("30.00 30.00") + dept + project("甲经费", "30.00 30.00"));
    // (the subtotal line is 5, the project's 6)
    CHECK(big.rules() == Rules{"amount-out-of-range", "total-mismatch"});
    CHECK(big.diagnostics[0].at.line == 6);
}

TEST_CASE("Validate: --tolerance absorbs a difference within it", "[validate]") {
    std::string table = head("30.01 30.01") + project("甲经费", "10.00 10.00") + project("乙经费", "20.00 20.00");
    CHECK(check(table).rules() == Rules{"total-mismatch"});
    bpt::ValidationOptions options;
    options.tolerance = *bpt::Money::parse("0.01");
    CHECK(check(table, options).rules().empty());
}

TEST_CASE("Validate: row-sum-mismatch when all four columns are printed", "[validate]") {
    auto c = check(head("10.00 6.00 3.00 2.00") + project("甲经费", "10.00 6.00 3.00 2.00"));
    // The 合计 row and the project both fail to add up.
    REQUIRE(c.rules() == Rules{"row-sum-mismatch", "row-sum-mismatch"});
    CHECK(c.diagnostics[0].at.line == 4);
    CHECK(c.diagnostics[1].at.line == 5);
    CHECK(contains(c.diagnostics[1].message, "11.00 万元"));
    CHECK(check(head("10.00 6.00 3.00 1.00") + project("甲经费", "10.00 6.00 3.00 1.00")).rules().empty());
    // Numbers the reader could not place are not summed: ambiguous-amounts says so.
    CHECK(check(head("10.00 10.00") + project("甲经费", "10.00 6.00 3.00")).rules() == Rules{"ambiguous-amounts"});
}

TEST_CASE("Validate: conflicting-duplicate names what differs", "[validate]") {
    auto amounts = check(head("30.00 30.00") + project("甲经费（花山镇）", "10.00 10.00") +
                         project("甲经费（花山镇）", "20.00 20.00"));
    REQUIRE(amounts.rules() == Rules{"conflicting-duplicate"});
    CHECK(amounts.diagnostics[0].at.line == 8);
    CHECK(contains(amounts.diagnostics[0].message, "line 5"));
    CHECK(contains(amounts.diagnostics[0].message, "20.00 万元 here, 10.00 万元 there"));

    auto goal = check(head("20.00 20.00") + project("甲经费", "10.00 10.00", "目标一。") +
                      project("甲经费", "10.00 10.00", "目标二。"));
    REQUIRE(goal.rules() == Rules{"conflicting-duplicate"});
    CHECK(contains(goal.diagnostics[0].message, "goal"));
    CHECK_FALSE(contains(goal.diagnostics[0].message, "amounts"));

    // Another town is another project.
    CHECK(check(head("20.00 20.00") + project("甲经费（花山镇）", "10.00 10.00") +
                project("甲经费（花东镇）", "10.00 10.00"))
              .rules()
              .empty());
}

TEST_CASE("Validate: indicator-code-mismatch points at the clause and names the project", "[validate]") {
    std::string wrong_level = kOutput + "2、2-效益指标；31-服务对象满意度；满意率；实施周期指标值:≥90%；年度指标值:≥90%。";
    auto c = check(head("10.00 10.00") + project("人才工作经费", "10.00 10.00", "目标。", wrong_level));
    REQUIRE(c.rules() == Rules{"indicator-code-mismatch"});
    CHECK(c.diagnostics[0].at.line == 7);
    CHECK(contains(c.diagnostics[0].message, "'人才工作经费' (line 5)"));
    CHECK(contains(c.diagnostics[0].message, "3-满意度指标"));

    std::string wrong_name = "1、1-产出指标；11-质量指标；合格率；实施周期指标值:100%；年度指标值:100%。" + kEffect;
    auto n = check(head("10.00 10.00") + project("甲经费", "10.00 10.00", "目标。", wrong_name));
    REQUIRE(n.rules() == Rules{"indicator-code-mismatch"});
    CHECK(contains(n.diagnostics[0].message, "11-数量指标"));
    CHECK(contains(n.diagnostics[0].message, "12-质量指标"));

    // With or without 指标, and the 成本指标 level whose codes vary by system.
    std::string fine = "1、1-产出指标；12-质量；合格率；实施周期指标值:100%；年度指标值:100%。"
                       "2、2-效益指标；24-可持续影响指标；期限；实施周期指标值:长期；年度指标值:长期。"
                       "3、4-成本指标；41-经济成本指标；成本控制；实施周期指标值:≤10万元；年度指标值:≤10万元。"
                       "4、3-满意度；31-服务对象满意度指标；满意度；实施周期指标值:≥90%；年度指标值:≥90%。";
    CHECK(check(head("10.00 10.00") + project("甲经费", "10.00 10.00", "目标。", fine)).rules().empty());

    std::string unknown = kOutput + kEffect + "3、5-其他指标；51-杂项；其他；实施周期指标值:是；年度指标值:是。";
    CHECK(check(head("10.00 10.00") + project("甲经费", "10.00 10.00", "目标。", unknown)).rules() ==
          Rules{"indicator-code-mismatch"});
}

TEST_CASE("Validate: missing goal, indicators and categories", "[validate]") {
    auto goal = check(head("10.00 10.00") + project("甲经费", "10.00 10.00", ""));
    REQUIRE(goal.rules() == Rules{"missing-goal"});
    CHECK(goal.diagnostics[0].at.line == 5);
    CHECK(goal.diagnostics[0].severity == bpt::Severity::Warning);

    auto none = check(head("20.00 20.00") + project("甲经费", "10.00 10.00", "目标。", "") +
                      project("乙经费", "10.00 10.00"));
    REQUIRE(none.rules() == Rules{"missing-indicators"});
    CHECK(none.diagnostics[0].at.line == 5);
    CHECK(none.diagnostics[0].severity == bpt::Severity::Error);

    auto outputs_only = check(head("10.00 10.00") + project("甲经费", "10.00 10.00", "目标。", kOutput));
    REQUIRE(outputs_only.rules() == Rules{"missing-indicator-category"});
    CHECK(contains(outputs_only.diagnostics[0].message, "no effect indicator"));
    auto effects_only = check(head("10.00 10.00") +
                              project("甲经费", "10.00 10.00", "目标。", "1" + kEffect.substr(1)));
    REQUIRE(effects_only.rules() == Rules{"missing-indicator-category"});
    CHECK(contains(effects_only.diagnostics[0].message, "no output indicator"));
}

TEST_CASE("Validate: amount-out-of-range on a negative amount", "[validate]") {
    auto c = check(head("0.00 0.00") + project("甲经费", "5.00 5.00") + project("乙经费", "-5.00 -5.00"));
    // 甲经费 is larger than the 合计; 乙经费 has a negative 总计 and 财政拨款.
    REQUIRE(c.rules() == Rules{"amount-out-of-range", "amount-out-of-range", "amount-out-of-range"});
    CHECK(c.diagnostics[0].at.line == 5);
    CHECK(contains(c.diagnostics[0].message, "more than 合计"));
    CHECK(c.diagnostics[1].at.line == 8);
    CHECK(contains(c.diagnostics[1].message, "negative 总计"));
    CHECK(c.diagnostics[2].at.line == 8);
    CHECK(contains(c.diagnostics[2].message, "negative 财政拨款"));
    // A project larger than the 合计 printed above it.
    auto big = check(head("5.00 5.00") + project("甲经费", "10.00 10.00"));
    CHECK(big.rules() == Rules{"amount-out-of-range", "total-mismatch"});
}

TEST_CASE("Validate: target-out-of-range", "[validate]") {
    auto with = [](const std::string& clause) {
        return check(head("10.00 10.00") + project("甲经费", "10.00 10.00", "目标。", kOutput + kEffect + clause));
    };
    auto over = with("3、3-满意度指标；31-服务对象满意度；群众满意度；实施周期指标值:≥90%；年度指标值:120%。");
    REQUIRE(over.rules() == Rules{"target-out-of-range"});
    CHECK(over.diagnostics[0].at.line == 7);
    CHECK(contains(over.diagnostics[0].message, "年度指标值 `120%`"));
    CHECK_FALSE(contains(over.diagnostics[0].message, "实施周期"));
    CHECK(with("3、1-产出指标；12-质量指标；完成率；实施周期指标值:＞100%；年度指标值:100%。").rules() ==
          Rules{"target-out-of-range"});
    CHECK(with("3、1-产出指标；12-质量指标；完成率；实施周期指标值:≥-5%；年度指标值:90%。").rules() ==
          Rules{"target-out-of-range"});
    CHECK(with("3、1-产出指标；11-数量指标；人数；实施周期指标值:＞-1人；年度指标值:＞-1人。").rules() ==
          Rules{"target-out-of-range"});
    // Rates of change may exceed 100% or fall below 0; 100% itself is fine.
    CHECK(with("3、2-效益指标；21-经济效益；收入增长率；实施周期指标值:≥150%；年度指标值:≥-5%。").rules().empty());
    CHECK(with("3、1-产出指标；12-质量指标；完成率；实施周期指标值:100%；年度指标值:≥100%。").rules().empty());
    // A range is out of range at either end; a tolerance is a width, not a rate.
    CHECK(with("3、1-产出指标；12-质量指标；完成率；实施周期指标值:90%-120%；年度指标值:90%-95%。").rules() ==
          Rules{"target-out-of-range"});
    CHECK(with("3、1-产出指标；12-质量指标；误差率；实施周期指标值:±3%以内；年度指标值:±3%以内。").rules().empty());
}

TEST_CASE("Validate: target-period-annual-inconsistent", "[validate]") {
    auto with = [](const std::string& period, const std::string& annual) {
        return check(head("10.00 10.00") +
                     project("甲经费", "10.00 10.00", "目标。",
                             "1、1-产出指标；11-数量指标；电教片数量；实施周期指标值:" + period + "；年度指标值:" + annual +
                                 "。" + kEffect));
    };
    auto c = with("2部", "6部");
    REQUIRE(c.rules() == Rules{"target-period-annual-inconsistent"});
    CHECK(c.diagnostics[0].at.line == 7);
    CHECK(contains(c.diagnostics[0].message, "电教片数量"));
    CHECK(with("≥2部", "≥6部").rules() == Rules{"target-period-annual-inconsistent"});
    CHECK(with("≥3篇", "≥1篇").rules().empty());       // the year promises less: fine
    CHECK(with("80%", "90%").rules().empty());         // rates do not add up over years
    CHECK(with("2部", "6个").rules().empty());          // different units: not comparable
    CHECK(with("≥2部", "≤6部").rules().empty());        // an annual cap is no contradiction
    CHECK(with("12.5个", "12.50个").rules().empty());   // exact decimals
    CHECK(with("2~4部", "6部").rules() == Rules{"target-period-annual-inconsistent"});  // above the range
    CHECK(with("2~4部", "3部").rules().empty());                                         // within it
    CHECK(with("6部", "5~8部").rules().empty());  // the year's least is below the period's figure
    CHECK(with("±2部", "±6部").rules().empty());        // tolerances are never compared
    CHECK(with("合格", "合格").rules().empty());
}

TEST_CASE("Validate: --disable and --severity reach every rule, the reader's too", "[validate]") {
    std::string table = head("10.00 10.00") + project("甲经费", "10.00 6.00 3.00") + project("乙经费", "5.00 5.00", "");
    auto plain = check(table);
    CHECK(plain.rules() == Rules{"ambiguous-amounts", "missing-goal", "total-mismatch"});

    bpt::ValidationOptions options;
    options.disabled = {"total-mismatch", "ambiguous-amounts"};
    options.severities["missing-goal"] = bpt::Severity::Error;
    auto changed = check(table, options);
    REQUIRE(changed.rules() == Rules{"missing-goal"});
    CHECK(changed.diagnostics[0].severity == bpt::Severity::Error);
    CHECK(changed.summary.errors == 1);
    CHECK(changed.summary.warnings == 0);

    bpt::ValidationOptions reader;
    reader.severities["ambiguous-amounts"] = bpt::Severity::Info;
    auto info = check(table, reader);
    CHECK(info.diagnostics[0].rule == "ambiguous-amounts");
    CHECK(info.diagnostics[0].severity == bpt::Severity::Info);
    CHECK(info.summary.infos == 1);

    bpt::ValidationOptions bad;
    bad.disabled = {"no-such-rule"};
    bad.severities["missing-goal"] = bpt::Severity::Info;
    bad.severities["also-unknown"] = bpt::Severity::Info;
    CHECK(bpt::unknown_rules(bad) == std::vector<std::string>{"no-such-rule", "also-unknown"});
}

TEST_CASE("Validate: the export dialect has no codes; names still give the category", "[validate]") {
    // Driven directly: the records an export reader produces.
    Collect c;
    bpt::SummarySink summary(c);
    bpt::RulePolicy policy;
    bpt::Validator v(summary, {}, policy);
    bpt::DocumentInfo info;
    info.dialect = "export";
    v.on_document(info);
    auto clause = [](std::uint32_t seq, const std::string& level1, const std::string& name) {
        bpt::Indicator i;
        i.seq = seq;
        i.level1 = bpt::Level{"", level1};
        i.name = name;
        i.annual = bpt::Target{};
        i.location.line = 6;
        return i;
    };
    bpt::Project p;
    p.index = 1;
    p.name = "组工信息工作";
    p.goal = "目标。";
    p.indicators_text = "…";
    p.location.line = 6;
    p.indicators = {clause(1, "产出指标", "调研次数"), clause(2, "产出指标", "覆盖率")};
    v.on_project(p);
    p.index = 2;
    p.name = "人才工作经费";
    p.location.line = 7;
    p.indicators = {clause(1, "产出指标", "次数"), clause(2, "效益指标", "影响力"), clause(3, "满意度指标", "满意率")};
    v.on_project(p);
    v.on_end({});
    REQUIRE(c.rules() == Rules{"missing-indicator-category"});
    CHECK(c.diagnostics[0].at.line == 6);
    CHECK(c.diagnostics[0].project == 1);
}

TEST_CASE("Validate: the registry lists every rule once, with a section in docs/rules.md", "[validate]") {
    std::set<std::string> ids;
    for (const auto& r : bpt::all_rules()) {
        CHECK(ids.insert(std::string(r.id)).second);
        CHECK_FALSE(r.summary.empty());
        CHECK(bpt::find_rule(r.id) == &r);
        CHECK(r.anchor == r.id);  // docs/rules.md#id: the section below
        CHECK(bpt::rule_info(r.rule).id == r.id);
    }
    CHECK(bpt::find_rule("no-such-rule") == nullptr);
    for (const char* id : {"total-mismatch", "row-sum-mismatch", "duplicate-project", "conflicting-duplicate",
                           "indicator-code-mismatch", "missing-indicators", "missing-goal",
                           "missing-indicator-category", "amount-out-of-range", "target-out-of-range",
                           "target-period-annual-inconsistent", "total-matches-without-repeats", "unparsed-text",
                           "ambiguous-amounts", "incomplete-project", "missing-amounts", "indicator-malformed",
                           "indicator-numbering", "target-unlabelled", "export-cell-count", "export-no-header",
                           "invalid-amount", "no-projects", "export-unknown-column", "export-duplicate-column",
                           "export-unclosed-quote", "bad-amount"})
        CHECK(ids.contains(id));
    auto docs = bpt::test::read_file(bpt::test::data_path("../docs/rules.md"));
    for (const auto& id : ids) {
        INFO(id);
        CHECK(contains(docs, "\n## `" + id + "`\n"));
    }
}

TEST_CASE("Validate: reader_rules_only leaves the reader's rules on and no other", "[validate]") {
    auto options = bpt::reader_rules_only();
    for (const auto& r : bpt::all_rules())
        CHECK(options.disabled.contains(std::string(r.id)) == (r.stage == bpt::RuleStage::Validator));
}

TEST_CASE("Validate: every rule the reader and grammar raise is in the registry", "[validate]") {
    // Broken inputs that make the layout reader and the indicator grammar speak.
    std::vector<std::string> tables = {
        head("10.00 10.00") + "说明文字\n" + project("甲经费", "10.00 6.00 3.00") + "填报人\n",
        head("10.00 10.00") + "    甲经费（狮\n",
        head("10.00 10.00") + "    甲经费 1.00 1.00\n目标。\n1、1-产出指标；11-数量指标；次数；实施周\n",
        head("10.00 10.00") + project("甲经费", "10.00 10.00", "目标。",
                                      "1、产出；次数。3、1-产出指标；11-数量指标；次数；实施周期指标值:1次；年度指标值:1次。"),
    };
    std::set<std::string> seen;
    for (const auto& t : tables)
        for (const auto& rule : check(t).rules()) seen.insert(rule);
    CHECK(seen.size() >= 5);
    for (const auto& rule : seen) {
        INFO(rule);
        CHECK(bpt::find_rule(rule) != nullptr);
    }
}

TEST_CASE("Validate: --disable and --severity reach the truncation note too", "[validate]") {
    bpt::DiagnosticList list;
    for (int i = 0; i <= static_cast<int>(bpt::DiagnosticList::kMax); ++i)
        list.add(bpt::make_diagnostic(bpt::Rule::UnparsedText, "x", bpt::Location{.line = 1}));
    bpt::RulePolicy defaults;
    auto note = list.omission_note(defaults);
    REQUIRE(note);
    CHECK(note->rule == bpt::Rule::DiagnosticsTruncated);
    CHECK(note->severity == bpt::Severity::Info);
    bpt::ValidationOptions options;
    options.disabled.insert("diagnostics-truncated");
    CHECK_FALSE(list.omission_note(bpt::RulePolicy(options)));
    bpt::ValidationOptions louder;
    louder.severities["diagnostics-truncated"] = bpt::Severity::Warning;
    CHECK(list.omission_note(bpt::RulePolicy(louder))->severity == bpt::Severity::Warning);
}

// The fast paths of the framework and decimal checks say only what the long way says.
#include "bpt/checks/decimal.h"
#include "bpt/framework.h"

TEST_CASE("Validate: fits_exactly holds only where code_problems is empty and the category is the code's",
          "[validate][framework]") {
    using bpt::Level;
    std::vector<Level> ones, twos;
    for (const auto& f : bpt::framework::level1())
        for (std::string suffix : {"", "指标", " 指标", "指标 "}) {
            ones.push_back({std::string(f.code), std::string(f.name) + suffix});
            ones.push_back({"", std::string(f.name) + suffix});
        }
    ones.push_back({"4", "成本指标"});
    ones.push_back({"1", "效益指标"});
    ones.push_back({"1", "指标"});
    for (const auto& f : bpt::framework::level2())
        for (std::string suffix : {"", "指标", "  "}) {
            twos.push_back({std::string(f.code), std::string(f.name) + suffix});
            twos.push_back({"", std::string(f.name) + suffix});
        }
    twos.push_back({"15", "数量指标"});
    twos.push_back({"1", "数量"});
    std::size_t fits = 0;
    for (const auto& l1 : ones) {
        for (const auto& l2 : twos) {
            if (!bpt::framework::fits_exactly(l1, l2)) continue;
            ++fits;
            CHECK(bpt::framework::code_problems(l1, l2).empty());
        }
        if (bpt::framework::fits_exactly(l1, std::nullopt)) {
            CHECK(bpt::framework::code_problems(l1, std::nullopt).empty());
            auto c = bpt::framework::category_of(l1);
            CHECK(c == (l1.code == "1"   ? bpt::framework::Category::Output
                        : l1.code == "2" ? bpt::framework::Category::Effect
                                         : bpt::framework::Category::Other));
        }
    }
    // Each level 1, with and without 指标, under its own level 2s, with and without 指标.
    CHECK(fits == 2 * (4 * 2) + 2 * (4 * 2) + 2 * (1 * 2));
    CHECK_FALSE(bpt::framework::fits_exactly({"1", "产出指标"}, Level{"21", "经济效益"}));
    CHECK_FALSE(bpt::framework::fits_exactly({"1", " 产出指标"}, std::nullopt));
}

TEST_CASE("Validate: compare_decimal orders exact decimals", "[validate][decimal]") {
    using bpt::checks::compare_decimal;
    CHECK(compare_decimal("100", "100") == 0);
    CHECK(compare_decimal("0100", "100") == 0);
    CHECK(compare_decimal("100.0", "100") == 0);
    CHECK(compare_decimal("99.99", "100") < 0);
    CHECK(compare_decimal("100.01", "100") > 0);
    CHECK(compare_decimal("-0", "0") == 0);
    CHECK(compare_decimal("-0.00", "0") == 0);
    CHECK(compare_decimal("-5", "0") < 0);
    CHECK(compare_decimal("-5", "-6") > 0);
    CHECK(compare_decimal(".5", "0.5") < 0);  // as before: an empty whole part is shorter
    CHECK(compare_decimal("0.5", "0.50") == 0);
    CHECK(compare_decimal("3619", "362") > 0);
    CHECK(compare_decimal("", "0") < 0);
}
