// eval/form_percentage.cpp — bill_percentage(lines): percent × the rounded amounts of the line items it names (or, grossed up, base × r / (1 − r)), within its caps and floors (eval/charge_forms.hpp).
#include "eval/charge_forms.hpp"
#include "eval/money_text.hpp"
#include "eval/pricing.hpp"
#include "eval/share.hpp"

namespace rateline::eval {

void bill_percentage(ChargeLines& lines) {
  auto& run = lines.run;
  const auto& ch = lines.charge;
  auto node = flat_pricing(run, lines.segment, ch);
  if (!node) return;
  const auto& picked = run.t.pricing[*node];
  Decimal rate = picked.price;
  // a decimal case of a table that also has fractions (`2.5 %` beside `33 1/3 %`) is lowered
  // as a numerator over the table's common denominator; it is an exact decimal all the same
  // (docs/language.md, "Fractional percentages"), so it is billed as one, not to 12 places
  const bool fraction = ch.rate_denominator != Decimal(1) && picked.written_denominator != 1;
  if (ch.rate_denominator != Decimal(1) && !fraction) rate = rate.divided_by(ch.rate_denominator, rate.scale(), RoundingMode::half_even).normalized();
  Decimal base;
  for (auto b : ch.base) base += lines.amounts[b];
  auto& li = lines.add(Context{});
  li.quantity = base;
  li.unit = currency_unit(run.t.info.currency);
  li.rate = rate;
  // A gross-up's multiplier r / (1 − r) is an exact rational (2.5 / 97.5 = 1/39) whose decimal
  // repeats: the one division base × rate / (100 − rate) is taken to 12 places (kShareScale,
  // as every other division of a bill), half even, and the line item then rounds as any other.
  Decimal amount;
  if (!fraction) {
    amount = ch.gross_up ? (base * rate).divided_by(Decimal(100) - rate, kShareScale, RoundingMode::half_even)
                         : (base * rate).divided_by(Decimal(100), base.scale() + rate.scale() + 2, RoundingMode::half_even);
  } else {
    // `33 1/3 %`: the price is the numerator n over d; the amount is base × n / (100 d), or
    // grossed up base × n / (100 d − n), one division to 12 places as a gross-up's; the rate
    // shown is n / d to 12 places, and the trace says it is exact
    const Decimal hundred_d = Decimal(100) * ch.rate_denominator;
    amount = (base * rate).divided_by(ch.gross_up ? hundred_d - rate : hundred_d, kShareScale, RoundingMode::half_even);
    li.rate = rate.divided_by(ch.rate_denominator, kShareScale, RoundingMode::half_even).normalized();
    if (run.trace.explains())
      li.trace.push_back("rate " + rate.normalized().to_string() + "/" + ch.rate_denominator.normalized().to_string() +
                         " % exactly, shown as " + li.rate.to_string() + " %");
    rate = li.rate;   // for the trace's arithmetic line; the amount above used the fraction
  }
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
  if (ch.gross_up) run.trace.gross_up(li.trace, base, ch.base, *lines.segment.charges, rate, amount);
  else run.trace.percentage(li.trace, base, ch.base, *lines.segment.charges, rate, amount);
  lines.finish(li, amount);
}

}  // namespace rateline::eval
