#include "bpt/text.h"

#include "swar.h"
#include "utf8_lookup.h"

#include <algorithm>
#include <cstring>
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

namespace bpt::text {

namespace {
constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000
constexpr std::string_view kNoBreakSpace = "\xC2\xA0";           // U+00A0

// Bytes of white space at the front of `s`.
std::size_t space_at_front(std::string_view s) {
    if (s.empty()) return 0;
    if (s[0] == ' ' || s[0] == '\t') return 1;
    if (s.starts_with(kIdeographicSpace)) return kIdeographicSpace.size();
    if (s.starts_with(kNoBreakSpace)) return kNoBreakSpace.size();
    return 0;
}

std::size_t space_at_back(std::string_view s) {
    if (s.empty()) return 0;
    if (s.back() == ' ' || s.back() == '\t') return 1;
    if (s.ends_with(kIdeographicSpace)) return kIdeographicSpace.size();
    if (s.ends_with(kNoBreakSpace)) return kNoBreakSpace.size();
    return 0;
}
}  // namespace

std::string_view trim_left(std::string_view s) {
    while (std::size_t n = space_at_front(s)) s.remove_prefix(n);
    return s;
}

std::string_view trim_right(std::string_view s) {
    while (std::size_t n = space_at_back(s)) s.remove_suffix(n);
    return s;
}


std::size_t indent_bytes(std::string_view s) { return s.size() - trim_left(s).size(); }

std::string_view next_word(std::string_view& s) {
    s = trim_left(s);
    std::size_t i = 0;
    for (; i < s.size(); ++i) {
        // Only these lead bytes can start a space (U+3000 is E3 80 80, U+00A0 is C2 A0).
        auto c = static_cast<unsigned char>(s[i]);
        if (c == ' ' || c == '\t') break;
        if ((c == 0xE3 || c == 0xC2) && space_at_front(s.substr(i))) break;
    }
    std::string_view word = s.substr(0, i);
    s.remove_prefix(i);
    return word;
}

std::string_view last_word(std::string_view& s) {
    s = trim_right(s);
    std::size_t i = s.size();
    // Only these bytes can end a space (U+3000 is E3 80 80, U+00A0 is C2 A0).
    auto may_end_space = [](char c) { return c == ' ' || c == '\t' || c == '\x80' || c == '\xA0'; };
    while (i > 0 && (!may_end_space(s[i - 1]) || space_at_back(s.substr(0, i)) == 0)) --i;
    std::string_view word = s.substr(i);
    s.remove_suffix(word.size());
    return word;
}

std::vector<std::string_view> split_ws(std::string_view s) {
    std::vector<std::string_view> out;
    for (std::string_view w; !(w = next_word(s)).empty();) out.push_back(w);
    return out;
}

std::optional<Money> parse_table_amount(std::string_view t) {
    std::string_view digits = t;
    if (!digits.empty() && digits.front() == '-') digits.remove_prefix(1);
    // Two decimals, and a first character that is a digit: `.50` and `5.` are not amounts.
    if (digits.size() < 4 || digits[digits.size() - 3] != '.' || digits.front() < '0' || digits.front() > '9')
        return std::nullopt;
    return Money::parse(t);
}

bool looks_like_amount(std::string_view t) {
    if (t.starts_with('-')) t.remove_prefix(1);
    bool digit = false, separator = false;
    for (char c : t) {
        if (c >= '0' && c <= '9') digit = true;
        else if (c == ',' || c == '.') separator = true;
        else return false;
    }
    return digit && separator;
}

namespace {
// Bytes an amount token is made of; a token with any other byte is no amount.
bool amount_byte(char c) { return (c >= '0' && c <= '9') || c == ',' || c == '.' || c == '-'; }

// Walks the amounts at the end of `line` from the back, calling `each(token)` for
// each; returns the text before them (trimmed right) and the number found. Only
// the bytes of the amounts and the space before each are looked at: a name before
// them ends the walk at its last byte.
template <class Each>
std::size_t walk_trailing_amounts(std::string_view& rest, Each each) {
    std::size_t count = 0;
    std::string_view last_token;  // rows repeat an amount (总计 = 财政拨款): parsed once
    Money last_amount;
    while (!rest.empty()) {
        std::size_t start = rest.size();
        while (start > 0 && amount_byte(rest[start - 1])) --start;
        // A token runs back to a space, tab or U+3000; one that ran into other text
        // holds a byte no amount has.
        if (start > 0 && rest[start - 1] != ' ' && rest[start - 1] != '\t' &&
            !rest.substr(0, start).ends_with(kIdeographicSpace))
            break;
        std::string_view token = rest.substr(start);
        if (count == 0 || token != last_token) {
            auto amount = parse_table_amount(token);
            if (!amount) break;
            last_token = token;
            last_amount = *amount;
        }
        each(token, last_amount);
        ++count;
        rest = trim_right(rest.substr(0, start));
        // The amount must stand apart from the text before it: `第2.50` is not.
        if (start == 0) break;
    }
    return count;
}
}  // namespace

std::optional<TrailingAmounts> split_trailing_amounts(std::string_view line) {
    std::string_view rest = trim_right(line);
    // Most lines are prose: an amount ends in a digit, so anything else is no row.
    if (rest.empty() || rest.back() < '0' || rest.back() > '9') return std::nullopt;
    TrailingAmounts out;
    // Collected from the back and reversed once: inserting at the front made a
    // long row of amounts quadratic (a 1 MB line took 16 s).
    walk_trailing_amounts(rest, [&](std::string_view token, Money m) {
        out.amounts.push_back(m);
        out.tokens.push_back(token);
    });
    if (out.amounts.empty()) return std::nullopt;
    std::reverse(out.amounts.begin(), out.amounts.end());
    std::reverse(out.tokens.begin(), out.tokens.end());
    out.head = trim(rest);
    return out;
}

std::optional<TrailingSpan> find_trailing_amounts(std::string_view line) {
    std::string_view rest = trim_right(line);
    if (rest.empty() || rest.back() < '0' || rest.back() > '9') return std::nullopt;
    const char* end = rest.data() + rest.size();
    const char* first = nullptr;
    std::size_t count = walk_trailing_amounts(rest, [&](std::string_view token, Money) { first = token.data(); });
    if (count == 0) return std::nullopt;
    return TrailingSpan{trim(rest), std::string_view(first, static_cast<std::size_t>(end - first)), count};
}

namespace {
constexpr std::string_view kOpenFull = "\xEF\xBC\x88";   // （
constexpr std::string_view kCloseFull = "\xEF\xBC\x89";  // ）
}  // namespace

NameParts split_name(std::string_view name) {
    name = trim(name);
    NameParts parts{name, std::nullopt};
    std::size_t close_len = name.ends_with(kCloseFull) ? kCloseFull.size() : name.ends_with(')') ? 1 : 0;
    if (close_len == 0) return parts;
    // Walk back to the bracket that opens the final group, counting nested pairs
    // of either width, since data entry mixes them (`镇(街)…（花山镇）`).
    int depth = 0;
    std::size_t i = name.size();
    while (i > 0) {
        // Only these bytes end a bracket: `)`, `(` and the last bytes of （ EF BC 88 and ） EF BC 89.
        if (char c = name[i - 1]; c != ')' && c != '(' && c != '\x88' && c != '\x89') {
            --i;
            continue;
        }
        std::string_view head = name.substr(0, i);
        if (head.ends_with(kCloseFull) || head.ends_with(')')) {
            ++depth;
            i -= head.ends_with(')') ? 1 : kCloseFull.size();
        } else if (head.ends_with(kOpenFull) || head.ends_with('(')) {
            std::size_t open_len = head.ends_with('(') ? 1 : kOpenFull.size();
            i -= open_len;
            if (--depth == 0) {
                std::string_view base = trim(name.substr(0, i));
                std::string_view inner = trim(name.substr(i + open_len, name.size() - close_len - i - open_len));
                if (base.empty() || inner.empty()) return parts;
                return {base, inner};
            }
        } else {
            --i;
        }
    }
    return parts;  // unbalanced: keep the whole name
}

bool is_town(std::string_view s) {
    // At least one character before the marker: a bare `街` or `镇` names no place.
    for (std::string_view marker : {"街道", "镇", "乡", "街"})
        if (s.ends_with(marker) && s.size() > marker.size()) return true;
    return false;
}

bool is_valid_utf8_scalar(std::string_view s) {
    // The well-formed byte sequences of Unicode's table 3-7, tested by byte ranges,
    // which rules out overlong forms, surrogates and values past U+10FFFF.
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* end = p + s.size();
    auto cont = [](unsigned char b) { return (b & 0xC0) == 0x80; };
    while (p < end) {
        unsigned char c = *p;
        if (c < 0x80) {
            // ASCII comes in runs (numbers, punctuation): skip whole words of it.
            if (end - p >= 8 && swar::all_ascii(swar::load(reinterpret_cast<const char*>(p)))) p += 8;
            else ++p;
        } else if (c >= 0xE0 && c <= 0xEF) {  // three bytes: all of CJK
            // Runs of CJK: test each character's two continuation bytes at once.
            while (end - p >= 4) {
                std::uint32_t w;
                std::memcpy(&w, p, 4);
                if ((w & 0xC0C0F0u) != 0x8080E0u) break;  // lead 1110xxxx, then 10xxxxxx twice
                unsigned char lead = p[0];
                if ((lead == 0xE0 && p[1] < 0xA0) || (lead == 0xED && p[1] >= 0xA0)) return false;
                p += 3;
            }
            if (p >= end || *p < 0xE0 || *p > 0xEF) continue;
            if (end - p < 3 || !cont(p[1]) || !cont(p[2])) return false;
            if ((*p == 0xE0 && p[1] < 0xA0) || (*p == 0xED && p[1] >= 0xA0)) return false;
            p += 3;
        } else if (c >= 0xC2 && c <= 0xDF) {
            if (end - p < 2 || !cont(p[1])) return false;
            p += 2;
        } else if (c >= 0xF0 && c <= 0xF4) {
            if (end - p < 4 || !cont(p[1]) || !cont(p[2]) || !cont(p[3])) return false;
            if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90)) return false;
            p += 4;
        } else {
            return false;
        }
    }
    return true;
}

}  // namespace bpt::text


