#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "bpt/assembler.h"
#include "bpt/export_reader.h"
#include "bpt/pipeline.h"
#include "bpt/validate.h"
#include "test_util.h"

namespace {

struct Collect : bpt::Sink {
    int documents = 0;
    bool document_first = true;
    bpt::DocumentInfo doc;
    std::optional<bpt::Amounts> total;
    std::vector<bpt::Department> departments;
    std::vector<bpt::Project> projects;
    std::vector<bpt::Diagnostic> diagnostics;
    bool table = false;
    void on_document(const bpt::DocumentInfo& d) override {
        ++documents;
        doc = d;
    }
    void seen() {
        if (documents == 0) document_first = false;
    }
    void on_declared_total(const bpt::Amounts& a, const bpt::Location&) override {
        seen();
        total = a;
    }
    void on_department(const bpt::Department& d) override {
        seen();
        departments.push_back(d);
    }
    void on_project(const bpt::Project& p) override {
        seen();
        projects.push_back(p);
    }
    void on_diagnostic(const bpt::Diagnostic& d) override {
        seen();
        diagnostics.push_back(d);
    }
    std::vector<std::string> rules() const {
        std::vector<std::string> r;
        for (const auto& d : diagnostics) r.push_back(std::string(d.id()));
        return r;
    }
    const bpt::Diagnostic* find(const std::string& rule) const {
        for (const auto& d : diagnostics)
            if (d.rule == rule) return &d;
        return nullptr;
    }
};

// Through the whole pipeline, dialect detected unless `dialect` says otherwise.
Collect read(const std::string& bytes, std::optional<bpt::Dialect> dialect = {}) {
    auto source = bpt::Source::from_string(bytes, "t.tsv");
    Collect c;
    bpt::ReadOptions options;
    options.dialect = std::move(dialect);
    // The reader's own findings only: the validator's rules have tests of their own.
    options.validation = bpt::reader_rules_only();
    c.table = bpt::read_document(*source, c, options).table;
    return c;
}

const std::string kHeader = "主管部门\t预算单位\t项目名称\t绩效目标\t绩效指标\n";
const std::string kClause = "1、产出指标：次数，年度指标值：≥1次。";

std::string row(const std::string& name, const std::string& goal = "目标。") {
    return "某局\t某局本级\t" + name + "\t" + goal + "\t" + kClause + "\n";
}

}  // namespace

TEST_CASE("Export: a tab-separated table with title, blank lines and a ruler", "[export]") {
    auto c = read("\n项目支出绩效目标表\n\n" + kHeader + row("甲经费（狮岭镇）") + "\n" + row("乙经费") +
                  "-----\t-----\t---\t--\t--\n");
    REQUIRE(c.table);
    CHECK(c.document_first);
    CHECK(c.documents == 1);
    CHECK(c.doc.dialect == "export");
    CHECK(c.doc.title == "项目支出绩效目标表");
    REQUIRE(c.projects.size() == 2);
    const auto& p = c.projects[0];
    CHECK(p.index == 1);
    CHECK(p.department == "某局");
    CHECK(p.budget_unit == "某局本级");
    CHECK(p.name == "甲经费（狮岭镇）");
    CHECK(p.base_name == "甲经费");
    CHECK(p.suffix == "狮岭镇");
    CHECK(p.town == "狮岭镇");
    CHECK(p.goal == "目标。");
    CHECK(p.indicators_text == kClause);
    REQUIRE(p.indicators.size() == 1);
    CHECK(p.indicators[0].name == "次数");
    CHECK(p.indicators[0].location.line == 5);
    CHECK(p.location == bpt::Location{5, 5, 1});
    CHECK(p.goal_line == 5);
    CHECK(p.indicators_line == 5);
    CHECK(p.amounts.empty());
    CHECK(c.projects[1].location.line == 7);
    CHECK_FALSE(c.projects[1].town);
    CHECK(c.departments.empty());
    CHECK(c.diagnostics.empty());
}

TEST_CASE("Export: columns are found by name, in any order", "[export]") {
    auto c = read("序号\t绩效指标\t项目名称（资金使用单位）\t预算 单位\t绩效目标\t主管部门\n"
                  "1\t" + kClause + "\t甲经费\t某局本级\t目标。\t某局\n");
    REQUIRE(c.projects.size() == 1);
    const auto& p = c.projects[0];
    CHECK(p.department == "某局");
    CHECK(p.budget_unit == "某局本级");
    CHECK(p.name == "甲经费");
    CHECK(p.goal == "目标。");
    CHECK(p.indicators_text == kClause);
    // The 序号 column is named in a diagnostic, so its cells are not dropped unannounced.
    REQUIRE(c.rules() == std::vector<std::string>{"export-unknown-column"});
    CHECK(c.diagnostics[0].severity == bpt::Severity::Info);
    CHECK(c.diagnostics[0].message.find("序号") != std::string::npos);
}

