// Issue 12: what bpt makes of every common extractor's text of the same table
// (data/extracted/, made from data/pdf/huadu-org-calc.pdf and huadu-chromium.pdf).
// Each file is either read exactly — the figures of data/pdf/*.expected.json and
// the names, goals and indicators of the text sample — or refused with exit 2 and
// one line that says what bpt saw and the way out. None may exit 0 with figures
// that differ from the table.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "bpt/drawing_reader.h"
#include "bpt/source.h"
#include "bpt/text.h"
#include "test_util.h"

using bpt::test::data_path;
using bpt::test::quote;
using bpt::test::run_bpt;
using nlohmann::json;

namespace {

std::filesystem::path extracted(const std::string& name) { return data_path("extracted/" + name); }

// JSON amounts are numbers; read through a double and rounded to hundredths, exact
// for amounts of this size. Expected amounts are strings (`9.20`).
std::int64_t cents(const json& v) { return v.is_null() ? -1 : std::llround(v.get<double>() * 100); }
std::int64_t cents_of(const json& v) {
    if (v.is_null()) return -1;
    auto m = bpt::Money::parse(v.get<std::string>());
    REQUIRE(m);
    return m->scaled() / 100;  // the expected amounts have two decimals
}

// The extractors write a PDF's text, which holds one space where the text sample
// has two (`≧  5期`): compared with runs of white space as one.
std::string squeeze(const std::string& s) {
    std::string out;
    for (auto part : bpt::text::split_ws(s)) {
        if (!out.empty()) out += ' ';
        out += part;
    }
    return out;
}

struct Record {
    std::string name, goal, indicators;
};

// The text sample's distinct projects (it repeats three rows at page breaks), in order.
const std::vector<Record>& sample_records() {
    static const std::vector<Record> records = [] {
        auto r = run_bpt("parse " + quote(data_path("huadu-org-layout.txt")));
        REQUIRE(r.rc == 0);
        auto doc = json::parse(r.out);
        std::vector<Record> out;
        std::set<std::string> seen;
        for (const auto& p : doc["projects"]) {
            Record rec{p["name"], p["goal"], squeeze(p["indicators_text"])};
            if (seen.insert(rec.name + '\n' + rec.goal + '\n' + rec.indicators).second) out.push_back(rec);
        }
        return out;
    }();
    return records;
}

// Findings about the reading itself; a faithful reading of this table has none.
const std::set<std::string> kReadingRules = {"unparsed-text",  "ambiguous-amounts", "invalid-amount",
                                             "missing-amounts", "incomplete-project", "no-projects",
                                             "bad-amount",      "total-mismatch",     "indicator-malformed",
                                             "missing-indicators", "missing-goal", "multiple-tables"};

void check_exact(const std::filesystem::path& file, const std::string& fixture,
                 const std::string& dialect = "drawing") {
    // -q silences the notice of the table's own findings (two errors in this
    // table), never a doubtful reading: nothing on standard error is the proof.
    auto r = run_bpt("parse -q " + quote(file));
    INFO(file.string() << "\n" << r.err);
    REQUIRE(r.rc == 0);
    CHECK(r.err.empty());
    auto doc = json::parse(r.out);
    auto expected = json::parse(bpt::test::read_file(data_path("pdf/" + fixture + ".expected.json")));
    CHECK(doc["source"]["dialect"] == dialect);

    const auto& projects = doc["projects"];
    REQUIRE(projects.size() == 174);
    REQUIRE(expected["rows"].size() == 174);
    std::int64_t sum = 0;
    std::size_t indicators = 0;
    for (std::size_t i = 0; i < projects.size(); ++i) {
        const auto& p = projects[i];
        const auto& e = expected["rows"][i];
        INFO("project " << i + 1 << " " << p["name"].get<std::string>());
        CHECK(p["name"] == e["name"]);
        CHECK(cents(p["amounts"]["total"]) == cents_of(e["total"]));
        CHECK(cents(p["amounts"]["fiscal"]) == cents_of(e["fiscal"]));
        CHECK(cents(p["amounts"]["fiscal_special"]) == cents_of(e["fiscal_special"]));
        CHECK(cents(p["amounts"]["other"]) == cents_of(e["other"]));
        CHECK(p["indicators"].size() == e["indicators"].get<std::size_t>());
        sum += cents(p["amounts"]["total"]);
        indicators += p["indicators"].size();
    }
    CHECK(sum == 924672);
    CHECK(cents(doc["declared_total"]["total"]) == 924672);
    CHECK(indicators == 701);
    REQUIRE(doc["departments"].size() == 1);
    CHECK(doc["departments"][0]["name"] == "中国共产党广州市花都区委员会组织部");
    CHECK(cents(doc["departments"][0]["declared_total"]["total"]) == 924672);

    const auto& records = sample_records();
    REQUIRE(records.size() == 174);
    std::size_t goals = 0, texts = 0;
    for (std::size_t i = 0; i < projects.size(); ++i) {
        INFO("project " << i + 1 << " " << records[i].name);
        CHECK(projects[i]["name"] == records[i].name);
        CHECK(projects[i]["goal"] == records[i].goal);
        CHECK(squeeze(projects[i]["indicators_text"]) == records[i].indicators);
        goals += projects[i]["goal"] == records[i].goal;
        texts += squeeze(projects[i]["indicators_text"]) == records[i].indicators;
    }
    CHECK(goals == 174);
    CHECK(texts == 174);
    for (const auto& d : doc["diagnostics"]) {
        INFO(d.dump());
        CHECK(kReadingRules.count(d["rule"].get<std::string>()) == 0);
    }
}

void check_refused(const std::filesystem::path& file, const std::string& message) {
    auto r = run_bpt("parse " + quote(file));
    INFO(file.string());
    CHECK(r.rc == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "bpt: " + file.string() + ": " + message + "\n");
}

constexpr const char* kWayOut = "extract with `pdftotext -layout`, or give bpt the PDF";

}  // namespace

