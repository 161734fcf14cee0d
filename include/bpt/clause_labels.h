#pragma once
// Where the last 实施周期指标值 and 年度指标值 labels stand in an indicator cell that
// is being appended to, line by line. The readers ask, after many a line, whether
// the last clause has its targets; an rfind over the whole cell each time made a
// long wrapped cell quadratic (2 MB: 27 s). Each byte is searched once: when asked,
// only what was appended since the last question, and the few bytes before it
// that a label cut by a wrap may start in. Asked rarely, it costs nothing per line.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace bpt::detail {

// Horspool's shifts for `label` (shorter than 256 bytes): how far a window may
// move on its last byte.
constexpr std::array<std::uint8_t, 256> horspool_skip(std::string_view label) {
    std::array<std::uint8_t, 256> skip{};
    for (auto& s : skip) s = static_cast<std::uint8_t>(label.size());
    for (std::size_t i = 0; i + 1 < label.size(); ++i)
        skip[static_cast<unsigned char>(label[i])] = static_cast<std::uint8_t>(label.size() - 1 - i);
    return skip;
}

class ClauseLabels {
public:
    static constexpr std::string_view kPeriod = "实施周期指标值";
    static constexpr std::string_view kAnnual = "年度指标值";

    // `cell` is the cell so far: what it was when last asked, with text appended.
    // Whether its last clause has its annual target after any period target.
    bool annual_last(std::string_view cell) {
        if (cell.size() > scanned_) {
            find_last(cell, kPeriod, kPeriodSkip, period_);
            find_last(cell, kAnnual, kAnnualSkip, annual_);
            scanned_ = cell.size();
        }
        return annual_ != std::string_view::npos && (period_ == std::string_view::npos || annual_ > period_);
    }
    void clear() {
        period_ = annual_ = std::string_view::npos;
        scanned_ = 0;
    }

private:
    using Skip = std::array<std::uint8_t, 256>;
    static constexpr Skip kPeriodSkip = horspool_skip(kPeriod), kAnnualSkip = horspool_skip(kAnnual);

    // rfind by Horspool's skips: a window moves by about its length over text
    // without the label, where rfind compared at every byte.
    void find_last(std::string_view cell, std::string_view label, const Skip& skip, std::size_t& last) const {
        std::size_t from = scanned_ >= label.size() - 1 ? scanned_ - (label.size() - 1) : 0;
        const std::size_t n = label.size();
        const auto end_byte = static_cast<unsigned char>(label.back());
        for (std::size_t i = from; i + n <= cell.size();) {
            auto c = static_cast<unsigned char>(cell[i + n - 1]);
            if (c == end_byte && cell.substr(i, n) == label) last = i;  // past any earlier one: it ends after scanned_
            i += skip[c];
        }
    }

    std::size_t period_ = std::string_view::npos;
    std::size_t annual_ = std::string_view::npos;
    std::size_t scanned_ = 0;
};

}  // namespace bpt::detail
