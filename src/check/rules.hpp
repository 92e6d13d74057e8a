// check/rules.hpp — the checker's rules: one signature, one list (check/checker.cpp runs
// them in order). A new check is a new file `check/NAME_rules.cpp` defining a Rule, plus
// one row in kRules; rules that need an earlier section's facts come after it.
#pragma once

#include "check/check_context.hpp"

namespace rateline::check {

/// A rule reads the tariff (cx.tariff, cx.file, cx.imported), reports with cx.error /
/// cx.warning, and records what it proved in cx.out.
using Rule = void (*)(CheckContext& cx);

void check_tables(CheckContext& cx);           ///< table_rules.cpp: `table NAME` of the file and its imports
void check_header(CheckContext& cx);           ///< header_rules.cpp: currency, timezone, dates, service ...
void check_holidays(CheckContext& cx);         ///< holiday_rules.cpp: the `holidays` calendar
void check_seasons(CheckContext& cx);          ///< season_rules.cpp
void check_periods(CheckContext& cx);          ///< period_rules.cpp: TOU periods cover every minute once
void check_rounding(CheckContext& cx);         ///< rounding_rules.cpp
void check_volumes(CheckContext& cx);          ///< volume_rules.cpp: conversions, therm factors
void check_billing_demand(CheckContext& cx);   ///< billing_demand_rules.cpp: ratchets, floors
void check_charges(CheckContext& cx);          ///< charge_rules.cpp: names, quantities, prices, tiers
void check_charge_order(CheckContext& cx);     ///< charge_order_rules.cpp: bases of riders, no cycles
void check_gross_up(CheckContext& cx);         ///< tax_base_rules.cpp: `grossed up` rates under 100 %
void check_net_metering(CheckContext& cx);     ///< net_metering_rules.cpp
void check_power_factor(CheckContext& cx);     ///< power_factor_rules.cpp
void check_kva_demand(CheckContext& cx);       ///< kva_demand_rules.cpp
void check_unused(CheckContext& cx);           ///< unused_rules.cpp: periods and day sets no charge names
void check_revisions(CheckContext& cx);        ///< revision_rules.cpp
void check_derived_quantities(CheckContext& cx);   ///< derived_quantity_rules.cpp: `includes`, shares and averages of usage only
void check_billing_cycle(CheckContext& cx);    ///< billing_cycle_rules.cpp: proration only on monthly bills
void check_fractions(CheckContext& cx);        ///< fraction_rules.cpp: `33 1/3 %` proper, small, on a percentage
void check_services(CheckContext& cx);         ///< service_rules.cpp: `service NAME { ... }` blocks (each then checked alone)

/// tax_base_rules.cpp: `of all except fuel` removes the named lines from `base` (E0401, E0408).
void exclude_from_base(CheckContext& cx, const syntax::ChargeDecl& c, std::vector<std::uint32_t>& base);

}  // namespace rateline::check
