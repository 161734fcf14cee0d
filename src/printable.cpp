#include "bpt/printable.h"

#include <cstdint>

namespace bpt {

namespace {

// Length of the valid UTF-8 character starting at s[i] (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), or 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(s[k]); };
    std::uint8_t b = byte(i);
    if (b < 0x80) return 1;
    std::size_t n;
    std::uint8_t lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
    if (b >= 0xC2 && b <= 0xDF) n = 2;
    else if (b >= 0xE0 && b <= 0xEF) {
        n = 3;
        if (b == 0xE0) lo = 0xA0;
        if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
        n = 4;
        if (b == 0xF0) lo = 0x90;
        if (b == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (i + n > s.size()) return 0;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < n; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    return n;
}

// A tab is white space in a quoted TSV line and harmless on a terminal: it stays.
bool is_control(std::uint8_t b) { return (b < 0x20 && b != '\t') || b == 0x7F; }

}  // namespace

std::string printable(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (std::size_t i = 0; i < bytes.size();) {
        auto b = static_cast<std::uint8_t>(bytes[i]);
        std::size_t n = utf8_length(bytes, i);
        // C1 controls (U+0080–U+009F, CSI among them) drive terminals as C0 ones do.
        bool c1 = n == 2 && b == 0xC2 && static_cast<std::uint8_t>(bytes[i + 1]) < 0xA0;
        if (n == 0 || (n == 1 && is_control(b)) || c1) {
            for (std::size_t k = 0; k < (c1 ? 2u : 1u); ++k) {
                auto x = static_cast<std::uint8_t>(bytes[i + k]);
                out += "\\x";
                out += kHex[x >> 4];
                out += kHex[x & 15];
            }
            i += c1 ? 2 : 1;
            continue;
        }
        out.append(bytes.substr(i, n));
        i += n;
    }
    return out;
}

}  // namespace bpt
