#include "bpt/doubt.h"

#include <fmt/format.h>

#include <cstdint>

namespace bpt {

namespace {
// Below this many, a few projects without amounts or unparsed lines, or a 合计
// far from a few projects, are the table's own slips, which the findings name.
constexpr std::uint32_t kFew = 10;
}  // namespace

void DoubtSink::on_declared_total(const Amounts& a, const Location& at) {
    if (!declared_ && a.total) declared_ = a.total;
    FilterSink::on_declared_total(a, at);
}

void DoubtSink::on_project(const Project& p) {
    ++projects_;
    if (!p.amounts.total) ++without_amounts_;
    else if (__builtin_add_overflow(sum_cents_, p.amounts.total->cents(), &sum_cents_)) overflow_ = true;
    FilterSink::on_project(p);
}

void DoubtSink::on_diagnostic(const Diagnostic& d) {
    if (d.rule == Rule::UnparsedText) ++unparsed_;
    FilterSink::on_diagnostic(d);
}

std::string DoubtSink::verdict() const {
    // A header alone is an empty table (its no-projects finding says so); text
    // after it that made no project is a reading that failed.
    if (projects_ == 0 && unparsed_ > 0)
        return fmt::format("no project was read, and {} lines fit no field", unparsed_);
    // Some exports carry no amount columns at all; amounts missing from many rows
    // of a table that prints some are rows cut apart.
    bool has_amounts = declared_ || without_amounts_ < projects_;
    if (has_amounts && without_amounts_ >= kFew && without_amounts_ * 10 >= projects_)
        return fmt::format("{} of {} projects have no amounts", without_amounts_, projects_);
    if (unparsed_ >= kFew && unparsed_ > projects_)
        return fmt::format("{} lines fit no field, against {} projects read", unparsed_, projects_);
    if (projects_ >= kFew && declared_ && declared_->cents() > 0 && declared_->cents() < INT64_MAX / 2 && !overflow_) {
        std::int64_t declared = declared_->cents();
        if (sum_cents_ > 2 * declared || 2 * sum_cents_ < declared)
            return fmt::format("the projects' 总计 sum to {}, far from the declared 合计 of {}",
                               Money::from_cents(sum_cents_).to_display(), declared_->to_display());
    }
    return {};
}

}  // namespace bpt
