#include "bpt/temp_files.h"

#include <limits.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>

namespace bpt {

namespace {

// The handler may run at any moment on any thread, so it must not allocate, lock
// or follow a pointer another thread may free: the paths live in a fixed table of
// static buffers. `claimed` hands out slots between threads; `live` says the handler
// may read `path` (set after the path is written, cleared before the slot is reused).
// 320 slots: convert writes at most 256 outputs at once (--jobs ≤ 256), plus a
// combined file and a workbook's scratch file.
struct Slot {
    std::atomic<bool> claimed{false};
    std::atomic<bool> live{false};
    char path[PATH_MAX];
};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs lock-free flags");
constexpr int kSlots = 320;
Slot slots[kSlots];

constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};

extern "C" void remove_temp_files(int sig) {
    int saved = errno;
    for (auto& s : slots)
        if (s.live.load(std::memory_order_acquire)) ::unlink(s.path);
    // Then die as the signal would have killed us: the parent (a shell, make, CI)
    // sees "killed by SIGINT" and stops too, as it should on Ctrl-C.
    ::signal(sig, SIG_DFL);
    ::raise(sig);  // blocked while this handler runs; delivered on return
    errno = saved;
}

void install_handlers() {
    for (int sig : kSignals) {
        struct sigaction old {};
        if (::sigaction(sig, nullptr, &old) != 0) continue;
        // Ignored (nohup, a service manager): keep it so. Someone else's handler: theirs.
        if (old.sa_handler != SIG_DFL) continue;
        struct sigaction sa {};
        sa.sa_handler = remove_temp_files;
        ::sigemptyset(&sa.sa_mask);
        for (int other : kSignals) ::sigaddset(&sa.sa_mask, other);  // one cleanup at a time
        sa.sa_flags = SA_RESTART;
        ::sigaction(sig, &sa, nullptr);
    }
}

}  // namespace

TempFileGuard::TempFileGuard(const std::string& path) {
    static std::once_flag once;
    std::call_once(once, install_handlers);
    if (path.size() >= PATH_MAX) return;
    for (int i = 0; i < kSlots; ++i) {
        bool expected = false;
        if (!slots[i].claimed.compare_exchange_strong(expected, true)) continue;
        std::memcpy(slots[i].path, path.c_str(), path.size() + 1);
        slots[i].live.store(true, std::memory_order_release);
        slot_ = i;
        return;
    }
}

TempFileGuard& TempFileGuard::operator=(TempFileGuard&& other) noexcept {
    if (this != &other) {
        release();
        slot_ = other.slot_;
        other.slot_ = -1;
    }
    return *this;
}

void TempFileGuard::release() {
    if (slot_ < 0) return;
    slots[slot_].live.store(false, std::memory_order_release);
    slots[slot_].claimed.store(false, std::memory_order_release);
    slot_ = -1;
}

}  // namespace bpt
