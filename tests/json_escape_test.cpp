#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include <cstdint>

#include "bpt/clean_copy.h"
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
    // ' ', '!', '#' and 0x7f sit next to the special bytes: a range test off by one finds them.
    const char specials[] = {'"', '\\', '\n', '\r', '\t', '\x01', '\x1f', ',', '\0', ' ', '!', '#', '\x7f'};
    for (const auto& fill : fillers) {
        // Past 64: the SSE2 path's paired blocks, single block and overlapping tail.
        for (std::size_t len = 0; len <= 70; ++len) {
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

TEST_CASE("The one-pass copy agrees with its portable reference on every byte value", "[json][csv]") {
    // clean_copy::copy (SSE2 where the build has it) against copy_scalar, the path
    // of builds without SSE2: every byte value at every position of every length.
    for (std::size_t len = 0; len <= 70; ++len) {
        std::string base(len, 'a');
        for (std::size_t at = 0; at <= len; ++at) {
            for (int byte = 0; byte < 256; ++byte) {
                std::string s = base;
                if (at < len) s[at] = static_cast<char>(byte);
                else if (byte > 0) break;  // at == len: the clean string, once
                std::string fast(len + 1, '#'), slow(len + 1, '#');
                bool json_fast = bpt::clean_copy::copy<bpt::clean_copy::Json>(fast.data(), s.data(), len);
                bool json_slow = bpt::clean_copy::copy_scalar<bpt::clean_copy::Json>(slow.data(), s.data(), len);
                REQUIRE(json_fast == json_slow);
                if (json_fast) REQUIRE(fast == slow);
                bool csv_fast = bpt::clean_copy::copy<bpt::clean_copy::Csv>(fast.data(), s.data(), len);
                bool csv_slow = bpt::clean_copy::copy_scalar<bpt::clean_copy::Csv>(slow.data(), s.data(), len);
                REQUIRE(csv_fast == csv_slow);
                if (csv_fast) REQUIRE(fast == slow);
                // Clean means no special byte, and the copy is the string.
                auto c = static_cast<unsigned char>(byte);
                bool special_json = at < len && (c < 0x20 || c == '"' || c == '\\');
                bool special_csv = at < len && (c == ',' || c == '"' || c == '\n' || c == '\r');
                REQUIRE(json_slow == !special_json);
                REQUIRE(csv_slow == !special_csv);
                if (csv_fast) REQUIRE(fast.substr(0, len) == s);
                REQUIRE(fast[len] == '#');  // nothing written past the end
            }
        }
    }
}

TEST_CASE("Money is written in place exactly as Money::to_string writes it", "[json][csv]") {
    const std::int64_t values[] = {0, 1, 9, 10, 99, 100, 5000, 10000, 12345, 26800'4000, -1, -5000, -10000,
                                   -123456789, INT64_MAX, INT64_MIN, 9246'7200, 4387'6800};
    for (std::int64_t v : values) {
        for (int decimals = 0; decimals <= bpt::Money::kMaxDecimals; ++decimals) {
            auto m = bpt::Money::from_scaled(v, decimals);
            bpt::ByteBuffer b;
            bpt::append_money(b, m);
            CHECK(std::string(b.view()) == m.to_string());
        }
    }
}
