#include <catch2/catch.hpp>

#include <cstdio>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "bpt/source.h"
#include "bpt/text.h"
#include "test_util.h"

namespace {

struct Read {
    std::vector<std::string> lines;    // page breaks appear as "<FF>"
    std::vector<std::uint32_t> numbers;
    std::string encoding;
};

Read read_bytes(const std::string& bytes, std::optional<std::string> encoding = {}) {
    bpt::test::TempDir dir;
    auto path = dir / "in.txt";
    bpt::test::write_file(path, bytes);
    auto source = bpt::Source::open(path.string(), encoding);
    Read r;
    bpt::Line line;
    while (source->next(line)) {
        r.lines.push_back(line.page_break ? "<FF>" : std::string(line.text));
        r.numbers.push_back(line.number);
    }
    r.encoding = source->encoding();
    return r;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("Source splits LF, CRLF and CR line ends alike", "[source]") {
    CHECK(read_bytes("a\nb\nc").lines == Lines{"a", "b", "c"});
    CHECK(read_bytes("a\r\nb\r\nc\r\n").lines == Lines{"a", "b", "c"});
    CHECK(read_bytes("a\rb\rc\r").lines == Lines{"a", "b", "c"});
    CHECK(read_bytes("a\r\n\r\nb").lines == Lines{"a", "", "b"});
    CHECK(read_bytes("").lines.empty());
}

TEST_CASE("Source turns form feeds into page breaks without renumbering lines", "[source]") {
    auto r = read_bytes("p1\n\fp2\nx\f\ny");
    CHECK(r.lines == Lines{"p1", "<FF>", "p2", "x", "<FF>", "", "y"});
    CHECK(r.numbers == std::vector<std::uint32_t>{1, 2, 2, 3, 3, 3, 4});
}

TEST_CASE("Source detects UTF-8, a BOM, GB18030 and UTF-16 with a BOM", "[source]") {
    const std::string text = "项目支出绩效目标表\n合计 9,246.72\n";
    auto utf8 = read_bytes(text);
    CHECK(utf8.encoding == "UTF-8");
    CHECK(utf8.lines == Lines{"项目支出绩效目标表", "合计 9,246.72"});

    auto bom = read_bytes("\xEF\xBB\xBF" + text);
    CHECK(bom.encoding == "UTF-8 (BOM)");
    CHECK(bom.lines == utf8.lines);

    auto gb = read_bytes(bpt::test::encode(text, "GB18030"));
    CHECK(gb.encoding == "GB18030");
    CHECK(gb.lines == utf8.lines);

    auto le = read_bytes("\xFF\xFE" + bpt::test::encode(text, "UTF-16LE"));
    CHECK(le.encoding == "UTF-16LE");
    CHECK(le.lines == utf8.lines);

    auto be = read_bytes("\xFE\xFF" + bpt::test::encode(text, "UTF-16BE"));
    CHECK(be.encoding == "UTF-16BE");
    CHECK(be.lines == utf8.lines);
}

TEST_CASE("Source honours a forced encoding and rejects an unknown one", "[source]") {
    const std::string text = "部门名称：测试\n";
    auto forced = read_bytes(bpt::test::encode(text, "GB18030"), std::string("GBK"));
    CHECK(forced.lines == Lines{"部门名称：测试"});
    CHECK(forced.encoding == "GBK");
    CHECK_THROWS_AS(read_bytes(text, std::string("no-such-encoding")), bpt::InputError);
}

TEST_CASE("Source switches to GB18030 when a UTF-8 guess from ASCII turns out wrong", "[source]") {
    // The first block is pure ASCII; the Chinese comes after it.
    std::string ascii(70000, 'a');
    std::string text = ascii + "\n合计\n";
    auto r = read_bytes(bpt::test::encode(text, "GB18030"));
    CHECK(r.encoding == "GB18030");
    REQUIRE(r.lines.size() == 2);
    CHECK(r.lines[1] == "合计");
}

TEST_CASE("Source keeps multi-byte characters whole across its read blocks", "[source]") {
    // Put a three-byte character across a read-block boundary (blocks are 64 KiB).
    std::string text(1048575, 'x');
    text += "合计\n";
    auto r = read_bytes(text);
    CHECK(r.encoding == "UTF-8");
    REQUIRE(r.lines.size() == 1);
    CHECK(r.lines[0].ends_with("合计"));
}

TEST_CASE("Source names the line of invalid UTF-8 and refuses binary input", "[source]") {
    try {
        std::string good;
        for (int i = 0; i < 20; ++i) good += "党代表任期制工作经费（狮岭镇）\n";
        read_bytes(good + "第二十一行\n\xE9" " bad\n");
        FAIL("expected an InputError");
    } catch (const bpt::InputError& e) {
        CHECK(e.line() == 22);
        CHECK(std::string(e.what()).find("UTF-8") != std::string::npos);
    }
    CHECK_THROWS_AS(read_bytes(std::string("abc\0def\n", 8)), bpt::InputError);
    try {
        read_bytes(bpt::test::encode("项目支出绩效目标表 plain text here\n", "UTF-16LE"));
        FAIL("expected an InputError");
    } catch (const bpt::InputError& e) {
        CHECK(std::string(e.what()).find("UTF-16") != std::string::npos);
    }
}

TEST_CASE("Source refuses a line longer than it will hold", "[source]") {
    std::string text(bpt::Source::kMaxLineBytes + 10, 'x');
    CHECK_THROWS_AS(read_bytes(text), bpt::InputError);
}

TEST_CASE("Source drops a byte-order mark that a forced encoding passes through", "[source]") {
    const std::string text = "主管部门\t项目名称\n";
    auto le = read_bytes("\xFF\xFE" + bpt::test::encode(text, "UTF-16LE"), std::string("UTF-16LE"));
    CHECK(le.lines == Lines{"主管部门\t项目名称"});
    auto utf8 = read_bytes("\xEF\xBB\xBF" + text, std::string("UTF-8"));
    CHECK(utf8.lines == Lines{"主管部门\t项目名称"});
}

TEST_CASE("Source: bytes in memory read as a file would, empty ones too", "[source]") {
    auto s = bpt::Source::from_string("甲\r\n乙", "mem.txt");
    bpt::Line l;
    REQUIRE(s->next(l));
    CHECK(l.text == "甲");
    CHECK(l.number == 1);
    REQUIRE(s->next(l));
    CHECK(l.text == "乙");
    CHECK_FALSE(s->next(l));
    CHECK(s->path() == "mem.txt");
    auto empty = bpt::Source::from_string("");
    CHECK_FALSE(empty->next(l));
    CHECK(empty->path() == "<memory>");
}

// The scans go sixteen bytes at a time: a line end, a form feed, a NUL or a
// compatibility ideograph must be found at every offset of a block, not only at some.
TEST_CASE("Source finds line ends and compatibility ideographs at every offset", "[source]") {
    for (std::size_t at = 1; at < 40; ++at) {
        const std::string pad(at, 'x');
        CAPTURE(at);
        CHECK(read_bytes(pad + "\n" + pad + "y").lines == Lines{pad, pad + "y"});
        CHECK(read_bytes(pad + "\r\n" + pad).lines == Lines{pad, pad});
        CHECK(read_bytes(pad + "\f" + pad).lines == Lines{pad, "<FF>", pad});
        // CJK before the padding makes the line non-ASCII whatever its length.
        const std::string cjk = "项目" + pad;
        CHECK(read_bytes(cjk + "\xE2\xBC\xAF" + "作\n").lines == Lines{cjk + "工作"});   // ⼯ U+2F2F
        CHECK(read_bytes(cjk + "\xEF\xA4\x80" + "\n").lines == Lines{cjk + "豈"});       // U+F900
        CHECK(read_bytes(cjk + "（）；" + "\n").lines == Lines{cjk + "（）；"});        // full-width stays
        auto nul = pad + std::string(1, '\0') + "z\n";
        CHECK_THROWS_AS(read_bytes(nul), bpt::InputError);
    }
}

// Source reads 64 KiB blocks and checks each block once, not each line: what a
// block boundary cuts (a character, a CR LF, a line with a bad byte) must read as
// if there were no boundary.
namespace {
constexpr std::size_t kBlock = 64 << 10;

// Lines of CJK and ASCII, about `size` bytes, the last one ended.
std::string cjk_lines(std::size_t size) {
    std::string s;
    for (int i = 0; s.size() < size; ++i) s += "项目" + std::to_string(i) + "（镇）绩效\n";
    return s;
}

Lines split_lines(const std::string& s) {
    Lines out;
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i] == '\n') {
            out.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    if (start < s.size()) out.push_back(s.substr(start));
    return out;
}
}  // namespace

TEST_CASE("Source reads a character cut by a block boundary whole, in every block", "[source]") {
    for (std::size_t block : {std::size_t{1}, std::size_t{2}, std::size_t{5}})
        for (std::size_t shift = 0; shift < 3; ++shift) {
            CAPTURE(block, shift);
            // "合" (3 bytes) starts 0, 1 or 2 bytes before the boundary.
            std::string text = cjk_lines(block * kBlock - 200);
            text += std::string(block * kBlock - shift - 1 - text.size(), 'x');
            text += "\n合计 1.00\n";
            text += cjk_lines(3000);
            REQUIRE(text.compare(block * kBlock - shift, 3, "合") == 0);
            auto r = read_bytes(text);
            CHECK(r.encoding == "UTF-8");
            CHECK(r.lines == split_lines(text));
        }
}

TEST_CASE("Source keeps a CR LF split by a block boundary one line end", "[source]") {
    for (std::size_t block : {std::size_t{1}, std::size_t{3}}) {
        std::string text = cjk_lines(block * kBlock - 100);
        text += std::string(block * kBlock - 1 - text.size(), 'y');
        text += "\r\n甲\r\n";
        REQUIRE(text[block * kBlock - 1] == '\r');
        REQUIRE(text[block * kBlock] == '\n');
        auto r = read_bytes(text);
        Lines want = split_lines(text);
        for (auto& l : want)
            if (!l.empty() && l.back() == '\r') l.pop_back();
        CHECK(r.lines == want);
        CHECK(r.numbers.back() == want.size());
    }
}

TEST_CASE("Source names the exact line of a bad byte, a NUL or a folded ideograph in a later block", "[source]") {
    for (std::size_t at : {kBlock + 10, 2 * kBlock - 1, 3 * kBlock + 7}) {
        CAPTURE(at);
        std::string text = cjk_lines(at);
        std::string head = text.substr(0, text.rfind('\n', at - 1) + 1);  // whole lines before `at`
        auto line = static_cast<bpt::LineNo>(split_lines(head).size() + 1);
        std::string tail = cjk_lines(2 * kBlock);
        try {
            read_bytes(head + "第一\xE9" "行\n" + tail);
            FAIL("expected an InputError");
        } catch (const bpt::InputError& e) {
            CHECK(e.line() == line);
            CHECK(std::string(e.what()).find("UTF-8") != std::string::npos);
        }
        try {
            read_bytes(head + "第" + std::string(1, '\0') + "行\n" + tail);
            FAIL("expected an InputError");
        } catch (const bpt::InputError& e) {
            CHECK(e.line() == line);
            CHECK(std::string(e.what()).find("NUL") != std::string::npos);
        }
        auto r = read_bytes(head + "\xE2\xBC\xAF" "作\n" + tail);  // ⼯ U+2F2F
        REQUIRE(r.lines.size() > line);
        CHECK(r.lines[line - 1] == "工作");
        CHECK(r.lines[line] == split_lines(tail).front());
    }
}

TEST_CASE("Source's scan variants find the same line ends, NULs and ideograph leads", "[source]") {
    std::mt19937 rng(7);
    const std::string pieces[] = {"a", "\n", "\r", "\r\n", "\f", "\t", std::string(1, '\0'), "合", "（", "\xE2\xBC\xAF",
                                  "\xEF\xA4\x80", "\xE2\x80\x94", "\xEF", "\xE2", "xyzxyzxyzxyz",
                                  // Bytes that share a low nibble with LF, FF or CR: never a line end.
                                  "\x1A\x1C\x1D", "\x0B\x0E\x1F", "\x8A\x8C\x8D", "\x2A\x3C\x7D"};
    for (int round = 0; round < 400; ++round) {
        std::string s;
        // Now and then longer than the AVX2 loop's chunk of masks (4 KiB).
        std::size_t len = round % 20 == 0 ? rng() % 12000 : rng() % 200;
        // Mostly plain text, so that whole vectors without a hit are seen too.
        while (s.size() < len) s += rng() % 4 ? std::string("项目名称abcd") : pieces[rng() % std::size(pieces)];
        // Offsets already recorded stay, and the new ones follow them.
        std::vector<std::size_t> ends[3] = {{1, 2}, {1, 2}, {1, 2}};
        bpt::detail::TextScan scans[3];
        for (int v = 0; v < 3; ++v) scans[v] = bpt::detail::scan_text(s.data(), s.size(), 100, ends[v], v);
        for (int v = 1; v < 3; ++v) {
            CAPTURE(s, v);
            CHECK(ends[v] == ends[0]);
            CHECK(scans[v].nul == scans[0].nul);
            CHECK(scans[v].compat == scans[0].compat);
        }
        std::vector<std::size_t> want{1, 2};
        for (std::size_t i = 0; i < s.size(); ++i)
            if (s[i] == '\n' || s[i] == '\r' || s[i] == '\f') want.push_back(100 + i);
        CHECK(ends[0] == want);
        CHECK(scans[0].nul == (s.find('\0') != std::string::npos));
    }
}

// The AVX2 scan checks UTF-8 in its own loop and the bytes after its last full
// vector on their own: a character cut at any offset, or a bad byte anywhere, must
// come out as the scalar check says.
TEST_CASE("Source's scan variants judge UTF-8 as is_valid_utf8 does", "[source][text]") {
    std::mt19937 rng(13);
    const std::string pieces[] = {"a", "合", "\xF0\x9F\x98\x80", "\xC3\xA9", "\n", "\r\n", "项目名称abcd", "（）"};
    for (int round = 0; round < 2000; ++round) {
        std::string s;
        std::size_t len = round % 10 == 0 ? rng() % 9000 : rng() % 120;
        while (s.size() < len) s += pieces[rng() % std::size(pieces)];
        switch (rng() % 4) {
            case 0: if (!s.empty()) s[rng() % s.size()] = static_cast<char>(rng()); break;
            case 1: s.resize(s.empty() ? 0 : rng() % s.size()); break;
            case 2: s += static_cast<char>(0x80 | rng() % 0x40); break;
            default: break;
        }
        const bool want = !bpt::text::is_valid_utf8_scalar(s);
        for (int v = 0; v < 3; ++v) {
            CAPTURE(s, v);
            std::vector<std::size_t> ends;
            CHECK(bpt::detail::scan_text(s.data(), s.size(), 0, ends, v, true).invalid == want);
        }
    }
}

TEST_CASE("is_valid_utf8's SSSE3 and AVX2 checks agree with the scalar loop", "[source][text]") {
    std::mt19937 rng(11);
    const std::string pieces[] = {"a", "合", "\xF0\x9F\x98\x80", "\xC3\xA9", "\xE0\xA0\x80", "\xED\x9F\xBF",
                                  "\xE0\x80\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xC0\xAF", "\x80", "\xFF",
                                  "\xE5\x90", "\xF0\x9F"};
    for (int round = 0; round < 3000; ++round) {
        std::string s;
        std::size_t len = rng() % 100;
        while (s.size() < len) s += rng() % 3 ? std::string("项目") : pieces[rng() % std::size(pieces)];
        bool want = bpt::text::is_valid_utf8_variant(s, 0);
        CAPTURE(s);
        CHECK(bpt::text::is_valid_utf8_variant(s, 1) == want);
        CHECK(bpt::text::is_valid_utf8_variant(s, 2) == want);
    }
}
