// eval/total_rounding.hpp — `rounding total STEP MODE`: the bill's total rounded as the sheet
// says, shown as a line of its own so that the total stays the exact sum of the line items.
#pragma once

#include "graph/billed_quantity.hpp"
#include "rateline/bill.hpp"

namespace rateline::eval {

/// Rounds `bill.total` to the step in the mode and adds the difference as a "Rounding
/// Adjustment" line (id `rounding`, kind adjustment); nothing when the total is already on
/// the step. Steps go to the line's trace when `trace` is set.
void round_total(Bill& bill, const graph::QuantityRounding& rounding, bool trace);

}  // namespace rateline::eval
