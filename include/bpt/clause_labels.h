#pragma once
// Where the last 实施周期指标值 and 年度指标值 labels stand in an indicator cell that
// is being appended to, line by line. The readers ask after every line whether the
// last clause has its targets; an rfind over the whole cell each time made a long
// wrapped cell quadratic (2 MB: 27 s). Only the appended bytes, and the few before
// them that a label cut by the wrap may start in, are searched.
#include <algorithm>
#include <cstddef>
#include <string_view>

namespace bpt::detail {

class ClauseLabels {
public:
    static constexpr std::string_view kPeriod = "实施周期指标值";
    static constexpr std::string_view kAnnual = "年度指标值";

    // `cell` has just grown from `old_size` bytes.
    void appended(std::string_view cell, std::size_t old_size) {
        find_last(cell, old_size, kPeriod, period_);
        find_last(cell, old_size, kAnnual, annual_);
    }
    void clear() { period_ = annual_ = std::string_view::npos; }

    // The last clause has its annual target after any period target.
    bool annual_last() const {
        return annual_ != std::string_view::npos && (period_ == std::string_view::npos || annual_ > period_);
    }

private:
    static void find_last(std::string_view cell, std::size_t old_size, std::string_view label, std::size_t& last) {
        std::size_t from = old_size >= label.size() - 1 ? old_size - (label.size() - 1) : 0;
        std::size_t p = cell.substr(from).rfind(label);
        if (p != std::string_view::npos) last = std::max(last == std::string_view::npos ? 0 : last, from + p);
    }

    std::size_t period_ = std::string_view::npos;
    std::size_t annual_ = std::string_view::npos;
};

}  // namespace bpt::detail
