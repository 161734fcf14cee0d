// End-to-end: `bpt parse --format ndjson|csv` on the real samples, read back the way
// a consumer would, and -o's promise never to leave a partial file.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "bpt/money.h"
#include "output_util.h"
#include "sample.h"
#include "test_util.h"

using bpt::test::parse_csv;
using bpt::test::quote;
using bpt::test::run_bpt;
using nlohmann::json;

namespace {

const auto kLayout = bpt::test::data_path("huadu-org-layout.txt");
const auto kExport = bpt::test::data_path("huadu-org-export.tsv");

std::string parse_ok(const std::filesystem::path& file, const std::string& extra) {
    auto r = run_bpt("parse " + quote(file) + " " + extra);
    INFO(r.err);
    REQUIRE(r.rc == 0);
    return r.out;
}

std::vector<json> ndjson_lines(const std::string& text) {
    std::vector<json> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
    return lines;
}

std::size_t count_type(const std::vector<json>& lines, const std::string& type) {
    return static_cast<std::size_t>(
        std::count_if(lines.begin(), lines.end(), [&](const json& j) { return j["type"] == type; }));
}

// Records as Python's csv module counts them, header included; -1 when Python fails.
int python_csv_records(const std::filesystem::path& file) {
    bpt::test::TempDir dir;
    auto out = dir / "count";
    std::string cmd = "python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=\"\", "
                      "encoding=\"utf-8-sig\"))))' " +
                      quote(file) + " > " + quote(out);
    if (std::system(cmd.c_str()) != 0) return -1;
    return std::stoi(bpt::test::read_file(out));
}

}  // namespace

TEST_CASE("parse --format csv: one row per project of the real table", "[e2e][csv]") {
    auto doc = json::parse(parse_ok(kLayout, "--compact"));
    auto rows = parse_csv(parse_ok(kLayout, "--format csv"));
    REQUIRE(rows.size() == 1 + bpt::test::layout_sample::kProjects);
    CHECK(rows[0][0] == "index");
    std::int64_t sum = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        REQUIRE(rows[i].size() == rows[0].size());
        const auto& p = doc["projects"][i - 1];
        CHECK(rows[i][0] == std::to_string(p["index"].get<int>()));
        CHECK(rows[i][3] == p["name"]);
        CHECK(rows[i][12] == p["goal"]);  // the goals hold ASCII commas: quoted, intact
        CHECK(rows[i][14] == std::to_string(p["indicators"].size()));
        sum += bpt::Money::parse(rows[i][7])->scaled();
    }
    CHECK(sum == 92649600);  // exact decimals, as in the JSON
    CHECK(rows[1][3] == "党代表任期制工作经费（狮岭镇）");
    CHECK(rows[1][6] == "狮岭镇");
    CHECK(rows[1][7] == "9.20");
    CHECK(rows[1][9].empty());  // 财政专户拨款 left empty in the table: an empty cell
}

TEST_CASE("parse --format csv --table indicators: one row per indicator", "[e2e][csv]") {
    auto doc = json::parse(parse_ok(kLayout, "--compact"));
    auto rows = parse_csv(parse_ok(kLayout, "--format csv --table indicators"));
    REQUIRE(rows.size() == 1 + doc["summary"]["indicators"].get<std::size_t>());
    CHECK(rows[0][0] == "project");
    CHECK(rows[1][0] == "1");
    CHECK(rows[1][1] == "党代表任期制工作经费（狮岭镇）");
    CHECK(rows[1][4] == "1");
    CHECK(rows[1][5] == "产出指标");
    CHECK(rows[1][8] == "党代会年会制试点镇数量指标");
    for (const auto& r : rows) CHECK(r.size() == rows[0].size());
}

TEST_CASE("parse --format csv reads back with Python's csv module", "[e2e][csv]") {
    bpt::test::TempDir dir;
    auto projects = dir / "p.csv";
    auto indicators = dir / "i.csv";
    REQUIRE(run_bpt("parse " + quote(kLayout) + " --format csv --bom -o " + quote(projects)).rc == 0);
    REQUIRE(run_bpt("parse " + quote(kLayout) + " --format csv --table indicators -o " + quote(indicators)).rc == 0);
    auto doc = json::parse(parse_ok(kLayout, "--compact"));
    CHECK(python_csv_records(projects) == 1 + bpt::test::layout_sample::kProjects);
    CHECK(python_csv_records(indicators) == 1 + doc["summary"]["indicators"].get<int>());
}

