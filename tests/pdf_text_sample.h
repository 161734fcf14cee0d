#pragma once
// The text sample's projects as today's pipeline reads them, for comparing the PDF
// reader's rows with. Kept apart from pdf_test.cpp: model.h (the records) and
// row.h (the rows) cannot yet be included in one translation unit.
#include <cstddef>
#include <map>
#include <string>

namespace bpt::test {

struct SampleProject {
    std::string goal;
    std::string indicators_text;
};

// data/huadu-org-layout.txt: 177 project rows, 174 distinct names (3 page-break
// repeats); name → the first record of that name.
const std::map<std::string, SampleProject>& huadu_text_sample();

// Indicator clauses in a 绩效指标 cell, by the indicator grammar.
std::size_t count_clauses(const std::string& indicators);

}  // namespace bpt::test
