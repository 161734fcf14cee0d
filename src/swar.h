#pragma once
// Eight bytes at a time: the scans on bpt's hot path (line ends, JSON escapes,
// UTF-8 checks) test a whole machine word before looking at single bytes.
#include <cstdint>
#include <cstring>

namespace bpt::swar {

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;

inline std::uint64_t load(const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, sizeof w);
    return w;
}

// Non-zero when some byte of `w` is below `n` (n <= 128). May also flag bytes after
// a true hit, never without one: callers re-check the word byte by byte.
constexpr std::uint64_t has_less(std::uint64_t w, std::uint8_t n) { return (w - kOnes * n) & ~w & kHighs; }
constexpr std::uint64_t has_byte(std::uint64_t w, std::uint8_t b) { return has_less(w ^ (kOnes * b), 1); }
constexpr bool all_ascii(std::uint64_t w) { return (w & kHighs) == 0; }

}  // namespace bpt::swar
