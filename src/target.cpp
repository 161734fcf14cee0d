#include "bpt/target.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <vector>
#include <utility>

#include "bpt/hash.h"

#include "grammar_chars.h"

// A hand-written scanner over UTF-8 bytes, like the clause grammar that calls it for
// every target of every file: no std::regex, no full NFKC. CJK characters and
// punctuation are matched as whole byte sequences; UTF-8 is self-synchronising, so a
// byte-wise find for a whole character never matches inside another one.

namespace bpt {
namespace {

using std::size_t;
using std::string_view;
using namespace grammar;  // the shared character helpers (grammar_chars.h)

constexpr string_view kDashes[] = {"-", "－"};
constexpr string_view kDecimalPoints[] = {".", "．"};
// A value's closing full stop, in either script: `≥90%.` is 90 percent, not a unit `%.`.
constexpr string_view kClosingStops[] = {"。", ".", "．"};
// Punctuation that ends a word: never part of a unit.
constexpr string_view kPunctuation[] = {"，", "。", "；", "、", "：", ",", ";", ":"};
constexpr string_view kOpenBrackets[] = {"(", "（"};
constexpr string_view kCloseBrackets[] = {")", "）"};
// Between the two ends of a range: `90%-95%`, `5~10个`, `2023.07-2024.01`, `1月至12月`.
constexpr string_view kRangeSeparators[] = {"-", "－", "~", "～", "—", "–", "至", "到"};
// Left by whoever filled in a template and did not: `≥**个`, `≥XX%`.
constexpr string_view kPlaceholders[] = {"*", "＊", "X", "x", "×", "□", "_"};



size_t count_chars(string_view s) {
    size_t n = 0;
    for (size_t i = 0; i < s.size(); i = next_char(s, i)) ++n;
    return n;
}

// All white space removed: units and dates never hold any, and tables put it anywhere
// (`大于等于 98 %`, `2023. 07`).
std::string without_spaces(string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        if (size_t n = space_front(s.substr(i))) i += n;
        else out += s[i++];
    }
    return out;
}


size_t find_digit(string_view s) {
    for (size_t i = 0; i < s.size(); i = next_char(s, i))
        if (digit_front(s.substr(i))) return i;
    return string_view::npos;
}

bool has_digit(string_view s) { return find_digit(s) != string_view::npos; }

// ---------------------------------------------------------------------------------
// Comparators

struct ComparatorWord {
    string_view text;
    Comparator op;
};

// Longer spellings precede their prefixes (`>=` before `>`, 大于等于 before 大于).
constexpr ComparatorWord kComparators[] = {
    {">=", Comparator::Ge},       {"<=", Comparator::Le},       {"＞＝", Comparator::Ge},
    {"＜＝", Comparator::Le},     {"≥", Comparator::Ge},        {"≧", Comparator::Ge},
    {"≤", Comparator::Le},        {"≦", Comparator::Le},        {">", Comparator::Gt},
    {"＞", Comparator::Gt},       {"<", Comparator::Lt},        {"＜", Comparator::Lt},
    {"‹", Comparator::Lt},        {"›", Comparator::Gt},        {"=", Comparator::Eq},
    {"＝", Comparator::Eq},       {"大于或等于", Comparator::Ge}, {"小于或等于", Comparator::Le},
    {"大于等于", Comparator::Ge}, {"小于等于", Comparator::Le}, {"不低于", Comparator::Ge},
    {"不少于", Comparator::Ge},   {"不小于", Comparator::Ge},   {"不高于", Comparator::Le},
    {"不超过", Comparator::Le},   {"不大于", Comparator::Le},   {"不多于", Comparator::Le},
    {"不晚于", Comparator::Le},   {"不迟于", Comparator::Le},   {"至少", Comparator::Ge},
    {"最少", Comparator::Ge},     {"最多", Comparator::Le},     {"最高", Comparator::Le},
    {"大于", Comparator::Gt},     {"高于", Comparator::Gt},     {"多于", Comparator::Gt},
    {"超过", Comparator::Gt},     {"小于", Comparator::Lt},     {"低于", Comparator::Lt},
    {"少于", Comparator::Lt},     {"等于", Comparator::Eq},     {"达到", Comparator::Ge},
};

// Written after the number: `80%以上`. Chinese 以上/以下 include the bound.
constexpr ComparatorWord kSuffixComparators[] = {
    {"及以上", Comparator::Ge}, {"以上", Comparator::Ge}, {"及以下", Comparator::Le},
    {"以下", Comparator::Le},   {"以内", Comparator::Le}, {"之内", Comparator::Le},
    {"内", Comparator::Le},  // `6个月内`
};

// The first two bytes of every multi-byte comparator, as a bitmap over byte pairs:
// values are scanned character by character, and nearly every character can be
// rejected with one lookup instead of a pass over the table.
constexpr std::array<std::uint64_t, 1024> kComparatorLeads = [] {
    std::array<std::uint64_t, 1024> bits{};
    for (const ComparatorWord& c : kComparators) {
        if (c.text.size() < 2) continue;
        unsigned pair = static_cast<unsigned char>(c.text[0]) << 8 | static_cast<unsigned char>(c.text[1]);
        bits[pair / 64] |= std::uint64_t{1} << (pair % 64);
    }
    return bits;
}();

bool may_start_comparator(string_view s) {
    auto b0 = static_cast<unsigned char>(s[0]);
    if (b0 < 0x80) return b0 == '>' || b0 == '<' || b0 == '=';
    if (s.size() < 2) return false;
    unsigned pair = b0 << 8 | static_cast<unsigned char>(s[1]);
    return (kComparatorLeads[pair / 64] >> (pair % 64)) & 1;
}

std::optional<ComparatorWord> comparator_front(string_view s) {
    if (s.empty() || !may_start_comparator(s)) return std::nullopt;
    for (const ComparatorWord& c : kComparators)
        if (has_prefix(s, c.text)) return c;
    return std::nullopt;
}

// Splits a trailing 以上/以下 off the text after the number.
std::pair<string_view, std::optional<Comparator>> split_suffix_comparator(string_view s) {
    s = trim(s);
    for (const ComparatorWord& c : kSuffixComparators)
        if (has_suffix(s, c.text)) return {trim_right(s.substr(0, s.size() - c.text.size())), c.op};
    return {s, std::nullopt};
}

// ---------------------------------------------------------------------------------
// Numbers

// Reads a number at `pos` into `out` as an exact ASCII decimal: full-width digits
// converted, thousands separators and leading zeros dropped. Returns the end of the
// number, or `pos` when none starts there. `sign`: a leading `-` is the number's.
size_t read_number(string_view s, size_t pos, std::string& out, bool sign = true) {
    size_t i = pos;
    bool negative = false;
    if (size_t n = sign ? token_front(s.substr(i), kDashes) : 0) {
        negative = true;
        i += n;
    }
    std::string whole;
    for (;;) {
        if (Digit d = digit_front(s.substr(i))) {
            whole += static_cast<char>('0' + d.value);
            i += d.width;
        } else if (!whole.empty() && i + 4 <= s.size() && s[i] == ',' &&
                   std::all_of(s.begin() + i + 1, s.begin() + i + 4, [](char c) { return c >= '0' && c <= '9'; }) &&
                   !digit_front(s.substr(i + 4))) {
            ++i;  // `1,300`: a thousands separator, not a list comma
        } else {
            break;
        }
    }
    if (whole.empty()) return pos;
    std::string fraction;
    if (size_t n = token_front(s.substr(i), kDecimalPoints); n && digit_front(s.substr(i + n))) {
        i += n;
        while (Digit d = digit_front(s.substr(i))) {
            fraction += static_cast<char>('0' + d.value);
            i += d.width;
        }
    }
    size_t zeros = whole.find_first_not_of('0');
    whole.erase(0, zeros == std::string::npos ? whole.size() - 1 : zeros);
    out.clear();
    if (negative) out += '-';
    out += whole;
    if (!fraction.empty()) out += '.' + fraction;
    return i;
}

// ---------------------------------------------------------------------------------
// Units

// Spellings of one unit mapped to one form, and white space dropped, so `％`, `%`
// and `百分比` compare equal. Everything else stays as written (`元/人*月` and
// `元/人·月` are kept apart: a reader may care which the table used).
std::string normalise_unit(string_view s) {
    // Nearly every unit is written the one way already (`人`, `%`): no copy but the result.
    if (std::none_of(s.begin(), s.end(), [](char c) {
            auto b = static_cast<unsigned char>(c);
            return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\f' || b == 0xEF || b == 0xE7 ||
                   b == 0xE3 || b == 0xC2;
        }))
        return std::string(s);
    std::string in = without_spaces(s);
    std::string out;
    out.reserve(in.size());
    string_view v = in;
    for (size_t i = 0; i < v.size();) {
        string_view rest = v.substr(i);
        if (has_prefix(rest, "％")) {
            out += '%';
            i += 3;
        } else if (has_prefix(rest, "百分比")) {
            out += '%';
            i += 9;
        } else if (has_prefix(rest, "／")) {
            out += '/';
            i += 3;
        } else {
            out += v[i++];
        }
    }
    return out;
}

// Units seen in budget tables. Only units said alone (an unfilled template) or in an
// indicator's name must be known; after a number any short word is accepted.
constexpr string_view kUnitAtoms[] = {
    "%",    "‰",    "人",   "个",   "次",   "人次", "户",   "亩",   "公顷", "平方米", "平方公里", "立方米",
    "米",   "公里", "千米", "元",   "篇",   "单",   "年",   "月",   "个月", "天",     "日",       "工作日",
    "小时", "分钟", "件",   "项",   "场",   "期",   "部",   "座",   "株",   "棵",     "组",       "批",
    "批次", "所",   "家",   "台",   "套",   "辆",   "吨",   "公斤", "千克", "斤",     "本",       "册",
    "份",   "条",   "处",   "间",   "栋",   "张",   "名",   "位",   "头",   "只",     "门",       "班",
    "台次", "课时", "学时", "分",   "周",   "季度", "村",   "镇",   "所",   "宗",     "起",       "例",
    "床",   "粒",   "箱",   "瓶",   "支",   "盏",   "块",   "段",   "口",   "眼",     "个点",     "人天",
    "岗",   "生",   "人月", "人年", "户年", "倍",   "级",   "星",   "辆次", "车次",   "架次",     "场次",
    "户次", "项次", "人日", "篇次", "期次", "批次", "百分点", "个百分点", "个工作日", "千瓦", "千瓦时", "度",
    "分贝", "节",   "课",   "km",   "kg",   "t",    "m",    "㎡",   "m²",   "m2",     "m3",       "kW",
    "GB",   "TB",   "MW",   "个村", "个镇", "所次", "家次", "套次", "台套", "间次",
};
// Characters of words, not of units: `100%完成`, `95%左右`, `2023年内`, `≥90%的村`.
// After a number, a unit nobody listed is accepted only if it holds none of them.
constexpr string_view kTextMarks[] = {"完", "成", "到", "位", "底", "前", "后", "左", "右", "标", "准", "达",
                                      "提", "高", "低", "增", "减", "确", "保", "内", "外", "上", "下", "约",
                                      "以", "之", "的", "或", "和", "与", "等", "及", "时", "间", "已", "未", "第", "每"};
constexpr string_view kUnitScales[] = {"万", "亿", "千", "百", "十"};
// Between the parts of a compound unit: `元/人*月`, `元/人·月`, `400元/人、天`.
constexpr string_view kUnitJoins[] = {"/", "*", "·", "•", "、", "×"};

// Sorted once at compile time: every numeric target asks, so a binary search.
constexpr auto kSortedUnitAtoms = [] {
    std::array<string_view, std::size(kUnitAtoms)> atoms{};
    std::copy(std::begin(kUnitAtoms), std::end(kUnitAtoms), atoms.begin());
    std::sort(atoms.begin(), atoms.end());
    return atoms;
}();

bool is_listed_atom(string_view s) {
    return std::binary_search(kSortedUnitAtoms.begin(), kSortedUnitAtoms.end(), s);
}

// The first two bytes of every multi-byte atom and scale: words (合格, 长期) are
// rejected with one lookup.
constexpr std::array<std::uint64_t, 1024> kUnitLeads = [] {
    std::array<std::uint64_t, 1024> bits{};
    auto add = [&](string_view u) {
        if (u.size() < 2 || static_cast<unsigned char>(u[0]) < 0x80) return;
        unsigned pair = static_cast<unsigned char>(u[0]) << 8 | static_cast<unsigned char>(u[1]);
        bits[pair / 64] |= std::uint64_t{1} << (pair % 64);
    };
    for (string_view u : kUnitAtoms) add(u);
    for (string_view u : kUnitScales) add(u);
    return bits;
}();

bool may_start_unit(string_view s) {
    if (s.empty()) return false;
    auto b0 = static_cast<unsigned char>(s[0]);
    if (b0 < 0x80) return true;
    if (s.size() < 2) return false;
    unsigned pair = b0 << 8 | static_cast<unsigned char>(s[1]);
    return (kUnitLeads[pair / 64] >> (pair % 64)) & 1;
}

bool is_unit_atom(string_view s) {
    if (!may_start_unit(s)) return false;
    if (is_listed_atom(s)) return true;
    size_t scale = token_front(s, kUnitScales);
    return scale && is_listed_atom(s.substr(scale));
}

// Every part of a (normalised) compound unit is a unit we know.
bool is_known_unit(string_view u) {
    if (!may_start_unit(u)) return false;
    size_t start = 0;
    for (size_t i = 0; i <= u.size();) {
        size_t join = i < u.size() ? token_front(u.substr(i), kUnitJoins) : 1;
        if (join) {
            if (!is_unit_atom(u.substr(start, i - start))) return false;
            i += join;
            start = i;
        } else {
            i = next_char(u, i);
        }
    }
    return true;
}

// The first two bytes of every phrase character, as a bitmap over byte pairs (as for
// the comparators): units are checked character by character on every numeric target.
constexpr std::array<std::uint64_t, 1024> kTextMarkLeads = [] {
    std::array<std::uint64_t, 1024> bits{};
    for (string_view m : kTextMarks) {
        unsigned pair = static_cast<unsigned char>(m[0]) << 8 | static_cast<unsigned char>(m[1]);
        bits[pair / 64] |= std::uint64_t{1} << (pair % 64);
    }
    return bits;
}();

bool may_start_text_mark(string_view s) {
    if (s.size() < 2) return false;
    unsigned pair = static_cast<unsigned char>(s[0]) << 8 | static_cast<unsigned char>(s[1]);
    return (kTextMarkLeads[pair / 64] >> (pair % 64)) & 1;
}

// A unit after a number is a short word (`人`, `个月`, `元/人·月`). Longer text, digits,
// brackets or sentence punctuation mean free text (`≥90%，≤100%`), not a unit. A
// `、` only joins the parts of a compound unit (`元/人、天`). A unit that starts
// with `/` lost its head (`≤28.40/株`: 元 per 株?) and is not guessed.
bool is_plausible_unit(string_view s) {
    constexpr size_t kMaxUnitChars = 8;
    if (count_chars(s) > kMaxUnitChars) return false;
    if (has_prefix(s, "/") || has_prefix(s, "／")) return false;
    bool compound = s.find('/') != string_view::npos || s.find("／") != string_view::npos;
    for (size_t i = 0; i < s.size(); i = next_char(s, i)) {
        string_view rest = s.substr(i);
        if (digit_front(rest) || comparator_front(rest) || token_front(rest, kOpenBrackets) ||
            token_front(rest, kCloseBrackets))
            return false;
        if (token_front(rest, kPunctuation) && !(compound && has_prefix(rest, "、"))) return false;
    }
    // A phrase character makes no unit, unless the unit is a listed one (`小时`).
    bool text_mark = false;
    for (size_t i = 0; i < s.size() && !text_mark; i = next_char(s, i))
        text_mark = may_start_text_mark(s.substr(i)) && token_front(s.substr(i), kTextMarks);
    return !text_mark || is_known_unit(normalise_unit(s));
}

// ---------------------------------------------------------------------------------
// Standard annotations: `100%(历史标准)`, `90%（计划标准）`

std::string_view split_standard(string_view v, std::string& standard) {
    size_t close = token_back(v, kCloseBrackets);
    if (!close) return v;
    string_view inner_end = v.substr(0, v.size() - close);
    // The innermost opening bracket before the close.
    size_t open = string_view::npos, open_len = 0;
    for (string_view b : kOpenBrackets)
        if (size_t p = inner_end.rfind(b); p != string_view::npos && (open == string_view::npos || p > open)) {
            open = p;
            open_len = b.size();
        }
    if (open == string_view::npos) return v;
    string_view inner = trim(inner_end.substr(open + open_len));
    // `≥95%(含)`: the bound is included, as 以上/≥ already say.
    if (inner == "含") return trim_right(v.substr(0, open));
    if (!has_suffix(inner, "标准") || count_chars(inner) > 8) return v;
    standard = std::string(inner);
    return trim_right(v.substr(0, open));
}

// ---------------------------------------------------------------------------------
// Dates

struct DatePoint {
    int year = 0;  // 0: not written
    int month = 0;
    int day = 0;
};

// `-07`: appended piece by piece (GCC 12 warns falsely on `"-" + std::string`).
void append_part(std::string& out, int n) {
    out += '-';
    if (n < 10) out += '0';
    out += std::to_string(n);
}

std::string iso(const DatePoint& d) {
    std::string out = d.year ? std::to_string(d.year) : std::string("-");
    if (d.month) append_part(out, d.month);
    if (d.day) append_part(out, d.day);
    return out;
}

// Reads up to `max` ASCII or full-width digits as an integer; returns the bytes read.
size_t read_int(string_view s, int max_digits, int& out) {
    size_t i = 0;
    int digits = 0;
    out = 0;
    while (digits < max_digits)
        if (Digit d = digit_front(s.substr(i))) {
            out = out * 10 + d.value;
            i += d.width;
            ++digits;
        } else {
            break;
        }
    if (digit_front(s.substr(i))) return 0;  // more digits than a date part has
    return i;
}

bool is_year(int y) { return y >= 1900 && y <= 2100; }

// One date at the front of `s` (spaces already removed): `2021年12月31日`,
// `2023.07`, `2021-12-31`, `12月`. Returns the bytes read, 0 when none starts there.
size_t read_date_point(string_view s, DatePoint& d, bool in_range = false) {
    d = {};
    int n = 0;
    size_t i = read_int(s, 4, n);
    if (i == 0) return 0;
    // Four digits written (ASCII or full-width): `202年` is no year.
    bool year = is_year(n) && (i == 4 || i == 12);
    if (year) {
        d.year = n;
        string_view rest = s.substr(i);
        if (has_prefix(rest, "年")) {
            i += 3;
            int m = 0;
            size_t mi = read_int(s.substr(i), 2, m);
            if (mi && has_prefix(s.substr(i + mi), "月") && m >= 1 && m <= 12) {
                d.month = m;
                i += mi + 3;
                int day = 0;
                size_t di = read_int(s.substr(i), 2, day);
                string_view after = s.substr(i + di);
                if (di && (has_prefix(after, "日") || has_prefix(after, "号")) && day >= 1 && day <= 31) {
                    d.day = day;
                    i += di + 3;
                }
            } else if (has_prefix(s.substr(i), "度")) {
                i += 3;  // 2021年度
            }
            return i;
        }
        // 2023.07, 2023.7.15, 2021/12/31, 2021-12-31
        for (string_view sep : {string_view("."), string_view("．"), string_view("/"), string_view("-")}) {
            if (!has_prefix(rest, sep)) continue;
            int m = 0;
            size_t mi = read_int(s.substr(i + sep.size()), 2, m);
            // `2023-2025年`: a year that opens a period of years.
            if (!mi || m < 1 || m > 12) return token_front(rest, kRangeSeparators) ? i : 0;
            d.month = m;
            i += sep.size() + mi;
            // `2020.5` alone is a decimal; `2023.7-2024.1` and `2023.7月` are dates.
            if ((sep == "." || sep == "．") && mi == 1 && !in_range && !has_prefix(s.substr(i), sep) && !has_prefix(s.substr(i), "月") &&
                !token_front(s.substr(i), kRangeSeparators))
                return 0;
            if (has_prefix(s.substr(i), sep)) {
                int day = 0;
                size_t di = read_int(s.substr(i + sep.size()), 2, day);
                if (di && day >= 1 && day <= 31) {
                    d.day = day;
                    i += sep.size() + di;
                }
            }
            if (has_prefix(s.substr(i), "月")) i += 3;
            return i;
        }
        return 0;  // a bare four-digit number is a number, not a year
    }
    // 12月, 12月31日: a month without its year.
    if (n >= 1 && n <= 12 && has_prefix(s.substr(i), "月")) {
        d.month = n;
        i += 3;
        int day = 0;
        size_t di = read_int(s.substr(i), 2, day);
        string_view after = s.substr(i + di);
        if (di && (has_prefix(after, "日") || has_prefix(after, "号")) && day >= 1 && day <= 31) {
            d.day = day;
            i += di + 3;
        }
        return i;
    }
    return 0;
}

// What may close a deadline: `2021年底`, `11月底之前`, `12月底到位`, `6月30日前完成`.
constexpr string_view kDeadlineEnds[] = {"底", "末"};
constexpr string_view kBefore[] = {"之前", "以前", "前", "以内", "之内", "内"};
constexpr string_view kDoneWords[] = {"完成", "到位", "完工", "竣工", "办结", "结束", "验收", "拨付", "发放", "支付", "落实"};

// Reads the whole of `v` as a date, a deadline or a period; false when it is not one.
bool read_date(string_view v, Target& t) {
    // Most values are no date: skip the copy below unless a date's marks are there.
    constexpr string_view kDateMarks[] = {"年", "月", ".", "-", "/", "．", "－"};
    if ((!has_digit(v) && v.find("年") == string_view::npos) ||
        std::none_of(std::begin(kDateMarks), std::end(kDateMarks),
                     [&](string_view m) { return v.find(m) != string_view::npos; }))
        return false;
    std::string s = without_spaces(v);
    string_view rest = s;
    std::optional<Comparator> op;
    if (auto c = comparator_front(rest)) {
        op = c->op;
        rest.remove_prefix(c->text.size());
    }
    DatePoint first;
    size_t n = read_date_point(rest, first);
    if (!n) {
        // 年底前 without a year: a deadline at the end of the current year.
        if (has_prefix(rest, "年底") || has_prefix(rest, "年末")) first.month = 12, n = 6;
        else return false;
    }
    rest.remove_prefix(n);
    bool deadline = false;
    DatePoint last;
    bool range = false;
    if (size_t e = token_front(rest, kDeadlineEnds)) {
        deadline = true;
        rest.remove_prefix(e);
    } else if (size_t sep = token_front(rest, kRangeSeparators)) {
        DatePoint second;
        size_t m = read_date_point(rest.substr(sep), second, /*in_range=*/true);
        if (m) {
            if (!second.year && first.year) second.year = first.year;  // 2021年1月-12月
            // A period from a month to a year alone reads nothing sensible.
            if ((first.month == 0) != (second.month == 0)) return false;
            last = second;
            range = true;
            rest.remove_prefix(sep + m);
        }
    }
    if (size_t b = token_front(rest, kBefore)) {
        deadline = true;
        rest.remove_prefix(b);
    }
    if (size_t w = token_front(rest, kDoneWords)) rest.remove_prefix(w);
    if (!rest.empty()) return false;
    // `12月` alone is December: a count of months is written `12个月`.
    if (first.year == 0 && first.month == 0) return false;
    if (range && op) return false;  // `≤2021年1月-12月`: nothing to read it as
    t.kind = TargetKind::Date;
    t.date = iso(first);
    if (range) {
        t.op = Comparator::Between;
        t.date_end = iso(last);
    } else if (deadline) {
        t.op = Comparator::Le;
    } else {
        t.op = op.value_or(Comparator::Eq);
    }
    return true;
}

// ---------------------------------------------------------------------------------
// Numeric forms

// Fills a numeric target if the text after the number reads as a unit.
bool fill_numeric(Target& t, string_view qualifier, Comparator op, std::string number, string_view after) {
    string_view unit = split_suffix_comparator(after).first;
    if (!is_plausible_unit(unit)) return false;
    t.kind = TargetKind::Numeric;
    t.op = op;
    t.value = std::move(number);
    t.unit = normalise_unit(unit);
    t.qualifier = std::string(qualifier);
    return true;
}

// `±3%以内`, `+-3%`, `正负3%`: a tolerance around a nominal value.
bool read_tolerance(string_view v, Target& t) {
    string_view rest = trim(v);
    size_t n = 0;
    for (string_view s : {string_view("±"), string_view("+-"), string_view("+/-"), string_view("正负")})
        if (has_prefix(rest, s)) n = s.size();
    if (!n) return false;
    rest = trim_left(rest.substr(n));
    std::string number;
    size_t end = read_number(rest, 0, number, /*sign=*/false);
    if (end == 0) return false;
    auto [unit, suffix] = split_suffix_comparator(rest.substr(end));
    if (suffix && *suffix != Comparator::Le) return false;
    if (!is_plausible_unit(unit)) return false;
    t.kind = TargetKind::Numeric;
    t.op = Comparator::Within;
    t.value = std::move(number);
    t.unit = normalise_unit(unit);
    return true;
}

// `90%-95%`, `90-95%`, `5~10个`, `3至5天`: both ends, one unit.
bool read_range(string_view v, Target& t) {
    string_view s = trim(v);
    std::string low, high;
    size_t end = read_number(s, 0, low);
    if (end == 0) return false;
    // The first unit runs to the separator.
    size_t sep_at = string_view::npos, sep_len = 0;
    for (size_t i = end; i < s.size(); i = next_char(s, i)) {
        if (size_t n = token_front(s.substr(i), kRangeSeparators)) {
            if (digit_front(trim_left(s.substr(i + n)))) {
                sep_at = i;
                sep_len = n;
            }
            break;
        }
        if (digit_front(s.substr(i))) return false;
    }
    if (sep_at == string_view::npos) return false;
    string_view unit1 = trim(s.substr(end, sep_at - end));
    string_view second = trim_left(s.substr(sep_at + sep_len));
    size_t end2 = read_number(second, 0, high, /*sign=*/false);
    if (end2 == 0) return false;
    string_view after = second.substr(end2);
    if (has_suffix(trim(after), "之间")) after = trim(after).substr(0, trim(after).size() - 6);
    string_view unit2 = trim(after);
    if (!is_plausible_unit(unit1) || !is_plausible_unit(unit2)) return false;
    std::string u1 = normalise_unit(unit1), u2 = normalise_unit(unit2);
    if (!u1.empty() && !u2.empty() && u1 != u2) return false;
    t.kind = TargetKind::Numeric;
    t.op = Comparator::Between;
    t.value = std::move(low);
    t.value_max = std::move(high);
    t.unit = u2.empty() ? u1 : u2;
    return true;
}

// `≥90%，≤100%`, `≥90%且≤100%`: a floor and a ceiling in one value, the same unit.
bool read_bounds(string_view v, Target& t) {
    if (!has_digit(v)) return false;
    constexpr string_view kJoins[] = {"，", ",", "且", "、", "；", ";"};
    size_t at = string_view::npos, len = 0;
    for (string_view j : kJoins)
        if (size_t p = v.find(j); p != string_view::npos && p < at) at = p, len = j.size();
    if (at == string_view::npos) return false;
    auto bound = [](string_view part, Target& out) {
        part = trim(part);
        auto cmp = comparator_front(part);
        if (!cmp) return false;
        string_view rest = trim_left(part.substr(cmp->text.size()));
        std::string number;
        size_t end = read_number(rest, 0, number);
        return end != 0 && fill_numeric(out, "", cmp->op, std::move(number), rest.substr(end));
    };
    Target low, high;
    if (!bound(v.substr(0, at), low) || !bound(v.substr(at + len), high)) return false;
    if (low.op != Comparator::Ge || high.op != Comparator::Le) return false;
    if (!low.unit.empty() && !high.unit.empty() && low.unit != high.unit) return false;
    t.kind = TargetKind::Numeric;
    t.op = Comparator::Between;
    t.value = std::move(low.value);
    t.value_max = std::move(high.value);
    t.unit = high.unit.empty() ? low.unit : high.unit;
    return true;
}

// `[qualifier] comparator number [unit]`: the first comparator followed by a number.
// The qualifier may itself hold comparator-like words (`大专以上学历学位≥90%`), so
// only a comparator directly before a number counts.
std::optional<bool> read_prefix_form(string_view v, Target& t) {
    std::string number;
    for (size_t i = 0; i < v.size(); i = next_char(v, i)) {
        auto cmp = comparator_front(v.substr(i));
        if (!cmp) continue;
        size_t start = i + cmp->text.size();
        start += v.substr(start).size() - trim_left(v.substr(start)).size();
        size_t end = read_number(v, start, number);
        if (end == start) continue;
        return fill_numeric(t, trim(v.substr(0, i)), cmp->op, std::move(number), v.substr(end));
    }
    return std::nullopt;
}

// `number [unit] [以上|以下]`, or `qualifier number [unit] 以上|以下`. Without any
// comparator a qualifier is not accepted: `第3季度完成` is a phrase, not a target.
bool read_suffix_form(string_view v, Target& t) {
    size_t at = find_digit(v);
    if (at == string_view::npos) return false;
    // A sign is part of the number (`-5%`, `－3人`), not a qualifier.
    if (string_view head = trim(v.substr(0, at)); !head.empty() && token_front(head, kDashes) == head.size())
        at = static_cast<size_t>(head.data() - v.data());
    std::string number;
    size_t end = read_number(v, at, number);
    auto suffix = split_suffix_comparator(v.substr(end)).second;
    string_view qualifier = trim(v.substr(0, at));
    if (!qualifier.empty() && !suffix) return false;
    return fill_numeric(t, qualifier, suffix.value_or(Comparator::Eq), std::move(number), v.substr(end));
}

// ---------------------------------------------------------------------------------
// Unfilled templates: `≧ %`, `≥**个`, `**%`, `(≥**株)`, `%`

bool is_placeholder_char(string_view s) { return token_front(s, kPlaceholders) != 0; }

// `s` without digits: an optional comparator, placeholders, and at most a known unit.
bool read_unfilled(string_view v, Target& t) {
    // The longest template, `( ≥ ** 元/人·月 )`, is far shorter than a sentence.
    constexpr size_t kMaxTemplateBytes = 48;
    if (v.size() > kMaxTemplateBytes || has_digit(v)) return false;
    // Words (合格, 长期) are the common case here: a template starts with a comparator,
    // a bracket or a placeholder, or is a unit alone, which is short.
    constexpr size_t kMaxUnitBytes = 15;
    if (v.size() > kMaxUnitBytes && !comparator_front(v) && !token_front(v, kOpenBrackets) &&
        !is_placeholder_char(v))
        return false;
    std::string s = without_spaces(v);
    string_view rest = s;
    if (token_front(rest, kOpenBrackets) && token_back(rest, kCloseBrackets)) {
        rest.remove_prefix(token_front(rest, kOpenBrackets));
        rest.remove_suffix(token_back(rest, kCloseBrackets));
    }
    std::optional<Comparator> op;
    if (auto c = comparator_front(rest)) {
        op = c->op;
        rest.remove_prefix(c->text.size());
    }
    bool placeholder = false;
    while (!rest.empty() && is_placeholder_char(rest)) {
        rest.remove_prefix(token_front(rest, kPlaceholders));
        placeholder = true;
    }
    auto [unit_text, suffix] = split_suffix_comparator(rest);
    std::string unit = normalise_unit(unit_text);
    bool known = unit.empty() || is_known_unit(unit);
    // A unit alone, a comparator alone or a placeholder is a template; `年内` (a unit
    // and a suffix comparator, no placeholder) is a phrase.
    if (!known || (!op && !placeholder && (unit.empty() || suffix))) return false;
    t.kind = TargetKind::Unfilled;
    if (op) t.op = *op;
    else if (suffix) t.op = *suffix;
    t.unit = std::move(unit);
    return true;
}

// Text around numbers, that the grammar could not place.
bool looks_numeric(string_view v) {
    if (has_digit(v) || v.find("百分之") != string_view::npos) return true;  // 百分之百: a number in words
    for (size_t i = 0; i < v.size(); i = next_char(v, i))
        if (auto c = comparator_front(v.substr(i))) {
            auto lead = static_cast<unsigned char>(c->text[0]);
            if (lead < 0xE4 || lead > 0xE9) return true;  // a symbol (`≥`, `＞`), not a word (大于)
        }
    return false;
}

bool is_boolean(string_view v, bool& yes) {
    if (v == "是" || v == "有") return yes = true, true;
    if (v == "否" || v == "无") return yes = false, true;
    return false;
}

// The bracket that closes a name, its content trimmed: `湿地保有量(公顷)` → `公顷`.
std::optional<string_view> closing_bracket(string_view name) {
    name = trim(name);
    size_t close = token_back(name, kCloseBrackets);
    if (!close) return std::nullopt;
    string_view inner = name.substr(0, name.size() - close);
    size_t open = string_view::npos, open_len = 0;
    for (string_view b : kOpenBrackets)
        if (size_t p = inner.rfind(b); p != string_view::npos && (open == string_view::npos || p > open)) {
            open = p;
            open_len = b.size();
        }
    if (open == string_view::npos) return std::nullopt;
    return trim(inner.substr(open + open_len));
}

std::optional<Comparator> comparator_cell(string_view cell) {
    std::string c = without_spaces(cell);
    for (const ComparatorWord& w : kComparators)
        if (c == w.text) return w.op;
    for (const ComparatorWord& w : kSuffixComparators)
        if (c == w.text) return w.op;
    return std::nullopt;
}

}  // namespace

