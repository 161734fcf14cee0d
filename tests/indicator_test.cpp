#include "bpt/hash.h"
#include "bpt/indicator.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

using namespace bpt;

namespace {

struct Parsed {
    std::vector<Indicator> indicators;
    std::vector<Diagnostic> diagnostics;

    std::size_t count(std::string_view rule) const {
        return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                      [&](const Diagnostic& d) { return d.rule == rule; }));
    }
};

Parsed parse(std::string_view text, ClauseDialect dialect = ClauseDialect::Layout,
             std::span<const Mark> lines = {}) {
    Parsed p;
    parse_indicators(text, dialect, lines, p.indicators, p.diagnostics);
    return p;
}

Parsed parse_export(std::string_view text) { return parse(text, ClauseDialect::Export); }

Target numeric(Comparator op, std::string number, std::string unit = "", std::string qualifier = "") {
    Target t;
    t.kind = TargetKind::Numeric;
    t.op = op;
    t.value = std::move(number);
    t.unit = std::move(unit);
    t.qualifier = std::move(qualifier);
    return t;
}

// Compares everything but `raw`, which the caller checks where it matters.
void check_target(std::string_view raw, const Target& expected) {
    INFO("value: " << raw);
    Target got = parse_target(raw);
    got.raw.clear();
    CHECK(got == expected);
}

Target qualitative(std::string text) {
    Target t;
    t.kind = TargetKind::Qualitative;
    t.value = std::move(text);
    return t;
}

// Real cells from data/huadu-org-layout.txt, wrapped lines joined as the reader does.
constexpr std::string_view kLayoutCell =
    "1、1-产出指标；11-数量指标；党代会年会制试点镇数量指标；实施周期指标值:＞1；年度指标值:＞1。"
    "2、1-产出指标；11-数量指标；党代表走访群众户数；实施周期指标值:＞1300人；年度指标值:＞1300人。"
    "3、1-产出指标；12-质量指标；党代表参与培训占比；实施周期指标值:＞50%；年度指标值:＞50%。"
    "4、2-效益指标；22-社会效益；建立党代表工作室的作用；实施周期指标值:良好；年度指标值:良好。"
    "5、3-满意度指标；31-服务对象满意度；群众对党代表工作室的满意度；实施周期指标值:满意 ；年度指标值:满意。";

constexpr std::string_view kLayoutFreeTextCell =
    "1、1-产出指标；11-数量指标；全区远教站点数；实施周期指标值:257个；年度指标值:257个。"
    "2、1-产出指标；11-数量指标；电教片数量；实施周期指标值:2部；年度指标值:6部。"
    "3、1-产出指标；12-质量指标；电教片获奖情况；实施周期指标值:≥20%；年度指标值:≥20%。"
    "4、1-产出指标；12-质量指标；远教站点开机率；实施周期指标值:100%；年度指标值:100%。"
    "5、2-效益指标；22-社会效益；宣传党的十九大和习近平系列重要讲话精神；"
    "实施周期指标值:宣传党的十九大和习近平系列重要讲话精神深入人心。；"
    "年度指标值:宣传党的十九大和习近平系列重要讲话精神深入人心。"
    "6、2-效益指标；24-可持续影响；宣传组织工作，党建工作。；"
    "实施周期指标值:更好地让党员群众受教育，人民群众得实惠。；年度指标值:更好地让党员群众受教育，人民群众得实惠。";

// Real cell from data/huadu-org-export.tsv.
constexpr std::string_view kExportCell =
    "1、产出指标：资金拨付时效指标，年度指标值：≥90%。2、产出指标：党代会年会制试点镇数量指标，年度指标值：≥100%。"
    "3、产出指标：拨付完成率指标，年度指标值：≥100%。4、效益指标：基层党建水平指标，年度指标值：合格。"
    "5、效益指标：党代表基层联系群众工作指标，合格。";

}  // namespace

// ---------------------------------------------------------------------------------
// parse_target

