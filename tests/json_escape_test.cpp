#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "bpt/csv_writer.h"
#include "bpt/json.h"

namespace {

// The obvious byte-at-a-time versions, against which the word-at-a-time ones are
// checked.
std::string reference_json(std::string_view s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

std::string reference_csv(std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace

TEST_CASE("JSON and CSV escaping find every special byte, wherever it falls in a word", "[json][csv]") {
    // Clean text of every length around the 8-byte word, with each special byte
    // planted at each position; plus bytes that look special to a careless
    // word-at-a-time test (0x7f, 0xa2 = '"' | 0x80, the bytes of 中 and “).
    const std::string fillers[] = {"a", "中", "\x7f", "\xa2", "“", "\xdc"};
    const char specials[] = {'"', '\\', '\n', '\r', '\t', '\x01', '\x1f', ',', '\0'};
    for (const auto& fill : fillers) {
        for (std::size_t len = 0; len <= 20; ++len) {
            std::string base;
            while (base.size() < len) base += fill;
            base.resize(len);  // may cut a multi-byte filler: escaping is byte-wise anyway
            std::string out;
            bpt::JsonOut::escape(out, base);
            CHECK(out == reference_json(base));
            out.clear();
            bpt::append_csv_field(out, base);
            CHECK(out == reference_csv(base));
            for (std::size_t at = 0; at < len; ++at) {
                for (char sp : specials) {
                    std::string s = base;
                    s[at] = sp;
                    out.clear();
                    bpt::JsonOut::escape(out, s);
                    CHECK(out == reference_json(s));
                    out.clear();
                    bpt::append_csv_field(out, s);
                    CHECK(out == reference_csv(s));
                }
            }
        }
    }
}