TEST_CASE("Export: header names map to columns", "[export]") {
    using C = bpt::ExportReader::Column;
    CHECK(bpt::ExportReader::column_for("主管部门") == C::Department);
    CHECK(bpt::ExportReader::column_for(" 预算单位名称 ") == C::BudgetUnit);
    CHECK(bpt::ExportReader::column_for("项目名称（资金使用单位）") == C::Name);
    CHECK(bpt::ExportReader::column_for("总计（万元）") == C::Total);
    CHECK(bpt::ExportReader::column_for("财政专户拨款") == C::FiscalSpecial);
    CHECK(bpt::ExportReader::column_for("财政拨款") == C::Fiscal);
    CHECK(bpt::ExportReader::column_for("其他资金") == C::Other);
    CHECK(bpt::ExportReader::column_for("绩效 指标") == C::Indicators);
    CHECK_FALSE(bpt::ExportReader::column_for("备注"));
    CHECK_FALSE(bpt::ExportReader::column_for(""));
}

TEST_CASE("Export: amount columns are read exactly, and a bad cell is reported", "[export]") {
    auto c = read("项目名称\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n"
                  "合计\t1,250.50\t1,000.00\t-\t250.5\t\t\n"
                  "甲经费\t1,000.00\t1,000.00\t\t\t目标。\t" + kClause + "\n"
                  "乙经费\t250.5\t\t\t250.50\t目标。\t" + kClause + "\n"
                  "丙经费\t约12\t\t\t\t目标。\t" + kClause + "\n");
    REQUIRE(c.total);
    CHECK(c.total->total->to_string() == "1250.50");
    CHECK(c.total->fiscal->to_string() == "1000.00");
    CHECK_FALSE(c.total->fiscal_special);  // a dash is a nil amount
    CHECK(c.total->other->to_string() == "250.5");  // as written: one decimal
    REQUIRE(c.projects.size() == 3);
    CHECK(c.projects[0].amounts.total->to_string() == "1000.00");
    CHECK(c.projects[0].amounts.fiscal->to_string() == "1000.00");
    CHECK_FALSE(c.projects[0].amounts.other);
    CHECK(c.projects[1].amounts.other->to_string() == "250.50");
    CHECK_FALSE(c.projects[2].amounts.total);
    REQUIRE(c.rules() == std::vector<std::string>{"bad-amount"});
    CHECK(c.diagnostics[0].severity == bpt::Severity::Error);
    CHECK(c.diagnostics[0].at.line == 5);
    CHECK(c.diagnostics[0].project == 3);
    CHECK(c.diagnostics[0].message.find("约12") != std::string::npos);
    CHECK(c.diagnostics[0].message.find("总计") != std::string::npos);
}

TEST_CASE("Export: a row with the wrong number of cells is never shifted", "[export]") {
    auto c = read(kHeader + row("甲经费") +
                  "某局\t甲经费\t目标。\t" + kClause + "\n" +             // a cell missing: skipped
                  "某局\t某局本级\t乙经费\t目标。\t" + kClause + "\t\t\n" +  // empty extras: read
                  "某局\t某局本级\t丙经费\t目标。\t" + kClause + "\t备注\n"  // text in an extra: skipped
    );
    REQUIRE(c.projects.size() == 2);
    CHECK(c.projects[0].name == "甲经费");
    CHECK(c.projects[1].name == "乙经费");
    CHECK(c.projects[1].indicators_text == kClause);
    REQUIRE(c.rules() == std::vector<std::string>{"export-cell-count", "export-cell-count", "export-cell-count"});
    for (const auto& d : c.diagnostics) CHECK(d.severity == bpt::Severity::Error);
    CHECK(c.diagnostics[0].at.line == 3);
    CHECK(c.diagnostics[0].message.find("skipped") != std::string::npos);
    CHECK(c.diagnostics[0].message.find("甲经费") != std::string::npos);
    CHECK(c.diagnostics[1].at.line == 4);
    CHECK(c.diagnostics[1].message.find("read") != std::string::npos);
    CHECK(c.diagnostics[2].at.line == 5);
    CHECK(c.diagnostics[2].message.find("丙经费") != std::string::npos);
}