namespace {

Target parse_target_uncached(string_view raw);

// Tables repeat their targets (满意, ≥95%, 1次 … and a town's whole list again for
// the next town), and typing one costs about fifty times what finding it in a
// cache does. parse_target is a pure function of its text, so a bounded per-thread
// memo changes nothing but the time. Direct-mapped with a cheap hash: a hash map
// with std::hash cost more than the copy of the result; a collision only retypes.
class TargetMemo {
public:
    const Target& get(string_view raw) {
        if (slots_.empty()) slots_.resize(kSlots);
        Slot& slot = slots_[hash(raw) >> (64 - kSlotBits)];
        if (!slot.used || string_view(slot.key) != raw) {
            slot.key.assign(raw);
            slot.value = parse_target_uncached(raw);
            slot.used = true;
        }
        return slot.value;
    }

private:
    static constexpr int kSlotBits = 12;
    static constexpr std::size_t kSlots = std::size_t{1} << kSlotBits;
    struct Slot {
        std::string key;
        Target value;
        bool used = false;
    };
    static std::uint64_t hash(string_view s) { return bpt::hash::text(s); }
    std::vector<Slot> slots_;  // allocated on first use: threads that type no target pay nothing
};

// Long texts are rarely repeated targets: typed each time, not kept.
constexpr std::size_t kMaxMemoBytes = 96;

TargetMemo& memo() {
    thread_local TargetMemo m;
    return m;
}

}  // namespace

