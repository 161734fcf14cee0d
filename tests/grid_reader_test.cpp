#include <catch2/catch.hpp>

#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "bpt/grid_header.h"
#include "bpt/grid_reader.h"
#include "bpt/money.h"
#include "bpt/source.h"
#include "test_util.h"

using bpt::Money;

namespace {

struct Finding {
    bpt::Rule rule;
    std::string message;
    bpt::Location at;
    std::string quote;
};

struct Collect : bpt::RowSink {
    std::vector<bpt::Row> rows;
    std::vector<Finding> findings;
    void row(bpt::Row& r) override { rows.push_back(r); }
    void finding(bpt::Rule rule, std::string message, bpt::Location at, std::string_view quote,
                 bool /*open_project*/) override {
        findings.push_back({rule, std::move(message), at, std::string(quote)});
    }
};

struct Read {
    Collect sink;
    bool saw_table = false;
    bool detected = false;

    std::vector<const bpt::Row*> of(bpt::RowKind kind) const {
        std::vector<const bpt::Row*> out;
        for (const auto& r : sink.rows)
            if (r.kind == kind) out.push_back(&r);
        return out;
    }
    std::vector<const bpt::Row*> projects() const { return of(bpt::RowKind::Project); }
    std::vector<const bpt::Row*> indicators() const { return of(bpt::RowKind::Indicator); }
    std::vector<std::string> rules() const {
        std::vector<std::string> out;
        for (const auto& f : sink.findings) out.emplace_back(bpt::rule_id(f.rule));
        return out;
    }
};

Read read_path(const std::string& path) {
    Read r;
    auto src = bpt::Source::open(path);
    bpt::GridReader reader(r.sink);
    bpt::Line line;
    std::vector<std::string> first;
    while (src->next(line)) {
        if (first.size() < 40) first.emplace_back(line.text);
        reader.line(line);
    }
    reader.finish();
    r.saw_table = reader.saw_table();
    r.detected = bpt::GridReader::detect(first);
    return r;
}

Read read(const std::string& name) { return read_path(bpt::test::data_path(name).string()); }

std::string cell(const bpt::Row* row, bpt::Role role) {
    const auto* c = row->find(role);
    return c ? c->text : std::string("<none>");
}

// level1 | level2 | name | target (or period / annual), for whole-row assertions.
std::string ind(const bpt::Row* r) {
    std::string s = cell(r, bpt::Role::Level1) + " | " + cell(r, bpt::Role::Level2) + " | " +
                    cell(r, bpt::Role::IndicatorName) + " | ";
    if (r->find(bpt::Role::Target)) s += cell(r, bpt::Role::Target);
    else s += cell(r, bpt::Role::PeriodTarget) + " / " + cell(r, bpt::Role::AnnualTarget);
    return s;
}

std::vector<std::string> inds(const Read& r) {
    std::vector<std::string> out;
    for (const auto* row : r.indicators()) out.push_back(ind(row));
    return out;
}

}  // namespace

// Prints what the reader finds in a file: BPT_GRID_DUMP=path bpt_tests "[.grid-dump]"
TEST_CASE("grid dump", "[.grid-dump]") {
    const char* path = std::getenv("BPT_GRID_DUMP");
    REQUIRE(path);
    auto r = read_path(path);
    std::cout << "detected " << r.detected << " saw_table " << r.saw_table << "\n";
    for (const auto& row : r.sink.rows) {
        std::cout << row.at.line << " " << bpt::to_string(row.kind) << ":";
        for (const auto& c : row.cells) std::cout << " [" << bpt::to_string(c.role) << "=" << c.text << "]";
        std::cout << "\n";
    }
    for (const auto& f : r.sink.findings)
        std::cout << f.at.line << " " << bpt::rule_id(f.rule) << ": " << f.message << " «" << f.quote << "»\n";
}

TEST_CASE("grid: rw-01, several projects in one grid, amounts in 元, unit codes", "[grid]") {
    auto r = read("realworld/rw-01-jingyan-mata-2023-multiproject-pipe-grid.txt");
    CHECK(r.detected);
    CHECK(r.saw_table);
    auto dept = r.of(bpt::RowKind::Department);
    REQUIRE(dept.size() == 1);
    CHECK(cell(dept[0], bpt::Role::Name) == "马踏镇部门");
    CHECK(cell(dept[0], bpt::Role::Code) == "820");
    CHECK(cell(dept[0], bpt::Role::Total) == "8,827,620.53");
    auto p = r.projects();
    REQUIRE(p.size() == 2);  // the department subtotal is not a project
    CHECK(cell(p[0], bpt::Role::Name) == "村组干部报酬");
    CHECK(cell(p[0], bpt::Role::BudgetUnit) == "井研县马踏镇人民政府");
    CHECK(cell(p[0], bpt::Role::Code) == "820001");
    CHECK(cell(p[0], bpt::Role::Total) == "3,309,840.00");
    CHECK(cell(p[0], bpt::Role::AmountUnit) == "元");
    CHECK(cell(p[0], bpt::Role::Goal) == "按时发放村组干部报酬");
    CHECK(cell(p[1], bpt::Role::Name) == "基层组织活动经费");
    CHECK(cell(p[1], bpt::Role::BudgetUnit) == "井研县马踏镇人民政府");  // carried down
    CHECK(cell(p[1], bpt::Role::Total) == "660,000.00");
    CHECK(Money::parse_cell(cell(p[1], bpt::Role::Total)).money->to_string() == "660000.00");
    auto i = r.indicators();
    // Each project's rows follow it: 8 under the first, 5 under the second.
    REQUIRE(r.sink.rows.size() == 17);  // title, department, 2 projects, 13 indicators
    CHECK(r.sink.rows[0].kind == bpt::RowKind::Title);
    CHECK(cell(&r.sink.rows[0], bpt::Role::Title) == "部门预算项目绩效目标申报表(2023年度)");
    CHECK(r.sink.rows[3].kind == bpt::RowKind::Indicator);
    CHECK(r.sink.rows[11].kind == bpt::RowKind::Project);
    REQUIRE(i.size() == 13);
    CHECK(cell(i[0], bpt::Role::Op) == "≥");
    CHECK(cell(i[0], bpt::Role::Unit) == "%");
    CHECK(cell(i[0], bpt::Role::Weight) == "10");
    CHECK(cell(i[0], bpt::Role::Direction) == "正向指标");
    CHECK(cell(i[4], bpt::Role::Unit) == "个");
    CHECK(cell(i[12], bpt::Role::Op) == "=");
    CHECK(cell(i[12], bpt::Role::Unit) == "个");
    // Cut after `10 `: the weight may be a cut `100`, so it is not read.
    CHECK(cell(i[12], bpt::Role::Weight) == "<none>");
    CHECK(r.rules() == std::vector<std::string>{"incomplete-project"});
    CHECK(r.sink.findings[0].at.line == 17);
    CHECK(r.sink.findings[0].message ==
          "the input ends inside the table, in the last cell of an indicator row: that cell is not read; "
          "the rest of the row and the rows before it are");
    CHECK(inds(r) == std::vector<std::string>{
        "效益指标 | 社会效益指标 | 维护社会稳定 | 95",
        "产出指标 | 时效指标 | 维持时效 | 1",
        "产出指标 | 质量指标 | 按时发放 | 1",
        "效益指标 | 经济效益指标 | 促进村集体经济发展 | 95",
        "产出指标 | 数量指标 | 村组干部230人 | 230",
        "效益指标 | 生态效益指标 | 保护生态环境卫生 | 95",
        "效益指标 | 可持续影响指标 | 项目维持时效 | 95",
        "满意度指标 | 服务对象满意度指标 | 人民群众满意度 | 95",
        "满意度指标 | 服务对象满意度指标 | 辖区内群众满意度 | 95",
        "效益指标 | 经济效益指标 | 促进农村集体经济发展 | 95",
        "效益指标 | 可持续影响指标 | 经济、环境等方面可持续发展 | 95",
        "产出指标 | 质量指标 | 保障村社区正常运转 | 95",
        "产出指标 | 数量指标 | 行政村数量 | 11",
    });
}