TEST_CASE("parse_target reads every value form of the real sample", "[indicator][target]") {
    check_target("＞1300人", numeric(Comparator::Gt, "1300", "人"));
    check_target("＞1", numeric(Comparator::Gt, "1"));
    check_target("≥3619人", numeric(Comparator::Ge, "3619", "人"));
    check_target("≧1", numeric(Comparator::Ge, "1"));
    check_target("≧  5期", numeric(Comparator::Ge, "5", "期"));
    check_target("≥ 12期", numeric(Comparator::Ge, "12", "期"));
    check_target("≤45人", numeric(Comparator::Le, "45", "人"));
    check_target("100%", numeric(Comparator::Eq, "100", "%"));
    check_target("257个", numeric(Comparator::Eq, "257", "个"));
    check_target("12个月", numeric(Comparator::Eq, "12", "个月"));
    check_target("2部", numeric(Comparator::Eq, "2", "部"));
    check_target("不低于90%", numeric(Comparator::Ge, "90", "%"));
    check_target("80%以上", numeric(Comparator::Ge, "80", "%"));
    check_target("称职≥95%", numeric(Comparator::Ge, "95", "%", "称职"));
    check_target("大专以上学历学位≥90%", numeric(Comparator::Ge, "90", "%", "大专以上学历学位"));
    for (const char* word : {"合格", "良好", "满意", "长期", "显著", "效果明显", "及时", "完成", "高"})
        check_target(word, qualitative(word));
}

TEST_CASE("parse_target knows every comparator spelling", "[indicator][target]") {
    struct Case {
        const char* raw;
        Comparator op;
    };
    const Case cases[] = {
        {">5", Comparator::Gt},      {"＞5", Comparator::Gt},     {"大于5", Comparator::Gt},
        {"≥5", Comparator::Ge},      {"≧5", Comparator::Ge},      {">=5", Comparator::Ge},
        {"不低于5", Comparator::Ge}, {"不少于5", Comparator::Ge}, {"5以上", Comparator::Ge},
        {"5及以上", Comparator::Ge}, {"<5", Comparator::Lt},      {"＜5", Comparator::Lt},
        {"小于5", Comparator::Lt},   {"≤5", Comparator::Le},      {"≦5", Comparator::Le},
        {"<=5", Comparator::Le},     {"不高于5", Comparator::Le}, {"不超过5", Comparator::Le},
        {"5以下", Comparator::Le},   {"=5", Comparator::Eq},      {"＝5", Comparator::Eq},
        {"5", Comparator::Eq},
    };
    for (const Case& c : cases) check_target(c.raw, numeric(c.op, "5"));
}

TEST_CASE("parse_target normalises full-width digits, ％ and the decimal point", "[indicator][target]") {
    check_target("≥９５％", numeric(Comparator::Ge, "95", "%"));
    check_target("＞１２．５万元", numeric(Comparator::Gt, "12.5", "万元"));
    check_target("0.5", numeric(Comparator::Eq, "0.5"));
    check_target("≥95.0%", numeric(Comparator::Ge, "95.0", "%"));
}

TEST_CASE("parse_target writes numbers as exact decimal strings", "[indicator][target]") {
    check_target("007人", numeric(Comparator::Eq, "7", "人"));
    check_target("0", numeric(Comparator::Eq, "0"));
    check_target("00.50", numeric(Comparator::Eq, "0.50"));
    check_target("1,300人", numeric(Comparator::Eq, "1300", "人"));
    check_target("≥123456789012345678901234567890", numeric(Comparator::Ge, "123456789012345678901234567890"));
}

TEST_CASE("parse_target takes the unit as written after the number", "[indicator][target]") {
    check_target("≥3000万元", numeric(Comparator::Ge, "3000", "万元"));
    check_target("≤200元/人·月", numeric(Comparator::Le, "200", "元/人·月"));
    check_target("≥500人次", numeric(Comparator::Ge, "500", "人次"));
    check_target("≥3篇", numeric(Comparator::Ge, "3", "篇"));
    check_target("≥1次", numeric(Comparator::Ge, "1", "次"));
}

TEST_CASE("parse_target tolerates spaces anywhere in a value", "[indicator][target]") {
    check_target("  ≥ 12 期 ", numeric(Comparator::Ge, "12", "期"));
    check_target("称职 ≥ 95 %", numeric(Comparator::Ge, "95", "%", "称职"));
    check_target("80 % 以上", numeric(Comparator::Ge, "80", "%"));
    check_target("\xE3\x80\x80" "100%", numeric(Comparator::Eq, "100", "%"));  // U+3000 before

    Target t = parse_target("满意 ");
    CHECK(t.kind == TargetKind::Qualitative);
    CHECK(t.value == "满意");
    CHECK(t.raw == "满意");
    CHECK(parse_target("≧  5期").raw == "≧  5期");
}