Target parse_target(string_view raw) {
    if (raw.size() > kMaxMemoBytes) return parse_target_uncached(raw);
    return memo().get(raw);
}

void parse_target_into(string_view raw, Target& out) {
    if (raw.size() > kMaxMemoBytes) {
        out = parse_target_uncached(raw);
        return;
    }
    copy_target(out, memo().get(raw));
}

void copy_target(Target& out, const Target& t) {
    // Field by field, skipping strings empty on both sides (most are): a defaulted
    // copy-assignment calls out for each of the eight. A new field must be added here.
#if defined(__GLIBCXX__) && defined(__LP64__)
    static_assert(sizeof(Target) == 8 * sizeof(std::string) + 24, "copy every field of Target");
#endif
    const auto copy = assign_unless_both_empty;
    copy(out.raw, t.raw);
    out.kind = t.kind;
    out.op = t.op;
    copy(out.value, t.value);
    copy(out.value_max, t.value_max);
    out.yes = t.yes;
    copy(out.unit, t.unit);
    copy(out.qualifier, t.qualifier);
    copy(out.standard, t.standard);
    copy(out.date, t.date);
    copy(out.date_end, t.date_end);
    out.untypable = t.untypable;
}

namespace {

Target parse_target_uncached(string_view raw) {
    Target t;
    string_view v = strip_back(trim_left(raw), kClosingStops);
    t.raw = std::string(v);
    if (v.empty()) return t;
    // A dash or slash alone is how grids write "no target here".
    for (string_view none : {"-", "－", "—", "——", "--", "/", "／", "—/—"})
        if (v == none) return t;
    v = split_standard(v, t.standard);
    if (v.empty()) {  // `(计划标准)` with nothing before it
        t.kind = TargetKind::Unfilled;
        return t;
    }
    if (is_boolean(v, t.yes)) {
        t.kind = TargetKind::Boolean;
        return t;
    }
    // Without a digit only a template or `年底前` can be more than words: the common
    // qualitative words (合格, 满意) skip every numeric form.
    if (!has_digit(v)) {
        if (read_unfilled(v, t) || read_date(v, t)) return t;
    } else {
        if (read_date(v, t) || read_tolerance(v, t)) return t;
        std::optional<bool> numeric = read_prefix_form(v, t);
        if (numeric.value_or(false) || (!numeric && read_suffix_form(v, t))) return t;
        // Asked only now, as they are rare: a range or a pair of bounds has a digit after
        // its first number, which no unit has, so the forms above never take one.
        if (read_range(v, t) || read_bounds(v, t)) return t;
    }
    t.kind = TargetKind::Qualitative;
    t.op = Comparator::Eq;
    t.value = std::string(v);
    t.unit.clear();
    t.qualifier.clear();
    t.untypable = looks_numeric(v);
    return t;
}

}  // namespace

