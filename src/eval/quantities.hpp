// eval/quantities.hpp — quantity(lines, ctx, steps) -> PricedQuantity: the quantity a priced charge applies to in a context (energy made into the billed quantity, demand shared by days, days, channels, months or meters prorated), with the exact share behind a fixed charge.
#pragma once

#include "eval/bill_run.hpp"
#include "eval/share.hpp"

namespace rateline::eval {

struct PricedQuantity {
  Decimal value;
  /// Fixed charges only: the exact days / days behind `value` and the meters counted, so
  /// that the amount is price × meters × part / whole with one division (10.35 × 31/30 is
  /// exactly 10.695, which `value` at 12 places would miss). {1, 1}: not prorated.
  Share fixed;
  int meters = 1;
};

PricedQuantity quantity(ChargeLines& lines, const Context& ctx, Steps& steps);

}  // namespace rateline::eval
