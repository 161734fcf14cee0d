#include "bpt/source.h"

#include <unicode/ucnv.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fmt/format.h>

#include "bpt/printable.h"
#include "bpt/text.h"
#include "swar.h"
#include "utf8_lookup.h"

namespace bpt {

std::string InputError::describe() const {
    if (line_ == 0) return fmt::format("{}: {}", path_, what());
    return fmt::format("{}:{}: {}", path_, line_, what());
}

namespace {

// Read size: large enough that system calls do not show, small enough to allocate
// cheaply for the many tiny inputs of a fuzzing run.
constexpr std::size_t kBlock = 64 << 10;

struct ConverterCloser {
    void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

ConverterPtr open_converter(const std::string& name) {
    UErrorCode status = U_ZERO_ERROR;
    ConverterPtr c(ucnv_open(name.c_str(), &status));
    if (U_FAILURE(status)) return nullptr;
    return c;
}

bool is_utf8_name(std::string_view name) {
    std::string lower;
    for (char c : name)
        if (c != '-' && c != '_') lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower == "utf8";
}

// UTF-8, perhaps damaged in places, rather than a legacy encoding: GB18030 text
// forms a valid UTF-8 sequence now and then by chance, but far more invalid ones.
// A damaged UTF-8 file is reported at its bad line instead of read as mojibake.
bool looks_like_utf8(std::string_view s) {
    // Undamaged UTF-8 has no bad sequence at all: one block check instead of a call per character.
    if (text::is_valid_utf8(s)) return true;
    std::size_t good = 0, bad = 0;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) { ++i; continue; }
        std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (n > 1 && i + n <= s.size() && text::is_valid_utf8(s.substr(i, n))) {
            ++good;
            i += n;
        } else {
            ++bad;
            ++i;
        }
    }
    return bad == 0 || good >= 8 * bad;
}

// Bytes at the end of `s` that start a UTF-8 sequence the block boundary cut short.
std::size_t incomplete_utf8_tail(std::string_view s) {
    for (std::size_t back = 1; back <= 3 && back <= s.size(); ++back) {
        auto c = static_cast<unsigned char>(s[s.size() - back]);
        if ((c & 0xC0) == 0x80) continue;  // continuation byte: keep looking for the lead
        std::size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return need > back ? back : 0;
    }
    return 0;
}


using Scan = detail::TextScan;

// A lead pair that may start a compatibility ideograph: E2 B8–BF or EF A0–AF, a
// little wider than the folded blocks (E2 BA–BF, EF A4–AB) so that a vector tests
// it with masks instead of ranges. A hit only sends the stretch's lines through the
// exact per-line check.
inline bool maybe_compat_pair(unsigned char b0, unsigned char b1) {
    return (b0 == 0xE2 && (b1 & 0xF8) == 0xB8) || (b0 == 0xEF && (b1 & 0xF0) == 0xA0);
}

// The control byte at `at` that a vector pass flagged: a line end is recorded, a
// NUL noted; other control bytes (tab) pass.
inline void note_control(const char* p, std::size_t at, std::size_t base, std::vector<std::size_t>& ends, Scan& s) {
    char c = p[at];
    if (c == '\n' || c == '\r' || c == '\f') ends.push_back(base + at);
    else if (c == '\0') s.nul = true;
}

Scan scan_scalar(const char* p, std::size_t n, std::size_t k, std::size_t base, std::vector<std::size_t>& ends,
                 Scan s) {
    for (; k < n; ++k) {
        auto c = static_cast<unsigned char>(p[k]);
        if (c <= 0x0D) note_control(p, k, base, ends, s);
        // A lead byte at the very end of the stretch counts: its pair cannot be seen here.
        else if ((c == 0xE2 || c == 0xEF) && (k + 1 == n || maybe_compat_pair(c, static_cast<unsigned char>(p[k + 1]))))
            s.compat = true;
    }
    return s;
}

#if defined(__SSE2__)
// Sixteen bytes a step: unsigned b <= 0x0D exactly when min(b, 0x0D) == b; the lead
// pairs are tested against the bytes one further on and only gathered, not branched on.
Scan scan_sse2(const char* p, std::size_t n, std::size_t base, std::vector<std::size_t>& ends) {
    Scan s;
    const __m128i low = _mm_set1_epi8(0x0D);
    const __m128i e2 = _mm_set1_epi8(static_cast<char>(0xE2));
    const __m128i ef = _mm_set1_epi8(static_cast<char>(0xEF));
    const __m128i f8 = _mm_set1_epi8(static_cast<char>(0xF8));
    const __m128i b8 = _mm_set1_epi8(static_cast<char>(0xB8));
    const __m128i f0 = _mm_set1_epi8(static_cast<char>(0xF0));
    const __m128i a0 = _mm_set1_epi8(static_cast<char>(0xA0));
    __m128i compat = _mm_setzero_si128();
    std::size_t k = 0;
    for (; k + 17 <= n; k += 16) {
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + k));
        __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + k + 1));
        compat = _mm_or_si128(
            compat, _mm_or_si128(_mm_and_si128(_mm_cmpeq_epi8(v, e2), _mm_cmpeq_epi8(_mm_and_si128(next, f8), b8)),
                                 _mm_and_si128(_mm_cmpeq_epi8(v, ef), _mm_cmpeq_epi8(_mm_and_si128(next, f0), a0))));
        auto ctrl = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v, low), v)));
        for (; ctrl; ctrl &= ctrl - 1) note_control(p, k + static_cast<std::size_t>(__builtin_ctz(ctrl)), base, ends, s);
    }
    s.compat = _mm_movemask_epi8(compat) != 0;
    return scan_scalar(p, n, k, base, ends, s);
}
#endif