TEST_CASE("parse_target reads 是 and 否 as booleans", "[indicator][target]") {
    Target yes = parse_target("是");
    CHECK(yes.kind == TargetKind::Boolean);
    CHECK(yes.yes);
    Target no = parse_target("否。");
    CHECK(no.kind == TargetKind::Boolean);
    CHECK_FALSE(no.yes);
    CHECK(no.raw == "否");
}

TEST_CASE("parse_target keeps free text as qualitative, without its closing 。", "[indicator][target]") {
    Target t = parse_target("宣传党的十九大和习近平系列重要讲话精神深入人心。");
    CHECK(t.kind == TargetKind::Qualitative);
    CHECK(t.value == "宣传党的十九大和习近平系列重要讲话精神深入人心");
    CHECK(t.raw == t.value);
    check_target("更好地让党员群众受教育，人民群众得实惠", qualitative("更好地让党员群众受教育，人民群众得实惠"));
    // A comparator word not followed by a number is prose.
    check_target("低于全区干部平均年龄", qualitative("低于全区干部平均年龄"));
    // Text that cannot be a unit turns the whole value into prose, flagged as
    // untypable because numbers stand in it (`target-untypable`, tests/target_test.cpp).
    Target prose = qualitative("≥90%，≤80个");
    prose.untypable = true;
    check_target("≥90%，≤80个", prose);
    Target phrase = qualitative("第3季度完成");
    phrase.untypable = true;
    check_target("第3季度完成", phrase);
}

TEST_CASE("parse_target reads a comparator inside a sentence with the sentence as qualifier",
          "[indicator][target]") {
    check_target("我区基层党建经验在省市层面刊发条数不少于5条",
                 numeric(Comparator::Ge, "5", "条", "我区基层党建经验在省市层面刊发条数"));
    check_target("满意度90%以上", numeric(Comparator::Ge, "90", "%", "满意度"));
}

TEST_CASE("parse_target gives Empty for an empty value", "[indicator][target]") {
    for (const char* raw : {"", "   ", "。", " 。 "}) {
        Target t = parse_target(raw);
        CHECK(t.kind == TargetKind::Empty);
        CHECK(t.raw.empty());
    }
}

// ---------------------------------------------------------------------------------
// Layout dialect

TEST_CASE("layout clauses are split by their numbers and typed", "[indicator][layout]") {
    Parsed p = parse(kLayoutCell);
    CHECK(p.diagnostics.empty());
    REQUIRE(p.indicators.size() == 5);

    const Indicator& first = p.indicators[0];
    CHECK(first.seq == 1);
    CHECK(first.level1 == Level{"1", "产出指标"});
    CHECK(first.level2 == Level{"11", "数量指标"});
    CHECK(first.name == "党代会年会制试点镇数量指标");
    REQUIRE(first.period);
    REQUIRE(first.annual);
    CHECK(first.period->kind == TargetKind::Numeric);
    CHECK(first.period->op == Comparator::Gt);
    CHECK(first.period->value == "1");
    CHECK(first.annual->raw == "＞1");
    CHECK(first.raw == "1、1-产出指标；11-数量指标；党代会年会制试点镇数量指标；实施周期指标值:＞1；年度指标值:＞1。");

    // Level-2 names are kept as written, with or without the trailing 指标.
    CHECK(p.indicators[3].level2 == Level{"22", "社会效益"});
    CHECK(p.indicators[3].annual->value == "良好");
    CHECK(p.indicators[4].level1 == Level{"3", "满意度指标"});
    CHECK(p.indicators[4].period->raw == "满意");
    CHECK(p.indicators[4].annual->value == "满意");
    for (std::size_t i = 0; i < p.indicators.size(); ++i) CHECK(p.indicators[i].seq == i + 1);
}

TEST_CASE("layout values may hold their own 。 and ，", "[indicator][layout]") {
    Parsed p = parse(kLayoutFreeTextCell);
    CHECK(p.diagnostics.empty());
    REQUIRE(p.indicators.size() == 6);
    const Indicator& free = p.indicators[4];
    CHECK(free.seq == 5);
    CHECK(free.period->kind == TargetKind::Qualitative);
    CHECK(free.period->value == "宣传党的十九大和习近平系列重要讲话精神深入人心");
    CHECK(free.annual->value == "宣传党的十九大和习近平系列重要讲话精神深入人心");
    CHECK(p.indicators[5].seq == 6);
    CHECK(p.indicators[5].name == "宣传组织工作，党建工作。");
    CHECK(p.indicators[5].annual->value == "更好地让党员群众受教育，人民群众得实惠");
}

