#include "bpt/row.h"

namespace bpt {

std::string_view to_string(Role role) {
    switch (role) {
        case Role::Title: return "title";
        case Role::AmountUnit: return "amount_unit";
        case Role::Name: return "name";
        case Role::Department: return "department";
        case Role::BudgetUnit: return "budget_unit";
        case Role::Code: return "code";
        case Role::Amounts: return "amounts";
        case Role::Total: return "total";
        case Role::Fiscal: return "fiscal";
        case Role::FiscalSpecial: return "fiscal_special";
        case Role::Other: return "other";
        case Role::Goal: return "goal";
        case Role::Indicators: return "indicators";
        case Role::Level1: return "level1";
        case Role::Level2: return "level2";
        case Role::IndicatorName: return "indicator_name";
        case Role::Op: return "op";
        case Role::Direction: return "direction";
        case Role::Target: return "target";
        case Role::PeriodTarget: return "period_target";
        case Role::AnnualTarget: return "annual_target";
        case Role::Unit: return "unit";
        case Role::Weight: return "weight";
        case Role::Actual: return "actual";
        case Role::Score: return "score";
        case Role::Standard: return "standard";
        case Role::Note: return "note";
        case Role::Reason: return "reason";
    }
    return "?";
}

std::string_view to_string(RowKind kind) {
    switch (kind) {
        case RowKind::Title: return "title";
        case RowKind::Meta: return "meta";
        case RowKind::GrandTotal: return "grand_total";
        case RowKind::Department: return "department";
        case RowKind::Project: return "project";
        case RowKind::Indicator: return "indicator";
    }
    return "?";
}

}  // namespace bpt