TEST_CASE("Export: a file with no header is not a table", "[export]") {
    Collect c;
    bpt::Assembler assembler(c, {});
    bpt::ExportReader reader(assembler);
    reader.line({"项目支出绩效目标表", 1, false});
    reader.line({"甲\t乙\t丙", 2, false});
    reader.line({"项目名称 绩效目标 绩效指标", 3, false});  // words, not cells
    CHECK_FALSE(reader.saw_table());
    // The refusal is the export-no-header finding, with the lines it looked at.
    CHECK(reader.not_a_table() ==
          "error[export-no-header]: not a budget performance target table: no column header in 3 lines (expected a "
          "row naming 项目名称 and 绩效目标 or 绩效指标 in cells of their own, separated by tabs or commas)");
    CHECK(c.projects.empty());

    CHECK_FALSE(read("标题\n甲\t乙\n", bpt::Dialect::Export).table);
    CHECK_FALSE(read("", bpt::Dialect::Export).table);
}

TEST_CASE("Export: every line that is not read is reported", "[export]") {
    auto c = read("标题\n说明文字\n" + kHeader + row("甲经费") + "填报人：张三\n" + kHeader + "\t\t\t\t\n" +
                  row("乙经费"));
    REQUIRE(c.projects.size() == 2);
    REQUIRE(c.rules() == std::vector<std::string>{"unparsed-text", "unparsed-text"});
    CHECK(c.diagnostics[0].at.line == 2);
    CHECK(c.diagnostics[0].message.find("说明文字") != std::string::npos);
    CHECK(c.diagnostics[1].at.line == 5);
    CHECK(c.diagnostics[1].message.find("填报人") != std::string::npos);
}

TEST_CASE("Export: text under an unnamed column is reported", "[export]") {
    auto c = read("项目名称\t\t绩效指标\n甲经费\t旁注\t" + kClause + "\n");
    REQUIRE(c.projects.size() == 1);
    REQUIRE(c.rules() == std::vector<std::string>{"unparsed-text"});
    CHECK(c.diagnostics[0].message.find("旁注") != std::string::npos);
    CHECK(c.diagnostics[0].message.find("column 2") != std::string::npos);
}

TEST_CASE("Export: spreadsheet CSV with quoting and line breaks inside cells", "[export]") {
    const std::string csv =
        "项目支出绩效目标表,,,,\n"
        ",,,,\n"
        "主管部门,预算单位,项目名称,绩效目标,绩效指标\n"
        "某局,某局本级,\"甲经费, 一期（狮岭镇）\",\"他说\"\"好\"\"，\n"
        "  第二行。\",\"" + kClause + "\n"
        "2、效益指标：满意度，年度指标值：≥90%。\"\n"
        "某局,,乙经费,目标。," + kClause + "\n";
    auto check = [&](const Collect& c) {
        REQUIRE(c.table);
        CHECK(c.doc.dialect == "export");
        CHECK(c.doc.title == "项目支出绩效目标表");
        REQUIRE(c.projects.size() == 2);
        const auto& p = c.projects[0];
        CHECK(p.name == "甲经费, 一期（狮岭镇）");
        CHECK(p.town == "狮岭镇");
        CHECK(p.goal == "他说\"好\"，第二行。");
        CHECK(p.indicators_text == kClause + "2、效益指标：满意度，年度指标值：≥90%。");
        REQUIRE(p.indicators.size() == 2);
        CHECK(p.indicators[0].location.line == 5);
        CHECK(p.indicators[1].location.line == 6);
        CHECK(p.location.line == 4);
        CHECK(p.location.end_line == 6);
        CHECK(p.goal_line == 4);
        CHECK(p.indicators_line == 5);
        CHECK(c.projects[1].location.line == 7);
        // A merged 预算单位 cell comes out empty below its first row.
        CHECK(c.projects[1].budget_unit == "某局本级");
        CHECK(c.diagnostics.empty());
    };
    SECTION("UTF-8") { check(read(csv)); }
    SECTION("GB18030 with CRLF") {
        std::string crlf;
        for (char ch : csv) {
            if (ch == '\n') crlf += '\r';
            crlf += ch;
        }
        check(read(bpt::test::encode(crlf, "GB18030")));
    }
}

TEST_CASE("Export: a stray quote does not swallow the rest of the file", "[export]") {
    auto c = read(kHeader + "某局\t某局本级\t\"两新组织经费\t目标。\t" + kClause + "\n" + row("乙经费") + row("丙经费"));
    REQUIRE(c.projects.size() == 3);
    CHECK(c.projects[0].name == "\"两新组织经费");
    CHECK(c.projects[1].name == "乙经费");
    CHECK(c.projects[2].location.line == 4);
    REQUIRE(c.rules() == std::vector<std::string>{"export-unclosed-quote"});
    CHECK(c.diagnostics[0].at.line == 2);

    // Two stray quotes in the same column rows apart must not pair up and merge
    // the rows between them into one cell.
    auto paired = read(kHeader + "某局\t某局本级\t甲经费\t\"目标。\t" + kClause + "\n" + "某局\t某局本级\t乙经费\t\"目标。\t" +
                       kClause + "\n");
    REQUIRE(paired.projects.size() == 2);
    CHECK(paired.projects[0].name == "甲经费");
    CHECK(paired.projects[1].name == "乙经费");
    CHECK(paired.projects[1].goal == "\"目标。");
    CHECK(paired.rules() == std::vector<std::string>{"export-unclosed-quote", "export-unclosed-quote"});

    // Quotes inside a cell's text are text.
    auto inner = read(kHeader + row("\"两新\"组织党建工作经费"));
    REQUIRE(inner.projects.size() == 1);
    CHECK(inner.projects[0].name == "\"两新\"组织党建工作经费");
    CHECK(inner.diagnostics.empty());
}