TEST_CASE("pdftotext -raw of the Chromium PDF is read exactly", "[extract]") {
    check_exact(extracted("huadu-chromium.pdftotext-raw.txt"), "huadu-chromium");
}

TEST_CASE("mutool text of the Chromium PDF is read exactly", "[extract]") {
    check_exact(extracted("huadu-chromium.mutool.txt"), "huadu-chromium");
}

TEST_CASE("PyMuPDF text of the Chromium PDF is read exactly", "[extract]") {
    check_exact(extracted("huadu-chromium.pymupdf.txt"), "huadu-chromium");
}

TEST_CASE("Calc's drawing order (a page's amounts before its names) is refused", "[extract]") {
    std::string tail = std::string(", as a producer that draws a page's amounts before its names writes them "
                                   "(LibreOffice Calc): the text order cannot pair names and amounts; ") + kWayOut;
    check_refused(extracted("huadu-org-calc.pdftotext-raw.txt"),
                  "6 amounts follow one another from line 4 with no name between them (`9,246.72 9,246.72 "
                  "9,246.72 9,246.72 9.20…`)" + tail);
    check_refused(extracted("huadu-org-calc.mutool.txt"),
                  "5 amounts follow one another from line 15 with no name between them (`9,246.72 9,246.72 "
                  "9,246.72 9,246.72 9.20`)" + tail);
    check_refused(extracted("huadu-org-calc.pymupdf.txt"),
                  "5 amounts follow one another from line 12 with no name between them (`9,246.72 9,246.72 "
                  "9,246.72 9,246.72 9.20`)" + tail);
}

TEST_CASE("pdftotext's column blocks are refused", "[extract]") {
    for (const char* name : {"huadu-org-calc.pdftotext.txt", "huadu-chromium.pdftotext.txt"})
        check_refused(extracted(name),
                      std::string("the column header stops before `财政专户拨款` and the columns follow one another in "
                                  "blocks, as `pdftotext` without -layout writes them: names and amounts cannot be "
                                  "paired; ") + kWayOut);
}

