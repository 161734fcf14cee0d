#include "bpt/checks/self_evaluation.h"

#include <fmt/format.h>

#include <optional>

#include "bpt/checks/decimal.h"

namespace bpt::checks {

namespace {

// How an actual value falls short of its target, in words; empty when it meets it
// or when the two cannot be compared exactly (other units, words, ranges).
std::string shortfall(const Target& target, const Target& actual) {
    if (target.kind != TargetKind::Numeric || actual.kind != TargetKind::Numeric) return {};
    if (!actual.unit.empty() && !target.unit.empty() && actual.unit != target.unit) return {};
    int c = compare_decimal(actual.value, target.value);
    switch (target.op) {
        case Comparator::Ge: return c < 0 ? "below" : "";
        case Comparator::Gt: return c <= 0 ? "not above" : "";
        case Comparator::Le: return c > 0 ? "above" : "";
        case Comparator::Lt: return c >= 0 ? "not below" : "";
        case Comparator::Eq: return c < 0 ? "below" : "";
        default: return {};
    }
}

}  // namespace

void SelfEvaluation::project(const Project& p, const Facts& facts) {
    if (facts.repeat) return;
    if (cx_.on(Rule::ActualBelowTarget))
        for (const auto& i : p.indicators) {
            if (!i.actual || !i.annual) continue;
            std::string how = shortfall(*i.annual, *i.actual);
            if (how.empty()) continue;
            cx_.report(Rule::ActualBelowTarget,
                       fmt::format("{}, indicator {} ({}): the actual value {} is {} the target {}{}",
                                   Context::project_ref(p), i.seq, i.name, i.actual->raw, how, i.annual->raw,
                                   i.reason ? fmt::format(" (reason given: {})", *i.reason)
                                            : std::string(": say why in 偏差原因")),
                       i.location, i.raw, p.index);
        }
    // Weights add to 100 when a table gives every indicator one; a sum is exact. A
    // project cut off by the end of the file lacks the rest of its weights.
    if (!cx_.on(Rule::WeightsNot100) || p.indicators.empty() || facts.incomplete) return;
    Money sum;
    for (const auto& i : p.indicators) {
        std::optional<Money> w = i.weight ? Money::parse(*i.weight) : std::nullopt;
        if (!w) return;  // a weight missing or not a number: nothing to add up
        auto next = sum.checked_add(*w);
        if (!next) return;
        sum = *next;
    }
    if (sum == Money::from_cents(10000)) return;
    cx_.report(Rule::WeightsNot100,
               fmt::format("{}: the weights of its {} indicators add up to {}, not 100: correct the weights",
                           Context::project_ref(p), p.indicators.size(), sum.to_string()),
               p.location, p.name, p.index);
}

}  // namespace bpt::checks