TEST_CASE("real data-entry errors parse without complaint", "[indicator][layout]") {
    Parsed p = parse(kLayoutFreeTextCell);
    CHECK(p.indicators[1].period->value == "2");
    CHECK(p.indicators[1].annual->value == "6");
    CHECK(p.indicators[1].annual->unit == "部");

    Parsed mismatch = parse("1、2-效益指标；31-服务对象满意度；服务群体满意率；实施周期指标值:≥90%；年度指标值:≥90%。");
    CHECK(mismatch.diagnostics.empty());
    REQUIRE(mismatch.indicators.size() == 1);
    CHECK(mismatch.indicators[0].level1 == Level{"2", "效益指标"});
    CHECK(mismatch.indicators[0].level2 == Level{"31", "服务对象满意度"});
}

TEST_CASE("a clause number cut from its 、 by a wrap is found once rejoined", "[indicator][layout]") {
    // The PDF wraps `…≥20%。4` / `、1-产出指标`; the reader joins the lines.
    Parsed p = parse(
        "3、1-产出指标；12-质量指标；电教片获奖情况；实施周期指标值:≥20%；年度指标值:≥20%。4"
        "、1-产出指标；12-质量指标；远教站点开机率；实施周期指标值:100%；年度指标值:100%。");
    REQUIRE(p.indicators.size() == 2);
    CHECK(p.indicators[0].annual->value == "20");
    CHECK(p.indicators[1].seq == 4);
    CHECK(p.indicators[1].name == "远教站点开机率");
    CHECK(p.count("indicator-malformed") == 0);
}

TEST_CASE("layout separators come in both widths and with spaces", "[indicator][layout]") {
    Parsed p = parse("1、 1 - 产出指标 ; 11-数量指标； 实际镇街拨付率 ；实施周期指标值 : 100% ；年度指标值：100%。 "
                     "2、1-产出指标；13-时效指标；经费是否按时拨付；实施周期指标值:满意 ；年度指标值:满意。");
    CHECK(p.diagnostics.empty());
    REQUIRE(p.indicators.size() == 2);
    CHECK(p.indicators[0].level1 == Level{"1", "产出指标"});
    CHECK(p.indicators[0].name == "实际镇街拨付率");
    CHECK(p.indicators[0].period->value == "100");
    CHECK(p.indicators[0].annual->unit == "%");
    CHECK(p.indicators[1].period->value == "满意");
}

TEST_CASE("full-width clause numbers and targets in either order are read", "[indicator][layout]") {
    Parsed p = parse("１、1-产出指标；11-数量指标；甲；年度指标值:≥１；实施周期指标值:≥２。"
                     "２、1-产出指标；11-数量指标；乙；实施周期指标值:1；年度指标值:1。");
    CHECK(p.diagnostics.empty());
    REQUIRE(p.indicators.size() == 2);
    CHECK(p.indicators[0].seq == 1);
    CHECK(p.indicators[0].name == "甲");
    CHECK(p.indicators[0].annual->value == "1");
    CHECK(p.indicators[0].period->value == "2");
    CHECK(p.indicators[1].seq == 2);
}

TEST_CASE("a 、 inside a name or a clause without its 。 do not confuse the split", "[indicator][layout]") {
    Parsed names = parse("1、2-效益指标；22-社会效益；增强党的创造力、凝聚力、战斗力；实施周期指标值:合格；年度指标值:合格。"
                         "2、1-产出指标；11-数量指标；补助、津补贴等经费拨付率；实施周期指标值:≥90%；年度指标值:≥90%。");
    CHECK(names.diagnostics.empty());
    REQUIRE(names.indicators.size() == 2);
    CHECK(names.indicators[0].name == "增强党的创造力、凝聚力、战斗力");

    Parsed no_stop = parse("1、1-产出指标；11-数量指标；甲；实施周期指标值:1；年度指标值:合格"
                           "2、1-产出指标；11-数量指标；乙；实施周期指标值:2；年度指标值:2。");
    REQUIRE(no_stop.indicators.size() == 2);
    CHECK(no_stop.indicators[0].annual->value == "合格");
    CHECK(no_stop.indicators[1].name == "乙");
}