#if defined(__x86_64__) && defined(__GNUC__)
// The same, thirty-two bytes a step, where the CPU has AVX2. The line ends are found
// exactly (a lookup on the low nibble returns the byte itself only for LF, FF and CR)
// and NUL by a running minimum, so that a flagged byte costs one store and a tab none.
// `Utf8`: the UTF-8 check runs on the same loads instead of a second pass.
template <bool Utf8>
__attribute__((target("avx2,popcnt"))) Scan scan_avx2(const char* p, std::size_t n, std::size_t base,
                                                      std::vector<std::size_t>& ends) {
    Scan s;
    [[maybe_unused]] static const text::lookup::Utf8Tables tables = text::lookup::utf8_tables();
    [[maybe_unused]] const __m256i b1h_t = _mm256_broadcastsi128_si256(tables.byte1_high);
    [[maybe_unused]] const __m256i b1l_t = _mm256_broadcastsi128_si256(tables.byte1_low);
    [[maybe_unused]] const __m256i b2h_t = _mm256_broadcastsi128_si256(tables.byte2_high);
    __m256i prev = _mm256_setzero_si256();
    __m256i error = _mm256_setzero_si256();
    const __m256i line_ends = _mm256_setr_epi8(
        -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, '\n', -128, '\f', '\r', -128, -128,  //
        -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, '\n', -128, '\f', '\r', -128, -128);
    const __m256i e2 = _mm256_set1_epi8(static_cast<char>(0xE2));
    const __m256i ef = _mm256_set1_epi8(static_cast<char>(0xEF));
    const __m256i f8 = _mm256_set1_epi8(static_cast<char>(0xF8));
    const __m256i b8 = _mm256_set1_epi8(static_cast<char>(0xB8));
    const __m256i f0 = _mm256_set1_epi8(static_cast<char>(0xF0));
    const __m256i a0 = _mm256_set1_epi8(static_cast<char>(0xA0));
    __m256i compat = _mm256_setzero_si256();
    __m256i least = _mm256_set1_epi8(-1);
    // The vector loop only gathers masks, a chunk at a time: a vector::push_back in
    // it (a possible call) would push the constants out of registers.
    constexpr std::size_t kSteps = 128;
    std::uint32_t masks[kSteps];
    std::size_t k = 0;
    while (k + 33 <= n) {
        const std::size_t start = k;
        std::size_t steps = 0, count = 0;
        for (; steps < kSteps && k + 33 <= n; ++steps, k += 32) {
            __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + k));
            __m256i next = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + k + 1));
            compat = _mm256_or_si256(
                compat, _mm256_or_si256(
                            _mm256_and_si256(_mm256_cmpeq_epi8(v, e2), _mm256_cmpeq_epi8(_mm256_and_si256(next, f8), b8)),
                            _mm256_and_si256(_mm256_cmpeq_epi8(v, ef), _mm256_cmpeq_epi8(_mm256_and_si256(next, f0), a0))));
            least = _mm256_min_epu8(least, v);
            if constexpr (Utf8) {
                error = _mm256_or_si256(error, text::lookup::utf8_errors_avx2(v, prev, b1h_t, b1l_t, b2h_t));
                prev = v;
            }
            auto hits =
                static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_shuffle_epi8(line_ends, v), v)));
            masks[steps] = hits;
            count += static_cast<std::size_t>(__builtin_popcount(hits));
        }
        const std::size_t at = ends.size();
        ends.resize(at + count);
        std::size_t* out = ends.data() + at;
        for (std::size_t j = 0; j < steps; ++j)
            for (std::uint32_t hits = masks[j]; hits; hits &= hits - 1)
                *out++ = base + start + 32 * j + static_cast<std::size_t>(__builtin_ctz(hits));
    }
    s.compat = !_mm256_testz_si256(compat, compat);
    s.nul = _mm256_movemask_epi8(_mm256_cmpeq_epi8(least, _mm256_setzero_si256())) != 0;
    if constexpr (Utf8) {
        // The loop checked every byte before k against the bytes before it, but not
        // whether a sequence cut at k goes on right. Text splits into two checks
        // wherever a character starts: the rest is checked on its own from the last
        // start among the four bytes before k (four continuation bytes in a row the
        // loop has flagged already).
        std::size_t from = k;
        for (std::size_t back = 1; back <= 4 && back <= k; ++back)
            if ((static_cast<unsigned char>(p[k - back]) & 0xC0) != 0x80) {
                from = k - back;
                break;
            }
        s.invalid = !_mm256_testz_si256(error, error) || !text::is_valid_utf8(std::string_view(p + from, n - from));
    }
    return scan_scalar(p, n, k, base, ends, s);
}