TEST_CASE("grid: rw-04, one cell per line with blank lines, renamed levels, three decimals", "[grid]") {
    auto r = read("realworld/rw-04-linyi-school-2025-single-lines.txt");
    CHECK(r.detected);
    auto p = r.projects();
    REQUIRE(p.size() == 1);
    CHECK(cell(p[0], bpt::Role::Name) == "小学教育公用经费");
    CHECK(cell(p[0], bpt::Role::Department) == "临邑县师范附属小学");
    CHECK(cell(p[0], bpt::Role::Total) == "438.768");
    CHECK(cell(p[0], bpt::Role::Fiscal) == "438.768");
    CHECK(cell(p[0], bpt::Role::Other) == "<none>");  // 其他: left empty
    CHECK(cell(p[0], bpt::Role::AmountUnit) == "万元");
    CHECK(Money::parse_cell(cell(p[0], bpt::Role::Total)).money->to_string() == "438.768");
    auto i = r.indicators();
    CHECK(inds(r) == std::vector<std::string>{
        "产出值 | 数量值 | 小学就读人数 | <=6962人",
        "产出值 | 质量值 | 教学条件改善、办学水平提高 | =100%",
        "产出值 | 时效值 | 教育均衡化发展 | 有效",
        "产出值 | 成本值 | 义务教育小学生均公用经费 | 780元/生/年",
        "效益值 | 经济效益值 | 经费有效使用情况 | =100%",
        "效益值 | 社会效益值 | 教学质量提高、办学条件改善 | =100%",
        "效益值 | 生态效益值 | 安全情况 | 有效",
        "效益值 | 可持续影响值 | 学生受益情况 | =100%",
    });
    CHECK(r.rules().empty());  // the page's footer ends the table
}

TEST_CASE("grid: rw-05, a transfer-payment table in Traditional script with pinyin readings", "[grid]") {
    auto r = read("realworld/rw-05-lechang-zhongzhi-2018-traditional-pipe.txt");
    CHECK(r.detected);
    auto p = r.projects();
    // The allocation table above (單位 | 全年中央補助資金 …) is funding, not a project.
    REQUIRE(p.size() == 1);
    CHECK(cell(p[0], bpt::Role::Name) == "學生資助補助經費(中等職業學校國家助學金和免學費補助資金)");
    CHECK(cell(p[0], bpt::Role::Department) == "財政部、教育部、人力資源社會保障部");
    CHECK(cell(p[0], bpt::Role::Total) == "<none>");  // 年度金額 left empty
    CHECK(cell(p[0], bpt::Role::AmountUnit) == "万元");
    CHECK(cell(p[0], bpt::Role::Goal).starts_with("目標1:中等職業教育各項國家資助政策按規定得到落實;"));
    auto i = r.indicators();
    CHECK(inds(r) == std::vector<std::string>{
        "產出指標 | 數量指標 | 中等職業學校國家助學金應受助學生數 | 100%",
        "產出指標 | 數量指標 | 中職免學費應受助學生數 | 100%",
    });
    CHECK(r.rules().empty());
}

TEST_CASE("grid: rw-08, space-separated cells, placeholders in names, level cells once per group", "[grid]") {
    auto r = read("realworld/rw-08-nanyue-poverty-2018-single-spaces.txt");
    CHECK(r.detected);
    auto p = r.projects();
    REQUIRE(p.size() == 1);
    CHECK(cell(p[0], bpt::Role::Name) == "2018年市级专项扶贫资金基础设施(人大代表扶贫基地)");
    CHECK(cell(p[0], bpt::Role::Department) == "南岳镇政府");
    CHECK(cell(p[0], bpt::Role::BudgetUnit) == "湖南省润山润水生态农业发展有限公司");
    CHECK(cell(p[0], bpt::Role::Code) == "610001");
    CHECK(cell(p[0], bpt::Role::Total) == "10");
    CHECK(cell(p[0], bpt::Role::Fiscal) == "10");
    CHECK(cell(p[0], bpt::Role::Other) == "0");
    CHECK(cell(p[0], bpt::Role::AmountUnit) == "万元");
    CHECK(cell(p[0], bpt::Role::Goal) == "为水濂村带来观光游客不少于6万人,村集体收入达6万元。");
    auto i = r.indicators();
    CHECK(inds(r) == std::vector<std::string>{
        "产出指标 | 数量指标 | 贫困地区旅游基础设施建设工程 | >=20平方米",
        "产出指标 | 数量指标 | 贫困地区旅游景点开发数量( ≥**个 ) | >=4个",
        "产出指标 | 数量指标 | 流转土地 | >=60亩",
        "产出指标 | 质量指标 | *贫困地区旅游基础设施建设质量达标率100% | >=98%",
        "产出指标 | 时效指标 | 贫困地区基础设施建设按期完成率(≥**%) | >=95%",
        "产出指标 | 成本指标 | 流转土地补助标准 | <=475元/亩",
        "产出指标 | 成本指标 | 景观建设成本 | <=2875元/个",
        "产出指标 | 成本指标 | 贫困地区旅游基础设施建设工程建设成本 | <=3000元/平方米",
        "效益指标 | 经济效益指标 | 乡村旅游带动增加贫困村收入(≥**万元) | >=6万元",
        "效益指标 | 经济效益指标 | 乡村旅游带动增加贫困人口收入(≥**万元) | >=2.61万元",
        "效益指标 | 社会效益指标 | 贫困地区乡村旅游开发景点接待游客数量(≥**人) | >=60000人",
        "效益指标 | 社会效益指标 | 受益建档立卡贫困人口数≥**人 | >=29人",
        "满意度指标 | 服务对象满意度指标 | 旅游行业经营主体满意度(≥**%) | >=90%",
        "满意度指标 | 服务对象满意度指标 | 参与旅游扶贫项目贫困群众满意度(≥**%) | >=90%",
        "满意度指标 | 服务对象满意度指标 | 旅游区居民满意度(≥**%) | >=90%",
        "满意度指标 | 服务对象满意度指标 | 游客满意度(≥**%) | >=90%",
    });
    CHECK(r.rules().empty());  // the review rows under the table end it
}

TEST_CASE("grid: rw-09, targets announced in prose, is refused with a clear message", "[grid]") {
    auto r = read("realworld/rw-09-tongxin-grape-2023-prose.txt");
    CHECK_FALSE(r.detected);
    CHECK_FALSE(r.saw_table);
    CHECK(r.sink.rows.empty());
    REQUIRE(r.rules() == std::vector<std::string>{"no-projects"});
    CHECK(r.sink.findings[0].message ==
          "no indicator grid found: no header naming 一级指标 / 二级指标 / 三级指标 / 指标值 (or their synonyms)");
}

