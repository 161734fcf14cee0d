// `--format xlsx` end to end: a workbook is a zip written whole, so a failure
// must leave no file (or the earlier one untouched), and a combined workbook must
// not depend on --jobs. What the cells hold is checked with openpyxl in
// check_xlsx.py (CTest: xlsx_workbook).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "test_util.h"

using bpt::test::quote;
using bpt::test::run_bpt;

namespace {
const auto kLayout = bpt::test::data_path("huadu-org-layout.txt");
const auto kExport = bpt::test::data_path("huadu-org-export.tsv");
}  // namespace

TEST_CASE("parse --format xlsx writes a zip, and nothing when the input fails", "[xlsx][e2e]") {
    bpt::test::TempDir dir;
    auto out = dir / "t.xlsx";
    auto ok = run_bpt("parse " + quote(kLayout) + " --format xlsx -q -o " + quote(out));
    INFO(ok.err);
    REQUIRE(ok.rc == 0);
    auto bytes = bpt::test::read_file(out);
    CHECK(bytes.rfind("PK\x03\x04", 0) == 0);
    CHECK(bytes.size() > 10000);

    auto bad = run_bpt("parse " + quote(dir / "missing.txt") + " --format xlsx -o " + quote(out));
    CHECK(bad.rc == 2);
    CHECK(bpt::test::read_file(out) == bytes);  // the earlier workbook, untouched
    std::size_t files = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path())) files += e.is_regular_file();
    CHECK(files == 1);  // no temporary file left beside it
}

TEST_CASE("convert --combine all.xlsx: one workbook, the same whatever --jobs", "[xlsx][e2e][convert]") {
    bpt::test::TempDir dir;
    auto one = run_bpt("convert " + quote(kLayout) + " " + quote(kExport) + " --combine " + quote(dir / "a.xlsx") +
                       " -q --jobs 1");
    auto two = run_bpt("convert " + quote(kLayout) + " " + quote(kExport) + " --combine " + quote(dir / "b.xlsx") +
                       " -q --jobs 2");
    INFO(one.err << two.err);
    REQUIRE(one.rc == 0);
    REQUIRE(two.rc == 0);
    auto a = bpt::test::read_file(dir / "a.xlsx");
    CHECK(a.rfind("PK\x03\x04", 0) == 0);
    // A zip holds its members' times and the workbook its creation time, so two runs
    // a second apart deflate to sizes a byte or two apart (a flaky exact check under
    // load): compare the size within that, and the cells in check_xlsx.py.
    auto b_size = static_cast<long>(bpt::test::read_file(dir / "b.xlsx").size());
    CHECK(std::labs(static_cast<long>(a.size()) - b_size) <= 8);
}