bool has_avx2() {
    static const bool yes = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
    return yes;
}
#endif

}  // namespace

Scan detail::scan_text(const char* p, std::size_t n, std::size_t base, std::vector<std::size_t>& ends, int variant,
                       bool check_utf8) {
#if defined(__x86_64__) && defined(__GNUC__)
    if ((variant < 0 || variant == 2) && has_avx2())
        return check_utf8 ? scan_avx2<true>(p, n, base, ends) : scan_avx2<false>(p, n, base, ends);
#endif
    Scan s;
#if defined(__SSE2__)
    if (variant != 0) s = scan_sse2(p, n, base, ends);
    else s = scan_scalar(p, n, 0, base, ends, {});
#else
    s = scan_scalar(p, n, 0, base, ends, {});
#endif
    (void)variant;
    if (check_utf8) s.invalid = !text::is_valid_utf8(std::string_view(p, n));
    return s;
}

namespace {

// No byte of p[0, n) is above 0x7F.
bool all_ascii(const char* p, std::size_t n) {
    std::uint64_t bits = 0;
    std::size_t k = 0;
    for (; k + 8 <= n; k += 8) bits |= swar::load(p + k);
    for (; k < n; ++k) bits |= static_cast<unsigned char>(p[k]);
    return swar::all_ascii(bits);
}

// Decoded text not yet handed out: a plain growable array, so that a block is read
// straight into it without zeroing it first.
struct TextBuffer {
    std::unique_ptr<char[]> data;
    std::size_t size = 0, cap = 0;

