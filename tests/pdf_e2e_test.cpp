// End-to-end: PDFs through `bpt parse`, `validate` and `convert`, as a finance
// officer runs them. Each table PDF must give exactly its expected.json (made from
// the text sample with exact decimals, data/pdf/README.md); each bad PDF one line
// and exit 2.
#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "test_util.h"

using bpt::test::quote;
using bpt::test::run_bpt;
using nlohmann::json;

namespace {

std::string pdf(const std::string& name) { return quote(bpt::test::data_path("pdf/" + name)); }

// An amount printed in the JSON, as text: `"total": 9246.72` → "9246.72".
std::string amount_after(const std::string& out, const std::string& key, std::size_t from = 0) {
    auto at = out.find("\"" + key + "\":", from);
    if (at == std::string::npos) return "";
    at = out.find_first_not_of(" ", at + key.size() + 3);
    return out.substr(at, out.find_first_of(",}\n", at) - at);
}

}  // namespace

TEST_CASE("pdf e2e: the sample PDF gives the text sample's table without its page-break repeats", "[pdf][e2e]") {
    auto r = run_bpt("parse -q --compact " + quote(bpt::test::data_path("huadu-org-calc.pdf")));
    REQUIRE(r.rc == 0);
    auto doc = json::parse(r.out);
    CHECK(doc["source"]["dialect"] == "pdf");
    CHECK(doc["summary"]["projects"] == 174);
    CHECK(doc["summary"]["indicators"] == 701);
    CHECK(amount_after(r.out, "total", r.out.find("\"declared_total\"")) == "9246.72");
    // Σ总计 of the 174 projects, exactly, as printed.
    std::int64_t cents = 0;
    for (std::size_t at = 0; (at = r.out.find("\"amounts\":{\"total\":", at)) != std::string::npos; ++at) {
        std::string t = amount_after(r.out, "total", at);
        auto dot = t.find('.');
        cents += std::stoll(t.substr(0, dot)) * 100 + std::stoll(t.substr(dot + 1));
    }
    CHECK(cents == 924672);
    // Every record knows its page and position.
    const auto& first = doc["projects"][0];
    CHECK(first["name"] == "党代表任期制工作经费（狮岭镇）");
    CHECK(first["location"]["page"] == 1);
    CHECK(first["location"]["x"].is_number());
    CHECK(first["indicators"][0]["page"] == 1);
}

TEST_CASE("pdf e2e: validate gives the text sample's findings less the repeats, at their pages", "[pdf][e2e]") {
    auto r = run_bpt("validate --format json " + quote(bpt::test::data_path("huadu-org-calc.pdf")));
    CHECK(r.rc == 1);
    INFO(r.out.substr(0, 300));
    std::map<std::string, int> rules;
    auto doc = json::parse(r.out);
    for (const auto& d : doc["files"][0]["diagnostics"]) ++rules[d["rule"].get<std::string>()];
    CHECK(rules == std::map<std::string, int>{{"indicator-code-mismatch", 2},
                                              {"missing-indicator-category", 7},
                                              {"target-period-annual-inconsistent", 1}});
    auto text = run_bpt("validate --color never " + quote(bpt::test::data_path("huadu-org-calc.pdf")));
    CHECK(text.out.find("huadu-org-calc.pdf:p13: warning[target-period-annual-inconsistent]: project "
                        "'花都区党员干部现代远程教育工作经费（花东镇）' (page 13), indicator 2 (电教片数量)") !=
          std::string::npos);
    CHECK(text.out.find("   p22 | 5、2-效益指标；31-服务对象满意度；服务群体满意率；") != std::string::npos);
}