TEST_CASE("pdfminer's reordered text is refused", "[extract]") {
    for (const char* name : {"huadu-org-calc.pdfminer.txt", "huadu-chromium.pdfminer.txt"})
        check_refused(extracted(name),
                      std::string("the title `项目支出绩效目标表（含转移支付项目）` comes after the column header, as "
                                  "pdfminer (pdf2txt) orders a page: names and amounts cannot be paired by their "
                                  "order; ") + kWayOut);
}

TEST_CASE("pypdf's glued cells are refused", "[extract]") {
    for (const char* name : {"huadu-org-calc.pypdf.txt", "huadu-chromium.pypdf.txt"})
        check_refused(extracted(name),
                      std::string("cells are glued together (`9,246.729,246.72`), as pypdf writes them: the amounts "
                                    "cannot be told apart for sure; ") + kWayOut);
}

TEST_CASE("glued amounts are found only where two table amounts touch", "[extract]") {
    using bpt::DrawingReader;
    CHECK(DrawingReader::find_glued_amounts("合计 9,246.729,246.72") == "9,246.729,246.72");
    CHECK(DrawingReader::find_glued_amounts("（狮岭镇）9.209.20 加强") == "9.209.20");
    CHECK(DrawingReader::find_glued_amounts("12.8012.80中国共产党") == "12.8012.80");
    CHECK(DrawingReader::find_glued_amounts("合计 9,246.72 9,246.72").empty());
    CHECK(DrawingReader::find_glued_amounts("实施周期指标值:≥95.5%；版本 1.2.3").empty());
    CHECK(DrawingReader::find_glued_amounts("2023.01.01").empty());
}

TEST_CASE("the text sample and the export are not taken for drawing-order or positional text", "[extract]") {
    for (const char* name : {"huadu-org-layout.txt", "huadu-org-export.tsv"}) {
        auto r = run_bpt("parse " + quote(data_path(name)));
        REQUIRE(r.rc == 0);
        CHECK(json::parse(r.out)["source"]["dialect"] != "drawing");
        CHECK(json::parse(r.out)["source"]["dialect"] != "positional");
    }
}

TEST_CASE("compatibility ideographs are folded as the text is read", "[extract]") {
    // Kangxi radicals, radical supplements and compatibility ideographs fold;
    // full-width punctuation and digits stay as written.
    CHECK(bpt::text::fold_compat_ideographs("党建⼯作（狮岭镇）：１") == "党建工作（狮岭镇）：１");
    CHECK(bpt::text::fold_compat_ideographs("\xEF\xA4\x9D") == "\xE6\xAC\x84");  // U+F91D → U+6B04 欄
    CHECK(bpt::text::fold_compat_ideographs("\xE2\xBA\x9F") == "\xE6\xAF\x8D");  // U+2E9F → U+6BCD 母
    CHECK(bpt::text::fold_compat_ideographs("ascii, 全角，（）") == "ascii, 全角，（）");

    bpt::test::TempDir dir;
    auto path = dir / "compat.txt";
    bpt::test::write_file(path, "a\n党建⼯作经费\n⼈才\f（狮岭镇）\n");
    auto source = bpt::Source::open(path.string());
    std::vector<std::string> lines;
    bpt::Line line;
    while (source->next(line)) lines.push_back(line.page_break ? "\\f" : std::string(line.text));
    CHECK(lines == std::vector<std::string>{"a", "党建工作经费", "人才", "\\f", "（狮岭镇）"});
}

TEST_CASE("a drawing-order table with radicals for ideographs reads as the typed one", "[extract]") {
    // A browser's PDF may map 工 to ⼯ (U+2F2F) in its text layer.
    std::string raw = bpt::test::read_file(extracted("huadu-chromium.pdftotext-raw.txt"));
    std::string radical;
    for (std::size_t at = 0;;) {
        std::size_t next = raw.find("工", at);
        radical += raw.substr(at, next == std::string::npos ? std::string::npos : next - at);
        if (next == std::string::npos) break;
        radical += "\xE2\xBC\xAF";  // ⼯
        at = next + std::string_view("工").size();
    }
    REQUIRE(radical != raw);
    bpt::test::TempDir dir;
    auto path = dir / "radicals.txt";
    bpt::test::write_file(path, radical);
    auto r = run_bpt("parse " + quote(path));
    REQUIRE(r.rc == 0);
    auto doc = json::parse(r.out);
    auto expected = json::parse(bpt::test::read_file(data_path("pdf/huadu-chromium.expected.json")));
    REQUIRE(doc["projects"].size() == 174);
    std::vector<std::string> names;
    for (const auto& p : doc["projects"]) names.push_back(p["name"]);
    CHECK(names == expected["names"].get<std::vector<std::string>>());
}