    // Room for `extra` more bytes after `size`, uninitialised.
    char* room(std::size_t extra) {
        if (size + extra > cap) {
            std::size_t c = std::max(cap * 2, size + extra);
            auto d = std::make_unique_for_overwrite<char[]>(c);
            if (size) std::memcpy(d.get(), data.get(), size);
            data = std::move(d);
            cap = c;
        }
        return data.get() + size;
    }
    void append(const char* p, std::size_t n) {
        if (n == 0) return;
        std::memcpy(room(n), p, n);
        size += n;
    }
    void erase_front(std::size_t n) {
        if (n < size) std::memmove(data.get(), data.get() + n, size - n);
        size -= n;
    }
    std::string_view view(std::size_t from, std::size_t to) const { return {data.get() + from, to - from}; }
};

}  // namespace

struct Source::Impl {
    std::FILE* file = nullptr;
    bool owns = false;
    std::string path;
    std::optional<std::string> forced;
    std::string encoding;
    bool detected = false;
    bool eof = false;
    bool utf8 = true;       // pass-through: bytes are already UTF-8
    ConverterPtr from;      // ICU source converter when not UTF-8
    ConverterPtr to_utf8;
    std::vector<UChar> pivot = std::vector<UChar>(4096);
    UChar* pivot_source = nullptr;
    UChar* pivot_target = nullptr;
    std::unique_ptr<char[]> block;  // what fread fills (uninitialised: no memset per block)
    std::string raw;        // undecoded bytes read ahead (UTF-8 is read straight into `buf`)
    TextBuffer buf;         // decoded UTF-8 not yet handed out
    std::string folded;     // the current line, when its compatibility ideographs were folded
    std::size_t pos = 0;
    // `buf` is scanned once as it fills (not once per line): `ends` holds the offsets
    // of its LF, CR and FF up to `scanned`, ends[next_end] the first at or after
    // `pos`. Within [clean_begin, clean_end) the text is known to be valid UTF-8
    // without NUL or compatibility ideographs, so its lines need no check of their own.
    std::vector<std::size_t> ends;
    std::size_t next_end = 0;
    std::size_t scanned = 0;
    std::size_t clean_begin = 0, clean_end = 0;
    bool erased_ascii = true;  // no byte dropped from the front of `buf` was above 0x7F
    LineNo line_no = 1;
    std::uint64_t bytes = 0;

    std::unique_ptr<std::string> memory;  // from_string: the bytes `file` reads (a stable address)

    ~Impl() {
        if (owns && file) std::fclose(file);
    }

    [[noreturn]] void fail(LineNo line, const std::string& what) const { throw InputError(path, line, what); }

    // Reads one block of raw bytes; false at end of input.
    bool read_block() {
        if (eof) return false;
        if (!block) block = std::make_unique<char[]>(kBlock);
        std::size_t n = std::fread(block.get(), 1, kBlock, file);
        raw.append(block.get(), n);
        bytes += n;
        if (n == 0) {
            if (std::ferror(file)) fail(0, fmt::format("cannot read: {}", std::strerror(errno)));
            eof = true;
            return false;
        }
        return true;
    }

    void use_converter(const std::string& name) {
        from = open_converter(name);
        to_utf8 = open_converter("UTF-8");
        if (!from || !to_utf8) fail(0, fmt::format("unknown encoding '{}'", name));
        UErrorCode status = U_ZERO_ERROR;
        // Stop on bytes that are not valid in the encoding rather than substitute
        // them: a silent U+FFFD in a project name would be a wrong answer.
        ucnv_setToUCallBack(from.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
        pivot_source = pivot_target = pivot.data();
        utf8 = false;
    }

    void detect() {
        detected = true;
        while (raw.size() < 64 * 1024 && read_block()) {
        }
        std::string_view head = raw;
        if (forced) {
            if (is_utf8_name(*forced)) {
                encoding = "UTF-8";
                if (head.starts_with("\xEF\xBB\xBF")) raw.erase(0, 3);
            } else {
                use_converter(*forced);
                encoding = *forced;
            }
            return;
        }
        if (head.starts_with("\xEF\xBB\xBF")) {
            encoding = "UTF-8 (BOM)";
            raw.erase(0, 3);
        } else if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF")) {
            bool le = head[0] == '\xFF';
            raw.erase(0, 2);
            use_converter(le ? "UTF-16LE" : "UTF-16BE");
            encoding = le ? "UTF-16LE" : "UTF-16BE";
        } else {
            check_not_binary(head);
            std::string_view complete = head.substr(0, head.size() - (eof ? 0 : incomplete_utf8_tail(head)));
            if (looks_like_utf8(complete)) {
                encoding = "UTF-8";
            } else {
                use_converter("GB18030");
                encoding = "GB18030";
            }
        }
    }

