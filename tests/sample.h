#pragma once
// What the real samples in data/ hold, in one place: every test that asserts a
// count of the sample takes it from here, so that a change to a sample or to a
// rule is one edit, not a dozen. The figures are checked against the table itself
// in e2e_test.cpp and validate_e2e_test.cpp.
#include <fmt/format.h>

#include <string>
#include <string_view>

#include "bpt/rules.h"

namespace bpt::test::layout_sample {

inline constexpr std::string_view kFile = "huadu-org-layout.txt";
inline constexpr int kProjects = 177;    // rows, page-break repeats included
inline constexpr int kRepeats = 3;       // exact repeats after a page break
inline constexpr int kDistinct = kProjects - kRepeats;
inline constexpr int kIndicators = 714;
inline constexpr std::int64_t kDeclaredCents = 924672;  // 合计 9,246.72 = Σ distinct 总计
inline constexpr std::int64_t kAllRowsCents = 926496;   // Σ of all 177 rows: 9,264.96

struct Finding {
    std::string_view rule;
    int line;
};

// What `bpt validate` raises on the untouched sample; docs/rules.md explains each.
inline constexpr Finding kFindings[] = {
    {"total-matches-without-repeats", 8},
    {"total-matches-without-repeats", 10},
    {"duplicate-project", 165},
    {"target-period-annual-inconsistent", 2140},
    {"duplicate-project", 2193},
    {"duplicate-project", 2369},
    {"indicator-code-mismatch", 3768},
    {"missing-indicator-category", 3774},
    {"missing-indicator-category", 3828},
    {"indicator-code-mismatch", 4370},
    {"missing-indicator-category", 4651},
    {"missing-indicator-category", 4670},
    {"missing-indicator-category", 4720},
    {"missing-indicator-category", 4739},
    {"missing-indicator-category", 4758},
};

// How many of kFindings have `severity` by default, from the rule registry.
inline int count(Severity severity) {
    int n = 0;
    for (const auto& f : kFindings)
        if (find_rule(f.rule)->severity == severity) ++n;
    return n;
}

// The closing line `bpt validate` prints for the sample, derived from the above:
// `2 errors, 11 warnings, 2 infos (177 projects, 714 indicators)`.
inline std::string summary_line() {
    return fmt::format("{} errors, {} warnings, {} infos ({} projects, {} indicators)", count(Severity::Error),
                       count(Severity::Warning), count(Severity::Info), kProjects, kIndicators);
}

}  // namespace bpt::test::layout_sample