TEST_CASE("grid: rw-10, one cell per line without row boundaries, wrapped level names, prose amounts", "[grid]") {
    auto r = read("realworld/rw-10-yueyang-farmland-2022-single-lines.txt");
    CHECK(r.detected);
    auto p = r.projects();
    REQUIRE(p.size() == 1);
    CHECK(cell(p[0], bpt::Role::Name) == "岳阳县2022年高标准农田建设项目");
    CHECK(cell(p[0], bpt::Role::Department) == "岳阳县农业农村局");
    CHECK(cell(p[0], bpt::Role::BudgetUnit) == "农田建设服务中心");
    CHECK(cell(p[0], bpt::Role::Goal) == "完成项目主体工程70%");
    // The amount cells are prose: kept as written for the assembler, which refuses them.
    CHECK(cell(p[0], bpt::Role::Total) == "854万(高标准农田建设400万元,示范建设295万元,畅通工程159万元)");
    CHECK(cell(p[0], bpt::Role::Fiscal) == "854万854万(高标准农田建设400万元,示范建设295万元,畅通工程159万元)");
    CHECK_FALSE(Money::parse_cell(cell(p[0], bpt::Role::Total)).money);
    CHECK_FALSE(Money::parse_cell(cell(p[0], bpt::Role::Fiscal)).money);
    auto i = r.indicators();
    CHECK(inds(r) == std::vector<std::string>{
        "产出指标 | 数量指标 | 脱贫村村内道路硬化里程 | ≥100公里",
        "产出指标 | 数量指标 | 脱贫户供水设施数量 | ≥20座",
        "产出指标 | 质量指标 | 项目(工程)验收合格率 | 100%",
        "产出指标 | 时效指标 | 项目(工程)完成及时率 | ≥100%",
        "产出指标 | 成本指标 | 财政资金补助 | 1600元/亩",
        "效益指标 | 经济效益指标 | 年增粮食 | 3500公斤",
        "效益指标 | 社会效益指标 | 受益脱贫(监测)人口数 | ≥500人",
        "效益指标 | 社会效益指标 | 解决脱贫(监测)饮水安全问题人数 | ≥1000人",
        "效益指标 | 生态效益指标 | 新增和改善灌溉达标面积 | ≥500亩",
        "效益指标 | 生态效益指标 | 新增和改善排水达标面积 | ≥200亩",
        "效益指标 | 可持续影响指标 | 工程设计使用年限 | ≥20年",
        "满意度指标 | 服务对象满意度指标 | 受益脱贫(监测)户满意度 | ≥95%",
    });
    CHECK(r.rules().empty());  // the 注 under the table ends it
}

TEST_CASE("grid: rw-12, spaces, empty 指标性质 on quantitative rows, weights on the next line", "[grid]") {
    auto r = read("realworld/rw-12-ganzi-samr-xlsx-preview-spaces.txt");
    CHECK(r.detected);
    auto p = r.projects();
    REQUIRE(p.size() == 1);
    // 项目名称 is empty and the goal is the 整体目标: named by its unit, and says so.
    CHECK(cell(p[0], bpt::Role::Name) == "甘孜藏族自治州市场监督管理局机关");
    CHECK(cell(p[0], bpt::Role::BudgetUnit) == "甘孜藏族自治州市场监督管理局机关");
    CHECK(cell(p[0], bpt::Role::Code) == "324001");
    CHECK(cell(p[0], bpt::Role::Department) == "甘孜州市场监督管理部门");
    CHECK(cell(p[0], bpt::Role::Note) == "部门整体: a whole-department table, named by its department");
    CHECK(cell(p[0], bpt::Role::Goal).starts_with("组织协调推进全州食品安全重点工作;"));
    CHECK(cell(p[0], bpt::Role::Total) == "<none>");
    auto i = r.indicators();
    CHECK(inds(r) == std::vector<std::string>{
        "产出指标 | 成本指标 | 检查差旅费 | 470",
        "产出指标 | 成本指标 | 培训费 | 320",
        "产出指标 | 时效指标 | 完成时限 | 1",
        "产出指标 | 数量指标 | 召开食品安委会全体会议 | 2",
        "产出指标 | 质量指标 | 食安委成员单位食品安全工作齐抓共管 | 100",
        "产出指标 | 数量指标 | 开展食品安全专项整治 | 2",
        "产出指标 | 数量指标 | 组织州县食安委成员单位人员培训 | 1",
        "产出指标 | 数量指标 | 开展食品安全宣传周活动 | 1",
        "效益指标 | 社会效益指标 | 食品安全整体状况 | 高中低",
        "效益指标 | 可持续影响指标 | 进一步提高食品安全工作科学化、规范化 | 高中低",
        "满意度指标 | 服务对象满意度指标 | 公众对食品安全满意度 | 高中低",
    });
    CHECK(cell(i[0], bpt::Role::Op) == "<none>");
    CHECK(cell(i[0], bpt::Role::Unit) == "人/天");
    CHECK(cell(i[0], bpt::Role::Weight) == "2");
    CHECK(cell(i[2], bpt::Role::Unit) == "<none>");  // `完成时限 1 5`: target 1, weight 5
    CHECK(cell(i[2], bpt::Role::Weight) == "5");
    CHECK(cell(i[4], bpt::Role::Unit) == "%");
    CHECK(cell(i[8], bpt::Role::Op) == "定性");
    CHECK(cell(i[8], bpt::Role::Weight) == "10");  // on the line below the row
    CHECK(cell(i[10], bpt::Role::Weight) == "5");
    CHECK(r.rules().empty());
}

TEST_CASE("grid: rw-14, 中期 and 年度 groups side by side", "[grid]") {
    auto r = read("realworld/rw-14-luan-agri-2024-midterm-annual-pipe.txt");
    CHECK(r.detected);
    auto p = r.projects();
    REQUIRE(p.size() == 1);
    CHECK(cell(p[0], bpt::Role::Name) == "发展建设类-农产品质检体系建设和“三品一标”发展项目");
    CHECK(cell(p[0], bpt::Role::Department) == "六安市农业农村局");
    CHECK(cell(p[0], bpt::Role::Code) == "066");
    CHECK(cell(p[0], bpt::Role::BudgetUnit) == "六安市农业农村局");
    CHECK(cell(p[0], bpt::Role::Total) == "51.35");  // 年度 preferred
    CHECK(cell(p[0], bpt::Role::Fiscal) == "51.35");
    CHECK(cell(p[0], bpt::Role::Other) == "0.00");
    CHECK(cell(p[0], bpt::Role::AmountUnit) == "万元");
    auto meta = r.of(bpt::RowKind::Meta);
    REQUIRE(meta.size() == 1);
    CHECK(cell(meta[0], bpt::Role::Note) == "中期");
    CHECK(cell(meta[0], bpt::Role::Total) == "68.50");
    CHECK(cell(meta[0], bpt::Role::Fiscal) == "68.50");
    CHECK(cell(meta[0], bpt::Role::Other) == "0.00");
    auto i = r.indicators();
    CHECK(inds(r) == std::vector<std::string>{
        "产出指标 | 数量指标 | 鉴定校准实验室仪器 | ≥57个 / ≥57个",
        "产出指标 | 数量指标 | 购买标准试剂 | ≥100个 / ≥100个",
        "产出指标 | 数量指标 | 监督抽检批次 | ≥100组 / ≥100组",
        "产出指标 | 质量指标 | 农产品例行监测合格率 | ≥98% / ≥98%",
        "产出指标 | 质量指标 | 农产品监督抽样合格率 | ≥98% / ≥98%",
        "产出指标 | 质量指标 | 实验室仪器维修维护 | ≥4次 / ≥4次",
        "产出指标 | 时效指标 | 检测及时率 | ≤7工作日 / ≤7工作日",
    });
    REQUIRE(r.rules() == std::vector<std::string>{"incomplete-project"});
    CHECK(r.sink.findings[0].at.line == 26);
    CHECK(r.sink.findings[0].quote == "开展质");
}