    // Nearly every code unit of `head`, read as UTF-16, is one a Chinese table is
    // written in: CJK ideographs and punctuation, full-width forms, printable
    // ASCII, tabs and line ends.
    static bool plausible_utf16(std::string_view head, bool le) {
        std::size_t units = head.size() / 2, good = 0;
        if (units < 2) return false;
        for (std::size_t i = 0; i + 1 < head.size(); i += 2) {
            auto lo = static_cast<unsigned char>(head[i + (le ? 0 : 1)]);
            auto hi = static_cast<unsigned char>(head[i + (le ? 1 : 0)]);
            unsigned u = hi << 8 | lo;
            good += (u >= 0x20 && u < 0x7F) || u == '\t' || u == '\n' || u == '\r' || u == '\f' ||
                    (u >= 0x3000 && u < 0x3040) || (u >= 0x4E00 && u < 0xA000) || (u >= 0xFF00 && u < 0xFFF0);
        }
        return good * 10 >= units * 9;
    }

    void check_not_binary(std::string_view head) const {
        std::size_t nul = head.find('\0');
        if (nul == std::string_view::npos) return;
        // UTF-16 without a byte-order mark puts the NUL half of every ASCII character
        // (newlines, digits) on one side: all at odd offsets (LE) or all at even (BE).
        // Binary data scatters them. Say so, since --encoding is the fix.
        std::size_t even = 0, odd = 0;
        for (std::size_t i = 0; i < head.size(); ++i)
            if (head[i] == '\0') ++(i % 2 ? odd : even);
        if (odd + even >= 2 && (odd == 0 || even == 0))
            fail(0, fmt::format("looks like UTF-16 without a byte-order mark; name the encoding with --encoding {}",
                                odd ? "UTF-16LE" : "UTF-16BE"));
        // Chinese text has few ASCII characters, and some ideographs have a NUL
        // half too (一 is U+4E00): then the parity alone does not tell, but the
        // text read as UTF-16 is made of the characters of a table.
        for (bool le : {true, false})
            if (plausible_utf16(head, le))
                fail(0, fmt::format("looks like UTF-16 without a byte-order mark; name the encoding with --encoding {}",
                                    le ? "UTF-16LE" : "UTF-16BE"));
        LineNo line = 1;
        for (std::size_t i = 0; i < nul; ++i) line += head[i] == '\n';
        fail(line, "NUL byte: not a text file");
    }

    // Moves raw bytes into `buf` as UTF-8; false when nothing more will come.
    bool decode_more() {
        if (utf8) {
            if (!raw.empty()) {  // what detection read ahead
                buf.append(raw.data(), raw.size());
                raw.clear();
                return true;
            }
            return read_into_buf();
        }
        if (raw.empty() && !read_block()) {
            if (!eof_flushed) flush_converter();
            return false;
        }
        convert(false);
        return true;
    }

    // UTF-8 needs no decoding: a block goes straight where lines are cut from.
    bool read_into_buf() {
        if (eof) return false;
        char* at = buf.room(kBlock);
        std::size_t n = std::fread(at, 1, kBlock, file);
        buf.size += n;
        bytes += n;
        if (n == 0) {
            if (std::ferror(file)) fail(0, fmt::format("cannot read: {}", std::strerror(errno)));
            eof = true;
            return false;
        }
        return true;
    }

