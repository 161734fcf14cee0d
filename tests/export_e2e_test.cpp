// End-to-end: the built binary on the real export sample, and on the same table as
// other tools would write it (CRLF, GB18030, UTF-16, a spreadsheet's quoted CSV).
// The expected records come from splitting the sample here, independently of bpt.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_util.h"

using bpt::test::quote;
using bpt::test::run_bpt;
using nlohmann::json;

namespace {

const std::string kSample = "huadu-org-export.tsv";

struct Row {
    std::uint32_t line = 0;
    std::vector<std::string> cells;  // 主管部门, 预算单位, 项目名称, 绩效目标, 绩效指标
};

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        std::size_t end = s.find(sep, start);
        out.push_back(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) return out;
        start = end + 1;
    }
}

bool all_dashes(const std::vector<std::string>& cells) {
    for (const auto& c : cells)
        if (c.find_first_not_of('-') != std::string::npos) return false;
    return true;
}

// The sample's project rows: five cells, not the header, not the ruler.
std::vector<Row> sample_rows(const std::string& tsv) {
    std::vector<Row> rows;
    auto lines = split(tsv, '\n');
    for (std::size_t i = 0; i < lines.size(); ++i) {
        auto cells = split(lines[i], '\t');
        if (cells.size() != 5 || cells[2] == "项目名称" || all_dashes(cells)) continue;
        rows.push_back({static_cast<std::uint32_t>(i + 1), cells});
    }
    return rows;
}

json parse_ok(const std::filesystem::path& file, const std::string& extra = "") {
    auto r = run_bpt("parse " + quote(file) + " " + extra);
    INFO(r.err);
    REQUIRE(r.rc == 0);
    return json::parse(r.out);
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
    return s;
}

std::string replace_first(std::string s, const std::string& from, const std::string& to) {
    std::size_t at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}

// Indicators without their line numbers, which move when a cell gains a line break.
json without_lines(json indicators) {
    for (auto& i : indicators) i.erase("line");
    return indicators;
}

// Every project against the rows split here; `line_of(i)` is where row i starts.
void check_projects(const json& doc, const std::vector<Row>& rows, const std::function<std::uint32_t(std::size_t)>& line_of) {
    const auto& projects = doc["projects"];
    REQUIRE(projects.size() == rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& p = projects[i];
        const auto& c = rows[i].cells;
        INFO("project " << i + 1 << " from line " << rows[i].line);
        CHECK(p["index"] == i + 1);
        CHECK(p["department"] == c[0]);
        CHECK(p["budget_unit"] == c[1]);
        CHECK(p["name"] == c[2]);
        CHECK(p["goal"] == c[3]);
        CHECK(p["indicators_text"] == c[4]);
        CHECK(p["location"]["line"] == line_of(i));
        CHECK(p["location"]["page"] == 1);
    }
    CHECK(doc["departments"].empty());
    CHECK(doc["source"]["dialect"] == "export");
    CHECK(doc["title"] == "项目支出绩效目标表（含转移支付项目）");
    CHECK(doc["summary"]["projects"] == rows.size());
    CHECK(doc["summary"]["errors"] == 0);
}

// RFC 4180 as a spreadsheet writes it: quotes only where needed, `"` doubled.
std::string csv_cell(const std::string& c) {
    if (c.find_first_of(",\"\r\n") == std::string::npos) return c;
    std::string out = "\"";
    out += replace_all(c, "\"", "\"\"");
    out += '"';
    return out;
}

}  // namespace

TEST_CASE("parse: the real export sample gives every row, exactly", "[e2e][export]") {
    auto path = bpt::test::data_path(kSample);
    auto rows = sample_rows(bpt::test::read_file(path));
    REQUIRE(rows.size() == 35);
    auto doc = parse_ok(path);
    check_projects(doc, rows, [&](std::size_t i) { return rows[i].line; });
    CHECK(doc["source"]["encoding"] == "UTF-8");
    // The two spellings of the department stay as written.
    CHECK(doc["projects"][0]["department"] == "中国共产党广州市花都区委员会组织部");
    CHECK(doc["projects"][18]["department"] == "中国共产党广州市花都区委组织部");
    CHECK(doc["projects"][34]["department"] == "中国共产党广州市花都区委员会组织部");
    CHECK(doc["projects"][0]["town"] == "花东镇");
    CHECK(doc["projects"][0]["base_name"] == "党代表任期制工作经费");
    CHECK(doc["projects"][10]["suffix"].is_null());
    CHECK(doc["projects"][6]["suffix"] == "本部");
    CHECK(doc["projects"][6]["town"].is_null());
    for (const auto& p : doc["projects"]) CHECK(p["amounts"]["total"].is_null());

    // Figures that depend on the indicator grammar as well as on the reader.
    CHECK(doc["summary"]["indicators"] == 152);
    int unlabelled = 0;
    for (const auto& d : doc["diagnostics"]) {
        CHECK(d["project"].is_number());
        if (d["rule"] == "target-unlabelled") {
            ++unlabelled;
            continue;
        }
        // The one validator finding: 组工信息工作 has output indicators only, as in
        // the layout table.
        CHECK(d["rule"] == "missing-indicator-category");
        CHECK(d["line"] == 21);
    }
    CHECK(unlabelled == 7);
    CHECK(doc["summary"]["warnings"] == 8);

    auto forced = parse_ok(path, "--dialect export");
    CHECK(forced["projects"] == doc["projects"]);
}

