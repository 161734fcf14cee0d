// The PDF input (pdf_source.h) and the PDF table reader (pdf_reader.h) on real PDFs:
// the spreadsheet-typeset sample, PDFs of the same table from other producers
// (data/pdf/README.md says how each was made), and PDFs that must be refused.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bpt/money.h"
#include "bpt/pdf_reader.h"
#include "bpt/pdf_source.h"
#include "pdf_text_sample.h"
#include "test_util.h"

#if BPT_HAVE_PDF

namespace {

using bpt::Role;
using bpt::RowKind;

struct Finding {
    bpt::Rule rule;
    std::string message;
    bpt::Location at;
    std::string quote;
};

struct Rows : bpt::RowSink {
    std::vector<bpt::Row> rows;
    std::vector<Finding> findings;
    bool saw_table = false;
    std::uint32_t pages = 0;

    void row(bpt::Row& r) override { rows.push_back(r); }
    void finding(bpt::Rule rule, std::string message, bpt::Location at, std::string_view quote, bool) override {
        findings.push_back({rule, std::move(message), at, std::string(quote)});
    }
    std::vector<const bpt::Row*> of(RowKind kind) const {
        std::vector<const bpt::Row*> out;
        for (const auto& r : rows)
            if (r.kind == kind) out.push_back(&r);
        return out;
    }
};

std::string pdf_path(const std::string& name) { return bpt::test::data_path(name).string(); }

Rows read_pdf(const std::string& path, const std::optional<std::string>& password = {}) {
    Rows out;
    auto source = bpt::PdfSource::open(path, password);
    bpt::PdfReader reader(out);
    bpt::PdfPage page;
    while (source->next(page)) ++out.pages, reader.page(page);
    reader.finish();
    out.saw_table = reader.saw_table();
    return out;
}

std::string cell(const bpt::Row& r, Role role) {
    const auto* c = r.find(role);
    return c ? c->text : std::string();
}

std::optional<bpt::Money> money(const bpt::Row& r, Role role) {
    const auto* c = r.find(role);
    if (!c) return std::nullopt;
    std::string digits;
    for (char ch : c->text)
        if (ch != ',') digits += ch;
    auto m = bpt::Money::parse(digits);
    REQUIRE(m);
    return m;
}

std::size_t clauses(const std::string& indicators) { return bpt::test::count_clauses(indicators); }

const std::map<std::string, bpt::test::SampleProject>& text_sample() { return bpt::test::huadu_text_sample(); }

// Runs of spaces as one: a PDF cannot carry a run of spaces faithfully (a browser
// collapses it, a spreadsheet draws it as one gap).
std::string collapse_spaces(const std::string& s) {
    std::string out;
    for (char c : s)
        if (!(c == ' ' && !out.empty() && out.back() == ' ')) out += c;
    return out;
}

// Every project row's name, goal and indicator text equal the text sample's record
// of the same name; `inexact` counts the cells equal only once runs of spaces are
// collapsed. Returns the number of indicator clauses.
std::size_t check_against_text_sample(const Rows& rows, std::size_t& inexact) {
    std::size_t n = 0;
    inexact = 0;
    for (const auto* r : rows.of(RowKind::Project)) {
        const std::string name = cell(*r, Role::Name);
        INFO("project " << name << " on page " << r->at.page);
        auto it = text_sample().find(name);
        REQUIRE(it != text_sample().end());
        for (auto [got, want] : {std::pair{cell(*r, Role::Goal), it->second.goal},
                                 std::pair{cell(*r, Role::Indicators), it->second.indicators_text}}) {
            if (got == want) continue;
            ++inexact;
            CHECK(collapse_spaces(got) == collapse_spaces(want));
        }
        n += clauses(cell(*r, Role::Indicators));
    }
    return n;
}

std::string amount_json(const std::optional<bpt::Money>& m) { return m ? m->to_string() : "null"; }
std::string amount_json(const nlohmann::json& j) { return j.is_null() ? "null" : j.get<std::string>(); }

// A fixture against its expected figures (data/pdf/<name>.expected.json).
void check_fixture(const std::string& pdf, const std::string& expected_json, const Rows& rows) {
    INFO(pdf);
    auto e = nlohmann::json::parse(bpt::test::read_file(bpt::test::data_path(expected_json)));
    auto projects = rows.of(RowKind::Project);
    REQUIRE(projects.size() == e["projects"].get<std::size_t>());
    CHECK(rows.pages == e["pages"].get<std::uint32_t>());
    bpt::Money sum;
    std::size_t indicators = 0;
    for (std::size_t i = 0; i < projects.size(); ++i) {
        const auto& r = *projects[i];
        const auto& x = e["rows"][i];
        INFO("row " << i);
        CHECK(cell(r, Role::Name) == x["name"].get<std::string>());
        CHECK(amount_json(money(r, Role::Total)) == amount_json(x["total"]));
        CHECK(amount_json(money(r, Role::Fiscal)) == amount_json(x["fiscal"]));
        CHECK(amount_json(money(r, Role::FiscalSpecial)) == amount_json(x["fiscal_special"]));
        CHECK(amount_json(money(r, Role::Other)) == amount_json(x["other"]));
        CHECK(clauses(cell(r, Role::Indicators)) == x["indicators"].get<std::size_t>());
        indicators += clauses(cell(r, Role::Indicators));
        sum = *sum.checked_add(*money(r, Role::Total));
    }
    CHECK(sum.to_string() == e["total"].get<std::string>());
    CHECK(indicators == e["indicators"].get<std::size_t>());
    auto totals = rows.of(RowKind::GrandTotal);
    REQUIRE(totals.size() == 1);
    CHECK(amount_json(money(*totals[0], Role::Total)) == e["declared_total"].get<std::string>());
    const auto& ct = e["column_totals"];
    CHECK(amount_json(money(*totals[0], Role::Fiscal)) == amount_json(ct["fiscal"]));
    CHECK(amount_json(money(*totals[0], Role::FiscalSpecial)) == amount_json(ct["fiscal_special"]));
    CHECK(amount_json(money(*totals[0], Role::Other)) == amount_json(ct["other"]));
    auto departments = rows.of(RowKind::Department);
    REQUIRE(departments.size() == e["departments"].size());
    for (std::size_t i = 0; i < departments.size(); ++i) {
        CHECK(cell(*departments[i], Role::Name) == e["departments"][i]["name"].get<std::string>());
        CHECK(amount_json(money(*departments[i], Role::Total)) == e["departments"][i]["subtotal"].get<std::string>());
    }
    // Nothing was left over: every box of these PDFs belongs to a row or is furniture.
    for (const auto& f : rows.findings) INFO(bpt::rule_id(f.rule) << ": " << f.message << " |" << f.quote << "|");
    CHECK(rows.findings.empty());
}

}  // namespace

