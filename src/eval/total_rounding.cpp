// The total rounded, and the rounding shown: total = the exact sum of the lines, always.
#include "eval/total_rounding.hpp"

#include "eval/money_text.hpp"

namespace rateline::eval {

void round_total(Bill& bill, const graph::QuantityRounding& rounding, bool trace) {
  Decimal rounded = bill.total.rounded(rounding.scale(), rounding.mode);
  Decimal adjustment = rounded - bill.total;
  if (adjustment.is_zero()) return;
  LineItem li;
  li.id = "rounding";
  li.label = "Rounding Adjustment";
  li.kind = LineKind::adjustment;
  li.quantity = Decimal(1);
  li.unit = "bill";
  li.rate = adjustment;
  li.amount = adjustment;
  li.unrounded = adjustment;
  const std::string symbol = currency_symbol(bill.currency);
  li.rate_unit = symbol;
  if (trace) {
    li.trace.push_back("the line items add up to " + symbol + bill.total.to_string());
    li.trace.push_back("the total is rounded " + std::string(to_string(rounding.mode)) + " to " + rounding.step.to_string() + ": " + symbol +
                       rounded.to_string() + " (rounding total)");
    li.trace.push_back("adjustment " + symbol + rounded.to_string() + " − " + symbol + bill.total.to_string() + " = " + symbol +
                       adjustment.to_string());
  }
  bill.total = rounded;
  bill.line_items.push_back(std::move(li));
}

}  // namespace rateline::eval
