// eval/tier_limits.hpp — resolve_tiers(lines, table, ctx, steps) -> ResolvedTiers: a tier table's limits for one bill in the determinant's unit, nested blocks replaced by their steps.
#pragma once

#include "eval/bill_run.hpp"
#include "eval/tier_values.hpp"

#include <optional>
#include <string>
#include <vector>

namespace rateline::eval {

/// A tier table resolved for one bill: limits in the determinant's unit, nested blocks
/// replaced by their steps, each step clipped to its block [block lower, block upper).
struct ResolvedTiers {
  TierLimits upper;
  std::vector<std::string> labels;
  std::vector<std::string> ids;              ///< ".t2", or ".t1.2" for step 2 of block 1: stable from bill to bill
  std::vector<std::vector<Decimal>> prices;  ///< [column][tier]
  // A table without nested blocks is used as it is in the graph (no copies per bill).
  const std::vector<std::string>* label_of = nullptr;
  const std::vector<std::vector<Decimal>>* price_of = nullptr;
  const std::vector<std::string>& tier_labels() const { return label_of ? *label_of : labels; }
  const std::vector<std::vector<Decimal>>& tier_prices() const { return price_of ? *price_of : prices; }
};

ResolvedTiers resolve_tiers(ChargeLines& lines, const graph::TierTable& table, const Context& ctx, Steps& steps);

}  // namespace rateline::eval
