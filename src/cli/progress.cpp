#include "progress.h"

#include <fmt/format.h>

#include <cstdio>
#include <string>

namespace bpt::cli {

namespace {
constexpr int kBarWidth = 24;
}  // namespace

Progress::Progress(Mode mode, std::size_t total_files)
    : mode_(mode), total_(total_files), start_(std::chrono::steady_clock::now()) {}

double Progress::elapsed_seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Progress::update(std::size_t files_done, std::uint64_t bytes_done) {
    if (mode_ == Mode::Off) return;
    auto now = std::chrono::steady_clock::now();
    auto every = mode_ == Mode::Bar ? std::chrono::milliseconds(100) : std::chrono::milliseconds(1000);
    if (drawn_ && now - last_ < every) return;
    // A batch that finishes within the first interval shows no progress at all.
    if (!drawn_ && now - start_ < every) return;
    last_ = now;
    draw(files_done, bytes_done);
}

void Progress::draw(std::size_t files_done, std::uint64_t bytes_done) {
    double secs = elapsed_seconds();
    double rate = secs > 0 ? static_cast<double>(bytes_done) / 1e6 / secs : 0.0;
    auto whole = static_cast<unsigned>(secs);
    std::string line;
    if (mode_ == Mode::Bar) {
        int filled = total_ ? static_cast<int>(files_done * kBarWidth / total_) : kBarWidth;
        line = fmt::format("\r[{}{}] ", std::string(static_cast<std::size_t>(filled), '#'),
                           std::string(static_cast<std::size_t>(kBarWidth - filled), '-'));
    } else {
        line = "bpt: progress: ";
    }
    line += fmt::format("{}/{} files  {:.1f} MB/s  {}:{:02}", files_done, total_, rate, whole / 60, whole % 60);
    // Erase to the end of the line: the previous draw may have been longer.
    line += mode_ == Mode::Bar ? "\x1b[K" : "\n";
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
    drawn_ = true;
}

void Progress::clear() {
    if (mode_ != Mode::Bar || !drawn_) return;
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
}

}  // namespace bpt::cli