TEST_CASE("a malformed layout clause is kept and parsing goes on", "[indicator][layout][diagnostics]") {
    Parsed p = parse("1、1-产出指标；11-数量指标；甲；实施周期指标值:1；年度指标值:1。"
                     "2、1-产出指标，数量指标，乙，年度指标值:2。"
                     "3、1-产出指标；11-数量指标；丙；实施周期指标值:3。"
                     "4、1-产出指标；11-数量指标；丁。"
                     "5、1-产出指标；11-数量指标；戊；实施周期指标值:5；年度指标值:5。");
    REQUIRE(p.indicators.size() == 5);
    CHECK(p.count("indicator-malformed") == 3);
    CHECK(p.count("indicator-numbering") == 0);

    const Indicator& no_fields = p.indicators[1];
    CHECK(no_fields.seq == 2);
    CHECK(no_fields.raw == "2、1-产出指标，数量指标，乙，年度指标值:2。");
    CHECK_FALSE(no_fields.level1);
    CHECK(no_fields.annual->value == "2");  // what could be read is kept

    const Indicator& no_annual = p.indicators[2];
    CHECK(no_annual.name == "丙");
    CHECK(no_annual.period->value == "3");
    CHECK_FALSE(no_annual.annual);

    const Indicator& no_targets = p.indicators[3];
    CHECK_FALSE(no_targets.period);
    CHECK_FALSE(no_targets.annual);

    CHECK(p.indicators[4].name == "戊");
    CHECK(p.indicators[4].annual->value == "5");

    for (const Diagnostic& d : p.diagnostics) {
        CHECK(d.severity == Severity::Error);
        CHECK(d.project == 0);
    }
    CHECK(p.diagnostics[0].message.find("clause 2") != std::string::npos);
    CHECK(p.diagnostics[1].message ==
          "indicator clause 3 has no 年度指标值 target (expected "
          "`N、C1-一级名；C2-二级名；指标名；实施周期指标值:V；年度指标值:V。`)");
    CHECK(p.diagnostics[2].message.find("neither") != std::string::npos);
}

TEST_CASE("text before the first clause is reported and kept", "[indicator][diagnostics]") {
    Parsed p = parse("详见附件 1、1-产出指标；11-数量指标；甲；实施周期指标值:1；年度指标值:1。");
    REQUIRE(p.indicators.size() == 2);
    CHECK(p.indicators[0].seq == 0);
    CHECK(p.indicators[0].raw == "详见附件");
    CHECK(p.indicators[1].seq == 1);
    CHECK(p.indicators[1].name == "甲");
    REQUIRE(p.diagnostics.size() == 1);
    CHECK(p.diagnostics[0].rule == "indicator-malformed");
    CHECK(p.diagnostics[0].severity == Severity::Error);

    Parsed none = parse("详见附件。");
    REQUIRE(none.indicators.size() == 1);
    CHECK(none.indicators[0].raw == "详见附件。");
    CHECK(none.count("indicator-malformed") == 1);
}

TEST_CASE("an empty cell gives nothing", "[indicator]") {
    for (std::string_view text : {"", "   ", "\xE3\x80\x80"}) {
        Parsed p = parse(text);
        CHECK(p.indicators.empty());
        CHECK(p.diagnostics.empty());
    }
}

TEST_CASE("numbers that skip, repeat, go back or do not start at 1 are warned about",
          "[indicator][diagnostics]") {
    auto clause = [](int n) {
        return std::to_string(n) + "、1-产出指标；11-数量指标；甲；实施周期指标值:1；年度指标值:1。";
    };
    auto numbering = [&](std::initializer_list<int> numbers) {
        std::string text;
        for (int n : numbers) text += clause(n);
        Parsed p = parse(text);
        CHECK(p.count("indicator-malformed") == 0);
        CHECK(p.indicators.size() == numbers.size());
        return p;
    };
    CHECK(numbering({1, 2, 3}).diagnostics.empty());

    Parsed skip = numbering({1, 2, 4});
    REQUIRE(skip.diagnostics.size() == 1);
    CHECK(skip.diagnostics[0].rule == "indicator-numbering");
    CHECK(skip.diagnostics[0].severity == Severity::Warning);
    CHECK(skip.diagnostics[0].message == "indicator clause 4 follows clause 2 (expected 3)");
    CHECK(skip.indicators[2].seq == 4);

    CHECK(numbering({1, 2, 2}).count("indicator-numbering") == 1);
    CHECK(numbering({1, 3, 2}).count("indicator-numbering") == 2);
    Parsed late = numbering({2, 3});
    REQUIRE(late.diagnostics.size() == 1);
    CHECK(late.diagnostics[0].message == "indicator clauses start at 2 (expected 1)");
}