TEST_CASE("grid: rw-17, a self-evaluation with one `X |` cell per line", "[grid]") {
    auto r = read("realworld/rw-17-suixi-minzheng-2019-selfeval-pipe-cells.txt");
    CHECK(r.detected);
    auto p = r.projects();
    REQUIRE(p.size() == 1);
    CHECK(cell(p[0], bpt::Role::Name) == "临时救助");
    CHECK(cell(p[0], bpt::Role::Department) == "濉溪县民政局");
    CHECK(cell(p[0], bpt::Role::Code) == "155");
    CHECK(cell(p[0], bpt::Role::Total) == "30");
    CHECK(cell(p[0], bpt::Role::Fiscal) == "30");
    CHECK(cell(p[0], bpt::Role::AmountUnit) == "万元");
    CHECK(cell(p[0], bpt::Role::Goal) == "为建档立卡扶贫户解决临时性的困难");
    auto i = r.indicators();
    CHECK(inds(r) == std::vector<std::string>{
        "产出指标(50分) | 数量指标 | ★★★农村低保发放人数(按月平均)(≥**人) | >=21933人",
        "产出指标(50分) | 数量指标 | ★★★其中:农村低保对象中建档立卡贫困人口数量(按月平均)(≥**人) | >=9431人",
        "产出指标(50分) | 数量指标 | ★★★建档立卡贫困人口中接受临时救助的人次数(≥**人次) | >=59人次",
        "产出指标(50分) | 数量指标 | ★★★特困人员救助供养人数(按月平均)(≥**人) | >=4754人",
        "产出指标(50分) | 数量指标 | 扶贫临时救助人数(按月平均)(≥**人) | >=7人",
        "产出指标(50分) | 质量指标 | ★农村低保标准(≥**元/人·月) | >=530元/人*月",
        "产出指标(50分) | 质量指标 | 农村特困人员救助供养基本生活标准(≥**元/人·月) | >=570元/人*月",
        "产出指标(50分) | 质量指标 | 扶贫临时救助标准(<**元/户·年)——一户年最高5300元 | <=5300元/户",
        "效益指标(30分) | 社会效益指标 | ★★★受益建档立卡贫困人口数≥**人 | >=80人",
    });
    CHECK(cell(i[0], bpt::Role::Weight) == "5");
    CHECK(cell(i[0], bpt::Role::Actual) == "21980人");
    CHECK(cell(i[0], bpt::Role::Score) == "5");
    CHECK(cell(i[3], bpt::Role::Actual) == "4604人");
    CHECK(cell(i[3], bpt::Role::Reason) == "特困人员实行动态管理");
    CHECK(cell(i[2], bpt::Role::Reason) == "<none>");
    auto d = bpt::grid::split_decoration(cell(i[0], bpt::Role::Level1));
    CHECK(d.name == "产出指标");
    CHECK(d.weight == "50");
    // The last row stops at `>=9`: a cut target, not read.
    REQUIRE(r.rules() == std::vector<std::string>{"incomplete-project"});
    CHECK(r.sink.findings[0].quote == ">=9");
}

TEST_CASE("grid: rw-19, per-project blocks repeated, unit code glued to the name", "[grid]") {
    auto r = read("realworld/rw-19-tianjin-hebei-court-2023-multiproject-pipe.txt");
    CHECK(r.detected);
    auto p = r.projects();
    REQUIRE(p.size() == 2);
    CHECK(cell(p[0], bpt::Role::Name) == "安全隐患维修");
    CHECK(cell(p[0], bpt::Role::BudgetUnit) == "天津市河北区人民法院");
    CHECK(cell(p[0], bpt::Role::Code) == "207101");
    CHECK(cell(p[0], bpt::Role::Total) == "20.00");
    CHECK(cell(p[0], bpt::Role::Fiscal) == "20.00");
    CHECK(cell(p[0], bpt::Role::Other) == "<none>");
    CHECK(cell(p[0], bpt::Role::AmountUnit) == "万元");
    CHECK(cell(p[0], bpt::Role::Goal) == "1.维修审判大楼玻璃幕墙等,消除外延脱落安全隐患。");
    CHECK(cell(p[1], bpt::Role::Name) == "办案业务费(陪审员及互联网专线)");
    CHECK(cell(p[1], bpt::Role::Total) == "24.00");
    CHECK(cell(p[1], bpt::Role::Fiscal) == "24.00");
    auto i = r.indicators();
    CHECK(inds(r) == std::vector<std::string>{
        "产出指标 | 数量指标 | 维修面积 | ≥400平方米",
        "产出指标 | 质量指标 | 验收合格率 | ≥98百分比",
        "产出指标 | 时效指标 | 资金支付及时率 | 100百分比",
        "产出指标 | 成本指标 | 项目成本 | 20万元",
        "效益指标 | 可持续影响指标 | 消除安全隐患 | 持续影响",
        "满意度指标 | 服务对象满意度指标 | 干警满意度 | ≥95百分比",
        "产出指标 | 数量指标 | 聘用调解员人数 | 1人",
        "产出指标 | 数量指标 | 陪审员参审案件数量 | ≥900件",
        "产出指标 | 质量指标 | 案件调解率 | ≥90百分比",
        "产出指标 | 时效指标 | 补助发放及时率 | 100百分比",
        "产出指标 | 成本指标 | 参审案件补助 | 100元",
    });
    CHECK(cell(i[0], bpt::Role::Note) == "维修面积");  // 绩效指标描述
    REQUIRE(r.rules() == std::vector<std::string>{"incomplete-project"});
    CHECK(r.sink.findings[0].message ==
          "the input ends inside the table, after a level cell: the rows under it are missing");
}

TEST_CASE("grid: rw-21, annotated level names, units in names, bare-number targets", "[grid]") {
    auto r = read("realworld/rw-21-yuanzhou-forest-2022-single-pipe.txt");
    CHECK(r.detected);
    auto p = r.projects();
    REQUIRE(p.size() == 1);
    CHECK(cell(p[0], bpt::Role::Name) == "原州区2022年南部水源涵养林建设项目");
    CHECK(cell(p[0], bpt::Role::Department) == "固原市原州区自然资源局");
    CHECK(cell(p[0], bpt::Role::BudgetUnit) == "固原市原州区自然资源局");
    CHECK(cell(p[0], bpt::Role::Total) == "6070.00");
    CHECK(cell(p[0], bpt::Role::Fiscal) == "6070.00");
    CHECK(cell(p[0], bpt::Role::Other) == "<none>");
    CHECK(cell(p[0], bpt::Role::AmountUnit) == "万元");
    CHECK(cell(p[0], bpt::Role::Goal).starts_with("在东马场林场、"));
    auto i = r.indicators();
    // The effect rows give a sentence in 三级指标 and leave 指标值 empty: read as written.
    CHECK(inds(r) == std::vector<std::string>{
        "产出指标 | 数量指标 (必填硬性指标) | 实施营造林总面积(亩) | 80000",
        "产出指标 | 数量指标 (必填硬性指标) | 其中:实施新造林总面积(亩) | 30000",
        "产出指标 | 数量指标 (必填硬性指标) | 实施未成林抚育提升及退化林改造总面积(亩) | 50000",
        "产出指标 | 数量指标 (必填硬性指标) | 修建作业道长度(公里) | 30",
        "产出指标 | 质量指标 (必填) | 苗木成活率(≥**%) | 85",
        "产出指标 | 时效指标 (必填) | 项目完成时间 | 2023年底",
        "产出指标 | 成本指标 (必填硬性指标) | 项目总投入(≥**万元) | 6070",
        "效益指标 | 经济效益 指标 (选填) | 增加就业机会,提高农民收入。 | <none> / <none>",
        "效益指标 | 社会效益 指标 (必填) | 受益人数(人) | 132",
        "效益指标 | 生态效益 指标 (选填) | 提高森林覆盖率,促进生物多样性保护。 | <none> / <none>",
        "效益指标 | 可持续影响 指标 (必填) | 提高森林生态系统服务功能,显著改善项目区及周边地区的生态环境。 | <none> / <none>",
    });
    auto d = bpt::grid::split_decoration(cell(i[0], bpt::Role::Level2));
    CHECK(d.name == "数量指标");
    CHECK(d.note == "必填硬性指标");
    REQUIRE(r.rules() == std::vector<std::string>{"incomplete-project"});
    CHECK(r.sink.findings[0].quote == "满意度指标");
}

