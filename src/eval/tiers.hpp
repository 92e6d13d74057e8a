// eval/tiers.hpp — price_tiers(lines, pricing, ctx): a tier table priced for one context: limits for this bill (per bill, per day, per kW of billing demand; nested blocks flattened), the quantity split over them, one column or TOU period columns filled proportionally or in time order.
#pragma once

#include "eval/bill_run.hpp"

#include <optional>
#include <vector>

namespace rateline::eval {

void price_tiers(ChargeLines& lines, const graph::Pricing& p, const Context& ctx);

/// Splits q over the tiers: the portion of q between each tier's lower and upper bound.
TierAmounts split_into_tiers(const Decimal& q, const TierLimits& upper);

}  // namespace rateline::eval