TEST_CASE("a number in a value is not a clause unless it looks like one", "[indicator][layout]") {
    // `。2、` inside a free-text value: not followed by a level, so not a clause.
    Parsed p = parse("1、2-效益指标；22-社会效益；甲；实施周期指标值:完成培训。2、宣传；年度指标值:完成培训。2、宣传。");
    CHECK(p.indicators.size() == 1);
    CHECK(p.count("indicator-malformed") == 0);
}

TEST_CASE("each clause is attributed to the line it starts on", "[indicator][diagnostics]") {
    // The first two wrapped lines of the real cell, plus a third that starts clause 3
    // mid-line after a wrap.
    std::string line1 = "1、1-产出指标；11-数量指标；党代会年会制试点镇数量指标；实施周";
    std::string line2 = "期指标值:＞1；年度指标值:＞1。2、1-产出指标；11-数量指标；党代";
    std::string line3 = "表走访群众户数；实施周期指标值:＞1300人；年度指标值:＞1300人。4";
    std::string line4 = "、1-产出指标；12-质量指标；党代表参与培训占比；实施周期指标值:＞50%；年度指标值:＞50%。";
    std::string text = line1 + line2 + line3 + line4;
    const Mark marks[] = {
        {0, Location{.line = 37}},
        {line1.size(), Location{.line = 39}},
        {line1.size() + line2.size(), Location{.line = 41}},
        {line1.size() + line2.size() + line3.size(), Location{.line = 43}},
    };
    Parsed p = parse(text, ClauseDialect::Layout, marks);
    REQUIRE(p.indicators.size() == 3);
    CHECK(p.indicators[0].location.line == 37);
    CHECK(p.indicators[1].location.line == 39);
    CHECK(p.indicators[2].location.line == 41);  // the `4` stands at the end of line 41
    REQUIRE(p.diagnostics.size() == 1);
    CHECK(p.diagnostics[0].rule == "indicator-numbering");
    CHECK(p.diagnostics[0].at.line == 41);

    Parsed unmarked = parse(text);
    CHECK(unmarked.indicators[2].location.line == 0);
}

// ---------------------------------------------------------------------------------
// Export dialect

TEST_CASE("export clauses have a level-1 name and an annual target", "[indicator][export]") {
    Parsed p = parse_export(kExportCell);
    REQUIRE(p.indicators.size() == 5);
    const Indicator& first = p.indicators[0];
    CHECK(first.seq == 1);
    CHECK(first.level1 == Level{"", "产出指标"});
    CHECK_FALSE(first.level2);
    CHECK(first.name == "资金拨付时效指标");
    CHECK_FALSE(first.period);
    REQUIRE(first.annual);
    CHECK(first.annual->op == Comparator::Ge);
    CHECK(first.annual->value == "90");
    CHECK(first.annual->unit == "%");
    CHECK(first.raw == "1、产出指标：资金拨付时效指标，年度指标值：≥90%。");
    CHECK(p.indicators[3].annual->value == "合格");
}

TEST_CASE("an export target without its label is the text after the last comma", "[indicator][export]") {
    Parsed p = parse_export(kExportCell);
    REQUIRE(p.diagnostics.size() == 1);
    const Diagnostic& d = p.diagnostics[0];
    CHECK(d.rule == "target-unlabelled");
    CHECK(d.severity == Severity::Warning);
    CHECK(d.message.find("clause 5") != std::string::npos);
    CHECK(d.message.find("`合格`") != std::string::npos);
    const Indicator& last = p.indicators[4];
    CHECK(last.name == "党代表基层联系群众工作指标");
    REQUIRE(last.annual);
    CHECK(last.annual->kind == TargetKind::Qualitative);
    CHECK(last.annual->value == "合格");
}

TEST_CASE("export names may hold commas and full stops", "[indicator][export]") {
    Parsed p = parse_export(
        "1、效益指标：“两新”组织党建水平得到提升，凝聚力和战斗力得到加强，年度指标值：合格。"
        "2、产出指标：按标准拨付的金额/应发放的金额，年度指标值：≥90%。"
        "3、效益指标：宣传组织工作。党建工作，年度指标值：良好。");
    CHECK(p.diagnostics.empty());
    REQUIRE(p.indicators.size() == 3);
    CHECK(p.indicators[0].name == "“两新”组织党建水平得到提升，凝聚力和战斗力得到加强");
    CHECK(p.indicators[0].annual->kind == TargetKind::Qualitative);
    CHECK(p.indicators[0].annual->value == "合格");
    CHECK(p.indicators[1].name == "按标准拨付的金额/应发放的金额");
    CHECK(p.indicators[2].name == "宣传组织工作。党建工作");
    CHECK(p.indicators[2].annual->value == "良好");
}

