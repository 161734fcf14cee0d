// The floor for bench/targets.sh: what reading the input costs before any parsing.
// It reads the file in 64 KiB blocks, counts lines sixteen bytes at a time and checks
// that the text is UTF-8 with bpt's own validator: what bpt must do at the least. Its instructions per byte
// next to bpt's say how much of bpt's cost is the table, not the reading.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "bpt/text.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace {

// Where a block may be cut: before the last character if the block ends inside it.
std::size_t complete_prefix(const unsigned char* p, std::size_t n) {
    std::size_t back = 0;
    while (back < 3 && back < n && (p[n - 1 - back] & 0xC0) == 0x80) ++back;
    if (back < n && p[n - 1 - back] >= 0xC0) return n - 1 - back;  // a lead byte: its sequence may be cut
    return n;
}

std::uint64_t count_lines(const unsigned char* p, std::size_t n) {
    std::uint64_t lines = 0;
    std::size_t i = 0;
#if defined(__SSE2__)
    const __m128i nl = _mm_set1_epi8('\n');
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        // Lines are sparse: clearing bits is cheaper than a popcount the baseline
        // x86-64 lacks (it would be a libgcc call).
        for (unsigned m = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl))); m; m &= m - 1) ++lines;
    }
#endif
    for (; i < n; ++i) lines += p[i] == '\n';
    return lines;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) { std::fprintf(stderr, "usage: floor FILE\n"); return 2; }
    std::FILE* f = std::fopen(argv[1], "rb");
    if (!f) { std::perror(argv[1]); return 2; }
    std::vector<unsigned char> buf((64 << 10) + 4);
    std::size_t carry = 0;
    std::uint64_t lines = 0;
    for (;;) {
        std::size_t got = std::fread(buf.data() + carry, 1, (64 << 10), f);
        if (got == 0) break;
        lines += count_lines(buf.data() + carry, got);
        std::size_t have = carry + got;
        std::size_t whole = complete_prefix(buf.data(), have);
        if (!bpt::text::is_valid_utf8({reinterpret_cast<const char*>(buf.data()), whole})) {
            std::fprintf(stderr, "%s: not UTF-8\n", argv[1]);
            return 1;
        }
        carry = have - whole;
        std::memmove(buf.data(), buf.data() + have - carry, carry);
    }
    std::fclose(f);
    std::printf("%llu\n", static_cast<unsigned long long>(lines));
    return carry == 0 ? 0 : 1;
}
