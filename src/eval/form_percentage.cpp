// eval/form_percentage.cpp — bill_percentage(lines): percent × the rounded amounts of the line items it names, within its caps and floors (eval/charge_forms.hpp).
#include "eval/charge_forms.hpp"
#include "eval/money_text.hpp"
#include "eval/pricing.hpp"

namespace rateline::eval {

void bill_percentage(ChargeLines& lines) {
  auto& run = lines.run;
  const auto& ch = lines.charge;
  auto price = flat_price(run, lines.segment, ch);
  if (!price) return;
  Decimal rate = *price;
  Decimal base;
  for (auto b : ch.base) base += lines.amounts[b];
  auto& li = lines.add(Context{});
  li.quantity = base;
  li.unit = currency_unit(run.t.info.currency);
  li.rate = rate;
  auto amount = (base * rate).divided_by(Decimal(100), base.scale() + rate.scale() + 2, RoundingMode::half_even);
  // caps and floors limit the amount's size; a credit stays a credit
  if (ch.at_most || ch.at_least) {
    Decimal size = amount.abs();
    const char* why = nullptr;
    const Decimal* limit = nullptr;
    if (ch.at_most && size > *ch.at_most) size = *ch.at_most, why = "capped at ", limit = &*ch.at_most;
    if (ch.at_least && size < *ch.at_least) size = *ch.at_least, why = "raised to the floor ", limit = &*ch.at_least;
    if (why) {
      run.trace.percentage_limited(li.trace, amount, why, *limit);
      amount = amount.is_negative() ? -size : size;
    }
  }
  run.trace.percentage(li.trace, base, ch.base, *lines.segment.charges, rate, amount);
  lines.finish(li, amount);
}

}  // namespace rateline::eval