TEST_CASE("malformed export clauses are kept", "[indicator][export][diagnostics]") {
    Parsed p = parse_export("1、产出指标资金拨付时效指标。2、产出指标：拨付完成率指标。3、产出指标：甲，年度指标值：是。");
    REQUIRE(p.indicators.size() == 3);
    CHECK(p.count("indicator-malformed") == 2);
    CHECK(p.indicators[0].raw == "1、产出指标资金拨付时效指标。");
    CHECK(p.indicators[1].name == "拨付完成率指标");
    CHECK_FALSE(p.indicators[1].annual);
    CHECK(p.indicators[2].annual->kind == TargetKind::Boolean);
    CHECK(p.diagnostics[1].message ==
          "indicator clause 2 has no 年度指标值 target (expected `N、一级名：指标名，年度指标值：V。`)");
}

// ---------------------------------------------------------------------------------
// The real samples, cut into cells the way the readers do. Built with BPT_DATA_DIR
// (tests/CMakeLists.txt defines it).

#ifdef BPT_DATA_DIR
#include <fstream>
#include <sstream>

namespace {

std::vector<std::string> read_lines(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::string strip(std::string_view s) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return std::string(s);
}

// A cell runs from a line `1、<code>-` to the next project (a line indented by four
// spaces), its non-empty lines stripped and joined.
std::vector<std::string> layout_cells() {
    std::vector<std::string> cells;
    std::string* cell = nullptr;
    for (const std::string& line : read_lines(BPT_DATA_DIR "/huadu-org-layout.txt")) {
        if (line.starts_with("    ")) {
            cell = nullptr;
        } else if (!cell && line.starts_with("1、") && line.size() > 4 && line[4] >= '0' && line[4] <= '9') {
            cell = &cells.emplace_back();
        }
        if (cell) *cell += strip(line);
    }
    return cells;
}

std::vector<std::string> export_cells() {
    std::vector<std::string> cells;
    for (const std::string& line : read_lines(BPT_DATA_DIR "/huadu-org-export.tsv")) {
        std::size_t tab = line.rfind('\t');
        if (tab != std::string::npos && line.compare(tab + 1, 4, "1、") == 0) cells.push_back(line.substr(tab + 1));
    }
    return cells;
}

}  // namespace

TEST_CASE("the real layout sample gives 714 indicators, none malformed", "[indicator][data]") {
    std::vector<std::string> cells = layout_cells();
    REQUIRE(cells.size() == 177);
    Parsed all;
    for (const std::string& cell : cells)
        parse_indicators(cell, ClauseDialect::Layout, {}, all.indicators, all.diagnostics);
    CHECK(all.indicators.size() == 714);
    CHECK(all.diagnostics.empty());
    const Indicator& first = all.indicators.front();
    CHECK(first.seq == 1);
    CHECK(first.level1 == Level{"1", "产出指标"});
    CHECK(first.level2 == Level{"11", "数量指标"});
    CHECK(first.name == "党代会年会制试点镇数量指标");
    CHECK(first.period->op == Comparator::Gt);
    CHECK(first.annual->value == "1");
    for (const Indicator& ind : all.indicators) {
        INFO(ind.raw);
        CHECK(ind.level1);
        CHECK(ind.level2);
        CHECK(ind.period);
        CHECK(ind.annual);
        CHECK(!ind.name.empty());
    }
}

TEST_CASE("the real export sample gives 152 indicators and 7 unlabelled targets", "[indicator][data]") {
    std::vector<std::string> cells = export_cells();
    REQUIRE(cells.size() == 35);
    Parsed all;
    for (const std::string& cell : cells)
        parse_indicators(cell, ClauseDialect::Export, {}, all.indicators, all.diagnostics);
    CHECK(all.indicators.size() == 152);
    CHECK(all.count("target-unlabelled") == 7);
    CHECK(all.diagnostics.size() == 7);
    int two_new = 0;
    for (const Indicator& ind : all.indicators) {
        if (ind.name != "“两新”组织党建水平得到提升，凝聚力和战斗力得到加强") continue;
        ++two_new;
        CHECK(ind.annual->kind == TargetKind::Qualitative);
        CHECK(ind.annual->value == "合格");
    }
    CHECK(two_new == 10);
}
#endif