TEST_CASE("grid: rw-22, a whole-department table with 计算符号 / 目标值 / 度量单位 / 指标值说明", "[grid]") {
    auto r = read("realworld/rw-22-fuliang-forestry-dept-whole-pipe.txt");
    CHECK(r.detected);
    auto p = r.projects();
    REQUIRE(p.size() == 1);  // the list of project sheets above is no project
    CHECK(cell(p[0], bpt::Role::Name) == "浮梁县林业局");
    CHECK(cell(p[0], bpt::Role::Department) == "浮梁县林业局");
    CHECK(cell(p[0], bpt::Role::Code) == "316");
    CHECK(cell(p[0], bpt::Role::Note) == "部门整体: a whole-department table, named by its department");
    CHECK(cell(p[0], bpt::Role::Goal) == "保证林业局职能实现,保障人员经费。");
    auto i = r.indicators();
    CHECK(inds(r) == std::vector<std::string>{
        "产出指标 | 数量指标 | 保障在职职工人数(人) | 116",
        "产出指标 | 数量指标 | 保障退休职工人数(人) | 81",
        "产出指标 | 数量指标 | 保障遗属人数(人) | 13",
        "产出指标 | 数量指标 | 林木采伐监管(万立方米) | 6",
        "产出指标 | 数量指标 | 野生动植物保护、防火面积(万亩) | 320",
        "产出指标 | 数量指标 | 湿地保有量(公顷) | 4900",
        "产出指标 | 数量指标 | 林业产业(万亩) | 0.5",
        "产出指标 | 数量指标 | 签订野生动物致害保险(单) | 1",
        "产出指标 | 数量指标 | 向各类新闻媒体完成林业新闻信息投稿数(篇) | 30",
        "产出指标 | 数量指标 | 林业微信公众号完成新闻宣传(篇) | 50",
        "产出指标 | 数量指标 | 制作宣传横幅、公益宣传牌等(年) | 1",
        "产出指标 | 数量指标 | 自然保护区负氧离子监测点(个) | 4",
        "产出指标 | 质量指标 | 工资发放准确性(%) | 95",
    });
    CHECK(cell(i[0], bpt::Role::Op) == "=");
    CHECK(cell(i[0], bpt::Role::Unit) == "人");
    CHECK(cell(i[0], bpt::Role::Note) == "该指标值数据合理");
    CHECK(cell(i[6], bpt::Role::Target) == "0.5");
    CHECK(cell(i[6], bpt::Role::Unit) == "万亩");
    CHECK(r.rules().empty());  // it stops after a closed row: nothing is seen cut
}

TEST_CASE("grid: rw-25, spaces, a header split over lines, a cut last row", "[grid]") {
    auto r = read("realworld/rw-25-jinan-disabled-2023-single-spaces.txt");
    CHECK(r.detected);
    auto p = r.projects();
    REQUIRE(p.size() == 1);
    CHECK(cell(p[0], bpt::Role::Name) == "残疾人精准康复");
    CHECK(cell(p[0], bpt::Role::Department) == "六安市金安区残疾人联合会");
    CHECK(cell(p[0], bpt::Role::Code) == "103");
    CHECK(cell(p[0], bpt::Role::Total) == "80");
    CHECK(cell(p[0], bpt::Role::Fiscal) == "80");
    CHECK(cell(p[0], bpt::Role::Other) == "0.00");
    CHECK(cell(p[0], bpt::Role::AmountUnit) == "万元");
    CHECK(cell(p[0], bpt::Role::Goal).starts_with("聚焦残疾人康复需求,"));
    auto i = r.indicators();
    CHECK(inds(r) == std::vector<std::string>{
        "产出指标 | 数量指标 | 签约康复人数 | ≥18000人",
        "产出指标 | 数量指标 | 涉及乡镇街数量 | =22个",
        "产出指标 | 数量指标 | 发放辅助器具人数 | ≥4000人",
    });
    // `质量指标 验收合格率 1`: the file ends on the target, which may be cut (`100%`).
    REQUIRE(r.rules() == std::vector<std::string>{"incomplete-project"});
    CHECK(r.sink.findings[0].at.line == 36);
}

TEST_CASE("grid: rw-28, an approval table with 中期 and 年度 columns and renamed levels", "[grid]") {
    auto r = read("realworld/rw-28-dongguan-road-2019-approval-pipe.txt");
    CHECK(r.detected);
    auto p = r.projects();
    REQUIRE(p.size() == 1);
    CHECK(cell(p[0], bpt::Role::Name) == "镇际联网路升级改造工程一期");
    CHECK(cell(p[0], bpt::Role::BudgetUnit) == "东莞市交通运输局");
    CHECK(cell(p[0], bpt::Role::Total) == "919.00");
    CHECK(cell(p[0], bpt::Role::AmountUnit) == "万元");
    CHECK(cell(p[0], bpt::Role::Goal).starts_with("督促勘察设计单位"));
    auto meta = r.of(bpt::RowKind::Meta);
    REQUIRE(meta.size() == 1);
    CHECK(cell(meta[0], bpt::Role::Total) == "284500.00");
    CHECK(cell(meta[0], bpt::Role::Goal) == "新建或改造道路,共29个项目,规划里程169公里。");
    auto i = r.indicators();
    CHECK(inds(r) == std::vector<std::string>{
        "预期产出指标 | 数量指标(或建筑规模指标) | 镇街补助款完成结算项目数 | 3 / 3",
        "预期产出指标 | 质量指标 | 补助款结算误差率 | ±3%以内 / ±3%以内",
        "预期产出指标 | 时效指标(工期指标) | 结算款支付及时性 | 及时 / 及时",
        "预期产出指标 | 预算(或投资规模)控制指标 | 年度预算执行率 | ≥90% / ≥90%",
        "效果指标 | 社会、经济、生态效益 指标 | 补助款结算争议率 | 0% / 0%",
    });
    REQUIRE(r.rules() == std::vector<std::string>{"incomplete-project"});
    CHECK(r.sink.findings[0].quote == "实现建设总目标控制程度");
}

TEST_CASE("grid: rw-31, cells glued with no separator, is refused with one clear line", "[grid]") {
    auto r = read("realworld/rw-31-qingshan-edu-2020-glued-values.txt");
    CHECK(r.detected);  // it is a grid form: this reader refuses it rather than another misreading it
    CHECK_FALSE(r.saw_table);
    CHECK(r.sink.rows.empty());
    REQUIRE(r.rules() == std::vector<std::string>{"glued-cells"});
    CHECK(r.sink.findings[0].at.line == 21);
    CHECK(r.sink.findings[0].message ==
          "the grid's cells are printed with no separator between them (`绩效指标一级指标二级指标指标内容指标值`): "
          "their boundaries cannot be recovered without guessing, so nothing is read; take the table from its "
          "spreadsheet or PDF, or save the page's table as CSV");
}

