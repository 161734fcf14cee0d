#include "bpt/grid_header.h"

#include <algorithm>
#include <array>
#include <utility>

#include "bpt/text.h"

namespace bpt::grid {

namespace {

// Decodes one UTF-8 sequence at s[i]; returns its length (1 on a bad byte).
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    unsigned char c = b(0);
    if (c < 0x80) { cp = c; return 1; }
    if (c >= 0xF0 && i + 3 < s.size()) { cp = ((c & 7u) << 18) | ((b(1) & 63u) << 12) | ((b(2) & 63u) << 6) | (b(3) & 63u); return 4; }
    if (c >= 0xE0 && i + 2 < s.size()) { cp = ((c & 15u) << 12) | ((b(1) & 63u) << 6) | (b(2) & 63u); return 3; }
    if (c >= 0xC0 && i + 1 < s.size()) { cp = ((c & 31u) << 6) | (b(1) & 63u); return 2; }
    cp = c;
    return 1;
}

void encode(char32_t cp, std::string& out) {
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 63)); }
    else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 63));
        out += static_cast<char>(0x80 | (cp & 63));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 63));
        out += static_cast<char>(0x80 | ((cp >> 6) & 63));
        out += static_cast<char>(0x80 | (cp & 63));
    }
}

// Traditional → Simplified for the characters of the forms' keys and level names
// only: mirrors publish these tables in Traditional script, and the vocabulary must
// still be recognised. Cell text is never folded.
constexpr std::array<std::pair<char32_t, char32_t>, 54> kTraditional{{
    {U'項', U'项'}, {U'標', U'标'}, {U'級', U'级'}, {U'稱', U'称'}, {U'資', U'资'}, {U'額', U'额'},
    {U'實', U'实'}, {U'際', U'际'}, {U'績', U'绩'}, {U'達', U'达'}, {U'門', U'门'}, {U'總', U'总'},
    {U'體', U'体'}, {U'單', U'单'}, {U'計', U'计'}, {U'權', U'权'}, {U'備', U'备'}, {U'註', U'注'},
    {U'說', U'说'}, {U'專', U'专'}, {U'負', U'负'}, {U'責', U'责'}, {U'電', U'电'}, {U'話', U'话'},
    {U'財', U'财'}, {U'撥', U'拨'}, {U'預', U'预'}, {U'產', U'产'}, {U'數', U'数'}, {U'質', U'质'},
    {U'時', U'时'}, {U'經', U'经'}, {U'濟', U'济'}, {U'會', U'会'}, {U'態', U'态'}, {U'續', U'续'},
    {U'響', U'响'}, {U'滿', U'满'}, {U'對', U'对'}, {U'準', U'准'}, {U'現', U'现'}, {U'況', U'况'},
    {U'狀', U'状'}, {U'據', U'据'}, {U'務', U'务'}, {U'間', U'间'}, {U'度', U'度'}, {U'與', U'与'},
    {U'劃', U'划'}, {U'屬', U'属'}, {U'則', U'则'}, {U'導', U'导'}, {U'萬', U'万'}, {U'億', U'亿'},
}};

char32_t simplify(char32_t cp) {
    // Every traditional form in the table is a CJK ideograph: other characters,
    // most of any text, are not looked up.
    if (cp < 0x4E00 || cp > 0x9FFF) return cp;
    for (auto [t, s] : kTraditional)
        if (t == cp) return s;
    return cp;
}

bool is_space_cp(char32_t cp) { return cp == U' ' || cp == U'\t' || cp == 0x3000 || cp == 0xA0; }

// A pinyin reading a mirror put after a character: `(xué)`. Only latin letters,
// with at least one tone mark, so that `(kg)` or `(B)` are never taken for one.
std::size_t reading_at(std::string_view s, std::size_t i) {
    if (i >= s.size() || s[i] != '(') return 0;
    std::size_t j = i + 1;
    bool tone = false;
    int letters = 0;
    while (j < s.size() && s[j] != ')') {
        char32_t cp;
        std::size_t n = decode(s, j, cp);
        if (cp >= U'a' && cp <= U'z') ++letters;
        else if (cp >= 0xC0 && cp <= 0x24F) { ++letters; tone = true; }
        else return 0;
        j += n;
    }
    if (j >= s.size() || !tone || letters > 6) return 0;
    return j + 1 - i;
}