    // Scans what was appended to `buf` since the last call, up to a sequence a block
    // boundary cut short (its bytes are above 0x7F: no line end hides there). A
    // stretch that passes the checks extends the clean range; one that fails leaves
    // its lines to be checked one by one, so that an error names its line as before.
    void index() {
        std::size_t end = buf.size;
        if (utf8 && !eof) end -= incomplete_utf8_tail(buf.view(scanned, end));
        if (end <= scanned) return;
        Scan s = detail::scan_text(buf.data.get() + scanned, end - scanned, scanned, ends, -1, utf8);
        bool clean = !s.nul && !s.compat && !s.invalid;
        if (clean) {
            if (clean_end != scanned) clean_begin = scanned;
            clean_end = end;
        }
        scanned = end;
    }

    // Drops the lines handed out from the front of `buf` before it grows.
    void compact() {
        if (pos == 0) return;
        if (erased_ascii) erased_ascii = all_ascii(buf.data.get(), pos);
        buf.erase_front(pos);
        ends.erase(ends.begin(), ends.begin() + static_cast<std::ptrdiff_t>(next_end));
        next_end = 0;
        for (auto& e : ends) e -= pos;
        scanned -= pos;
        clean_begin = clean_begin > pos ? clean_begin - pos : 0;
        clean_end = clean_end > pos ? clean_end - pos : 0;
        pos = 0;
    }

    bool eof_flushed = false;
    void flush_converter() {
        eof_flushed = true;
        convert(true);
    }

    void convert(bool flush) {
        const char* src = raw.data();
        const char* src_end = src + raw.size();
        char out[16384];
        for (;;) {
            char* target = out;
            UErrorCode status = U_ZERO_ERROR;
            ucnv_convertEx(to_utf8.get(), from.get(), &target, out + sizeof out, &src, src_end, pivot.data(),
                           &pivot_source, &pivot_target, pivot.data() + pivot.size(), false, flush, &status);
            buf.append(out, static_cast<std::size_t>(target - out));
            if (status == U_BUFFER_OVERFLOW_ERROR) continue;
            if (U_FAILURE(status)) {
                // Lines already decoded, wherever they wait: in `buf` or in ICU's pivot.
                LineNo line = line_no;
                for (std::size_t i = pos; i < buf.size; ++i) line += buf.data[i] == '\n';
                for (const UChar* u = pivot_source; u < pivot_target; ++u) line += *u == u'\n';
                fail(line, fmt::format("bytes that are not valid {} (use --encoding to name the file's encoding)",
                                       encoding));
            }
            break;
        }
        raw.erase(0, static_cast<std::size_t>(src - raw.data()));
    }

    // A UTF-8 file whose first block was pure ASCII may turn out to be GB18030
    // further on; until a non-ASCII line has been handed out, switching is exact.
    bool switch_to_gb18030() {
        // Every line handed out so far was ASCII: the bytes before `pos` are those lines and their ends.
        if (!utf8 || forced || encoding != "UTF-8" || !erased_ascii || !all_ascii(buf.data.get(), pos)) return false;
        std::string undecoded(buf.view(pos, buf.size));
        undecoded += raw;
        buf.size = pos;
        raw = std::move(undecoded);
        while (!ends.empty() && ends.back() >= pos) ends.pop_back();
        scanned = pos;
        clean_end = std::min(clean_end, pos);
        clean_begin = std::min(clean_begin, clean_end);
        use_converter("GB18030");
        encoding = "GB18030";
        convert(eof);
        index();
        return true;
    }

    bool drained = false;  // decode_more() has nothing more to give
    bool at_start = true;  // the first line is still to be handed out