TEST_CASE("grid: rw-33, a whole-department table with 指标解释 standards and a 履职 sub-table", "[grid]") {
    auto r = read("realworld/rw-33-ningde-gazetteer-2019-dept-whole.txt");
    CHECK(r.detected);
    auto p = r.projects();
    REQUIRE(p.size() == 1);
    CHECK(cell(p[0], bpt::Role::Name) == "中共宁德市委党史和地方志研究室");
    CHECK(cell(p[0], bpt::Role::Code) == "901001033");
    CHECK(cell(p[0], bpt::Role::Total) == "171.41");
    CHECK(cell(p[0], bpt::Role::AmountUnit) == "万元");
    CHECK(cell(p[0], bpt::Role::Note) == "部门整体: a whole-department table, named by its department");
    CHECK(cell(p[0], bpt::Role::Goal) ==
          "目标1:确保本室各人员工资及福利的发放;目标2:对合作社区、退休人员及遗孀、困难群众进行一定程度的补助;"
          "目标3:确保本室日常办公所需经费正常运行;目标4:保障志鉴地情相关工作开展所需资金,确保完成2019年度任务。");
    auto i = r.indicators();
    CHECK(inds(r) == std::vector<std::string>{
        "产出指标 | 数量指标 | 志鉴地情相关工作开展所需资金的供应时效 | 100%",
        "产出指标 | 数量指标 | 确保日常工作正常运行 | 100%",
        "产出指标 | 数量指标 | 按年度发放绩效奖、文明奖、综治平安奖、应休未休补贴 | ≥60%",
        "产出指标 | 质量指标 | 调研、督促、指导志、鉴、地情编纂的县(市、区)的覆盖率 | 1",
        "产出指标 | 质量指标 | 各类书籍审稿率 | 1",
        "产出指标 | 时效指标 | 项目完成时间 | 100%",
    });
    CHECK(cell(i[0], bpt::Role::Standard) == "100%(历史标准)");
    CHECK(cell(i[3], bpt::Role::Standard) == "90%(计划标准)");
    REQUIRE(r.rules() == std::vector<std::string>{"incomplete-project"});
    CHECK(r.sink.findings[0].quote == "基本支出");
}

TEST_CASE("grid: rw-35, an evaluation table with target and score glued, is refused", "[grid]") {
    auto r = read("realworld/rw-35-ningjin-grant-2019-eval-glued.txt");
    CHECK(r.detected);
    CHECK_FALSE(r.saw_table);
    CHECK(r.sink.rows.empty());
    REQUIRE(r.rules() == std::vector<std::string>{"glued-cells"});
    CHECK(r.sink.findings[0].at.line == 16);
}

TEST_CASE("grid: a single-project form saved by a spreadsheet as TSV, columns in another order", "[grid]") {
    auto r = read("grid/single-project-spreadsheet.tsv");
    CHECK(r.detected);
    auto p = r.projects();
    REQUIRE(p.size() == 1);
    CHECK(cell(p[0], bpt::Role::Name) == "城区公厕维护经费");
    CHECK(cell(p[0], bpt::Role::Department) == "示例市城市管理局");
    CHECK(cell(p[0], bpt::Role::Code) == "301");
    CHECK(cell(p[0], bpt::Role::BudgetUnit) == "示例市环境卫生管理所");
    CHECK(cell(p[0], bpt::Role::Total) == "153.5184");
    CHECK(cell(p[0], bpt::Role::Fiscal) == "150");
    CHECK(cell(p[0], bpt::Role::Other) == "3.5184");
    CHECK(cell(p[0], bpt::Role::AmountUnit) == "万元");
    // Exact in four decimals: 150 + 3.5184 = 153.5184.
    auto sum = Money::parse_cell("150").money->checked_add(*Money::parse_cell("3.5184").money);
    CHECK(*sum == *Money::parse_cell(cell(p[0], bpt::Role::Total)).money);
    auto i = r.indicators();
    CHECK(inds(r) == std::vector<std::string>{
        "产出指标(50分) | 数量指标 | 维护公厕数量 | 120",
        "产出指标(50分) | 数量指标 | 保洁频次 | 2",
        "产出指标(50分) | 质量指标 | 设施完好率 | 95",
        "产出指标(50分) | 时效指标 | 维修响应时间 | 24",
        "成本指标(20分) | 经济成本指标 | 单座年维护成本 | 12793",
        "效益指标(20分) | 社会效益指标 | 群众如厕环境 | 明显改善",
        "效益指标(20分) | 可持续影响指标 | 长效管护机制 | 建立",
        "满意度指标(10分) | 服务对象满意度指标 | 市民满意度 | 90",
    });
    CHECK(cell(i[0], bpt::Role::Unit) == "座");
    CHECK(cell(i[0], bpt::Role::Op) == "≥");
    CHECK(cell(i[0], bpt::Role::Weight) == "20");
    CHECK(cell(i[4], bpt::Role::Note) == "按2023年决算");
    CHECK(cell(i[5], bpt::Role::Unit) == "<none>");
    CHECK(r.rules().empty());
}

TEST_CASE("grid: a self-evaluation saved by a spreadsheet as CSV, quoted cells with line breaks, 元", "[grid]") {
    auto r = read("grid/selfeval-spreadsheet.csv");
    CHECK(r.detected);
    auto p = r.projects();
    REQUIRE(p.size() == 1);
    CHECK(cell(p[0], bpt::Role::Name) == "临时救助资金");
    CHECK(cell(p[0], bpt::Role::Department) == "示例县民政局");
    CHECK(cell(p[0], bpt::Role::BudgetUnit) == "示例县社会救助服务中心");
    CHECK(cell(p[0], bpt::Role::Code) == "820001");
    CHECK(cell(p[0], bpt::Role::Total) == "1,030,700.00");
    CHECK(cell(p[0], bpt::Role::Other) == "0");
    CHECK(cell(p[0], bpt::Role::AmountUnit) == "元");
    CHECK(cell(p[0], bpt::Role::Goal) == "对遭遇突发性、紧急性困难的家庭给予临时救助，兜住民生底线。");
    auto i = r.indicators();
    CHECK(inds(r) == std::vector<std::string>{
        "产出指标 | 数量指标 | 临时救助人次（≥**人次） | ≥800人次",
        "产出指标 | 质量指标 | 救助对象认定准确率 | ≥98%",
        "产出指标 | 时效指标 | 救助资金发放及时率 | 100%",
        "效益指标 | 社会效益指标 | 困难群众基本生活保障率 | ≥95%",
        "满意度指标 | 服务对象满意度指标 | 受助对象满意度 | ≥90%",
    });
    CHECK(cell(i[1], bpt::Role::Actual) == "96%");
    CHECK(cell(i[1], bpt::Role::Score) == "18");
    CHECK(cell(i[1], bpt::Role::Reason) == "个别对象核查不及时，已完善复核机制");
    CHECK(r.rules().empty());
}