TEST_CASE("parse: the export table in other encodings and line ends gives the same records", "[e2e][export]") {
    const std::string tsv = bpt::test::read_file(bpt::test::data_path(kSample));
    const auto rows = sample_rows(tsv);
    const auto baseline = parse_ok(bpt::test::data_path(kSample));
    bpt::test::TempDir dir;
    struct Variant {
        std::string name;
        std::string bytes;
        std::string encoding;
    };
    const std::string crlf = replace_all(tsv, "\n", "\r\n");
    std::vector<Variant> variants = {
        {"crlf", crlf, "UTF-8"},
        {"gb18030", bpt::test::encode(tsv, "GB18030"), "GB18030"},
        {"gb18030-crlf", bpt::test::encode(crlf, "GB18030"), "GB18030"},
        // Excel's "Unicode text": tab-separated UTF-16LE with a byte-order mark.
        {"utf16", "\xFF\xFE" + bpt::test::encode(crlf, "UTF-16LE"), "UTF-16LE"},
    };
    for (const auto& v : variants) {
        SECTION(v.name) {
            auto path = dir / (v.name + ".tsv");
            bpt::test::write_file(path, v.bytes);
            auto doc = parse_ok(path);
            check_projects(doc, rows, [&](std::size_t i) { return rows[i].line; });
            CHECK(doc["source"]["encoding"] == v.encoding);
            CHECK(doc["projects"] == baseline["projects"]);
            CHECK(doc["diagnostics"] == baseline["diagnostics"]);
        }
    }
}

TEST_CASE("parse: the export table saved by a spreadsheet as quoted CSV gives the same records", "[e2e][export]") {
    const std::string tsv = bpt::test::read_file(bpt::test::data_path(kSample));
    auto expected = sample_rows(tsv);
    const auto baseline = parse_ok(bpt::test::data_path(kSample));

    // Cells a spreadsheet must quote: an ASCII comma, ASCII quotes, and (below) a
    // line break typed into a cell.
    expected[2].cells[3] = replace_first(expected[2].cells[3], "，", ",");
    expected[27].cells[2] = replace_all(replace_all(expected[27].cells[2], "“", "\""), "”", "\"");
    REQUIRE(expected[27].cells[2] == "\"两新\"组织党建工作经费（花东镇）");
    // A comma in a department cell merged over three rows: a spreadsheet writes it
    // on the first row only, and the rows below carry it down.
    expected[30].cells[0] += ",";
    const std::size_t merged_from = 31, merged_to = 32;
    for (std::size_t i = merged_from; i <= merged_to; ++i) {
        REQUIRE(expected[i].cells[1] == expected[30].cells[1]);
        expected[i].cells[0] = expected[30].cells[0];
    }
    const std::size_t broken = 10;  // its 绩效指标 cell gets a line break after clause 1
    const std::string& cell = expected[broken].cells[4];
    const std::size_t cut = cell.find("。") + std::string("。").size();

    std::string csv;
    std::size_t next = 0;
    auto lines = split(tsv, '\n');
    for (std::size_t i = 0; i < lines.size(); ++i) {
        auto cells = split(lines[i], '\t');
        cells.resize(5);  // a spreadsheet pads the title row and empty rows: `标题,,,,`
        if (next < expected.size() && expected[next].line == i + 1) {
            cells = expected[next].cells;
            if (next >= merged_from && next <= merged_to) cells[0] = cells[1] = "";
            ++next;
        }
        std::string out;
        for (std::size_t k = 0; k < cells.size(); ++k) {
            std::string c = cells[k];
            if (next - 1 == broken && k == 4 && expected[broken].line == i + 1)
                c = c.substr(0, cut) + "\r\n" + c.substr(cut);
            if (k) out += ',';
            out += csv_cell(c);
        }
        csv += out + "\r\n";
    }
    REQUIRE(next == expected.size());
    bpt::test::TempDir dir;
    auto path = dir / "table.csv";
    bpt::test::write_file(path, bpt::test::encode(csv, "GB18030"));

    auto doc = parse_ok(path);
    // Rows after the broken cell start one line later.
    check_projects(doc, expected,
                   [&](std::size_t i) { return expected[i].line + (i > broken ? 1u : 0u); });
    CHECK(doc["source"]["encoding"] == "GB18030");
    const auto& p = doc["projects"][broken];
    CHECK(p["location"]["end_line"] == expected[broken].line + 1);
    CHECK(p["indicators"][0]["line"] == expected[broken].line);
    CHECK(p["indicators"][1]["line"] == expected[broken].line + 1);
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("project " << i + 1);
        CHECK(without_lines(doc["projects"][i]["indicators"]) == without_lines(baseline["projects"][i]["indicators"]));
    }
    CHECK(doc["projects"][27]["town"] == "花东镇");
    CHECK(doc["summary"]["indicators"] == baseline["summary"]["indicators"]);
    CHECK(doc["summary"]["warnings"] == baseline["summary"]["warnings"]);
}

TEST_CASE("parse: forcing the layout dialect on the export sample fails cleanly", "[e2e][export]") {
    auto r = run_bpt("parse --dialect layout " + quote(bpt::test::data_path(kSample)));
    CHECK(r.rc == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("not a budget performance target table") != std::string::npos);

    bpt::test::TempDir dir;
    bpt::test::write_file(dir / "words.tsv", "项目支出绩效目标表\n甲\t乙\t丙\n");
    auto none = run_bpt("parse --dialect export " + quote(dir / "words.tsv"));
    CHECK(none.rc == 2);
    CHECK(none.out.empty());
}
