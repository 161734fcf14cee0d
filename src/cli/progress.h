#pragma once
// Progress of a batch on standard error: a bar redrawn in place on a terminal, or a
// plain line a second when asked for on something that is not a terminal (a log
// file would fill with carriage returns otherwise).
#include <chrono>
#include <cstdint>

namespace bpt::cli {

class Progress {
public:
    enum class Mode { Off, Bar, Lines };
    Progress(Mode mode, std::size_t total_files);
    // Redraws when enough time has passed since the last redraw.
    void update(std::size_t files_done, std::uint64_t bytes_done);
    // Wipes the bar, so that a message can be printed on a clean line.
    void clear();
    double elapsed_seconds() const;

private:
    void draw(std::size_t files_done, std::uint64_t bytes_done);
    Mode mode_;
    std::size_t total_;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_{};
    bool drawn_ = false;
};

}  // namespace bpt::cli
