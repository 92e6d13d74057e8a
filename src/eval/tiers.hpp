// eval/tiers.hpp — price_tiers(lines, id, ctx): a tier table priced for one context: limits for this bill (per bill, per day, per kW of billing demand; nested blocks flattened), the quantity split over them, one column or TOU period columns filled proportionally or in time order.
#pragma once

#include "eval/bill_run.hpp"

#include <optional>
#include <vector>

namespace rateline::eval {

/// Prices pricing `id`, a tier table.
void price_tiers(ChargeLines& lines, std::uint32_t id, const Context& ctx);

/// Splits q over the tiers: the portion of q between each tier's lower and upper bound.
TierAmounts split_into_tiers(const Decimal& q, const TierLimits& upper);

}  // namespace rateline::eval
