#pragma once
// Characters as the indicator and target grammars scan them: UTF-8 bytes, white
// space as PDF extractors leave it, digits ASCII or full-width, tokens matched as
// whole byte sequences. Shared by src/indicator.cpp and src/target.cpp, inline
// because they run on every cell.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace bpt::grammar {

using std::size_t;
using std::string_view;
using Tokens = std::span<const string_view>;

// starts_with/ends_with with a lead-byte test first: most calls fail on the first
// byte, and this is cheaper than a memcmp call.
inline bool has_prefix(string_view s, string_view t) { return !s.empty() && s[0] == t[0] && s.starts_with(t); }
inline bool has_suffix(string_view s, string_view t) {
    return !s.empty() && s.back() == t.back() && s.ends_with(t);
}

// A decimal digit, ASCII or full-width (U+FF10..U+FF19, bytes EF BC 90..99).
struct Digit {
    int value = -1;
    size_t width = 0;
    explicit operator bool() const { return value >= 0; }
};

// Bytes of the white-space character at the front (back) of `s`, 0 if none. PDF
// extractors leave ASCII spaces, tabs, U+3000 and U+00A0.
inline size_t space_front(string_view s) {
    if (s.empty()) return 0;
    if (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n' || s[0] == '\f') return 1;
    if (s.starts_with("\xE3\x80\x80")) return 3;
    if (s.starts_with("\xC2\xA0")) return 2;
    return 0;
}

inline 
size_t space_back(string_view s) {
    if (s.empty()) return 0;
    char c = s.back();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f') return 1;
    if (s.ends_with("\xE3\x80\x80")) return 3;
    if (s.ends_with("\xC2\xA0")) return 2;
    return 0;
}


// Most fields have no white space around them: the bytes that may begin (end) a
// space character are tested first, so that trim costs a few instructions then.
// `c <= ' '` takes every ASCII white space and 0xE3, 0xC2 (0x80, 0xA0) the lead
// (last) bytes of U+3000 and U+00A0; a hit only goes on to the exact test.
inline bool may_begin_space(unsigned char c) { return c <= ' ' || c == 0xE3 || c == 0xC2; }
inline bool may_end_space(unsigned char c) { return c <= ' ' || c == 0x80 || c == 0xA0; }

inline string_view trim_left(string_view s) {
    if (s.empty() || !may_begin_space(static_cast<unsigned char>(s.front()))) return s;
    while (size_t n = space_front(s)) s.remove_prefix(n);
    return s;
}

inline string_view trim_right(string_view s) {
    if (s.empty() || !may_end_space(static_cast<unsigned char>(s.back()))) return s;
    while (size_t n = space_back(s)) s.remove_suffix(n);
    return s;
}

inline string_view trim(string_view s) {
    if (s.empty() || (!may_begin_space(static_cast<unsigned char>(s.front())) &&
                      !may_end_space(static_cast<unsigned char>(s.back()))))
        return s;
    return trim_right(trim_left(s));
}

// `to = from`, but no call when both are empty, as most of a target's and a level's
// strings are: copying a remembered clause or target assigns them field by field.
inline void assign_unless_both_empty(std::string& to, const std::string& from) {
    if (!(to.empty() && from.empty())) to = from;
}

// Length of the first of `tokens` that `s` starts (ends) with, 0 if none.
inline size_t token_front(string_view s, Tokens tokens) {
    for (string_view t : tokens)
        if (has_prefix(s, t)) return t.size();
    return 0;
}

inline 
size_t token_back(string_view s, Tokens tokens) {
    for (string_view t : tokens)
        if (has_suffix(s, t)) return t.size();
    return 0;
}

// Strips white space and any of `tokens` from the end, in any order.
inline string_view strip_back(string_view s, Tokens tokens) {
    for (;;) {
        s = trim_right(s);
        size_t n = token_back(s, tokens);
        if (n == 0) return s;
        s.remove_suffix(n);
    }
}

inline 
size_t next_char(string_view s, size_t i) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    return i;
}

inline 
Digit digit_front(string_view s) {
    if (!s.empty() && s[0] >= '0' && s[0] <= '9') return {s[0] - '0', 1};
    if (s.size() >= 3 && s.starts_with("\xEF\xBC")) {
        auto b = static_cast<unsigned char>(s[2]);
        if (b >= 0x90 && b <= 0x99) return {b - 0x90, 3};
    }
    return {};
}

// A short excerpt for messages, cut on a character boundary.
inline std::string excerpt(string_view s) {
    constexpr size_t kMaxChars = 24;
    size_t end = 0;
    for (size_t n = 0; end < s.size() && n < kMaxChars; ++n) end = next_char(s, end);
    std::string out(s.substr(0, end));
    if (end < s.size()) out += "…";
    return out;
}

}  // namespace bpt::grammar
