#pragma once
// Small UTF-8 text helpers shared by the readers. Text inside bpt is UTF-8 in
// std::string / std::string_view; nothing here allocates unless it returns a string.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bpt/money.h"

namespace bpt::text {

// Spaces the extractors leave around cells: ASCII space and tab, U+3000 (ideographic
// space) and U+00A0 (no-break space).
std::string_view trim_left(std::string_view s);
std::string_view trim_right(std::string_view s);
inline std::string_view trim(std::string_view s) {
    // Inline for the common case, text with no space at either end: only these
    // bytes can start (U+3000 is E3 80 80, U+00A0 is C2 A0) or end a space.
    if (!s.empty()) {
        auto f = static_cast<unsigned char>(s.front()), b = static_cast<unsigned char>(s.back());
        if (f != ' ' && f != '\t' && f != 0xE3 && f != 0xC2 && b != ' ' && b != '\t' && b != 0x80 && b != 0xA0)
            return s;
    }
    return trim_right(trim_left(s));
}
// Width of the leading white space in bytes (0 when the line starts with text).
std::size_t indent_bytes(std::string_view s);

// Splits `s` on runs of white space.
std::vector<std::string_view> split_ws(std::string_view s);
// The next word of `s` (empty at the end), which then starts after it: split_ws
// without the vector, for hot loops.
std::string_view next_word(std::string_view& s);
// The last word of `s` (empty when none), which then ends before it.
std::string_view last_word(std::string_view& s);

// A table amount as the layout prints it: `9,246.72`, `41.00`. Stricter than
// Money::parse: two decimals are required, so that numbers inside names
// (`2023年`, `10号`) are never mistaken for amounts.
std::optional<Money> parse_table_amount(std::string_view token);

// Made of the characters of an amount (digits, `,`, `.`, a leading `-`), with a
// digit and a separator: `1,2,3.4.5` and `99999999999999999.99` look like amounts
// even though they are none, and must be reported rather than read as text.
bool looks_like_amount(std::string_view token);

// A line that ends in amounts: `人才工作经费 41.00 41.00` → head `人才工作经费`,
// amounts {41.00, 41.00}. A line of amounts alone has an empty head. nullopt when
// the line does not end in at least one amount.
struct TrailingAmounts {
    std::string_view head;
    std::vector<Money> amounts;
    std::vector<std::string_view> tokens;  // as written, for messages
};
std::optional<TrailingAmounts> split_trailing_amounts(std::string_view line);
// The same split without the vectors, for the per-line hot path: `amounts` runs
// from the first amount to the end of the line (trimmed), `count` of them.
struct TrailingSpan {
    std::string_view head;
    std::string_view amounts;
    std::size_t count = 0;
};
std::optional<TrailingSpan> find_trailing_amounts(std::string_view line);

// `区级镇（街）党建工作经费（花山镇）` → base `区级镇（街）党建工作经费`, suffix `花山镇`.
// Both bracket widths, in any mix; only a bracket group that closes the name counts.
struct NameParts {
    std::string_view base;
    std::optional<std::string_view> suffix;
};
NameParts split_name(std::string_view name);

// A suffix names a township-level place when it ends in 镇, 乡, 街道 or 街.
bool is_town(std::string_view suffix);

bool is_valid_utf8(std::string_view s);
// The byte-range loop is_valid_utf8 uses where the CPU has no SSSE3; the tests
// check the two agree.
bool is_valid_utf8_scalar(std::string_view s);
// One variant on purpose, for the tests: -1 the best the CPU has, 0 scalar, 1 SSSE3,
// 2 AVX2 (each falling back to the next simpler one where the CPU lacks it).
bool is_valid_utf8_variant(std::string_view s, int variant);

// At most `max_chars` characters of `s` (whole UTF-8 sequences), with … when cut.
std::string ellipsize(std::string_view s, std::size_t max_chars);

// Folds the look-alike code points some PDF producers (a browser's print-to-PDF)
// map common ideographs to: Kangxi radicals U+2F00–U+2FDF, the CJK radicals
// supplement U+2E80–U+2EFF and the compatibility ideographs U+F900–U+FAFF, each
// through NFKC (⼯ U+2F2F → 工), so that names equal the text version's. Nothing
// else is touched: a full NFKC would also turn the table's full-width punctuation
// (（）：，) into ASCII. Returns `s` unchanged, without ICU, when none occurs.
std::string fold_compat_ideographs(std::string_view s);

}  // namespace bpt::text