TEST_CASE("no extractor's text exits 0 with figures that differ from the table", "[extract]") {
    std::size_t exact = 0, loud = 0;
    for (const auto& entry : std::filesystem::directory_iterator(data_path("extracted"))) {
        if (entry.path().extension() != ".txt" && entry.path().extension() != ".csv") continue;
        auto r = run_bpt("parse " + quote(entry.path()));
        INFO(entry.path().string());
        if (r.rc != 0) {
            // Loud: one line on standard error.
            CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
            ++loud;
            continue;
        }
        std::string stem = entry.path().filename().string();
        const std::string dialect = entry.path().extension() == ".csv"              ? "export"
                                    : stem.find("layout") != std::string::npos ? "positional"
                                                                                : "drawing";
        check_exact(entry.path(), stem.substr(0, stem.find('.')), dialect);
        ++exact;
    }
    // Exact: chromium -raw, mutool, PyMuPDF; both pdftotext -layout; chromium
    // pdfplumber layout text; calc pdfplumber table CSV.
    CHECK(exact == 7);
    CHECK(loud == 13);
}

namespace {

// Runs a shell command; false when it fails.
bool shell(const std::string& command) { return std::system(command.c_str()) == 0; }

// The figures of data/pdf/<fixture>.expected.json, from a drawing-order reading.
void check_expected(const std::filesystem::path& file, const std::string& fixture,
                    const std::string& dialect = "drawing") {
    // -q silences the notice of the table's own findings (two errors in this
    // table), never a doubtful reading: nothing on standard error is the proof.
    auto r = run_bpt("parse -q " + quote(file));
    INFO(file.string() << "\n" << r.err);
    REQUIRE(r.rc == 0);
    CHECK(r.err.empty());
    auto doc = json::parse(r.out);
    auto expected = json::parse(bpt::test::read_file(data_path("pdf/" + fixture + ".expected.json")));
    CHECK(doc["source"]["dialect"] == dialect);
    const auto& projects = doc["projects"];
    REQUIRE(projects.size() == expected["rows"].size());
    std::int64_t sum = 0;
    std::size_t indicators = 0;
    for (std::size_t i = 0; i < projects.size(); ++i) {
        const auto& p = projects[i];
        const auto& e = expected["rows"][i];
        INFO("project " << i + 1);
        CHECK(p["name"] == e["name"]);
        for (const char* column : {"total", "fiscal", "fiscal_special", "other"})
            CHECK(cents(p["amounts"][column]) == cents_of(e[column]));
        CHECK(p["indicators"].size() == e["indicators"].get<std::size_t>());
        sum += cents(p["amounts"]["total"]);
        indicators += p["indicators"].size();
    }
    CHECK(sum == cents_of(expected["total"]));
    CHECK(cents(doc["declared_total"]["total"]) == cents_of(expected["declared_total"]));
    CHECK(indicators == expected["indicators"].get<std::size_t>());
    REQUIRE(doc["departments"].size() == expected["departments"].size());
    for (std::size_t i = 0; i < doc["departments"].size(); ++i) {
        CHECK(doc["departments"][i]["name"] == expected["departments"][i]["name"]);
        CHECK(cents(doc["departments"][i]["declared_total"]["total"]) ==
              cents_of(expected["departments"][i]["subtotal"]));
    }
    for (const auto& d : doc["diagnostics"]) {
        INFO(d.dump());
        CHECK(kReadingRules.count(d["rule"].get<std::string>()) == 0);
    }
}

}  // namespace

