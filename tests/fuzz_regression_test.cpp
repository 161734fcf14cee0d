// Inputs the fuzzers found crashing, kept in their seed corpus (fuzz/corpus/) so the
// fuzzers start from them too, and read here through the built binary.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "test_util.h"

using bpt::test::data_path;
using bpt::test::quote;
using bpt::test::run_bpt;

TEST_CASE("fuzz_grid: a one-cell-per-line part left empty after a header is skipped, not read past",
          "[grid][fuzz]") {
    // A pipe grid whose header row runs into its first data row: the release build
    // read row.cells.back() of an empty row (a segmentation fault, exit 139).
    auto file = quote(data_path("../fuzz/corpus/fuzz_grid/regression-empty-data-row"));
    for (const char* dialect : {"", " --dialect grid"}) {
        INFO(dialect);
        auto r = run_bpt("parse " + file + std::string(dialect) + " --compact");
        REQUIRE(r.rc == 0);
        auto doc = nlohmann::json::parse(r.out);
        CHECK(doc["source"]["dialect"] == "grid");
        REQUIRE(doc["projects"].size() == 1);
        CHECK(doc["projects"][0]["department"] == "某县水利局");
        CHECK(doc["projects"][0]["indicators"].size() == 1);  // the fuzzed rows mostly do not fit the header
    }
}
