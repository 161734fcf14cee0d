#pragma once
// The lookup tables and per-block step of the vector UTF-8 check, shared by
// text::is_valid_utf8 and Source's block scan (which runs it in its own loop, so
// that each block is loaded once).
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

#include <cstdint>

namespace bpt::text::lookup {

// Keiser and Lemire's lookup validation ("Validating UTF-8 in less than one
// instruction per byte", 2021): three table lookups on the high and low nibbles of
// each byte and of the byte before it classify every two-byte pair, and a check of
// the bytes two and three back catches the continuations of 3- and 4-byte
// sequences. Sixteen bytes take about twenty instructions, against about ten per
// character in the scalar loop. pshufb is SSSE3, hence the dispatch below.
constexpr std::uint8_t kTooShort = 1 << 0, kTooLong = 1 << 1, kOverlong3 = 1 << 2, kTooLarge = 1 << 3,
                       kSurrogate = 1 << 4, kOverlong2 = 1 << 5, kTooLarge1000 = 1 << 6, kOverlong4 = 1 << 6,
                       kTwoConts = 1 << 7;
constexpr std::uint8_t kCarry = kTooShort | kTooLong | kTwoConts;

struct Utf8Tables {
    __m128i byte1_high, byte1_low, byte2_high;
};

// The error bits of block `in`, given the block before it.
__attribute__((target("ssse3"))) inline __m128i utf8_errors(__m128i in, __m128i prev, const Utf8Tables& t) {
    const __m128i nibble = _mm_set1_epi8(0x0F);
    __m128i prev1 = _mm_alignr_epi8(in, prev, 15);
    __m128i b1h = _mm_shuffle_epi8(t.byte1_high, _mm_and_si128(_mm_srli_epi16(prev1, 4), nibble));
    __m128i b1l = _mm_shuffle_epi8(t.byte1_low, _mm_and_si128(prev1, nibble));
    __m128i b2h = _mm_shuffle_epi8(t.byte2_high, _mm_and_si128(_mm_srli_epi16(in, 4), nibble));
    __m128i special = _mm_and_si128(_mm_and_si128(b1h, b1l), b2h);
    __m128i prev2 = _mm_alignr_epi8(in, prev, 14);
    __m128i prev3 = _mm_alignr_epi8(in, prev, 13);
    __m128i must23 = _mm_or_si128(_mm_subs_epu8(prev2, _mm_set1_epi8(static_cast<char>(0xE0 - 0x80))),
                                  _mm_subs_epu8(prev3, _mm_set1_epi8(static_cast<char>(0xF0 - 0x80))));
    return _mm_xor_si128(_mm_and_si128(must23, _mm_set1_epi8(static_cast<char>(0x80))), special);
}

inline Utf8Tables utf8_tables() {
    Utf8Tables t;
    t.byte1_high = _mm_setr_epi8(
        kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, static_cast<char>(kTwoConts),
        static_cast<char>(kTwoConts), static_cast<char>(kTwoConts), static_cast<char>(kTwoConts),
        kTooShort | kOverlong2, kTooShort, kTooShort | kOverlong3 | kSurrogate,
        kTooShort | kTooLarge | kTooLarge1000 | kOverlong4);
    t.byte1_low = _mm_setr_epi8(
        static_cast<char>(kCarry | kOverlong3 | kOverlong2 | kOverlong4), static_cast<char>(kCarry | kOverlong2),
        static_cast<char>(kCarry), static_cast<char>(kCarry), static_cast<char>(kCarry | kTooLarge),
        static_cast<char>(kCarry | kTooLarge | kTooLarge1000), static_cast<char>(kCarry | kTooLarge | kTooLarge1000),
        static_cast<char>(kCarry | kTooLarge | kTooLarge1000), static_cast<char>(kCarry | kTooLarge | kTooLarge1000),
        static_cast<char>(kCarry | kTooLarge | kTooLarge1000), static_cast<char>(kCarry | kTooLarge | kTooLarge1000),
        static_cast<char>(kCarry | kTooLarge | kTooLarge1000), static_cast<char>(kCarry | kTooLarge | kTooLarge1000),
        static_cast<char>(kCarry | kTooLarge | kTooLarge1000 | kSurrogate),
        static_cast<char>(kCarry | kTooLarge | kTooLarge1000), static_cast<char>(kCarry | kTooLarge | kTooLarge1000));
    t.byte2_high = _mm_setr_epi8(
        kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort,
        static_cast<char>(kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge1000 | kOverlong4),
        static_cast<char>(kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge),
        static_cast<char>(kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge),
        static_cast<char>(kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge), kTooShort, kTooShort,
        kTooShort, kTooShort);
    return t;
}

// The same thirty-two bytes a step where the CPU has AVX2: the lookups work per
// 128-bit lane, and the bytes before a lane come from the previous lane or block.
__attribute__((target("avx2"))) inline __m256i utf8_errors_avx2(__m256i in, __m256i prev, __m256i b1h_t,
                                                                __m256i b1l_t, __m256i b2h_t) {
    const __m256i nibble = _mm256_set1_epi8(0x0F);
    __m256i before = _mm256_permute2x128_si256(prev, in, 0x21);
    __m256i prev1 = _mm256_alignr_epi8(in, before, 15);
    __m256i b1h = _mm256_shuffle_epi8(b1h_t, _mm256_and_si256(_mm256_srli_epi16(prev1, 4), nibble));
    __m256i b1l = _mm256_shuffle_epi8(b1l_t, _mm256_and_si256(prev1, nibble));
    __m256i b2h = _mm256_shuffle_epi8(b2h_t, _mm256_and_si256(_mm256_srli_epi16(in, 4), nibble));
    __m256i special = _mm256_and_si256(_mm256_and_si256(b1h, b1l), b2h);
    __m256i prev2 = _mm256_alignr_epi8(in, before, 14);
    __m256i prev3 = _mm256_alignr_epi8(in, before, 13);
    __m256i must23 = _mm256_or_si256(_mm256_subs_epu8(prev2, _mm256_set1_epi8(static_cast<char>(0xE0 - 0x80))),
                                     _mm256_subs_epu8(prev3, _mm256_set1_epi8(static_cast<char>(0xF0 - 0x80))));
    return _mm256_xor_si256(_mm256_and_si256(must23, _mm256_set1_epi8(static_cast<char>(0x80))), special);
}

}  // namespace bpt::text::lookup
#endif