TEST_CASE("PDF: the spreadsheet-typeset sample gives the text sample's 174 projects", "[pdf]") {
    Rows rows = read_pdf(pdf_path("huadu-org-calc.pdf"));
    REQUIRE(rows.saw_table);
    CHECK(rows.pages == 29);
    CHECK(rows.findings.empty());

    auto titles = rows.of(RowKind::Title);
    REQUIRE(titles.size() == 1);
    CHECK(cell(*titles[0], Role::Title) == "项目支出绩效目标表（含转移支付项目）");
    auto meta = rows.of(RowKind::Meta);
    REQUIRE(meta.size() == 1);  // repeated on no page; emitted once
    CHECK(cell(*meta[0], Role::Department) == "中国共产党广州市花都区委员会组织部");
    CHECK(cell(*meta[0], Role::AmountUnit) == "万元");

    auto totals = rows.of(RowKind::GrandTotal);
    REQUIRE(totals.size() == 1);
    CHECK(cell(*totals[0], Role::Name) == "合计");
    CHECK(cell(*totals[0], Role::Total) == "9,246.72");  // exact text, as printed
    auto departments = rows.of(RowKind::Department);
    REQUIRE(departments.size() == 1);
    CHECK(cell(*departments[0], Role::Name) == "中国共产党广州市花都区委员会组织部");

    auto projects = rows.of(RowKind::Project);
    REQUIRE(projects.size() == 174);
    bpt::Money sum;
    for (const auto* r : projects) sum = *sum.checked_add(*money(*r, Role::Total));
    CHECK(sum.to_string() == "9246.72");
    CHECK(sum == *money(*totals[0], Role::Total));
    std::size_t inexact = 0;
    CHECK(check_against_text_sample(rows, inexact) == 701);
    // 干部培训经费's indicators: `≧  5期` (two spaces) in the text, one gap in the PDF.
    CHECK(inexact == 1);

    // Locations: page and top-left position of the first box; each wrapped line marked.
    const auto& first = *projects[0];
    CHECK(first.at.page == 1);
    CHECK(first.at.line == 0);
    const auto* name = first.find(Role::Name);
    REQUIRE(name);
    CHECK(name->text == "党代表任期制工作经费（狮岭镇）");
    CHECK(name->at.x == Approx(38.4).margin(0.5));  // indented against 合计 at 30.2
    CHECK(name->at.y == Approx(169.7).margin(0.5));
    REQUIRE(name->marks.size() == 2);
    CHECK(name->marks[1].offset == std::string("党代表任期制工作经费（狮").size());
    CHECK(name->marks[1].at.x == Approx(30.2).margin(0.5));
    const auto* ind = first.find(Role::Indicators);
    REQUIRE(ind);
    CHECK(ind->marks.size() == 8);
    CHECK(ind->at.page == 1);
    CHECK(projects.back()->at.page == 29);
}