std::string unit_in_name(string_view indicator_name) {
    auto inner = closing_bracket(indicator_name);
    if (!inner) return {};
    std::string s = without_spaces(*inner);
    string_view rest = s;
    if (auto c = comparator_front(rest)) rest.remove_prefix(c->text.size());
    while (!rest.empty() && is_placeholder_char(rest)) rest.remove_prefix(token_front(rest, kPlaceholders));
    std::string unit = normalise_unit(rest);
    return is_known_unit(unit) ? unit : std::string();
}

void apply_name_unit(Target& t, string_view indicator_name) {
    if (t.kind != TargetKind::Numeric || !t.unit.empty()) return;
    t.unit = unit_in_name(indicator_name);
}

Target make_target(string_view op_cell, string_view value_cell, string_view unit_cell, string_view indicator_name) {
    string_view op_text = trim(op_cell);
    string_view value_text = trim(value_cell);
    string_view unit_text = trim(unit_cell);
    std::optional<Comparator> op = comparator_cell(op_text);
    bool qualitative_cell = false;
    bool known_op = op_text.empty() || op.has_value();
    if (!op) {
        std::string w = without_spaces(op_text);
        if (w.ends_with("指标")) w.resize(w.size() - 6);
        // 正向: the more the better, so the value is a floor; 反向: a ceiling.
        if (w == "正向") op = Comparator::Ge, known_op = true;
        else if (w == "反向") op = Comparator::Le, known_op = true;
        else if (w == "定性") qualitative_cell = known_op = true;
        else if (w == "定量" || w == "中性") known_op = true;
    }
    // raw: the cells as written, joined as one cell would write them (`≥95%`); a
    // direction word is no part of the value.
    std::string raw;
    for (string_view part : {comparator_cell(op_text) || !known_op ? op_text : string_view(), value_text, unit_text})
        raw += part;

    Target t = parse_target(value_text);
    std::string unit = normalise_unit(unit_text);
    if (!known_op) {
        // An op cell the grammar does not know: type the cells as one text, so that a
        // comparator word it does know still reads, and anything else is reported.
        t = parse_target(raw);
    } else if (t.kind == TargetKind::Empty) {
        if (op || !unit.empty()) {
            t.kind = TargetKind::Unfilled;
            if (op) t.op = *op;
            t.unit = unit;
        }
    } else if (t.kind == TargetKind::Numeric || t.kind == TargetKind::Unfilled) {
        bool written_op = t.op != Comparator::Eq || comparator_front(without_spaces(value_text)) ||
                          split_suffix_comparator(value_text).second;
        if (op && !written_op) t.op = *op;
        else if (op && written_op && *op != t.op) t.untypable = true;  // `≥` + `≤95`: which?
        if (t.unit.empty() && is_plausible_unit(unit)) t.unit = unit;
        else if (!unit.empty() && !is_plausible_unit(unit)) t.untypable = true;
        if (t.untypable) {
            t = Target{};
            t.kind = TargetKind::Qualitative;
            t.value = raw;
            t.untypable = true;
        } else if (t.kind == TargetKind::Numeric) {
            apply_name_unit(t, indicator_name);
        }
    } else if (t.kind == TargetKind::Date) {
        if (op && t.op == Comparator::Eq) t.op = *op;
    } else if (t.kind == TargetKind::Qualitative && !qualitative_cell && !unit.empty()) {
        // Words with a unit cell: the words may be a number we cannot read.
        t.untypable = t.untypable || has_digit(value_text);
    }
    t.raw = raw;
    return t;
}