namespace bpt::text {

std::string ellipsize(std::string_view s, std::size_t max_chars) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
        if (chars++ == max_chars) return std::string(s.substr(0, i)) + "…";
    }
    return std::string(s);
}

}  // namespace bpt::text

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace bpt::text {

namespace {
// The three folded blocks, by their UTF-8 lead bytes: U+2E80–U+2FDF is E2 BA 80 –
// E2 BF 9F, U+F900–U+FAFF is EF A4 80 – EF AB BF.
bool compat_at(std::string_view s, std::size_t i) {
    if (i + 2 >= s.size()) return false;
    auto b0 = static_cast<unsigned char>(s[i]);
    auto b1 = static_cast<unsigned char>(s[i + 1]);
    auto b2 = static_cast<unsigned char>(s[i + 2]);
    if ((b2 & 0xC0) != 0x80) return false;
    if (b0 == 0xE2) return b1 >= 0xBA && (b1 < 0xBF || (b1 == 0xBF && b2 <= 0x9F));
    if (b0 == 0xEF) return b1 >= 0xA4 && b1 <= 0xAB;
    return false;
}
}  // namespace

std::string fold_compat_ideographs(std::string_view s) {
    std::size_t first = 0;
    while (first < s.size() && !compat_at(s, first)) ++first;
    if (first == s.size()) return std::string(s);

    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    std::string out(s.substr(0, first));
    for (std::size_t i = first; i < s.size();) {
        if (!compat_at(s, i)) {
            out += s[i++];
            continue;
        }
        if (U_FAILURE(status)) {  // no normaliser data: keep the text as it is, never garbage
            out.append(s.substr(i, 3));
        } else {
            auto one = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data() + i, 3));
            UErrorCode st = U_ZERO_ERROR;
            icu::UnicodeString folded = nfkc->normalize(one, st);
            if (U_FAILURE(st))
                out.append(s.substr(i, 3));
            else
                folded.toUTF8String(out);
        }
        i += 3;
    }
    return out;
}