    // Every case: reading, the first line, page breaks, lines outside the clean
    // stretch. Source::next takes the common one itself.
    [[gnu::noinline]] bool next(Line& out) {
        if (!detected) detect();
        for (;;) {
            const char* d = buf.data.get();
            const std::size_t n = buf.size;
            std::size_t i = next_end < ends.size() ? ends[next_end] : n;
            if (i - pos > kMaxLineBytes)
                fail(line_no, fmt::format("line is longer than {} MiB: not a table (a binary file, or text "
                                          "without line breaks?)", kMaxLineBytes >> 20));
            // No line end yet, or a CR that may be the first half of a CRLF: read on.
            if (!drained && (i == n || (d[i] == '\r' && i + 1 == n))) {
                compact();
                if (!decode_more()) drained = true;
                index();
                continue;
            }
            if (i == n && pos == n) return false;
            std::string_view text(d + pos, i - pos);
            if (i < n && d[i] == '\f' && text.empty()) {
                pos = i + 1;
                ++next_end;
                out = Line{{}, line_no, true};
                return true;
            }
            bool may_fold = false;
            if (pos < clean_begin || i > clean_end) {
                std::uint64_t bits = 0;
                bool nul = false;
                std::size_t k = 0;
                for (; k + 8 <= text.size(); k += 8) {
                    std::uint64_t w = swar::load(text.data() + k);
                    bits |= w;
                    nul |= swar::has_byte(w, 0) != 0;
                }
                for (; k < text.size(); ++k) {
                    bits |= static_cast<unsigned char>(text[k]);
                    nul |= text[k] == '\0';
                }
                if (nul) fail(line_no, "NUL byte: not a text file");
                if (!check_line(text, swar::all_ascii(bits))) continue;  // re-decoded: scan again
                may_fold = !swar::all_ascii(bits);
            }
            if (at_start) {
                // A byte-order mark the decoder passed through (an encoding named
                // with --encoding that carries one, as Excel's "Unicode text" does)
                // is no part of the first line.
                at_start = false;
                if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
            }
            // Some producers (a browser's print-to-PDF) map common ideographs to
            // look-alike radicals (⼯ U+2F2F for 工); extracted text carries them, and
            // a name would then differ from the same name typed. A clean stretch has
            // none; elsewhere a non-ASCII line is scanned for their lead bytes.
            if (may_fold && may_hold_compat(text)) {
                folded = text::fold_compat_ideographs(text);
                text = folded;
            }
            out = Line{text, line_no, false};
            if (i == n || d[i] == '\f') {  // a form feed comes next as its own event, same line
                pos = i;
                return true;
            }
            pos = i + 1;
            ++next_end;
            if (d[i] == '\r' && pos < n && d[pos] == '\n') {
                ++pos;
                ++next_end;
            }
            ++line_no;
            return true;
        }
    }

    // Whether `text` has a lead pair of U+2E80–U+2FDF (E2 BA–BF) or U+F900–U+FAFF
    // (EF A4–AB); fold_compat_ideographs decides exactly.
    static bool may_hold_compat(std::string_view text) {
        std::size_t k = 0;
#if defined(__SSE2__)
        // Lead bytes E2 and EF are rare in CJK text but for full-width punctuation
        // (EF BC/BD), so sixteen bytes are tested at once and a hit looked at alone.
        const __m128i e2 = _mm_set1_epi8(static_cast<char>(0xE2));
        const __m128i ef = _mm_set1_epi8(static_cast<char>(0xEF));
        for (; k + 17 <= text.size(); k += 16) {
            __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + k));
            unsigned mask = static_cast<unsigned>(
                _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, e2), _mm_cmpeq_epi8(v, ef))));
            while (mask) {
                std::size_t at = k + static_cast<std::size_t>(__builtin_ctz(mask));
                mask &= mask - 1;
                auto b0 = static_cast<unsigned char>(text[at]);
                auto b1 = static_cast<unsigned char>(text[at + 1]);
                if ((b0 == 0xE2 && b1 >= 0xBA && b1 <= 0xBF) || (b0 == 0xEF && b1 >= 0xA4 && b1 <= 0xAB))
                    return true;
            }
        }