std::optional<TargetFinding> target_finding(const Target& t) {
    if (t.kind != TargetKind::Unfilled && !(t.kind == TargetKind::Qualitative && t.untypable)) return std::nullopt;
    std::string message = "`";
    message += excerpt(t.raw);
    if (t.kind == TargetKind::Unfilled) {
        message += "` is a template left unfilled: it gives no number (expected a value such as `≥95%`)";
        return TargetFinding{Rule::TargetUnfilled, std::move(message)};
    }
    if (t.kind == TargetKind::Qualitative && t.untypable) {
        message +=
            "` holds a number the target grammar cannot place, so it was kept as text (expected a comparator, a "
            "number and a unit such as `≥95%`, a date such as `2021年12月31日`, or words)";
        return TargetFinding{Rule::TargetUntypable, std::move(message)};
    }
    return std::nullopt;
}

std::string_view kind_name(TargetKind k) {
    switch (k) {
        case TargetKind::Empty: return "empty";
        case TargetKind::Numeric: return "numeric";
        case TargetKind::Boolean: return "boolean";
        case TargetKind::Qualitative: return "qualitative";
        case TargetKind::Date: return "date";
        case TargetKind::Unfilled: return "unfilled";
    }
    return "empty";
}

std::string_view op_name(Comparator c) {
    switch (c) {
        case Comparator::Gt: return ">";
        case Comparator::Ge: return ">=";
        case Comparator::Lt: return "<";
        case Comparator::Le: return "<=";
        case Comparator::Eq: return "=";
        case Comparator::Between: return "between";
        case Comparator::Within: return "within";
    }
    return "=";
}

}  // namespace bpt
