#include "bpt/terminal.h"

#include <fmt/format.h>

namespace bpt {

namespace {
// Length of the well-formed UTF-8 sequence at `i`, or 0.
std::size_t sequence_at(std::string_view s, std::size_t i) {
    auto c = static_cast<unsigned char>(s[i]);
    auto cont = [&](std::size_t k) {
        return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    };
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2)) return 0;
        auto c1 = static_cast<unsigned char>(s[i + 1]);
        if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3)) return 0;
        auto c1 = static_cast<unsigned char>(s[i + 1]);
        if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90)) return 0;
        return 4;
    }
    return 0;
}
}  // namespace

std::string terminal_safe(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t') || c == 0x7F) out += fmt::format("\\x{:02x}", c);
            else out += static_cast<char>(c);
            ++i;
            continue;
        }
        std::size_t n = sequence_at(s, i);
        if (n == 0) {
            out += fmt::format("\\x{:02x}", c);
            ++i;
            continue;
        }
        // C1 controls are U+0080–U+009F: C2 80 – C2 9F.
        if (n == 2 && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned char>(s[i + 1]));
        } else {
            out.append(s, i, n);
        }
        i += n;
    }
    return out;
}

}  // namespace bpt