TEST_CASE("pdftotext -raw and mutool text of the other browser PDFs are read exactly", "[extract]") {
    // Generated here with Debian's poppler-utils and mupdf-tools (scripts/install-deps.sh):
    // four amount columns, two departments, names and cells cut by page breaks.
    bpt::test::TempDir dir;
    for (const char* fixture : {"small", "two-departments", "four-columns", "huadu-chromium"}) {
        auto pdf = data_path(std::string("pdf/") + fixture + ".pdf");
        auto raw = dir / (std::string(fixture) + ".raw.txt");
        auto mutool = dir / (std::string(fixture) + ".mutool.txt");
        REQUIRE(shell("pdftotext -raw " + quote(pdf) + " " + quote(raw)));
        REQUIRE(shell("mutool draw -q -F txt -o " + quote(mutool) + " " + quote(pdf) + " 2>/dev/null"));
        check_expected(raw, fixture);
        check_expected(mutool, fixture);
    }
}

TEST_CASE("pdftotext -raw and mutool text of the other Calc PDF are refused", "[extract]") {
    bpt::test::TempDir dir;
    auto pdf = data_path("pdf/huadu-portrait.pdf");
    for (const char* tool : {"raw", "mutool"}) {
        auto out = dir / (std::string(tool) + ".txt");
        REQUIRE(shell(std::string(tool) == "raw" ? "pdftotext -raw " + quote(pdf) + " " + quote(out)
                                                  : "mutool draw -q -F txt -o " + quote(out) + " " + quote(pdf) +
                                                        " 2>/dev/null"));
        auto r = run_bpt("parse " + quote(out));
        INFO(r.err);
        CHECK(r.rc == 2);
        CHECK(r.out.empty());
        CHECK(r.err.find("amounts follow one another from line") != std::string::npos);
        CHECK(r.err.find("(LibreOffice Calc): the text order cannot pair names and amounts; ") != std::string::npos);
    }
}

TEST_CASE("a goal line that starts with a number does not start a row in pdftotext -raw text", "[extract]") {
    std::string raw = bpt::test::read_file(extracted("huadu-chromium.pdftotext-raw.txt"));
    const std::string line = "性、制度性联系，充分发挥党代表联系党员群\n";
    auto at = raw.find(line);
    REQUIRE(at != std::string::npos);
    raw.insert(at, "12.50 ");
    bpt::test::TempDir dir;
    auto path = dir / "number.txt";
    bpt::test::write_file(path, raw);
    auto r = run_bpt("parse " + quote(path));
    REQUIRE(r.rc == 0);
    auto doc = json::parse(r.out);
    REQUIRE(doc["projects"].size() == 174);
    CHECK(doc["projects"][0]["name"] == "党代表任期制工作经费（狮岭镇）");
    CHECK(cents(doc["projects"][0]["amounts"]["total"]) == 920);
    CHECK(doc["projects"][0]["goal"].get<std::string>().starts_with("加强党代表大会代表与基层党员、群众的经常12.50 性、"));
}

TEST_CASE("a goal line that starts with a number does not start a row in mutool text", "[extract]") {
    // Once rows have shown their amounts alone on their lines, amounts followed by
    // text before a sentence's end are a goal's (here in the fourth project).
    std::string text = bpt::test::read_file(extracted("huadu-chromium.mutool.txt"));
    auto at = text.find("性、制度性联系，充分发挥党代表联系党员群\n", text.find("（赤坭镇）"));
    REQUIRE(at != std::string::npos);
    text.insert(at, "12.50 ");
    bpt::test::TempDir dir;
    auto path = dir / "number.txt";
    bpt::test::write_file(path, text);
    auto r = run_bpt("parse " + quote(path));
    REQUIRE(r.rc == 0);
    auto doc = json::parse(r.out);
    REQUIRE(doc["projects"].size() == 174);
    CHECK(doc["projects"][3]["name"] == "党代表任期制工作经费（赤坭镇）");
    CHECK(doc["projects"][3]["goal"].get<std::string>().find("的经常12.50 性、") != std::string::npos);
    CHECK(doc["summary"]["errors"] == 2);  // the table's own two indicator-code-mismatch errors
}