#if defined(__x86_64__) && defined(__GNUC__)
namespace {
using namespace lookup;

__attribute__((target("ssse3"))) bool is_valid_utf8_ssse3(std::string_view s) {
    static const Utf8Tables t = utf8_tables();
    __m128i prev = _mm_setzero_si128();
    __m128i error = _mm_setzero_si128();
    const char* p = s.data();
    std::size_t n = s.size();
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m128i in = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        // ASCII after ASCII cannot be wrong: no lookups.
        if (_mm_movemask_epi8(in) == 0 && _mm_movemask_epi8(prev) == 0) {
            prev = in;
            continue;
        }
        error = _mm_or_si128(error, utf8_errors(in, prev, t));
        prev = in;
    }
    // The rest padded with NULs, which are ASCII: a sequence cut short at the end
    // then fails as one followed by ASCII does (a length that is a multiple of 16 gets a block of
    // NULs for that).
    char tail[16] = {};
    if (n > i) std::memcpy(tail, p + i, n - i);
    error = _mm_or_si128(error, utf8_errors(_mm_loadu_si128(reinterpret_cast<const __m128i*>(tail)), prev, t));
    return _mm_movemask_epi8(_mm_cmpeq_epi8(error, _mm_setzero_si128())) == 0xFFFF;
}

