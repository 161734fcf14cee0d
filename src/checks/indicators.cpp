#include "bpt/checks/indicators.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "bpt/checks/decimal.h"
#include "bpt/framework.h"
#include "bpt/text.h"

namespace bpt::checks {

namespace {

// Target numbers are exact ASCII decimals ("3619", "0.5", "-5"), compared exactly.

// compare_decimal(number, "0") < 0, without splitting the number: asked of every target.
bool is_negative(std::string_view number) { return number.starts_with('-') && !all_zero(number.substr(1)); }

// Growth and change rates may well be negative or above 100%; shares and
// satisfaction cannot.
bool names_a_change(std::string_view name) {
    for (std::string_view w : {"增长", "增幅", "增速", "下降", "降低", "减少", "变化", "变动"})
        if (name.find(w) != std::string_view::npos) return true;
    return false;
}

// Units of quantities that add up over the years: counts, not ratios or scores.
bool is_percent(std::string_view unit) { return unit.size() == 1 && unit[0] == '%'; }

bool is_additive_unit(std::string_view unit) {
    if (is_percent(unit) || unit == "‰" || unit == "分" || unit == "倍") return false;
    return unit.find('/') == std::string_view::npos;
}

bool is_upper_bound(Comparator op) { return op == Comparator::Lt || op == Comparator::Le; }

}  // namespace

void Indicators::project(const Project& p, const Facts& facts) {
    // An exact repeat was judged at its first appearance; a project cut off by the
    // end of the file lacks its goal or indicators because the file is truncated,
    // which incomplete-project says once.
    if (facts.repeat || facts.incomplete) return;
    if (cx_.on(Rule::MissingGoal) && (!p.goal || text::trim(*p.goal).empty()))
        cx_.report(Rule::MissingGoal,
               fmt::format("{} has no performance goal (绩效目标): state what the money is to achieve", Context::project_ref(p)),
               p.location, p.name, p.index);
    if (p.indicators.empty()) {
        if (cx_.on(Rule::MissingIndicators))
            cx_.report(Rule::MissingIndicators,
                   fmt::format("{} has no performance indicators (绩效指标): every project needs at least one, "
                               "with its targets",
                               Context::project_ref(p)),
                   p.location, p.name, p.index);
        return;
    }
    // Whether each clause is written as the framework writes it, asked once for both
    // the category and the codes: then its level-1 code says its category too.
    fits_.resize(p.indicators.size());
    for (std::size_t k = 0; k < p.indicators.size(); ++k) {
        const Indicator& i = p.indicators[k];
        fits_[k] = i.level1 && framework::fits_exactly(*i.level1, i.level2);
    }
    if (cx_.on(Rule::MissingIndicatorCategory)) {
        bool output = false, effect = false, unreadable = false;
        for (std::size_t k = 0; k < p.indicators.size(); ++k) {
            const Indicator& i = p.indicators[k];
            if (!i.level1) {
                unreadable = true;
                continue;
            }
            framework::Category c = !fits_[k]                  ? framework::category_of(*i.level1)
                                    : i.level1->code == "1" ? framework::Category::Output
                                    : i.level1->code == "2" ? framework::Category::Effect
                                                            : framework::Category::Other;
            output |= c == framework::Category::Output;
            effect |= c == framework::Category::Effect;
        }
        // A clause the grammar could not read may be the missing one; it is already
        // reported as indicator-malformed.
        if (!unreadable && (!output || !effect)) {
            std::string_view missing = !output && !effect ? "neither an output (产出指标) nor an effect (效益指标) indicator"
                                       : !output           ? "no output indicator (产出指标)"
                                                           : "no effect indicator (效益指标)";
            cx_.report(Rule::MissingIndicatorCategory,
                   fmt::format("{} has {}: budget rules expect every project to promise both outputs and effects",
                               Context::project_ref(p), missing),
                   p.location, p.name, p.index);
        }
    }
    for (std::size_t k = 0; k < p.indicators.size(); ++k) indicator(p, p.indicators[k], fits_[k]);
}

void Indicators::indicator(const Project& p, const Indicator& i, bool fits) {
    const Location& line = i.location.line || i.location.page ? i.location : p.location;
    // Formatted only for a finding: this runs on every indicator.
    auto where = [&] {
        return fmt::format("{}, indicator {} ({})", Context::project_ref(p), i.seq, i.name.empty() ? i.raw : i.name);
    };

    if (i.level1 && cx_.on(Rule::IndicatorCodeMismatch) && !fits) {
        const Level& l1 = *i.level1;
        std::vector<std::string> problems = framework::code_problems(l1, i.level2);
        if (!problems.empty()) {
            std::string all;
            for (const auto& s : problems) all += (all.empty() ? "" : "; ") + s;
            cx_.report(Rule::IndicatorCodeMismatch,
                   fmt::format("{}: `{}{}`: {}", where(), framework::level_text(l1), i.level2 ? "；" + framework::level_text(*i.level2) : "",
                               all),
                   line, i.raw, p.index);
        }
    }

    if (cx_.on(Rule::TargetOutOfRange)) {
        std::vector<std::string> problems;
        for (const auto& [target, label] : {std::pair{&i.period, "实施周期指标值"}, std::pair{&i.annual, "年度指标值"}}) {
            // A tolerance (±3%) is a width around a nominal value, not a value itself.
            if (!*target || (*target)->kind != TargetKind::Numeric || (*target)->op == Comparator::Within) continue;
            const Target& t = **target;
            // A range is out of range when either end is.
            const std::string& top = t.op == Comparator::Between ? t.value_max : t.value;
            // Asked only of a target out of range: the word search costs more than the rest.
            auto change = [&] { return names_a_change(i.name) || names_a_change(t.qualifier); };
            if (is_percent(t.unit)) {
                // Most percentages are whole numbers up to 100.
                auto vs100 = [&] {
                    if (top.size() <= 2 && std::all_of(top.begin(), top.end(), [](char c) { return c >= '0' && c <= '9'; }))
                        return -1;
                    return top == "100" ? 0 : compare_decimal(top, "100");
                };
                if ((is_negative(t.value) || (t.op == Comparator::Lt && compare_decimal(t.value, "0") <= 0)) &&
                    !change())
                    problems.push_back(fmt::format("{} `{}` asks for a percentage below 0%", label, t.raw));
                else if (int c = vs100(); (c > 0 || (c == 0 && t.op == Comparator::Gt)) && !change())
                    problems.push_back(fmt::format("{} `{}` asks for a rate above 100%", label, t.raw));
            } else if (is_negative(t.value) && !change()) {
                problems.push_back(fmt::format("{} `{}` is a negative quantity", label, t.raw));
            }
        }
        if (!problems.empty()) {
            std::string all;
            for (const auto& s : problems) all += (all.empty() ? "" : "; ") + s;
            cx_.report(Rule::TargetOutOfRange,
                   fmt::format("{}: {}: no result can meet it; correct the target", where(), all), line, i.raw, p.index);
        }
    }

    if (cx_.on(Rule::TargetPeriodAnnualInconsistent) && i.period && i.annual &&
        i.period->kind == TargetKind::Numeric && i.annual->kind == TargetKind::Numeric &&
        i.period->op != Comparator::Within && i.annual->op != Comparator::Within) {
        const Target& period = *i.period;
        const Target& annual = *i.annual;
        // An annual cap (≤, <) above the period's figure limits the year less than the
        // period, which is loose but no contradiction.
        bool annual_cap_only = is_upper_bound(annual.op) && !is_upper_bound(period.op);
        // A range contradicts only when the year's least exceeds the period's most.
        const std::string& period_most = period.op == Comparator::Between ? period.value_max : period.value;
        // Rates and scores do not add up over the years, so a higher annual rate is
        // no contradiction; counts do.
        if (!annual_cap_only && is_additive_unit(annual.unit) && period.unit == annual.unit &&
            period.qualifier == annual.qualifier && compare_decimal(annual.value, period_most) > 0)
            cx_.report(Rule::TargetPeriodAnnualInconsistent,
                   fmt::format("{}: the annual target (年度指标值 {}) exceeds the target for the whole implementation "
                               "period (实施周期指标值 {}), which includes that year: correct whichever is wrong",
                               where(), annual.raw, period.raw),
                   line, i.raw, p.index);
    }
}

}  // namespace bpt::checks