namespace {

// The lines of a file as an editor numbers them (a form feed is no line end).
std::vector<std::string> file_lines(const std::filesystem::path& file) {
    std::vector<std::string> out;
    std::string text = bpt::test::read_file(file), line;
    for (char c : text) {
        if (c == '\n') {
            out.push_back(std::move(line));
            line.clear();
        } else if (c != '\f') {
            line += c;
        }
    }
    out.push_back(line);
    return out;
}

// Display width: a CJK character is two columns.
std::size_t display_width(std::string_view s) {
    std::size_t w = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) w += c >= 0xE1 ? 2 : 1;
    return w;
}

}  // namespace

TEST_CASE("pdftotext -layout text of both PDFs is read exactly, by position", "[extract]") {
    check_exact(extracted("huadu-org-calc.pdftotext-layout.txt"), "huadu-org-calc", "positional");
    check_exact(extracted("huadu-chromium.pdftotext-layout.txt"), "huadu-chromium", "positional");
}

TEST_CASE("pdfplumber's layout text of the Chromium PDF is read exactly, by position", "[extract]") {
    check_exact(extracted("huadu-chromium.pdfplumber-layout.txt"), "huadu-chromium", "positional");
}

TEST_CASE("pdfplumber's table CSV of the Calc PDF is read exactly: the department row is a department", "[extract]") {
    check_exact(extracted("huadu-org-calc.pdfplumber-tables.csv"), "huadu-org-calc", "export");
}

TEST_CASE("pdfplumber's texts that cannot be read for sure are refused with the way out", "[extract]") {
    check_refused(extracted("huadu-chromium.pdfplumber.txt"),
                  std::string("the cells of a line are joined by single spaces or nothing, their columns lost "
                              "(`党代表任期制工作经费 9.20 9.20 加强党…`), as pdfplumber's extract_text() writes them: a "
                              "wrapped name, a goal and its indicators cannot be told apart; ") + kWayOut);
    check_refused(extracted("huadu-org-calc.pdfplumber.txt"),
                  std::string("the cells of a line are joined by single spaces or nothing, their columns lost "
                              "(`制1、1-产出指标；11…`), as pdfplumber's extract_text() writes them: a wrapped name, a "
                              "goal and its indicators cannot be told apart; ") + kWayOut);
    check_refused(extracted("huadu-org-calc.pdfplumber-layout.txt"),
                  std::string("a goal line runs into the indicator column on line 13 (`加强党代表大会代表与基层党员、"
                              "群众的经常性、制1、1-产出指…`), as pdfplumber's layout text glues the two cells: where "
                              "the goal ends cannot be told for sure; ") + kWayOut);
    // pdfplumber drops the last row of a page when the page break cuts it (20 rows of
    // the Chromium PDF): the rest of that row follows the header on the next page.
    check_refused(extracted("huadu-chromium.pdfplumber-tables.csv"),
                  std::string("the rest of a row continues on line 153 after the header printed again, with no name "
                              "and no amounts, but the row before it is complete: the first part of the row the page "
                              "break cut is missing, as pdfplumber's extract_tables() drops a page's last row when "
                              "the break cuts it; ") + kWayOut);
}

TEST_CASE("positional text locates projects and clauses by line and page", "[extract]") {
    struct Case {
        const char* file;
        std::size_t project;
        const char* name;
        bpt::LineNo line;
        std::uint32_t page;
    };
    for (auto c : {Case{"huadu-org-calc.pdftotext-layout.txt", 0, "党代表任期制工作经费（狮", 13, 1},
                   Case{"huadu-chromium.pdftotext-layout.txt", 0, "党代表任期制工作经费", 8, 1},
                   Case{"huadu-chromium.pdftotext-layout.txt", 10, "区级镇（街）党建工作", 83, 2},
                   Case{"huadu-chromium.pdftotext-layout.txt", 173, "市级镇(街)党建工作指导", 1180, 28}}) {
        auto file = extracted(c.file);
        auto r = run_bpt("parse " + quote(file));
        REQUIRE(r.rc == 0);
        auto doc = json::parse(r.out);
        const auto& p = doc["projects"][c.project];
        INFO(c.file << " project " << c.project);
        CHECK(p["location"]["line"] == c.line);
        CHECK(p["location"]["page"] == c.page);
        const auto lines = file_lines(file);
        REQUIRE(c.line <= lines.size());
        CHECK(lines[c.line - 1].find(c.name) != std::string::npos);
        // Every clause starts on a line that holds its number.
        for (const auto& ind : p["indicators"]) {
            const auto at = ind["line"].get<std::size_t>();
            REQUIRE(at >= 1);
            REQUIRE(at <= lines.size());
            CHECK(lines[at - 1].find(std::to_string(ind["seq"].get<int>()) + "、") != std::string::npos);
        }
    }
}

