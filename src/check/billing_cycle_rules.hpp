// check/billing_cycle_rules.hpp — `billing_cycle monthly|quarterly|annual`: what one bill is, and which
// per-time prices and tier limits that cycle can bill exactly (billing_cycle_rules.cpp).
#pragma once

#include "check/check_context.hpp"

#include <string>

namespace rateline::check {

/// header: reads `billing_cycle WORD` into cx.out.cycle_months (1, 3 or 12).
void read_billing_cycle(CheckContext& cx, const syntax::MetaDecl& m);

/// The months one `$/unit` or `N unit/unit` covers: month 1, quarter 3, year 12; 0 for any other unit.
int months_of(const std::string& unit);

/// A fixed price or a minimum in `$/quarter` or `$/year`: reports E0360 when the tariff's
/// cycle cannot bill a whole number of them per bill with an exact share; true when it fits.
bool check_cycle_price(CheckContext& cx, const syntax::Price& price, const std::string& unit_text);

/// A tier limit per month, quarter or year (`31.5 kgal/quarter`): E0360 as for prices.
bool check_cycle_bound(CheckContext& cx, const syntax::Quantity& q, const std::string& per);

}  // namespace rateline::check
