#pragma once
// A fast 64-bit hash for in-memory dedup (never persisted): 16 bytes a step, one
// wide multiplication each (wyhash's "mum"), where std::hash goes a byte at a time
// through a much longer chain. The validator's repeat checks and RepeatFilter use it;
// the grammar's memos use it or, for long keys, sampled().
#include <cstdint>
#include <cstring>
#include <string_view>

namespace bpt::hash {

// The low and high halves of a 64×64 product folded together: every input bit
// reaches every output bit in one multiplication.
inline std::uint64_t mum(std::uint64_t a, std::uint64_t b) {
#ifdef __SIZEOF_INT128__
    __extension__ using u128 = unsigned __int128;
    u128 r = static_cast<u128>(a) * b;
    return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
#else
    // splitmix64's finaliser over both: well spread, without a wide product.
    std::uint64_t z = a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
#endif
}

// Folds one more word into a running hash.
inline std::uint64_t mix(std::uint64_t h, std::uint64_t v) { return mum(h ^ 0x2d358dccaa6c78a5ULL, v ^ 0x8bb84b93962eacc9ULL); }

namespace detail {
inline std::uint64_t load64(const char* p) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}
inline std::uint64_t load32(const char* p) {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}
}  // namespace detail

// The text's bytes and length.
inline std::uint64_t text(std::string_view s) {
    constexpr std::uint64_t k0 = 0xa0761d6478bd642fULL, k1 = 0xe7037ed1a0b428dbULL, k2 = 0x8ebc6af09c88c6e3ULL;
    const char* p = s.data();
    std::size_t n = s.size();
    std::uint64_t h = k0 ^ mum(n ^ k1, k2);
    // Two independent lanes over 32 bytes: the loop's bookkeeping is paid once per
    // two multiplications (goals and indicator cells are hundreds of bytes).
    if (n > 32) {
        std::uint64_t g = h ^ k1;
        for (; n > 32; n -= 32, p += 32) {
            h = mum(detail::load64(p) ^ k1, detail::load64(p + 8) ^ h);
            g = mum(detail::load64(p + 16) ^ k2, detail::load64(p + 24) ^ g);
        }
        h = mum(h ^ k0, g ^ k2);
    }
    for (; n > 16; n -= 16, p += 16) h = mum(detail::load64(p) ^ k1, detail::load64(p + 8) ^ h);
    // The last 1–16 bytes, loaded as two words that may overlap (the length is in h).
    std::uint64_t a = 0, b = 0;
    if (n >= 8) {
        a = detail::load64(p);
        b = detail::load64(p + n - 8);
    } else if (n >= 4) {
        a = detail::load32(p);
        b = detail::load32(p + n - 4);
    } else if (n > 0) {
        a = std::uint64_t{static_cast<unsigned char>(p[0])} << 16 |
            std::uint64_t{static_cast<unsigned char>(p[n >> 1])} << 8 | static_cast<unsigned char>(p[n - 1]);
    }
    return mum(mum(a ^ k1, b ^ h) ^ k0, s.size() ^ k2);
}

// Eight bytes at each end and at two points between, and the length: O(1) for a
// memo whose slot is confirmed by comparing the key, where a collision costs only a
// recomputation. Keys that share a head (`1-产出指标；11-数量指标；`) and a tail
// (`年度指标值:是`) differ between them. Not for dedup keys: use text().
inline std::uint64_t sampled(std::string_view s) {
    const std::size_t n = s.size();
    std::uint64_t h = n * 0x9E3779B97F4A7C15ull;
    if (n < 8) {
        for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
        return h ^ (h >> 32) ^ (h << 17);
    }
    // Each word is clamped inside the key: a short key's thirds would reach past its end.
    auto at = [&](std::size_t i) { return detail::load64(s.data() + (i < n - 8 ? i : n - 8)); };
    h ^= at(0) * 0xC2B2AE3D27D4EB4Full;
    h = (h ^ (h >> 29)) + at(n / 3) * 0x165667B19E3779F9ull;
    h = (h ^ (h >> 31)) + at(2 * n / 3) * 0x9E3779B97F4A7C15ull;
    h = (h ^ (h >> 27)) + at(n - 8) * 0xC2B2AE3D27D4EB4Full;
    return h ^ (h >> 32) ^ (h << 17);
}

}  // namespace bpt::hash