TEST_CASE("Export: department rows and merged department cells", "[export]") {
    auto c = read("主管部门\t预算单位\t项目名称\t总计\t绩效目标\t绩效指标\n"
                  "某局\t\t\t30.00\t\t\n"
                  "\t某局本级\t甲经费\t10.00\t目标。\t" + kClause + "\n"
                  "\t\t乙经费\t20.00\t目标。\t" + kClause + "\n"
                  "另一局\t\t丙经费\t5.00\t目标。\t" + kClause + "\n");
    REQUIRE(c.departments.size() == 1);
    CHECK(c.departments[0].name == "某局");
    CHECK(c.departments[0].declared_total.total->to_string() == "30.00");
    CHECK(c.departments[0].location.line == 2);
    REQUIRE(c.projects.size() == 3);
    CHECK(c.projects[0].department == "某局");
    CHECK(c.projects[1].department == "某局");
    CHECK(c.projects[1].budget_unit == "某局本级");
    CHECK(c.projects[2].department == "另一局");
    CHECK_FALSE(c.projects[2].budget_unit);  // a new department does not inherit the old unit
    CHECK(c.diagnostics.empty());
}

TEST_CASE("Export: each project is pushed as soon as its row is complete", "[export]") {
    Collect c;
    bpt::Assembler assembler(c, {});
    bpt::ExportReader reader(assembler);
    reader.line({"项目名称,绩效目标,绩效指标", 1, false});
    reader.line({"甲经费,\"目标", 2, false});
    CHECK(c.projects.empty());
    reader.line({"续。\"," + kClause, 3, false});
    REQUIRE(c.projects.size() == 1);
    CHECK(c.projects[0].goal == "目标续。");
    reader.line({"乙经费,目标。," + kClause, 4, false});
    CHECK(c.projects.size() == 2);
    reader.finish();
    assembler.finish();
    CHECK(c.documents == 1);
}

TEST_CASE("Export: the dialect is told from the first lines", "[export][detect]") {
    using V = std::vector<std::string>;
    CHECK(bpt::detect_dialect(V{"", "标题", "主管部门\t预算单位\t项目名称\t绩效目标\t绩效指标", "甲\t乙\t丙\t丁\t戊"}) ==
          bpt::Dialect::Export);
    CHECK(bpt::detect_dialect(V{"标题,,", "项目名称,绩效目标,绩效指标", "\"a,b\",c,d"}) == bpt::Dialect::Export);
    CHECK(bpt::detect_dialect(V{"\"项目名称\",\"绩效指标\""}) == bpt::Dialect::Export);
    CHECK(bpt::detect_dialect(V{"项目名称\t绩效目标"}) == bpt::Dialect::Export);
    // The layout header: words separated by spaces, not cells.
    CHECK(bpt::detect_dialect(V{"项目支出绩效目标表", "部门名称：某局 单位：万元",
                                "项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标",
                                "合计 30.00 30.00", "    甲经费 30.00 30.00"}) == bpt::Dialect::Layout);
    // A layout extractor that put tabs between the header's words, and everywhere else.
    CHECK(bpt::detect_dialect(V{"项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标",
                                "合计\t30.00\t30.00", "\t甲经费\t30.00\t30.00", "目标。", kClause}) == bpt::Dialect::Layout);
    CHECK(bpt::detect_dialect(V{"项目名称\t总计"}) == bpt::Dialect::Layout);             // no 绩效 column
    CHECK(bpt::detect_dialect(V{"项目名称绩效目标\t其他"}) == bpt::Dialect::Layout);     // not cells of their own
    CHECK(bpt::detect_dialect(V{}) == bpt::Dialect::Layout);
}

TEST_CASE("Export: the layout sample is still read as layout, and forcing export on it fails cleanly", "[export]") {
    auto sample = bpt::test::read_file(bpt::test::data_path("huadu-org-layout.txt"));
    auto c = read(sample);
    CHECK(c.doc.dialect == "layout");
    CHECK(c.projects.size() == 177);
    auto forced = read(sample, bpt::Dialect::Export);
    CHECK_FALSE(forced.table);
    CHECK(forced.projects.empty());
}