TEST_CASE("A closing ASCII or full-width full stop is not part of a unit", "[indicator]") {
    auto t = bpt::parse_target("≥90%.");
    CHECK(t.kind == bpt::TargetKind::Numeric);
    CHECK(t.value == "90");
    CHECK(t.unit == "%");
    CHECK(bpt::parse_target("5．").unit.empty());
    CHECK(bpt::parse_target("3.5人").value == "3.5");
}

TEST_CASE("A signed number without a comparator is numeric", "[indicator]") {
    auto t = bpt::parse_target("-5%");
    CHECK(t.kind == bpt::TargetKind::Numeric);
    CHECK(t.op == bpt::Comparator::Eq);
    CHECK(t.value == "-5");
    CHECK(t.unit == "%");
    auto wide = bpt::parse_target("－3人");
    CHECK(wide.kind == bpt::TargetKind::Numeric);
    CHECK(wide.value == "-3");
    CHECK(wide.unit == "人");
    // A dash alone is how grids write "no target" (docs/indicators.md).
    CHECK(bpt::parse_target("-").kind == bpt::TargetKind::Empty);
}

// Clause bodies are remembered per thread (tables repeat them): a body read again,
// in the same cell or a later one, in either dialect, must give what reading it
// afresh gives, and its findings must be raised again at its own clause and line.
TEST_CASE("a repeated clause reads as it did the first time, findings included", "[indicator]") {
    const std::string good = "1-产出指标；11-数量指标；覆盖率；实施周期指标值:≥95%；年度指标值:≥95%。";
    const std::string bad = "1-产出指标；11-数量指标；培训人次；年度指标值:≥100人次。";  // no 实施周期 target
    const std::string cell = "1、" + good + "2、" + bad + "3、" + good + "4、" + bad;
    Parsed first = parse(cell);
    Parsed again = parse(cell);
    REQUIRE(first.indicators.size() == 4);
    CHECK(first.indicators[0].name == "覆盖率");
    CHECK(first.indicators[2].name == "覆盖率");
    CHECK(first.indicators[0].period == first.indicators[2].period);
    CHECK(first.indicators[1].name == "培训人次");
    CHECK(!first.indicators[1].period);
    CHECK(!first.indicators[3].period);
    CHECK(first.indicators[3].seq == 4);
    CHECK(first.indicators[3].raw == "4、" + bad);
    CHECK(first.indicators == again.indicators);
    CHECK(first.diagnostics.size() == again.diagnostics.size());
    CHECK(first.count("indicator-malformed") == 2);
    // The same body in the export dialect is read by that dialect's rules, not recalled.
    Parsed other = parse("1、产出指标：覆盖率，年度指标值：≥95%。", ClauseDialect::Export);
    REQUIRE(other.indicators.size() == 1);
    CHECK(other.indicators[0].name == "覆盖率");
    CHECK(!other.indicators[0].level2);
}

// The clause memo hashes a body by words at its thirds (hash::sampled); a body of 8
// to 11 bytes put them past its end (found by fuzz_indicator under ASan). The cell is
// an exact-size heap copy so that the sanitizer build sees any read past it.
TEST_CASE("short clause bodies are hashed within their bytes", "[indicator][fuzz]") {
    for (std::size_t n = 1; n <= 24; ++n) {
        std::string text = "1、" + std::string(n, 'x');
        std::vector<char> exact(text.begin(), text.end());
        std::string_view cell(exact.data(), exact.size());
        for (int round = 0; round < 2; ++round) {  // the second read comes from the memo
            std::vector<Indicator> out;
            std::vector<Diagnostic> diagnostics;
            parse_indicators(cell, ClauseDialect::Layout, {}, out, diagnostics);
            INFO(n);
            REQUIRE(out.size() == 1);
            CHECK(out[0].raw == text);
        }
    }
}

// Both hashes the memos use, on every length up to past the word sizes, from
// exact-size heap copies: the sanitizer build sees a read past the key, and equal
// keys at different addresses must hash alike.
TEST_CASE("the memo hashes read only their key's bytes", "[indicator][fuzz]") {
    for (std::size_t n = 0; n <= 40; ++n) {
        std::string key;
        for (std::size_t i = 0; i < n; ++i) key += static_cast<char>('a' + i % 26);
        std::vector<char> exact(key.begin(), key.end());
        std::string_view view(exact.data(), exact.size());
        INFO(n);
        CHECK(bpt::hash::sampled(view) == bpt::hash::sampled(key));
        CHECK(bpt::hash::text(view) == bpt::hash::text(key));
    }
}
