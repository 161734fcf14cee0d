#pragma once
// The writers' one pass over a string: copy it into the output and learn, in the
// same loads, whether any byte needs escaping (JSON) or quoting (CSV). Almost every
// string bpt writes is Chinese text or digits with nothing to escape, so the common
// case is a single scan-and-store; the caller's slow path runs only on a hit.
#include <cstddef>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace bpt::clean_copy {

// The bytes a format must treat specially: up to four exact bytes (repeat one to
// use fewer) and, optionally, every control character below 0x20.
template <unsigned char A, unsigned char B, unsigned char C, unsigned char D, bool Control>
struct Special {
    static constexpr bool byte(unsigned char c) { return c == A || c == B || c == C || c == D || (Control && c < 0x20); }

    // Eight bytes at a time, exact as a yes/no answer ("has zero byte", Bit
    // Twiddling Hacks); bytes >= 0x80 never match.
    static constexpr bool word(std::uint64_t w) {
        constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
        auto zero = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
        std::uint64_t hit = zero(w ^ (ones * A)) | zero(w ^ (ones * B));
        if constexpr (C != A && C != B) hit |= zero(w ^ (ones * C));
        if constexpr (D != A && D != B && D != C) hit |= zero(w ^ (ones * D));
        if constexpr (Control) hit |= (w - ones * 0x20) & ~w & highs;
        return hit != 0;
    }

#if defined(__SSE2__)
    // 0xFF in every byte of `v` that is special.
    static __m128i hits(__m128i v) {
        __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(A))),
                                   _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(B))));
        if constexpr (C != A && C != B) hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(C))));
        if constexpr (D != A && D != B && D != C)
            hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(D))));
        if constexpr (Control) {
            // Unsigned v <= 0x1F exactly when min(v, 0x1F) == v.
            const __m128i max = _mm_set1_epi8(0x1F);
            hit = _mm_or_si128(hit, _mm_cmpeq_epi8(_mm_min_epu8(v, max), v));
        }
        return hit;
    }
#endif
};

// JSON strings: '"', '\\' and control characters are escaped.
struct Json : Special<'"', '\\', '"', '"', true> {
#if defined(__SSE2__)
    static __m128i hits(__m128i v) {
        // XOR 0x02 maps the control characters onto themselves and '"' (0x22) onto
        // 0x20, so one unsigned "<= 0x20" finds both.
        __m128i x = _mm_xor_si128(v, _mm_set1_epi8(0x02));
        return _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x20)), x),
                            _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
    }
#endif
};
// RFC 4180: a field holding a comma, a double quote, CR or LF is quoted.
using Csv = Special<',', '"', '\n', '\r', false>;

// Copies the n bytes at `src` to `dst` and returns true when none is special;
// returns false, with `dst` partly written, as soon as one is. Eight bytes at a
// time: the portable path, and the reference the SSE2 path is tested against.
template <class S>
bool copy_scalar(char* dst, const char* src, std::size_t n) {
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, src + i, 8);
        if (S::word(w)) return false;
        std::memcpy(dst + i, &w, 8);
    }
    for (; i < n; ++i) {
        if (S::byte(static_cast<unsigned char>(src[i]))) return false;
        dst[i] = src[i];
    }
    return true;
}

// Inlined into its caller, whose few lines around it are the whole fast path.
template <class S>
#if defined(__GNUC__)
[[gnu::always_inline]]
#endif
inline bool copy(char* dst, const char* src, std::size_t n) {
#if defined(__SSE2__)
    // Sixteen bytes at a time, the last block overlapping the one before; shorter
    // strings as two overlapping halves, so that no load or store leaves [0, n).
    if (n >= 16) {
        std::size_t i = 0;
        for (; i + 32 < n; i += 32) {
            __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
            __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i + 16));
            if (_mm_movemask_epi8(_mm_or_si128(S::hits(v), S::hits(w)))) return false;
            _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + i), v);
            _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + i + 16), w);
        }
        if (i + 16 < n) {
            __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
            if (_mm_movemask_epi8(S::hits(v))) return false;
            _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + i), v);
        }
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + n - 16));
        if (_mm_movemask_epi8(S::hits(v))) return false;
        _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + n - 16), v);
        return true;
    }
    if (n >= 8) {
        __m128i lo = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(src));
        __m128i hi = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(src + n - 8));
        if (_mm_movemask_epi8(S::hits(_mm_unpacklo_epi64(lo, hi)))) return false;
        _mm_storel_epi64(reinterpret_cast<__m128i*>(dst), lo);
        _mm_storel_epi64(reinterpret_cast<__m128i*>(dst + n - 8), hi);
        return true;
    }
    if (n >= 4) {
        std::uint32_t lo, hi;
        std::memcpy(&lo, src, 4);
        std::memcpy(&hi, src + n - 4, 4);
        std::uint64_t w = lo | (std::uint64_t{hi} << 32);
        if (S::word(w)) return false;
        std::memcpy(dst, &lo, 4);
        std::memcpy(dst + n - 4, &hi, 4);
        return true;
    }
    if (n == 0) return true;
    // One to three bytes: the first, the middle and the last cover them all.
    char a = src[0], b = src[n / 2], c = src[n - 1];
    if (S::byte(static_cast<unsigned char>(a)) || S::byte(static_cast<unsigned char>(b)) ||
        S::byte(static_cast<unsigned char>(c)))
        return false;
    dst[0] = a;
    dst[n / 2] = b;
    dst[n - 1] = c;
    return true;
#else
    return copy_scalar<S>(dst, src, n);
#endif
}

}  // namespace bpt::clean_copy