TEST_CASE("PDF: the same table from other producers gives the same records", "[pdf]") {
    SECTION("the sample itself") {
        check_fixture("huadu-org-calc.pdf", "pdf/huadu-org-calc.expected.json", read_pdf(pdf_path("huadu-org-calc.pdf")));
    }
    SECTION("a browser's print: rows split across pages, top-aligned cells") {
        Rows rows = read_pdf(pdf_path("pdf/huadu-chromium.pdf"));
        check_fixture("huadu-chromium.pdf", "pdf/huadu-chromium.expected.json", rows);
        std::size_t inexact = 0;
        CHECK(check_against_text_sample(rows, inexact) == 701);
        CHECK(inexact <= 1);
    }
    SECTION("portrait, other column widths, names not indented, page footers") {
        Rows rows = read_pdf(pdf_path("pdf/huadu-portrait.pdf"));
        check_fixture("huadu-portrait.pdf", "pdf/huadu-portrait.expected.json", rows);
        std::size_t inexact = 0;
        CHECK(check_against_text_sample(rows, inexact) == 239);
        CHECK(inexact <= 1);
    }
    SECTION("a browser's print with middle-aligned cells; a cut row's parts start at the top") {
        Rows rows = read_pdf(pdf_path("pdf/chromium-middle.pdf"));
        check_fixture("chromium-middle.pdf", "pdf/chromium-middle.expected.json", rows);
        std::size_t inexact = 0;
        CHECK(check_against_text_sample(rows, inexact) == 701);
        CHECK(inexact <= 1);
    }
    SECTION("a browser's print with bottom-aligned cells: a cut row's rest is told from the next cell by the gap") {
        Rows rows = read_pdf(pdf_path("pdf/chromium-bottom.pdf"));
        check_fixture("chromium-bottom.pdf", "pdf/chromium-bottom.expected.json", rows);
        std::size_t inexact = 0;
        CHECK(check_against_text_sample(rows, inexact) == 701);
        CHECK(inexact <= 1);
    }
    SECTION("bottom-aligned cells in tall rows, a header cell wrapped over two lines, footers `- 1 -`") {
        Rows rows = read_pdf(pdf_path("pdf/bottom-aligned.pdf"));
        check_fixture("bottom-aligned.pdf", "pdf/bottom-aligned.expected.json", rows);
        std::size_t inexact = 0;
        CHECK(check_against_text_sample(rows, inexact) == 239);
        CHECK(inexact <= 1);
    }
    SECTION("two departments with their subtotals; a name cut by a page break") {
        Rows rows = read_pdf(pdf_path("pdf/two-departments.pdf"));
        check_fixture("two-departments.pdf", "pdf/two-departments.expected.json", rows);
        std::size_t inexact = 0;
        CHECK(check_against_text_sample(rows, inexact) == 248);
        CHECK(inexact <= 1);
    }
    SECTION("amounts in all four money columns") {
        Rows rows = read_pdf(pdf_path("pdf/four-columns.pdf"));
        check_fixture("four-columns.pdf", "pdf/four-columns.expected.json", rows);
        std::size_t inexact = 0;
        CHECK(check_against_text_sample(rows, inexact) == 164);
        CHECK(inexact <= 1);
    }
    SECTION("compatibility ideographs (⼯ U+2F2F, ⽬ U+2F6C) in the text layer are folded") {
        Rows rows = read_pdf(pdf_path("pdf/compat-ideographs.pdf"));
        check_fixture("compat-ideographs.pdf", "pdf/small.expected.json", rows);
        std::size_t inexact = 0;
        CHECK(check_against_text_sample(rows, inexact) == 13);
        CHECK(inexact == 0);
        for (const auto& r : rows.rows)
            for (const auto& c : r.cells) {
                CHECK(c.text.find("⼯") == std::string::npos);
                CHECK(c.text.find("⽬") == std::string::npos);
            }
    }
    SECTION("a page turned a quarter, either way: the text is turned back") {
        check_fixture("sideways-90.pdf", "pdf/small.expected.json", read_pdf(pdf_path("pdf/sideways-90.pdf")));
        check_fixture("sideways-270.pdf", "pdf/small.expected.json", read_pdf(pdf_path("pdf/sideways-270.pdf")));
    }
    SECTION("one page") {
        check_fixture("small.pdf", "pdf/small.expected.json", read_pdf(pdf_path("pdf/small.pdf")));
    }
}