TEST_CASE("pdf e2e: PDFs of the same table from other producers give their exact figures", "[pdf][e2e]") {
    for (const char* name : {"huadu-chromium", "chromium-middle", "chromium-bottom", "huadu-portrait", "bottom-aligned",
                             "two-departments", "four-columns", "small"}) {
        INFO(name);
        auto expected = json::parse(bpt::test::read_file(bpt::test::data_path(std::string("pdf/") + name + ".expected.json")));
        auto r = run_bpt("parse -q --compact " + pdf(std::string(name) + ".pdf"));
        REQUIRE(r.rc == 0);
        auto doc = json::parse(r.out);
        CHECK(doc["summary"]["projects"] == expected["projects"]);
        CHECK(doc["summary"]["indicators"] == expected["indicators"]);
        CHECK(amount_after(r.out, "total", r.out.find("\"declared_total\"")) ==
              expected["declared_total"].get<std::string>());
        std::size_t i = 0;
        for (const auto& n : expected["names"]) {
            REQUIRE(i < doc["projects"].size());
            CHECK(doc["projects"][i++]["name"] == n);
        }
        CHECK(doc["departments"].size() == expected["departments"].size());
        // Nothing about the reading itself: only what the table says (the sample's own slips).
        for (const auto& d : doc["diagnostics"]) {
            INFO(d["message"]);
            CHECK((d["rule"] == "indicator-code-mismatch" || d["rule"] == "missing-indicator-category" ||
                   d["rule"] == "target-period-annual-inconsistent"));
        }
    }
}

TEST_CASE("pdf e2e: bad PDFs are refused in one line, exit 2; passwords open locked ones", "[pdf][e2e]") {
    struct Bad {
        const char* file;
        const char* args;
        const char* says;
    };
    for (const Bad& b : {Bad{"encrypted-user.pdf", "", "encrypted with a password: give it with --password"},
                         Bad{"encrypted-user.pdf", "--password wrong", "wrong password"},
                         Bad{"scan.pdf", "", "has no text layer"},
                         Bad{"truncated.pdf", "", "damaged or truncated PDF"},
                         Bad{"damaged.pdf", "", "damaged or truncated PDF"},
                         Bad{"not-a-table.pdf", "", "not a budget performance target table"}}) {
        INFO(b.file << " " << b.args);
        auto r = run_bpt("parse " + pdf(b.file) + " " + b.args);
        CHECK(r.rc == 2);
        CHECK(r.out.empty());
        CHECK(r.err.starts_with("bpt: " + bpt::test::data_path(std::string("pdf/") + b.file).string() + ": "));
        CHECK(r.err.find(b.says) != std::string::npos);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }
    for (const char* ok : {"encrypted-owner.pdf", "encrypted-nocopy.pdf"}) {
        auto r = run_bpt(std::string("parse -q --compact ") + pdf(ok));
        CHECK(r.rc == 0);
        CHECK(json::parse(r.out)["summary"]["projects"] == 3);
    }
    auto opened = run_bpt("parse -q --compact --password secret " + pdf("encrypted-user.pdf"));
    CHECK(opened.rc == 0);
    CHECK(json::parse(opened.out)["summary"]["projects"] == 3);
}

TEST_CASE("pdf e2e: a PDF on standard input, and folders of PDFs mixed with text", "[pdf][e2e]") {
    auto in = run_bpt("parse -q --compact - < " + pdf("small.pdf"));
    REQUIRE(in.rc == 0);
    CHECK(json::parse(in.out)["source"]["dialect"] == "pdf");

    bpt::test::TempDir dir;
    std::filesystem::create_directory(dir / "in");
    std::filesystem::copy_file(bpt::test::data_path("pdf/small.pdf"), dir / "in" / "a.pdf");
    std::filesystem::copy_file(bpt::test::data_path("huadu-org-export.tsv"), dir / "in" / "b.tsv");
    auto r = run_bpt("convert -q " + quote(dir / "in") + " --combine " + quote(dir / "all.ndjson"));
    CHECK(r.rc == 0);
    auto all = bpt::test::read_file(dir / "all.ndjson");
    std::size_t projects = 0;
    for (std::size_t at = 0; (at = all.find("\"type\":\"project\"", at)) != std::string::npos; ++at) ++projects;
    CHECK(projects == 3 + 35);
}