TEST_CASE("positional text with a header cell wrapped over two lines is read exactly", "[extract]") {
    // `财政专户拨` over `款`, on every page's header.
    const std::string raw = bpt::test::read_file(extracted("huadu-chromium.pdftotext-layout.txt"));
    std::string out;
    std::size_t wrapped = 0;
    for (std::size_t from = 0; from < raw.size();) {
        std::size_t end = raw.find('\n', from);
        if (end == std::string::npos) end = raw.size();
        std::string line = raw.substr(from, end - from);
        from = end + 1;
        const std::size_t at = line.find("财政专户拨款");
        if (line.find("项目名称") != std::string::npos && at != std::string::npos) {
            const std::string_view whole(line);
            std::string_view before = whole.substr(0, at);
            const std::size_t col = display_width(before.starts_with('\f') ? before.substr(1) : before);
            std::string joined(before);
            joined.append("财政专户拨  ");
            joined.append(whole.substr(at + std::string_view("财政专户拨款").size()));
            joined.append(1, '\n');
            joined.append(col + 4, ' ');
            joined.append("款");
            line = std::move(joined);
            ++wrapped;
        }
        out += line;
        if (end < raw.size()) out += '\n';
    }
    REQUIRE(wrapped == 28);
    bpt::test::TempDir dir;
    auto path = dir / "wrapped-header.txt";
    bpt::test::write_file(path, out);
    check_exact(path, "huadu-chromium", "positional");
}

TEST_CASE("positional text that lost a row's amounts is written and called doubtful", "[extract]") {
    // The amounts line of the first project removed: 173 projects, short of the 合计.
    auto lines = file_lines(extracted("huadu-org-calc.pdftotext-layout.txt"));
    REQUIRE(bpt::text::trim(lines[13]) == "9.20         9.20");
    std::string raw = bpt::test::read_file(extracted("huadu-org-calc.pdftotext-layout.txt"));
    const std::string cut = lines[13] + "\n";
    auto at = raw.find(cut);
    REQUIRE(at != std::string::npos);
    raw.erase(at, cut.size());
    bpt::test::TempDir dir;
    auto path = dir / "lost.txt";
    bpt::test::write_file(path, raw);
    auto r = run_bpt("parse " + quote(path));
    CHECK(r.rc == 1);
    CHECK(r.err.starts_with("bpt: " + path.string() +
                            ": the reading is doubtful: the projects do not add up to the declared totals;"));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(json::parse(r.out)["projects"].size() == 173);
}

TEST_CASE("pdftotext -layout text of the other fixture PDFs is read exactly", "[extract]") {
    // Generated here with Debian's poppler-utils: Calc and browser PDFs, cells top-,
    // middle- and bottom-aligned, headers wrapped over two and three lines, two
    // departments, four amount columns, names and cells cut by page breaks.
    bpt::test::TempDir dir;
    for (const char* fixture : {"small", "two-departments", "four-columns", "huadu-portrait", "bottom-aligned",
                                "chromium-bottom", "chromium-middle"}) {
        auto pdf = data_path(std::string("pdf/") + fixture + ".pdf");
        auto out = dir / (std::string(fixture) + ".layout.txt");
        REQUIRE(shell("pdftotext -layout " + quote(pdf) + " " + quote(out)));
        check_expected(out, fixture, "positional");
    }
}