TEST_CASE("PDF: a row broken by a page break is one row", "[pdf]") {
    // huadu-chromium.pdf: 20 of its 27 page breaks fall inside a row.
    Rows rows = read_pdf(pdf_path("pdf/huadu-chromium.pdf"));
    std::size_t spanning = 0;
    for (const auto* r : rows.of(RowKind::Project)) {
        const auto* ind = r->find(Role::Indicators);
        REQUIRE(ind);
        bool other_page = false;
        for (const auto& m : ind->marks) other_page = other_page || m.at.page != r->at.page;
        const auto* goal = r->find(Role::Goal);
        if (goal)
            for (const auto& m : goal->marks) other_page = other_page || m.at.page != r->at.page;
        spanning += other_page;
    }
    CHECK(spanning == 20);
}

TEST_CASE("PDF: encrypted files", "[pdf]") {
    const auto user = pdf_path("pdf/encrypted-user.pdf");
    SECTION("a user password is needed: say --password") {
        try {
            read_pdf(user);
            FAIL("no error");
        } catch (const bpt::PdfError& e) {
            CHECK(e.describe() == user + ": the PDF is encrypted with a password: give it with --password");
        }
    }
    SECTION("a wrong password") {
        CHECK_THROWS_WITH(read_pdf(user, std::string("wrong")), Catch::Contains("wrong password"));
    }
    SECTION("the right password opens it") {
        check_fixture("encrypted-user.pdf", "pdf/small.expected.json", read_pdf(user, std::string("secret")));
    }
    SECTION("an owner password alone does not stop reading") {
        check_fixture("encrypted-owner.pdf", "pdf/small.expected.json", read_pdf(pdf_path("pdf/encrypted-owner.pdf")));
    }
    SECTION("copying forbidden: the flag is ignored, as by Poppler's own tools (the text is read, not copied)") {
        check_fixture("encrypted-nocopy.pdf", "pdf/small.expected.json",
                      read_pdf(pdf_path("pdf/encrypted-nocopy.pdf")));
    }
}

