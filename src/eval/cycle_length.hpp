// eval/cycle_length.hpp — period_fits_cycle(run, period) -> bool: a bill of a quarterly or annual tariff covers about one cycle (B0080 otherwise).
//
// Charges per quarter or year are billed whole on each bill (the sheets that bill so do
// not prorate), so a month's period billed on a quarterly tariff would pay a quarter's
// charges: refused rather than billed wrong. Read cycles drift, so the bounds are loose.
#pragma once

#include "eval/bill_run.hpp"

namespace rateline::eval {

/// True for a monthly tariff, or a period of 75..105 days (quarterly) or 330..400 days (annual).
bool period_fits_cycle(BillRun& run, const BillingPeriod& period);

}  // namespace rateline::eval
