#pragma once
// Whether a reading, taken as a whole, is likely not the table: the pipeline's
// last word before `parse` exits. Findings inside the output reach nobody who only
// looks at the exit code; a reading that misses most of a table (an extractor's
// text a reader half understands) must say so where the person who ran the
// command sees it, while still writing what it read.
#include <cstdint>
#include <string>

#include "bpt/money.h"
#include "bpt/sink.h"

namespace bpt {

class DoubtSink final : public FilterSink {
public:
    using FilterSink::FilterSink;
    void on_declared_total(const Amounts& a, const Location& at) override;
    void on_project(const Project& p) override;
    void on_diagnostic(const Diagnostic& d) override;

    // Empty when the reading looks like a table; else one sentence saying what is
    // doubtful: no project but unparsed text, a tenth or more of the projects
    // without amounts (at least 10) in a table that prints amounts, more lines
    // unparsed than projects read (at least 10), or a computed total far (over 2×,
    // under ½) from 合计.
    std::string verdict() const;

private:
    std::uint32_t projects_ = 0;
    std::uint32_t without_amounts_ = 0;
    std::uint32_t unparsed_ = 0;
    std::int64_t sum_cents_ = 0;
    bool overflow_ = false;
    std::optional<Money> declared_;
};

}  // namespace bpt