bool has(std::string_view s, std::string_view what) { return s.find(what) != std::string_view::npos; }

template <std::size_t N>
bool any_of_in(std::string_view s, const std::array<std::string_view, N>& list) {
    return std::any_of(list.begin(), list.end(), [&](std::string_view w) { return has(s, w); });
}

}  // namespace

std::string strip_readings(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        if (std::size_t n = reading_at(s, i); n > 0 && i > 0 && static_cast<unsigned char>(s[i - 1]) >= 0x80) {
            i += n;
            continue;
        }
        out += s[i++];
    }
    return out;
}

namespace {

// fold(), stopping once the result is longer than `max` bytes: a header key is short,
// and detection asks of every cell of a file's first lines, goals among them.
std::string fold_upto(std::string_view raw, std::size_t max) {
    std::string out;
    out.reserve(std::min(raw.size(), max + 4));
    for (std::size_t i = 0; i < raw.size() && out.size() <= max;) {
        if (std::size_t n = reading_at(raw, i); n > 0 && i > 0 && static_cast<unsigned char>(raw[i - 1]) >= 0x80) {
            i += n;
            continue;
        }
        char32_t cp;
        i += decode(raw, i, cp);
        if (is_space_cp(cp) || cp == U':' || cp == U'：' || cp == U'*' || cp == U'★' || cp == U'☆') continue;
        if (cp == U'（') cp = U'(';
        else if (cp == U'）') cp = U')';
        encode(simplify(cp), out);
    }
    return out;
}

}  // namespace

std::string fold(std::string_view raw) { return fold_upto(raw, std::string_view::npos - 4); }

Column column_of(std::string_view cell) {
    std::string f = fold_upto(cell, 60);
    if (f.empty() || f.size() > 60) return Column::None;
    if (has(f, "原因") || has(f, "改进措施")) return Column::Reason;
    if (f == "绩效指标" || f == "年度绩效指标" || f == "绩效目标指标") return Column::Label;
    if (f.starts_with("一级")) return Column::Level1;
    if (f.starts_with("二级")) return Column::Level2;
    if (f.starts_with("三级") || f == "指标名称" || f == "指标内容" || f == "具体指标" || f == "绩效指标名称")
        return Column::Name;
    if (f == "项目名称") return Column::Project;
    if (f == "单位名称" || f == "预算单位" || f == "实施单位" || f == "部门名称" || f == "单位") return Column::Unit;
    if (f == "预算数" || f == "资金总额" || f == "预算金额" || f == "金额" || f == "年度资金总额") return Column::Total;
    if (f == "年度目标" || f == "绩效目标" || f == "总体目标" || f == "年度绩效目标") return Column::Goal;
    if (has(f, "说明") || has(f, "备注") || has(f, "描述")) return Column::Note;
    if (has(f, "性质") || has(f, "计算符号") || f == "符号") return Column::Op;
    if (has(f, "方向")) return Column::Direction;
    if (has(f, "度量单位") || has(f, "计量单位")) return Column::Measure;
    if (has(f, "权重") || f.starts_with("分值")) return Column::Weight;
    if (has(f, "得分")) return Column::Score;
    if (has(f, "实际") || has(f, "完成值")) return Column::Actual;
    if (has(f, "标准") || has(f, "指标解释")) return Column::Standard;
    if (has(f, "指标值") || has(f, "目标值") || has(f, "数值") || has(f, "预期实现值") || has(f, "计划水平")) {
        if (has(f, "中期") || has(f, "实施周期")) return Column::PeriodTarget;
        return Column::Target;
    }
    return Column::None;
}

std::optional<Role> role_of(Column c) {
    switch (c) {
        case Column::Level1: return Role::Level1;
        case Column::Level2: return Role::Level2;
        case Column::Name: return Role::IndicatorName;
        case Column::Op: return Role::Op;
        case Column::Direction: return Role::Direction;
        case Column::Target: return Role::Target;
        case Column::PeriodTarget: return Role::PeriodTarget;
        case Column::AnnualTarget: return Role::AnnualTarget;
        case Column::Measure: return Role::Unit;
        case Column::Weight: return Role::Weight;
        case Column::Actual: return Role::Actual;
        case Column::Score: return Role::Score;
        case Column::Standard: return Role::Standard;
        case Column::Note: return Role::Note;
        case Column::Reason: return Role::Reason;
        default: return std::nullopt;
    }
}

