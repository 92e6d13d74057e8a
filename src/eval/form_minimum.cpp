// eval/form_minimum.cpp — bill_minimum(lines) and apply_annual_minimums(): a top-up of the line items a minimum covers, per bill, per day or per year (eval/charge_forms.hpp).
#include "core/plural.hpp"
#include "eval/charge_forms.hpp"
#include "eval/exemption.hpp"
#include "eval/money_text.hpp"
#include "eval/pricing.hpp"
#include "eval/quantities.hpp"

#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <string_view>

namespace rateline::eval {

namespace {

/// The minimum a segment must come to: per bill (a revision segment its share by days), or per day.
Decimal minimum_amount(BillRun& run, const Segment& c, const graph::Charge& ch) {
  Decimal price;   // no price for this bill: no minimum
  if (auto found = flat_price(run, c, ch)) price = *found;
  if (ch.minimum_per == graph::MinimumPer::day) return price * Decimal(c.days);
  // a monthly minimum on a quarterly bill: three months' worth. An annual minimum is compared
  // with a whole year of bills (apply_annual_minimums), so it keeps its yearly amount.
  if (ch.minimum_per != graph::MinimumPer::year) price = price * ch.per_cycle;
  // a year's minimum is the year's amount however a revision cuts the bill (docs/language.md, "Billing cycles")
  if (c.split && ch.minimum_per != graph::MinimumPer::year) return c.share().times(price);
  return price;
}

}  // namespace

void bill_minimum(ChargeLines& lines) {
  auto& run = lines.run;
  const auto& ch = lines.charge;
  if (ch.minimum_per == graph::MinimumPer::year) return;  // applied across bills (apply_annual_minimums)
  // from the first amount: 0 + it is it, at its own scale, without a cross-scale addition
  Decimal base = ch.base.empty() ? Decimal() : lines.amounts[ch.base.front()];
  for (std::size_t k = 1; k < ch.base.size(); ++k) base += lines.amounts[ch.base[k]];
  Decimal floor_amount = minimum_amount(run, lines.segment, ch);
  Steps quantity_steps;
  if (ch.minimum_per == graph::MinimumPer::quantity) {
    // "a minimum of 7.00 $ per kW of billing demand": the price × the quantity (a part of the
    // period its share, as quantity() gives it)
    Decimal per_unit = flat_price(run, lines.segment, ch).value_or(Decimal(0));
    Decimal q = quantity(lines, Context{}, quantity_steps).value;
    floor_amount = q * per_unit;
    run.trace.minimum_per_unit(quantity_steps, q, lines.unit(), per_unit, floor_amount, currency_symbol(run.t.info.currency));
  }
  if (base >= floor_amount) return;
  auto& li = lines.add(Context{});
  append_steps(li.trace, quantity_steps);
  li.quantity = Decimal(1);
  li.unit = ch.minimum_per == graph::MinimumPer::day ? "bill" : run.t.cycle_months == 3 ? "quarter" : run.t.cycle_months == 12 ? "year" : "month";
  li.rate = floor_amount - base;
  auto amount = floor_amount - base;
  run.trace.minimum(li.trace, base, floor_amount, amount);
  li.rate_unit = currency_symbol(run.t.info.currency);
  lines.finish(li, amount);
}

void apply_annual_minimums(BillRun& run, std::vector<Bill>& bills, const std::vector<const Segment*>& first_segment,
                           std::span<const Decimal> charge_sums) {
  const auto& t = run.t;
  for (std::size_t index = 0; index < t.charges.size(); ++index) {
    const auto& ch = t.charges[index];   // annual minimums are not revised mid-year
    if (ch.form != graph::Form::minimum || ch.minimum_per != graph::MinimumPer::year) continue;
    if (!ch.exempt_if.empty()) {
      // `unless ATTRIBUTE` drops the minimum as it drops any charge (the bill already noted why)
      std::vector<Diagnostic> noted;
      if (is_exempt(run.account, ch.id, ch.exempt_if, noted).value_or(true)) continue;
    }
    // a line is the charge's when its id is the charge's id, alone or followed by '.' or '@'
    // (an id holding either character never matches: the part before it is shorter)
    // in place: growing two vectors was six allocations per annual minimum
    boost::container::small_vector<std::string_view, 8> base_ids;
    boost::container::small_vector<std::uint32_t, 8> base_charges;
    for (auto b : ch.base)
      if (t.charges[b].id.find_first_of(".@") == std::string::npos) {
        base_ids.push_back(t.charges[b].id);
        base_charges.push_back(b);
      }
    auto of_base = [&](std::string_view line_id) {
      for (auto id : base_ids)
        if (line_id.size() >= id.size() && line_id.compare(0, id.size(), id) == 0 &&
            (line_id.size() == id.size() || line_id[id.size()] == '.' || line_id[id.size()] == '@'))
          return true;
      return false;
    };
    // a year is 12 monthly bills, 4 quarterly ones, 1 annual one
    const std::size_t per_year = static_cast<std::size_t>(12 / std::max(1, t.cycle_months));
    for (std::size_t start = 0; start < bills.size(); start += per_year) {
      std::size_t end = std::min(bills.size(), start + per_year);
      if (end - start < per_year) {
        // an annual minimum compares a year of bills: a shorter run cannot be judged
        bills[end - 1].notes.push_back({Severity::warning, "B0014",
                                        "the annual minimum `" + ch.id + "` is not applied: it needs " + count_of(static_cast<long long>(per_year), "bill") + ", the run has " +
                                            std::to_string(end - start),
                                        {}, ""});
        continue;
      }
      Decimal base;   // exact, so the same sum either way
      if (!charge_sums.empty()) {
        bool first = true;   // from the first amount, as bill_minimum
        for (std::size_t i = start; i < end; ++i)
          for (auto b : base_charges) {
            if (first) base = charge_sums[i * t.charges.size() + b];
            else base += charge_sums[i * t.charges.size() + b];
            first = false;
          }
      } else {
        for (std::size_t i = start; i < end; ++i)
          for (auto& li : bills[i].line_items)
            if (of_base(li.id)) base += li.amount;
      }
      const Segment& year_first_segment = *first_segment[start];
      Decimal floor_amount = minimum_amount(run, year_first_segment, ch);
      if (base >= floor_amount) continue;
      std::vector<LineItem> out;
      const std::vector<Decimal> no_amounts;
      ChargeLines lines{run, year_first_segment, ch, line_rounding(t, ch), no_amounts, out};
      auto& li = lines.add(Context{});
      li.quantity = Decimal(1);
      li.unit = "year";
      li.rate = floor_amount - base;
      li.rate_unit = currency_symbol(t.info.currency);
      run.trace.annual_minimum(li.trace, start + 1, end, base, floor_amount);
      lines.finish(li, floor_amount - base);
      auto& last = bills[end - 1];
      last.total += li.amount;
      last.line_items.push_back(std::move(li));
    }
  }
}

}  // namespace rateline::eval
