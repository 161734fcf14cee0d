#include "bpt/framework.h"

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <cstring>

#include "bpt/text.h"

namespace bpt::framework {

namespace {

constexpr std::array<FrameworkLevel, 3> kLevel1 = {{
    {"1", "产出", "1-产出指标"},
    {"2", "效益", "2-效益指标"},
    {"3", "满意度", "3-满意度指标"},
}};

constexpr std::array<FrameworkLevel, 9> kLevel2 = {{
    {"11", "数量", "11-数量指标"},
    {"12", "质量", "12-质量指标"},
    {"13", "时效", "13-时效指标"},
    {"14", "成本", "14-成本指标"},
    {"21", "经济效益", "21-经济效益"},
    {"22", "社会效益", "22-社会效益"},
    {"23", "生态效益", "23-生态效益"},
    {"24", "可持续影响", "24-可持续影响"},
    {"31", "服务对象满意度", "31-服务对象满意度"},
}};

// The 2021 guidance adds 成本指标 as a level of its own; systems number it and its
// level-2 names differently, so only its names are known.
constexpr std::string_view kCostLevel1 = "成本";

}  // namespace

std::string_view bare_name(std::string_view name) {
    name = text::trim(name);
    if (name.ends_with("指标") && name.size() > std::string_view("指标").size())
        name.remove_suffix(std::string_view("指标").size());
    return text::trim(name);
}

namespace {

template <std::size_t N>
const FrameworkLevel* by_code(const std::array<FrameworkLevel, N>& levels, std::string_view code) {
    for (const auto& l : levels)
        if (l.code == code) return &l;
    return nullptr;
}

// `bare`: a name without its 指标 (bare_name).
template <std::size_t N>
const FrameworkLevel* by_name(const std::array<FrameworkLevel, N>& levels, std::string_view bare) {
    for (const auto& l : levels)
        if (l.name == bare) return &l;
    return nullptr;
}

}  // namespace

std::string level_text(const Level& l) { return l.code.empty() ? l.name : l.code + "-" + l.name; }

namespace {

static_assert([] {
    for (const auto& l : kLevel1)
        if (l.name.size() < 4) return false;
    for (const auto& l : kLevel2)
        if (l.name.size() < 4) return false;
    return true;
}());

// memcmp(a, b, n) == 0 for the n ≥ 4 bytes of a level's name, in a few word
// compares instead of a call: asked twice of every indicator.
bool same_bytes(const char* a, const char* b, std::size_t n) {
    auto word = [](const char* p, auto w) {
        std::memcpy(&w, p, sizeof w);
        return w;
    };
    if (n < 8) return word(a, std::uint32_t{}) == word(b, std::uint32_t{}) &&
                      word(a + n - 4, std::uint32_t{}) == word(b + n - 4, std::uint32_t{});
    for (std::size_t i = 0; i + 8 < n; i += 8)
        if (word(a + i, std::uint64_t{}) != word(b + i, std::uint64_t{})) return false;
    return word(a + n - 8, std::uint64_t{}) == word(b + n - 8, std::uint64_t{});
}

// Whether `name` is level's name written exactly as the framework writes it, with
// or without 指标 (`产出`, `11-数量指标` come both ways): what bare_name would make
// of it, without trimming (no level's name ends in 指标).
bool named(const FrameworkLevel& level, std::string_view name) {
    constexpr std::string_view kSuffix = "指标";
    std::size_t n = level.name.size();
    if (name.size() == n + kSuffix.size()) {
        if (!same_bytes(name.data() + n, kSuffix.data(), kSuffix.size())) return false;
    } else if (name.size() != n) {
        return false;
    }
    return same_bytes(name.data(), level.name.data(), n);
}

// The level so named; nullptr for any other spelling, which takes the long way.
template <std::size_t N>
const FrameworkLevel* exactly(const std::array<FrameworkLevel, N>& levels, std::string_view name) {
    for (const auto& l : levels)
        if (named(l, name)) return &l;
    return nullptr;
}

// by_code, by the digits (the codes are 1–3 and 11–31).
const FrameworkLevel* level1_by_code(std::string_view code) {
    return code.size() == 1 && code[0] >= '1' && code[0] <= '3' ? &kLevel1[static_cast<std::size_t>(code[0] - '1')]
                                                                : nullptr;
}
const FrameworkLevel* level2_by_code(std::string_view code) {
    if (code.size() != 2) return nullptr;
    for (const auto& l : kLevel2)
        if (l.code[0] == code[0] && l.code[1] == code[1]) return &l;
    return nullptr;
}
}  // namespace

bool fits_exactly(const Level& l1, const std::optional<Level>& level2) {
    const FrameworkLevel* f1 = level1_by_code(l1.code);
    if (!f1 || !named(*f1, l1.name)) return false;
    if (!level2) return true;
    const FrameworkLevel* f2 = level2_by_code(level2->code);
    return f2 && f2->code[0] == f1->code[0] && named(*f2, level2->name);
}


// What is wrong with a clause's level codes, in words; empty when they fit the
// framework. Most clauses fit, so the name lookups that only messages need are
// done only for the clauses that do not.
std::vector<std::string> code_problems(const Level& l1, const std::optional<Level>& level2) {
    std::vector<std::string> problems;
    if (fits_exactly(l1, level2)) return problems;
    std::string_view n1 = bare_name(l1.name);
    const FrameworkLevel* f1 = l1.code.empty() ? nullptr : by_code(kLevel1, l1.code);
    bool cost_level = n1 == kCostLevel1;
    if (f1 && n1 != f1->name) {
        problems.push_back(fmt::format("level-1 code {} is {} in the framework, not {}", l1.code, f1->display, l1.name));
    } else if (!f1 && !l1.code.empty()) {
        if (const FrameworkLevel* named1 = by_name(kLevel1, n1))
            problems.push_back(fmt::format("{} is level-1 code {}, not {}", l1.name, named1->code, l1.code));
        else if (!cost_level)
            problems.push_back(fmt::format("level-1 code {} ({}) is not in the framework (1-产出指标, 2-效益指标, "
                                           "3-满意度指标, or the 成本指标 level)",
                                           l1.code, l1.name));
    }
    if (!level2) return problems;
    const Level& l2 = *level2;
    std::string_view n2 = bare_name(l2.name);
    const FrameworkLevel* f2 = l2.code.empty() ? nullptr : by_code(kLevel2, l2.code);
    if (!l1.code.empty() && !l2.code.empty() && l2.code.front() != l1.code.front()) {
        // The level-2 code's first digit is its level-1 code.
        const FrameworkLevel* owner = by_code(kLevel1, l2.code.substr(0, 1));
        problems.push_back(fmt::format("level-2 code {} belongs under level-1 code {}{}, not under {}: write `{}；{}`",
                                       l2.code, l2.code.front(), owner ? fmt::format(" ({})", owner->display) : "",
                                       level_text(l1), owner ? owner->display : level_text(l1), level_text(l2)));
    }
    if (f2 && n2 != f2->name) {
        const FrameworkLevel* named2 = by_name(kLevel2, n2);
        problems.push_back(fmt::format("level-2 code {} is {} in the framework, not {}{}", l2.code, f2->display,
                                       l2.name, named2 ? fmt::format(" ({} is {})", l2.name, named2->display) : ""));
    } else if (!f2 && !l2.code.empty()) {
        // Under the 成本指标 level, or one the framework lacks (reported above), any code goes.
        if (!cost_level && (f1 || by_name(kLevel1, n1))) {
            const FrameworkLevel* named2 = by_name(kLevel2, n2);
            problems.push_back(fmt::format("level-2 code {} ({}) is not in the framework{}", l2.code, l2.name,
                                           named2 ? fmt::format(": {} is {}", l2.name, named2->display) : ""));
        }
    } else if (l1.code.empty() && l2.code.empty()) {
        // Without codes the names still say where a level-2 belongs.
        const FrameworkLevel* named1 = by_name(kLevel1, n1);
        const FrameworkLevel* named2 = by_name(kLevel2, n2);
        if (named1 && named2 && named2->code.front() != named1->code.front())
            problems.push_back(fmt::format("{} belongs under {}, not under {}", l2.name,
                                           kLevel1[static_cast<std::size_t>(named2->code.front() - '1')].display,
                                           l1.name));
    }
    return problems;
}

Category category_of(const Level& l1) {
    // The framework's own names, as nearly every table writes them.
    if (const FrameworkLevel* f = exactly(kLevel1, l1.name))
        return f->code == "1" ? Category::Output : f->code == "2" ? Category::Effect : Category::Other;
    std::string_view n = bare_name(l1.name);
    // Tables rename the levels (产出值, 预期产出指标, 项目完成指标, 效果指标, 效益值) and
    // mirrors print them in Traditional script (產出指標).
    auto has = [n](std::string_view w) { return n.find(w) != std::string_view::npos; };
    if (has("产出") || has("產出") || n.starts_with("项目完成") || n.starts_with("項目完成")) return Category::Output;
    if (has("效益") || has("效果")) return Category::Effect;
    if (!n.empty()) return Category::Other;
    if (l1.code == "1") return Category::Output;
    if (l1.code == "2") return Category::Effect;
    return Category::Other;
}


std::span<const FrameworkLevel> level1() { return kLevel1; }
std::span<const FrameworkLevel> level2() { return kLevel2; }

namespace {
constexpr std::string_view kLevel1Names[] = {"产出指标", "效益指标", "满意度指标", "成本指标"};
}  // namespace

std::span<const std::string_view> level1_names() { return kLevel1Names; }

bool starts_with_level1(std::string_view text) {
    for (std::string_view level : {"产出", "效益", "满意度", "成本"})
        if (text.starts_with(level)) return true;
    return false;
}

}  // namespace bpt::framework
