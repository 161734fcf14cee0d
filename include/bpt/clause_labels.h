#pragma once
// Where the last 实施周期指标值 and 年度指标值 labels stand in an indicator cell that
// is being appended to, line by line. The readers ask, after many a line, whether
// the last clause has its targets; an rfind over the whole cell each time made a
// long wrapped cell quadratic (2 MB: 27 s). Each byte is searched once: when asked,
// only what was appended since the last question, and the few bytes before it
// that a label cut by a wrap may start in. Asked rarely, it costs nothing per line.
#include <algorithm>
#include <cstddef>
#include <string_view>

namespace bpt::detail {

class ClauseLabels {
public:
    static constexpr std::string_view kPeriod = "实施周期指标值";
    static constexpr std::string_view kAnnual = "年度指标值";

    // `cell` is the cell so far: what it was when last asked, with text appended.
    // Whether its last clause has its annual target after any period target.
    bool annual_last(std::string_view cell) {
        if (cell.size() > scanned_) {
            find_last(cell, kPeriod, period_);
            find_last(cell, kAnnual, annual_);
            scanned_ = cell.size();
        }
        return annual_ != std::string_view::npos && (period_ == std::string_view::npos || annual_ > period_);
    }
    void clear() {
        period_ = annual_ = std::string_view::npos;
        scanned_ = 0;
    }

private:
    void find_last(std::string_view cell, std::string_view label, std::size_t& last) const {
        std::size_t from = scanned_ >= label.size() - 1 ? scanned_ - (label.size() - 1) : 0;
        std::size_t p = cell.substr(from).rfind(label);
        if (p != std::string_view::npos) last = from + p;  // past any earlier one: it ends after scanned_
    }

    std::size_t period_ = std::string_view::npos;
    std::size_t annual_ = std::string_view::npos;
    std::size_t scanned_ = 0;
};

}  // namespace bpt::detail