TEST_CASE("parse --format csv --bom starts with the UTF-8 byte-order mark", "[e2e][csv]") {
    auto with = parse_ok(kLayout, "--format csv --bom");
    REQUIRE(with.size() > 3);
    CHECK(with.substr(0, 3) == "\xEF\xBB\xBF");
    CHECK(with.substr(3) == parse_ok(kLayout, "--format csv"));
}

TEST_CASE("parse --format ndjson: one line per project of the layout sample, summary last", "[e2e][ndjson]") {
    auto out = parse_ok(kLayout, "--format ndjson");
    auto lines = ndjson_lines(out);
    CHECK(count_type(lines, "project") == bpt::test::layout_sample::kProjects);
    CHECK(count_type(lines, "diagnostic") == 15);  // the validator's findings, as in the JSON
    REQUIRE(lines.back()["type"] == "summary");
    CHECK(lines.back()["projects"] == bpt::test::layout_sample::kProjects);
    CHECK(count_type(lines, "summary") == 1);
    auto doc = json::parse(parse_ok(kLayout, "--compact"));
    std::size_t k = 0;
    for (auto& l : lines) {
        CHECK(l["source"]["path"] == kLayout.string());
        CHECK(l["source"]["dialect"] == "layout");
        if (l["type"] != "project") continue;
        CHECK(l["amount_unit"] == "万元");
        l.erase("type");
        l.erase("source");
        CHECK(l == doc["projects"][k++]);
    }
}

// Needs the export reader (branch `export`); fails until it is merged.
TEST_CASE("parse --format ndjson: 35 project lines on the export sample (needs the export reader)",
          "[e2e][ndjson][export]") {
    auto r = run_bpt("parse " + quote(kExport) + " --format ndjson");
    INFO("the export dialect reader is not in this build yet: " << r.err);
    REQUIRE(r.rc == 0);
    auto lines = ndjson_lines(r.out);
    CHECK(count_type(lines, "project") == 35);
    CHECK(lines.back()["type"] == "summary");
    CHECK(lines.back()["source"]["dialect"] == "export");
}

TEST_CASE("parse -o: a failed parse leaves no file and an older file untouched, in every format", "[e2e]") {
    bpt::test::TempDir dir;
    bpt::test::write_file(dir / "bad.txt", "just some words\n");
    for (const std::string format : {"json", "ndjson", "csv"}) {
        SECTION(format) {
            auto out = dir / ("out." + format);
            auto r = run_bpt("parse " + quote(dir / "bad.txt") + " --format " + format + " -o " + quote(out));
            CHECK(r.rc == 2);
            CHECK_FALSE(std::filesystem::exists(out));
            CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), {}) == 1);

            bpt::test::write_file(out, "older result\n");
            r = run_bpt("parse " + quote(dir / "bad.txt") + " --format " + format + " -o " + quote(out));
            CHECK(r.rc == 2);
            CHECK(bpt::test::read_file(out) == "older result\n");
            CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), {}) == 2);
        }
    }
}

TEST_CASE("parse -o into a folder that cannot be written exits 2 and leaves nothing", "[e2e]") {
    bpt::test::TempDir dir;
    // A parent that is a file fails for every user, root included.
    bpt::test::write_file(dir / "file", "x");
    auto r = run_bpt("parse " + quote(kLayout) + " --format csv -o " + quote(dir / "file" / "out.csv"));
    CHECK(r.rc == 2);
    CHECK(r.err.find("out.csv") != std::string::npos);
    CHECK(bpt::test::read_file(dir / "file") == "x");

    // A read-only folder; root may write it anyway, so it only fails for others.
    auto ro = dir / "ro";
    std::filesystem::create_directory(ro);
    ::chmod(ro.c_str(), 0555);
    r = run_bpt("parse " + quote(kLayout) + " --format ndjson -o " + quote(ro / "out.ndjson"));
    if (::geteuid() != 0) {
        CHECK(r.rc == 2);
        CHECK(std::distance(std::filesystem::directory_iterator(ro), {}) == 0);
    }
    ::chmod(ro.c_str(), 0755);
}

TEST_CASE("parse: unknown --format or --table is a usage error", "[e2e]") {
    CHECK(run_bpt("parse " + quote(kLayout) + " --format xml").rc == 2);
    CHECK(run_bpt("parse " + quote(kLayout) + " --format csv --table towns").rc == 2);
}
