#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>

#include "bpt/text.h"

namespace {

// The definition, one code point at a time: what the fast check must agree with.
bool reference_utf8(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        std::uint32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
        for (std::size_t k = 1; k < n; ++k) {
            auto b = static_cast<unsigned char>(s[i + k]);
            if ((b & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (b & 0x3F);
        }
        static const std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += n;
    }
    return true;
}

}  // namespace

TEST_CASE("is_valid_utf8 agrees with the definition on mixed and damaged text", "[text]") {
    const std::string pieces[] = {"党代表", "a", "1,234.56 ", "（狮岭镇）", "≥", "\xF0\x9F\x98\x80", "\xED\xA0\x80",
                                  "\xE0\x80\xAF", "\xC0\xAF", "\xF4\x90\x80\x80", "\xE5\x85", "\x80", "\xFF"};
    std::mt19937 rng(7);
    for (int round = 0; round < 20000; ++round) {
        std::string s;
        int n = static_cast<int>(rng() % 12);
        for (int k = 0; k < n; ++k) s += pieces[rng() % (round % 2 ? 13 : 6)];  // odd rounds add damage
        INFO(s);
        CHECK(bpt::text::is_valid_utf8(s) == reference_utf8(s));
    }
}

// The SIMD check works on 16-byte blocks and the bytes before them: sequences that
// straddle a block boundary, or end a string whose length is a multiple of 16, are
// where it could differ from the byte-range loop.
TEST_CASE("is_valid_utf8's block check agrees with the scalar loop and the definition", "[text]") {
    const std::string pieces[] = {"党代表", "a", "1,234.56 ", "（狮岭镇）", "≥", "\xF0\x9F\x98\x80", "\xED\xA0\x80",
                                  "\xE0\x80\xAF", "\xC0\xAF", "\xF4\x90\x80\x80", "\xE5\x85", "\x80", "\xFF",
                                  "\xEF\xBF\xBF", "\xF4\x8F\xBF\xBF", "\xC2\x80", "\xE0\xA0\x80", "\xF0\x90\x80\x80"};
    std::mt19937 rng(11);
    for (int round = 0; round < 20000; ++round) {
        std::string s;
        int n = static_cast<int>(rng() % 40);
        for (int k = 0; k < n; ++k) s += pieces[rng() % (round % 2 ? 18 : 6)];
        INFO(s);
        bool ref = reference_utf8(s);
        CHECK(bpt::text::is_valid_utf8(s) == ref);
        CHECK(bpt::text::is_valid_utf8_scalar(s) == ref);
    }
    // Every two-byte pair, at every place around a block boundary, after ASCII and after CJK.
    int disagreements = 0;
    for (std::size_t at : {0u, 13u, 14u, 15u, 16u, 30u, 31u}) {
        for (const std::string& before : {std::string(at, 'x'), std::string("项目名称（镇）").substr(0, at)}) {
            for (int a = 0; a < 256; ++a) {
                for (int b = 0; b < 256; ++b) {
                    std::string s = before;
                    s += static_cast<char>(a);
                    s += static_cast<char>(b);
                    if (bpt::text::is_valid_utf8(s) != reference_utf8(s)) ++disagreements;
                }
            }
        }
    }
    CHECK(disagreements == 0);
    // Random bytes, biased to the lead and continuation ranges.
    for (int round = 0; round < 50000; ++round) {
        std::string s(rng() % 70, '\0');
        for (auto& c : s) {
            unsigned r = rng() % 4;
            c = static_cast<char>(r == 0 ? rng() % 0x80 : r == 1 ? 0x80 + rng() % 0x40 : 0xC0 + rng() % 0x40);
        }
        if (bpt::text::is_valid_utf8(s) != reference_utf8(s)) ++disagreements;
    }
    CHECK(disagreements == 0);
}

TEST_CASE("split_name and is_town", "[text]") {
    auto p = bpt::text::split_name("区级镇（街）党建工作经费（花山镇）");
    CHECK(p.base == "区级镇（街）党建工作经费");
    CHECK(p.suffix == "花山镇");
    CHECK_FALSE(bpt::text::split_name("市级镇(街)党建工作指导员").suffix);
    CHECK_FALSE(bpt::text::split_name("（狮岭镇）").suffix);  // nothing before the bracket: no base name
    CHECK(bpt::text::is_town("新华街道"));
    CHECK(bpt::text::is_town("花东镇"));
    CHECK_FALSE(bpt::text::is_town("街"));
    CHECK_FALSE(bpt::text::is_town("区本级"));
}

TEST_CASE("split_trailing_amounts reads only amounts that stand apart", "[text]") {
    auto t = bpt::text::split_trailing_amounts("    人才工作经费 41.00 41.00");
    REQUIRE(t);
    CHECK(t->head == "人才工作经费");
    CHECK(t->amounts.size() == 2);
    CHECK_FALSE(bpt::text::split_trailing_amounts("2023年主题教育工作经费"));
    CHECK_FALSE(bpt::text::split_trailing_amounts("第2.50"));
    CHECK(bpt::text::split_trailing_amounts("9,246.72\t9,246.72")->head.empty());
}

TEST_CASE("find_trailing_amounts splits as split_trailing_amounts does", "[text]") {
    // The layout reader's one search per line: the same head, and the amounts' text
    // from the first amount on.
    for (std::string_view line :
         {"    人才工作经费 41.00 41.00", "2023年主题教育工作经费", "第2.50", "9,246.72\t9,246.72", "甲\xE3\x80\x80" "1.00",
          "甲\xC2\xA0" "1.00", "乙 1.00 2,00 3.00 ", "合计 -1.00 1,234.56", "x 1.5 2.00", "- 1.00", "1.00", "",
          "名称 1,2,3.4.5 2.00", "经费（狮岭镇） 26,800.40 26,800.40"}) {
        CAPTURE(line);
        auto split = bpt::text::split_trailing_amounts(line);
        auto found = bpt::text::find_trailing_amounts(line);
        REQUIRE(split.has_value() == found.has_value());
        if (!split) continue;
        CHECK(found->head == split->head);
        CHECK(found->head.data() == split->head.data());
        CHECK(found->count == split->amounts.size());
        CHECK(found->amounts.data() == split->tokens.front().data());
        CHECK(found->amounts == bpt::text::trim(line.substr(static_cast<std::size_t>(found->amounts.data() - line.data()))));
    }
}

TEST_CASE("trim's inline check agrees with trimming", "[text]") {
    for (std::string_view s : {"", " ", "a", " a ", "\ta\t", "\xE3\x80\x80" "甲" "\xE3\x80\x80", "\xC2\xA0" "a" "\xC2\xA0",
                               "甲", "\xE3\x80\x82", "a\xE3\x80\x80"}) {
        CAPTURE(s);
        CHECK(bpt::text::trim(s) == bpt::text::trim_right(bpt::text::trim_left(s)));
    }
}

TEST_CASE("fold_compat_ideographs folds only the radical and compatibility blocks", "[text]") {
    using bpt::text::fold_compat_ideographs;
    // ⼯ U+2F2F and ⽬ U+2F6C (Kangxi radicals), as a browser's print-to-PDF emits them.
    CHECK(fold_compat_ideographs("党建⼯作经费（项⽬）") == "党建工作经费（项目）");
    CHECK(fold_compat_ideographs("\xEF\xA4\x80") == "\xE8\xB1\x88");  // U+F900 → U+8C48 豈
    CHECK(fold_compat_ideographs("\xE2\xBC\x80") == "一");              // U+2F00 → 一
    // Full-width punctuation, ideographic space and ASCII stay exactly as they are.
    const std::string keep = "部门名称：花都区\xE3\x80\x80单位：万元（１２）,.%≥＞";
    CHECK(fold_compat_ideographs(keep) == keep);
    // Just outside the blocks: U+2FE0 and U+FB00 (ﬀ) are not folded.
    CHECK(fold_compat_ideographs("\xE2\xBF\xA0") == "\xE2\xBF\xA0");
    CHECK(fold_compat_ideographs("\xEF\xAC\x80") == "\xEF\xAC\x80");
    CHECK(fold_compat_ideographs("") == "");
    CHECK(fold_compat_ideographs("\xE2\xBC") == "\xE2\xBC");  // cut sequence: untouched
}
