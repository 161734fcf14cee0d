#pragma once
// Temporary files that must not outlive the process, even when a signal ends it.
// An interrupted `bpt parse big.pdf -o out.json` (Ctrl-C, a `kill`, a closed
// terminal) would otherwise leave `.out.json.tmp-XXXXXX` behind, hundreds of MB on
// big inputs. While a TempFileGuard is alive, SIGINT, SIGTERM and SIGHUP unlink its
// file and then end the process with the default action, so the exit status still
// says "killed by signal N". A signal the process ignores (nohup) stays ignored.
#include <string>

namespace bpt {

class TempFileGuard {
public:
    TempFileGuard() = default;
    // Registers `path` (absolute or relative to the working folder, which bpt never
    // changes). A path too long for the fixed table, or a table full (more files at
    // once than convert --jobs allows), is not guarded: removal stays best effort.
    explicit TempFileGuard(const std::string& path);
    ~TempFileGuard() { release(); }
    TempFileGuard(const TempFileGuard&) = delete;
    TempFileGuard& operator=(const TempFileGuard&) = delete;
    TempFileGuard(TempFileGuard&& other) noexcept : slot_(other.slot_) { other.slot_ = -1; }
    TempFileGuard& operator=(TempFileGuard&& other) noexcept;

    // The file is gone or has been renamed into place: a signal must not touch it now.
    void release();

private:
    int slot_ = -1;
};

}  // namespace bpt