TEST_CASE("PDF: bad files are refused with one clean line naming the file", "[pdf]") {
    SECTION("a scan has no text layer") {
        const auto scan = pdf_path("pdf/scan.pdf");
        try {
            read_pdf(scan);
            FAIL("no error");
        } catch (const bpt::PdfError& e) {
            CHECK_THAT(e.describe(), Catch::StartsWith(scan + ": has no text layer"));
            CHECK_THAT(e.describe(), Catch::Contains("OCR"));
            CHECK(e.describe().find('\n') == std::string::npos);
        }
    }
    for (const char* name : {"pdf/truncated.pdf", "pdf/damaged.pdf"}) {
        DYNAMIC_SECTION(name) {
            const auto path = pdf_path(name);
            try {
                read_pdf(path);
                FAIL("no error");
            } catch (const bpt::PdfError& e) {
                CHECK_THAT(e.describe(), Catch::StartsWith(path + ": damaged or truncated PDF"));
                CHECK(e.describe().find('\n') == std::string::npos);
            }
        }
    }
    SECTION("a scanned page inside a PDF with text is reported, not passed over") {
        Rows rows = read_pdf(pdf_path("pdf/scanned-page.pdf"));
        CHECK(rows.pages == 2);
        CHECK(rows.of(RowKind::Project).size() == 3);
        REQUIRE(rows.findings.size() == 1);
        CHECK(rows.findings[0].rule == bpt::Rule::PdfPageWithoutText);
        CHECK(rows.findings[0].at.page == 2);
        CHECK_THAT(rows.findings[0].message, Catch::Contains("OCR"));
    }
    SECTION("not a PDF at all") {
        const auto txt = pdf_path("huadu-org-layout.txt");
        CHECK_THROWS_WITH(read_pdf(txt), Catch::Contains("not a PDF"));
    }
    SECTION("a page that cannot be read names its page") {
        bpt::PdfError e("t.pdf", 3, "the page cannot be read (damaged PDF)");
        CHECK(e.describe() == "t.pdf:p3: the page cannot be read (damaged PDF)");
    }
    SECTION("a PDF with text but no table of this kind") {
        Rows rows = read_pdf(pdf_path("pdf/not-a-table.pdf"));
        CHECK_FALSE(rows.saw_table);
        CHECK(rows.rows.empty());
        // Its text is not dropped silently either.
        REQUIRE_FALSE(rows.findings.empty());
        CHECK(rows.findings[0].rule == bpt::Rule::UnparsedText);
    }
}

namespace {
// A /proc/self/status field in KiB (VmRSS, VmHWM).
long status_kib(const std::string& field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.starts_with(field + ":")) return std::stol(line.substr(field.size() + 1));
    return -1;
}
}  // namespace