std::optional<std::string> amount_unit_in(std::string_view cell) {
    std::string f = fold(cell);
    if (f.size() > 60) return std::nullopt;
    if (has(f, "(万元)") || has(f, "单位万元") || has(f, "万元)")) return "万元";
    if (has(f, "(元)") || has(f, "单位元") || f.ends_with("单位元")) return "元";
    return std::nullopt;
}

KeyInfo key_of(std::string_view cell) {
    KeyInfo k;
    std::string f = fold(cell);
    if (f.empty() || f.size() > 60) return k;
    if (auto u = amount_unit_in(cell)) k.amount_unit = *u;
    // The unit's bracket and a `其中:` lead say nothing about which field this is.
    for (std::string_view b : {"(万元)", "(元)"})
        if (auto p = f.find(b); p != std::string::npos) f.erase(p, b.size());
    if (f.starts_with("其中")) f.erase(0, std::string_view("其中").size());
    if (f.empty()) {
        if (!k.amount_unit.empty()) k.key = Key::AmountLabel;
        return k;
    }
    k.period = has(f, "中期") || has(f, "实施周期");
    auto is = [&](Key key) { k.key = key; return k; };
    if (has(f, "单位") && (f.ends_with("单位元") || f.ends_with("单位万元"))) return is(Key::AmountLabel);
    if (f.starts_with("项目名称") || f == "专项名称" || f == "项目") return is(Key::Name);
    if (has(f, "主管部门") || f == "部门名称" || f == "部门(单位)名称" || f == "主管单位") return is(Key::Department);
    if (f == "实施单位" || f == "单位名称" || f == "预算单位" || f == "单位信息" || has(f, "执行单位") ||
        f == "使用单位" || f == "资金使用单位")
        return is(Key::BudgetUnit);
    if (has(f, "编码") || f == "单位代码" || f == "部门代码") return is(Key::Code);
    if (has(f, "资金情况") || f.starts_with("项目资金") || has(f, "预算规模") || has(f, "预算安排") || f == "资金来源")
        return is(Key::AmountLabel);
    if (has(f, "完成情况") || has(f, "履职") || has(f, "执行")) return is(Key::Ignore);
    if (has(f, "资金总额") || has(f, "预算数") || f == "年度金额" || f == "资金总额" ||
        (has(f, "预算") && (has(f, "资金") || f.ends_with("预算"))))
        return is(Key::Total);
    if (has(f, "财政拨款") || f == "财政资金" || f == "财政") return is(Key::Fiscal);
    if (has(f, "其他资金") || f == "其他") return is(Key::Other);
    if (f.starts_with("中期") && has(f, "目标")) return is(Key::PeriodGoal);
    if (f == "总体目标" || f == "项目总体目标") return is(Key::GoalLabel);
    if (f == "年度目标" || f == "年度总体目标" || f == "整体目标" || f == "绩效目标" || f == "年度绩效目标" ||
        f == "年度绩效总目标" || f == "年初设定目标" || f == "项目年度目标" || f == "年度绩效目标设定")
        return is(Key::Goal);
    static constexpr std::array<std::string_view, 22> kIgnored{
        "负责人", "责任人", "联系人", "联系电话", "电话", "经办人", "项目属性", "项目期", "项目来源", "依据",
        "盖章", "职能", "情况", "分值", "得分", "期限", "项目类别", "项目类型", "地方资金", "支出项目", "预算金额",
        "执行率"};
    if (f.size() <= 45 && any_of_in(f, kIgnored)) return is(Key::Ignore);
    return k;
}

namespace {
// A level name without its decoration and spaces: `产出指标(50分)` → 产出指标.
std::string bare_level(std::string_view cell) {
    std::string f = split_decoration(cell).name;
    return fold(f);
}

bool ends_level(std::string_view f) { return f.ends_with("指标") || f.ends_with("值") || f.ends_with("目标"); }
}  // namespace

bool looks_level1(std::string_view cell) {
    std::string f = bare_level(cell);
    if (f.empty() || f.size() > 45 || !ends_level(f)) return false;
    static constexpr std::array<std::string_view, 12> kLevel1{
        "产出指标", "效益指标", "满意度指标", "产出值", "效益值", "满意度值", "预期产出指标", "效果指标",
        "项目完成指标", "成本指标", "产出目标", "效益目标"};
    if (std::find(kLevel1.begin(), kLevel1.end(), f) != kLevel1.end()) return true;
    return has(f, "完成指标") || f == "社会效益、经济效益指标" || f == "预期效果指标";
}