TEST_CASE("grid: 中期 and 年度 amounts and targets, funding lines, glued money units", "[grid]") {
    auto r = read("grid/midterm-annual-pipe.txt");
    CHECK(r.detected);
    auto p = r.projects();
    REQUIRE(p.size() == 1);  // `(一)财政拨款小计` is an amount, never a project
    CHECK(cell(p[0], bpt::Role::Name) == "农村供水保障工程");
    CHECK(cell(p[0], bpt::Role::Total) == "5.8万");
    CHECK(cell(p[0], bpt::Role::Fiscal) == "5.8万");
    CHECK(cell(p[0], bpt::Role::Goal) == "年内完成1个乡镇供水管网改造。");
    auto annual = Money::parse_cell(cell(p[0], bpt::Role::Total));
    CHECK(annual.money->to_string() == "5.8");
    CHECK(annual.unit == "万元");
    auto meta = r.of(bpt::RowKind::Meta);
    REQUIRE(meta.size() == 1);
    CHECK(cell(meta[0], bpt::Role::Total) == "10000万元");
    CHECK(cell(meta[0], bpt::Role::Goal) == "三年内完成全县农村供水管网改造。");
    auto i = r.indicators();
    CHECK(inds(r) == std::vector<std::string>{
        "产出指标 | 数量指标 | 改造供水管网长度 | ≥300 / ≥5.8",
        "产出指标 | 数量指标 | 新建水厂数量 | =3 / =0",
        "产出指标 | 质量指标 | 工程验收合格率 | 100 / 100",
        "效益指标 | 社会效益指标 | 受益人口 | ≥60000 / ≥1200",
        "满意度指标 | 服务对象满意度指标 | 受益群众满意度 | ≥90 / ≥90",
    });
    CHECK(cell(i[0], bpt::Role::Direction) == "正向");
    CHECK(cell(i[0], bpt::Role::Unit) == "公里");
    CHECK(r.rules().empty());
}

TEST_CASE("grid: detect says no to the Huadu layout and export dialects", "[grid]") {
    for (const char* name :
         {"huadu-org-layout.txt", "huadu-org-export.tsv", "extracted/huadu-chromium.mutool.txt",
          "extracted/huadu-chromium.pdfminer.txt", "extracted/huadu-chromium.pdftotext-layout.txt",
          "extracted/huadu-chromium.pdftotext-raw.txt", "extracted/huadu-chromium.pdftotext.txt",
          "extracted/huadu-chromium.pymupdf.txt", "extracted/huadu-chromium.pypdf.txt",
          "extracted/huadu-org-calc.mutool.txt", "extracted/huadu-org-calc.pdfminer.txt",
          "extracted/huadu-org-calc.pdftotext-layout.txt", "extracted/huadu-org-calc.pdftotext-raw.txt",
          "extracted/huadu-org-calc.pdftotext.txt", "extracted/huadu-org-calc.pymupdf.txt",
          "extracted/huadu-org-calc.pypdf.txt"}) {
        INFO(name);
        auto r = read(name);
        CHECK_FALSE(r.detected);
        CHECK_FALSE(r.saw_table);
        CHECK(r.indicators().empty());
    }
}

TEST_CASE("grid: column roles by their names and synonyms", "[grid]") {
    using bpt::grid::Column;
    using bpt::grid::column_of;
    CHECK(column_of("一级指标") == Column::Level1);
    CHECK(column_of("一级") == Column::Level1);
    CHECK(column_of("一級目標") == Column::Level1);  // Traditional, with the typo
    CHECK(column_of("二级 指标") == Column::Level2);
    CHECK(column_of("三级指标") == Column::Name);
    CHECK(column_of("指标名称") == Column::Name);
    CHECK(column_of("指标内容") == Column::Name);
    CHECK(column_of("指标性质") == Column::Op);
    CHECK(column_of("计算符号") == Column::Op);
    CHECK(column_of("指标方向性") == Column::Direction);
    for (const char* t : {"指标值", "目标值", "年度指标值", "年度数值", "当年预期实现值", "指标值(或计划水平)"})
        CHECK(column_of(t) == Column::Target);
    CHECK(column_of("实施周期指标值") == Column::PeriodTarget);
    CHECK(column_of("中期指标值") == Column::PeriodTarget);
    CHECK(column_of("度量单位") == Column::Measure);
    CHECK(column_of("计量单位") == Column::Measure);
    CHECK(column_of("权重(%)") == Column::Weight);
    CHECK(column_of("分值") == Column::Weight);
    CHECK(column_of("实际完成值") == Column::Actual);
    CHECK(column_of("全年实际值") == Column::Actual);
    CHECK(column_of("得分") == Column::Score);
    CHECK(column_of("指标值说明") == Column::Note);
    CHECK(column_of("备注") == Column::Note);
    CHECK(column_of("绩效标准") == Column::Standard);
    CHECK(column_of("未达到指标值原因") == Column::Reason);
    CHECK(column_of("偏差原因") == Column::Reason);
    CHECK(column_of("绩 效 指 标") == Column::Label);
    CHECK(column_of("项目名称") == Column::Project);
}

TEST_CASE("grid: level decorations, codes, and cell shapes", "[grid]") {
    auto d = bpt::grid::split_decoration("产出指标(50分)");
    CHECK(d.name == "产出指标");
    CHECK(d.weight == "50");
    d = bpt::grid::split_decoration("效益指标（30分）");
    CHECK(d.name == "效益指标");
    CHECK(d.weight == "30");
    d = bpt::grid::split_decoration("经济效益 指标 (选填)");
    CHECK(d.name == "经济效益指标");
    CHECK(d.note == "选填");
    auto c = bpt::grid::split_code("820001-井研县马踏镇人民政府");
    REQUIRE(c);
    CHECK(c->code == "820001");
    CHECK(c->name == "井研县马踏镇人民政府");
    c = bpt::grid::split_code("[066]六安市农业农村局");
    REQUIRE(c);
    CHECK(c->code == "066");
    c = bpt::grid::split_code("207101天津市河北区人民法院");
    REQUIRE(c);
    CHECK(c->name == "天津市河北区人民法院");
    CHECK_FALSE(bpt::grid::split_code("2023年底"));
    CHECK_FALSE(bpt::grid::split_code("12月"));
    for (const char* l1 : {"产出指标", "效益指标(30分)", "满意度指标", "预期产出指标", "效果指标", "产出值", "项目完成指标"})
        CHECK(bpt::grid::looks_level1(l1));
    for (const char* l2 : {"数量指标", "经济效益 指标 (选填)", "数量值", "社会公众或服务对象满意度指标", "经济成本指标",
                           "生态环境成本指标", "时效指标(工期指标)"})
        CHECK(bpt::grid::looks_level2(l2));
    CHECK_FALSE(bpt::grid::looks_level2("检测及时率"));
    CHECK(bpt::grid::strip_readings("學(xué)校") == "學校");
    CHECK(bpt::grid::strip_readings("重量(kg)") == "重量(kg)");
}

TEST_CASE("grid: a layout extraction, columns padded with runs of spaces, names with one space inside", "[grid]") {
    auto r = read("grid/layout-spaces.txt");
    CHECK(r.detected);
    auto p = r.projects();
    REQUIRE(p.size() == 1);
    CHECK(cell(p[0], bpt::Role::Name) == "社区 养老服务 补助经费");
    CHECK(cell(p[0], bpt::Role::Department) == "示例区民政局");
    CHECK(cell(p[0], bpt::Role::BudgetUnit) == "示例区养老服务中心");
    CHECK(cell(p[0], bpt::Role::Total) == "245");
    CHECK(cell(p[0], bpt::Role::Fiscal) == "245");
    CHECK(cell(p[0], bpt::Role::Other) == "0");
    CHECK(cell(p[0], bpt::Role::Goal) == "为辖区 60 岁以上老年人提供助餐、助浴等居家养老服务。");
    auto i = r.indicators();
    CHECK(inds(r) == std::vector<std::string>{
        "产出指标 | 数量指标 | 助餐服务 人次 | ≥12000人次",
        "产出指标 | 数量指标 | 助浴服务 人次 | ≥600人次",
        "产出指标 | 质量指标 | 服务合格率 | ≥95%",
        "产出指标 | 时效指标 | 补助发放 及时率 | 100%",
        "效益指标 | 社会效益指标 | 老年人 生活质量 | 明显提升",
        "满意度指标 | 服务对象满意度指标 | 服务对象满意度 | ≥90%",
    });
    CHECK(cell(i[5], bpt::Role::Weight) == "20");
    // The file ends on the table's last row, past its target: nothing says it is cut.
    CHECK(r.rules().empty());
}

