#include "bpt/json.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

#include "bpt/clean_copy.h"

namespace bpt {

// A string with something to escape (a quote or a tab in a cell): rare, so byte
// by byte.
void JsonOut::escape_slow(ByteBuffer& out, std::string_view s) {
    out += '"';
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (!clean_copy::Json::byte(c)) continue;
        out.append(s.data() + start, i - start);
        start = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
        }
    }
    out.append(s.data() + start, s.size() - start);
    out += '"';
}

void JsonOut::escape(ByteBuffer& out, std::string_view s) {
    char* p = out.tail(s.size() + 2);
    if (clean_copy::copy<clean_copy::Json>(p + 1, s.data(), s.size())) {
        p[0] = '"';
        p[s.size() + 1] = '"';
        out.set_end(p + s.size() + 2);
        return;
    }
    escape_slow(out, s);
}

char* JsonOut::Run::put_string(char* p, std::string_view s, ByteBuffer& b, std::size_t bound) {
    if (clean_copy::copy<clean_copy::Json>(p + 1, s.data(), s.size())) {
        p[0] = '"';
        p[s.size() + 1] = '"';
        return p + s.size() + 2;
    }
    b.set_end(p);
    escape_slow(b, s);
    return b.tail(bound);
}

void append_money(ByteBuffer& out, Money m) { out.set_end(put_money(out.tail(kMoneyMax), m)); }

char* put_money(char* p, Money m) {
    // Money::to_string, without its strings: the units, then as many of the four
    // decimals as the value needs, at least as many as were written; never rounded.
    std::int64_t value = m.scaled();
    std::uint64_t mag = value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
    constexpr auto scale = static_cast<std::uint64_t>(Money::kScale);
    static_assert(Money::kScale == 10000 && Money::kMaxDecimals == 4);
    if (value < 0) *p++ = '-';
    p = std::to_chars(p, p + 20, mag / scale).ptr;
    auto frac = static_cast<unsigned>(mag % scale);
    char digits[4] = {static_cast<char>('0' + frac / 1000), static_cast<char>('0' + frac / 100 % 10),
                      static_cast<char>('0' + frac / 10 % 10), static_cast<char>('0' + frac % 10)};
    int needed = Money::kMaxDecimals;
    while (needed > 0 && digits[needed - 1] == '0') --needed;
    int shown = std::max(m.decimals(), needed);
    if (shown > 0) {
        *p++ = '.';
        std::memcpy(p, digits, 4);
        p += shown;
    }
    return p;
}

void JsonOut::too_deep() { throw std::logic_error("JSON nested deeper than bpt's schema"); }

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