bool looks_level2(std::string_view cell) {
    std::string f = bare_level(cell);
    if (f.empty() || f.size() > 60 || !ends_level(f)) return false;
    if (looks_level1(cell) && f != "成本指标") return false;
    static constexpr std::array<std::string_view, 13> kLevel2{
        "数量", "质量", "时效", "成本", "经济", "社会", "生态", "可持续", "满意度", "服务对象", "预算", "进度", "规模"};
    return any_of_in(f, kLevel2);
}

bool looks_op(std::string_view cell) {
    std::string f = fold(cell);
    static constexpr std::array<std::string_view, 26> kOps{
        "≥", "≤", "=", ">", "<", "≧", "≦", "＞", "＜", "＝", ">=", "<=", "大于等于", "小于等于", "大于", "小于",
        "等于", "不低于", "不高于", "不少于", "不超过", "不多于", "定性", "定量", "±", "≠"};
    return std::find(kOps.begin(), kOps.end(), f) != kOps.end();
}

bool looks_direction(std::string_view cell) {
    std::string f = fold(cell);
    return f.size() <= 15 && (has(f, "正向") || has(f, "反向") || f == "中性");
}

bool looks_number(std::string_view cell) {
    std::string_view t = text::trim(cell);
    if (t.empty()) return false;
    bool digit = false;
    for (char c : t) {
        if (c >= '0' && c <= '9') digit = true;
        else if (c != '.' && c != ',' && c != '-') return false;
    }
    return digit;
}

Decoration split_decoration(std::string_view cell) {
    Decoration d;
    std::string s(text::trim(cell));
    // The last bracket group, when it closes the cell.
    std::size_t open = std::string::npos, close_len = 0;
    if (s.ends_with(")")) { open = s.rfind('('); close_len = 1; }
    else if (s.ends_with("）")) { open = s.rfind("（"); close_len = std::string_view("）").size(); }
    std::string inside;
    if (open != std::string::npos && open > 0) {
        std::size_t open_len = s[open] == '(' ? 1 : std::string_view("（").size();
        inside = s.substr(open + open_len, s.size() - open - open_len - close_len);
        s.resize(open);
    }
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp;
        std::size_t n = decode(s, i, cp);
        if (!is_space_cp(cp)) d.name.append(s, i, n);
        i += n;
    }
    std::string_view in = text::trim(inside);
    if (in.ends_with("分")) {
        std::string_view num = in.substr(0, in.size() - std::string_view("分").size());
        if (looks_number(num)) { d.weight = std::string(num); return d; }
    }
    if (looks_number(in)) d.weight = std::string(in);
    else d.note = std::string(in);
    return d;
}

std::optional<CodedName> split_code(std::string_view cell) {
    std::string_view s = text::trim(cell);
    std::size_t i = 0;
    bool bracket = false;
    if (s.starts_with("[")) { i = 1; bracket = true; }
    else if (s.starts_with("【")) { i = std::string_view("【").size(); bracket = true; }
    std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i - start < 3) return std::nullopt;
    CodedName out{std::string(s.substr(start, i - start)), {}};
    if (bracket) {
        if (s.substr(i).starts_with("]")) i += 1;
        else if (s.substr(i).starts_with("】")) i += std::string_view("】").size();
        else return std::nullopt;
    }
    if (i < s.size() && s[i] == '-') ++i;
    std::string_view rest = text::trim(s.substr(i));
    // A name follows: CJK text, not a date or a number (`2023年`, `100%`).
    if (rest.empty() || static_cast<unsigned char>(rest[0]) < 0x80 || rest.starts_with("年") || rest.starts_with("月"))
        return std::nullopt;
    out.name = std::string(rest);
    return out;
}

int block_key_kind(Key k) {
    switch (k) {
        case Key::Name: return 0;
        case Key::Department:
        case Key::BudgetUnit: return 1;
        case Key::Total:
        case Key::Fiscal:
        case Key::AmountLabel: return 2;
        case Key::Goal:
        case Key::GoalLabel: return 3;
        default: return -1;
    }
}

}  // namespace bpt::grid