TEST_CASE("grid: the header repeated on each page continues the same project", "[grid]") {
    bpt::test::TempDir dir;
    bpt::test::write_file(dir / "paged.txt",
                          "项目名称 | 道路养护 |\n资金总额 | 12.5 |\n"
                          "一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
                          "产出指标 | 数量指标 | 养护里程 | ≥30公里 |\n"
                          "\f"
                          "一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
                          "质量指标 | 养护合格率 | ≥95% |\n"
                          "满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90% |\n");
    auto r = read_path((dir / "paged.txt").string());
    auto p = r.projects();
    REQUIRE(p.size() == 1);
    CHECK(cell(p[0], bpt::Role::Total) == "12.5");
    CHECK(inds(r) == std::vector<std::string>{
        "产出指标 | 数量指标 | 养护里程 | ≥30公里",
        "产出指标 | 质量指标 | 养护合格率 | ≥95%",
        "满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90%",
    });
    CHECK(r.rules().empty());
}

TEST_CASE("grid: a multi-project grid saved by a spreadsheet: merged project cells saved empty", "[grid]") {
    auto r = read("grid/multiproject-spreadsheet.tsv");
    CHECK(r.detected);
    CHECK(r.of(bpt::RowKind::Department).size() == 1);
    auto p = r.projects();
    REQUIRE(p.size() == 2);
    CHECK(cell(p[0], bpt::Role::Name) == "村组干部报酬");
    CHECK(cell(p[1], bpt::Role::Name) == "基层组织活动经费");
    CHECK(cell(p[1], bpt::Role::BudgetUnit) == "井研县马踏镇人民政府");  // the empty cell carries it down
    CHECK(cell(p[1], bpt::Role::Code) == "820001");
    CHECK(cell(p[1], bpt::Role::Total) == "660,000.00");
    CHECK(cell(p[1], bpt::Role::AmountUnit) == "元");
    auto i = r.indicators();
    REQUIRE(i.size() == 13);
    CHECK(ind(i[1]) == "产出指标 | 时效指标 | 维持时效 | 1");
    CHECK(ind(i[12]) == "产出指标 | 数量指标 | 行政村数量 | 11");
    CHECK(cell(i[12], bpt::Role::Weight) == "10");  // whole here: the spreadsheet's row is complete
    CHECK(r.rules().empty());
}

TEST_CASE("grid: one cell per line with no blank lines (extractor order); a file ending on a target", "[grid]") {
    auto r = read("grid/single-project-raw-lines.txt");
    CHECK(r.detected);
    auto p = r.projects();
    REQUIRE(p.size() == 1);
    CHECK(cell(p[0], bpt::Role::Name) == "乡村道路养护");
    CHECK(cell(p[0], bpt::Role::Total) == "88.5");
    CHECK(cell(p[0], bpt::Role::Fiscal) == "80");
    CHECK(cell(p[0], bpt::Role::Other) == "8.5");
    CHECK(inds(r) == std::vector<std::string>{
        "产出指标 | 数量指标 | 养护里程 | ≥300公里",
        "产出指标 | 数量指标 | 桥梁检查座数 | ≥20座",
        "产出指标 | 质量指标 | 养护合格率 | ≥95%",
        "效益指标 | 社会效益指标 | 群众出行条件 | 明显改善",
    });
    // Nothing after the last target shows the file complete: a cut `≥90%` would look
    // the same, so that row is not read, and the reader says so.
    REQUIRE(r.rules() == std::vector<std::string>{"incomplete-project"});
    CHECK(r.sink.findings[0].quote == "≥90%");
    CHECK(r.sink.findings[0].message ==
          "the input ends inside the table, in an indicator row at or before its target, which may be cut: "
          "the row is not read; the rows before it are");
}

TEST_CASE("grid: value columns that name their period, in either order; pipes without outer bars", "[grid]") {
    auto r = read("grid/period-annual-named-bare-pipes.txt");
    CHECK(r.detected);
    auto p = r.projects();
    REQUIRE(p.size() == 1);
    CHECK(cell(p[0], bpt::Role::Name) == "河道保洁");
    CHECK(inds(r) == std::vector<std::string>{
        "产出指标 | 数量指标 | 保洁河道长度 | ≥120公里 / ≥40公里",
        "满意度指标 | 服务对象满意度指标 | 沿河群众满意度 | ≥90% / ≥90%",
    });
    CHECK(cell(r.indicators()[1], bpt::Role::Note) == "抽样调查");
    CHECK(r.rules().empty());  // no row closes with `|`, so an open last row is no cut
}

// ---------------------------------------------------------------------------
// Through the Assembler: the rows this reader finds make records there.

#include "bpt/assembler.h"

namespace {

struct Records : bpt::Sink {
    std::vector<bpt::Project> projects;
    std::vector<bpt::Diagnostic> diagnostics;
    void on_project(const bpt::Project& p) override { projects.push_back(p); }
    void on_diagnostic(const bpt::Diagnostic& d) override { diagnostics.push_back(d); }
};

Records assemble(const std::string& name) {
    Records out;
    bpt::DocumentInfo info;
    info.path = name;
    info.dialect = "grid";
    bpt::Assembler assembler(out, info);
    auto src = bpt::Source::open(bpt::test::data_path(name).string());
    bpt::GridReader reader(assembler);
    bpt::Line line;
    while (src->next(line)) reader.line(line);
    reader.finish();
    assembler.finish();
    return out;
}

}  // namespace

TEST_CASE("grid through the assembler: amounts exact in their decimals, levels and targets", "[grid]") {
    auto r = assemble("realworld/rw-04-linyi-school-2025-single-lines.txt");
    REQUIRE(r.projects.size() == 1);
    const auto& p = r.projects[0];
    CHECK(p.name == "小学教育公用经费");
    REQUIRE(p.amounts.total);
    CHECK(p.amounts.total->to_string() == "438.768");
    CHECK(p.amounts.fiscal->to_string() == "438.768");
    REQUIRE(p.indicators.size() == 8);
    REQUIRE(p.indicators[0].level1);
    CHECK(p.indicators[0].level1->name == "产出值");
    CHECK(p.indicators[0].level2->name == "数量值");
    CHECK(p.indicators[0].name == "小学就读人数");
    REQUIRE(p.indicators[0].annual);
    CHECK(p.indicators[0].annual->raw == "<=6962人");

    auto m = assemble("realworld/rw-01-jingyan-mata-2023-multiproject-pipe-grid.txt");
    REQUIRE(m.projects.size() == 2);
    CHECK(m.projects[0].name == "村组干部报酬");
    CHECK(m.projects[0].amounts.total->to_string() == "3309840.00");
    CHECK(m.projects[0].indicators.size() == 8);
    CHECK(m.projects[1].name == "基层组织活动经费");
    CHECK(m.projects[1].indicators.size() == 5);
    // Op, value and unit cells make one target.
    REQUIRE(m.projects[0].indicators[0].annual);
    CHECK(m.projects[0].indicators[0].annual->raw == "≥95%");
}