__attribute__((target("avx2"))) bool is_valid_utf8_avx2(std::string_view s) {
    static const Utf8Tables t = utf8_tables();
    const __m256i b1h_t = _mm256_broadcastsi128_si256(t.byte1_high);
    const __m256i b1l_t = _mm256_broadcastsi128_si256(t.byte1_low);
    const __m256i b2h_t = _mm256_broadcastsi128_si256(t.byte2_high);
    __m256i prev = _mm256_setzero_si256();
    __m256i error = _mm256_setzero_si256();
    const char* p = s.data();
    std::size_t n = s.size();
    std::size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __m256i in = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
        // ASCII after ASCII cannot be wrong: no lookups.
        if (_mm256_movemask_epi8(_mm256_or_si256(in, prev)) == 0) {
            prev = in;
            continue;
        }
        error = _mm256_or_si256(error, utf8_errors_avx2(in, prev, b1h_t, b1l_t, b2h_t));
        prev = in;
    }
    // The rest padded with NULs, as in the SSSE3 loop.
    char tail[32] = {};
    if (n > i) std::memcpy(tail, p + i, n - i);
    __m256i last = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(tail));
    error = _mm256_or_si256(error, utf8_errors_avx2(last, prev, b1h_t, b1l_t, b2h_t));
    return _mm256_testz_si256(error, error);
}

bool has_ssse3() {
    static const bool yes = __builtin_cpu_supports("ssse3");
    return yes;
}

bool has_avx2() {
    static const bool yes = __builtin_cpu_supports("avx2");
    return yes;
}

}  // namespace

bool is_valid_utf8_variant(std::string_view s, int variant) {
    if ((variant < 0 || variant == 2) && has_avx2()) return is_valid_utf8_avx2(s);
    if (variant != 0 && has_ssse3()) return is_valid_utf8_ssse3(s);
    return is_valid_utf8_scalar(s);
}

bool is_valid_utf8(std::string_view s) { return is_valid_utf8_variant(s, -1); }
#else
bool is_valid_utf8_variant(std::string_view s, int) { return is_valid_utf8_scalar(s); }
bool is_valid_utf8(std::string_view s) { return is_valid_utf8_scalar(s); }
#endif

}  // namespace bpt::text