TEST_CASE("PDF: pages are streamed: 1,000 pages in bounded memory", "[pdf]") {
    // Writing 5 to clear_refs resets the peak RSS, so VmHWM after the read is this
    // read's own peak, not an earlier test's.
    {
        std::ofstream clear("/proc/self/clear_refs");
        clear << "5";
    }
    const long before = status_kib("VmRSS");
    REQUIRE(before > 0);
    Rows rows;
    {
        auto source = bpt::PdfSource::open(pdf_path("pdf/thousand-pages.pdf"));
        CHECK(source->page_count() == 1000);
        // Rows are counted, not kept: what is measured is the source and the reader.
        struct Count : bpt::RowSink {
            std::size_t projects = 0, findings = 0;
            void row(bpt::Row& r) override { projects += r.kind == RowKind::Project; }
            void finding(bpt::Rule, std::string, bpt::Location, std::string_view, bool) override { ++findings; }
        } count;
        bpt::PdfReader reader(count);
        bpt::PdfPage page;
        while (source->next(page)) reader.page(page);
        reader.finish();
        CHECK(count.projects == 3000);
        CHECK(count.findings == 0);
    }
    const long peak = status_kib("VmHWM");
    INFO("RSS before " << before << " KiB, peak while reading " << peak << " KiB");
#if defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer keeps freed memory in quarantine (256 MiB by default) and adds
    // shadow memory, so RSS there says nothing about the reader's own memory: the
    // bound is asserted in the release suite, which runs this same test.
    CHECK(peak > 0);
#else
    CHECK(peak - before < 64 * 1024);
#endif
}

TEST_CASE("PDF reader: the 部门名称 line, with a department named …单位", "[pdf]") {
    // One page as Poppler would give it (positions from small.pdf), built here to vary
    // the words: a department whose name ends in 单位 must not lose it to 单位：元.
    auto box = [](std::string t, float x0, float y0, float x1) { return bpt::TextBox{std::move(t), x0, y0, x1, y0 + 10.7f, false}; };
    bpt::PdfPage page;
    page.number = 1;
    page.width = 841.9f;
    page.height = 595;
    page.boxes = {box("项目支出绩效目标表", 286, 34, 556),       box("部门名称：花都区某某事业单位", 28, 58, 215),
                  box("单位：元", 771, 58, 814),                  box("项目名称（资金使用单位）", 33, 75, 135),
                  box("总计", 160, 75, 177),                      box("财政拨款", 210, 75, 244),
                  box("绩效目标", 439, 75, 473),                  box("绩效指标", 663, 75, 697),
                  box("合计", 32, 91, 49),                        box("9.20", 176, 91, 194),
                  box("花都区某某事业单位", 32, 107, 134),        box("9.20", 176, 107, 194),
                  box("某某经费", 43, 134, 128),                  box("9.20", 176, 134, 194),
                  box("目标", 370, 134, 400),                     box("1、1-产出指标；", 550, 134, 700)};
    Rows rows;
    bpt::PdfReader reader(rows);
    reader.page(page);
    reader.finish();
    CHECK(reader.saw_table());
    CHECK(rows.findings.empty());
    auto meta = rows.of(RowKind::Meta);
    REQUIRE(meta.size() == 1);
    CHECK(cell(*meta[0], Role::Department) == "花都区某某事业单位");
    CHECK(cell(*meta[0], Role::AmountUnit) == "元");
    REQUIRE(rows.of(RowKind::Department).size() == 1);
    CHECK(cell(*rows.of(RowKind::Department)[0], Role::Name) == "花都区某某事业单位");
    REQUIRE(rows.of(RowKind::Project).size() == 1);
    CHECK(cell(*rows.of(RowKind::Project)[0], Role::Goal) == "目标");
}

TEST_CASE("PDF: a PDF from memory reads as from its file", "[pdf]") {
    auto bytes = bpt::test::read_file(bpt::test::data_path("pdf/small.pdf"));
    Rows out;
    auto source = bpt::PdfSource::from_bytes(bytes, "-");
    CHECK(source->page_count() == 1);
    bpt::PdfReader reader(out);
    bpt::PdfPage page;
    while (source->next(page)) reader.page(page);
    reader.finish();
    CHECK(out.of(RowKind::Project).size() == 3);
}

#else

TEST_CASE("PDF: a build without Poppler refuses PDFs plainly", "[pdf]") {
    CHECK_FALSE(bpt::pdf_supported());
    CHECK_THROWS_WITH(bpt::PdfSource::open(bpt::test::data_path("huadu-org-calc.pdf").string()),
                      Catch::Contains("bpt was built without PDF support"));
}

#endif
