#include "bpt/json.h"

#include <charconv>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

#include "swar.h"

namespace bpt {

namespace {

// Whether any of the eight bytes in `v` needs escaping: a control character
// (< 0x20), '"' or '\\'. Bytes of multi-byte UTF-8 sequences (>= 0x80) never match.
constexpr bool needs_escape(std::uint64_t v) {
    return (swar::has_less(v, 0x20) | swar::has_byte(v, '"') | swar::has_byte(v, '\\')) != 0;
}

// Length of the prefix of `s` that needs no escaping. Output is mostly long
// Chinese text with nothing to escape, and this is the hottest loop of JSON and
// NDJSON output, so clean text is skipped sixteen bytes at a time (SSE2 is part of
// every x86-64) or eight elsewhere.
std::size_t clean_prefix(std::string_view s) {
    std::size_t i = 0;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i control_max = _mm_set1_epi8(0x1F);
    for (; i + 16 <= s.size(); i += 16) {
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
        // Unsigned v <= 0x1F exactly when min(v, 0x1F) == v.
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                   _mm_cmpeq_epi8(_mm_min_epu8(v, control_max), v));
        if (int mask = _mm_movemask_epi8(hit)) return i + static_cast<std::size_t>(__builtin_ctz(mask));
    }
#endif
    for (; i + 8 <= s.size(); i += 8) {
        if (needs_escape(swar::load(s.data() + i))) break;
    }
    for (; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == '"' || c == '\\') break;
    }
    return i;
}

}  // namespace

void JsonOut::escape(ByteBuffer& out, std::string_view s) {
    out += '"';
    for (;;) {
        std::size_t clean = clean_prefix(s);
        out.append(s.data(), clean);
        if (clean == s.size()) break;
        auto c = static_cast<unsigned char>(s[clean]);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
        }
        s.remove_prefix(clean + 1);
    }
    out += '"';
}

void JsonOut::newline() {
    b_ += '\n';
    b_.append(static_cast<std::size_t>(depth_) * 2, ' ');
}

JsonOut& JsonOut::open(char bracket) {
    before_value();
    if (depth_ == kMaxDepth) throw std::logic_error("JSON nested deeper than bpt's schema");
    b_ += bracket;
    first_[depth_++] = true;
    return *this;
}

JsonOut& JsonOut::close(char bracket) {
    bool empty = first_[--depth_];
    if (pretty_ && !empty) newline();
    b_ += bracket;
    out_.maybe_flush();
    return *this;
}

JsonOut& JsonOut::number(std::uint64_t n) {
    before_value();
    char digits[20];
    auto r = std::to_chars(digits, digits + sizeof digits, n);
    b_.append(digits, static_cast<std::size_t>(r.ptr - digits));
    return *this;
}

void JsonOut::end_document() {
    b_ += '\n';
    out_.maybe_flush();
}

void JsonOut::escape(std::string& out, std::string_view s) {
    ByteBuffer b;
    escape(b, s);
    out.append(b.view());
}

}  // namespace bpt
