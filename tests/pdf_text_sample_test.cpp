// Helpers for pdf_test.cpp (see pdf_text_sample.h), and a check that the text sample
// they rest on still reads as the PDF tests assume.
#include "pdf_text_sample.h"

#include <catch2/catch.hpp>

#include <vector>

#include "bpt/indicator.h"
#include "bpt/pipeline.h"
#include "collect_sink.h"
#include "test_util.h"

namespace bpt::test {

const std::map<std::string, SampleProject>& huadu_text_sample() {
    static const std::map<std::string, SampleProject> projects = [] {
        CollectSink c;
        auto source = Source::open(data_path("huadu-org-layout.txt").string());
        ReadOptions options;
        REQUIRE(read_document(*source, c, options).table);
        REQUIRE(c.projects.size() == 177);
        std::map<std::string, SampleProject> m;
        for (auto& p : c.projects) m.emplace(p.name, SampleProject{p.goal.value_or(""), p.indicators_text});
        return m;
    }();
    return projects;
}

std::size_t count_clauses(const std::string& indicators) {
    std::vector<Indicator> out;
    std::vector<Diagnostic> diagnostics;
    parse_indicators(indicators, ClauseDialect::Layout, {}, out, diagnostics);
    return out.size();
}

}  // namespace bpt::test

TEST_CASE("the text sample the PDF tests compare with: 174 distinct projects, 701 clauses", "[pdf]") {
    const auto& sample = bpt::test::huadu_text_sample();
    CHECK(sample.size() == 174);
    std::size_t clauses = 0;
    for (const auto& [name, p] : sample) clauses += bpt::test::count_clauses(p.indicators_text);
    CHECK(clauses == 701);
}