#endif
        for (; k + 1 < text.size(); ++k) {
            auto b0 = static_cast<unsigned char>(text[k]);
            if (b0 < 0xE2) continue;
            auto b1 = static_cast<unsigned char>(text[k + 1]);
            if ((b0 == 0xE2 && b1 >= 0xBA && b1 <= 0xBF) || (b0 == 0xEF && b1 >= 0xA4 && b1 <= 0xAB)) return true;
        }
        return false;
    }

    // Validates a line handed out in pass-through mode. False when the input was
    // re-decoded as GB18030 and the caller must scan again.
    bool check_line(std::string_view text, bool ascii) {
        if (ascii || !utf8) return true;
        if (!text::is_valid_utf8(text)) {
            if (switch_to_gb18030()) return false;
            fail(line_no, "invalid UTF-8 (the file started as UTF-8; use --encoding to name its encoding)");
        }
        return true;
    }
};

Source::Source(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Source::~Source() = default;

std::unique_ptr<Source> Source::open(const std::string& path, const std::optional<std::string>& encoding) {
    if (path == "-") return from_stream(stdin, "-", encoding, false);
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw InputError(path, 0, "is a folder, not a file");
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) throw InputError(path, 0, fmt::format("cannot open: {}", std::strerror(errno)));
    return from_stream(f, path, encoding, true);
}

std::unique_ptr<Source> Source::from_stream(std::FILE* stream, std::string path,
                                            const std::optional<std::string>& encoding, bool owns) {
    auto impl = std::make_unique<Impl>();
    impl->file = stream;
    impl->owns = owns;
    // The name is for outputs and messages, which are UTF-8 text (printable.h).
    impl->path = printable(path);
    impl->forced = encoding;
    if (encoding && !is_utf8_name(*encoding) && !open_converter(*encoding))
        throw InputError(impl->path, 0, fmt::format("unknown encoding '{}' (try UTF-8, GB18030, UTF-16LE)", *encoding));
    return std::unique_ptr<Source>(new Source(std::move(impl)));
}

std::unique_ptr<Source> Source::from_string(std::string bytes, std::string path,
                                            const std::optional<std::string>& encoding) {
    // A stream over the bytes, so that memory input takes the same path as a file.
    // fmemopen refuses an empty buffer, so an empty input reads past a spare byte.
    bool empty = bytes.empty();
    auto memory = std::make_unique<std::string>(empty ? std::string(1, '\0') : std::move(bytes));
    std::FILE* f = ::fmemopen(memory->data(), memory->size(), "rb");
    if (!f) throw InputError(path, 0, fmt::format("cannot read from memory: {}", std::strerror(errno)));
    if (empty) std::fgetc(f);
    auto source = from_stream(f, std::move(path), encoding, true);
    source->impl_->memory = std::move(memory);
    return source;
}

bool Source::next(Line& out) {
    // A line inside the clean stretch, ended by LF, CR LF or CR with its next byte
    // already read, is all but every call: it takes a dozen instructions here instead
    // of the general loop's register saves and checks. It hands out what that loop
    // would (no check or folding applies inside the clean stretch).
    Impl& m = *impl_;
    if (m.next_end < m.ends.size()) {
        const std::size_t i = m.ends[m.next_end];
        const char* d = m.buf.data.get();
        if (i + 1 < m.buf.size && m.pos >= m.clean_begin && i <= m.clean_end && !m.at_start &&
            i - m.pos <= kMaxLineBytes && d[i] != '\f') {
            out = Line{std::string_view(d + m.pos, i - m.pos), m.line_no++, false};
            m.pos = i + 1;
            ++m.next_end;
            if (d[i] == '\r' && d[i + 1] == '\n') {
                ++m.pos;
                ++m.next_end;
            }
            return true;
        }
    }
    return m.next(out);
}
const std::string& Source::encoding() const {
    if (!impl_->detected) impl_->detect();
    return impl_->encoding;
}
const std::string& Source::path() const { return impl_->path; }
std::uint64_t Source::bytes_read() const { return impl_->bytes; }

}  // namespace bpt
