// eval/tiers.cpp — a tier table priced for one context (eval/tiers.hpp).
#include "eval/tiers.hpp"

#include "eval/bill_plan.hpp"
#include "eval/quantities.hpp"
#include "eval/tier_limits.hpp"

namespace rateline::eval {

using graph::Allocation;
using graph::Measure;

TierAmounts split_into_tiers(const Decimal& q, const TierLimits& upper) {
  TierAmounts portions;
  portions.reserve(upper.size());
  // the lower bound of the tier; while it is zero (the first tier, and any below a zero
  // limit) comparisons with it are signs and subtracting it is nothing: a bill's tiers
  // made a dozen cross-scale comparisons and subtractions of zero
  Decimal lower;
  bool lower_is_zero = true;
  for (auto& u : upper) {
    auto& portion = portions.emplace_back();
    if (lower_is_zero ? q.sign() > 0 : q > lower) {
      portion = u && *u < q ? *u : q;
      if (!lower_is_zero) portion -= lower;
      if (portion.is_negative()) portion = Decimal(0);
    }
    if (!u) {
      lower = q;  // nothing above an unlimited tier
      lower_is_zero = false;
    } else if (lower_is_zero ? u->sign() > 0 : *u > lower) {
      lower = *u;
      lower_is_zero = false;
    }
  }
  return portions;
}

namespace {

struct View {
  const std::vector<std::string>& labels;
  const std::vector<std::string>& label_parts;   ///< per tier: what it adds to a line's label, ", over 100 kWh" ("" for one tier)
  const std::vector<std::string>& ids;
  const std::vector<std::vector<Decimal>>& prices;
  const std::vector<std::uint32_t>& column_period;
  Allocation allocation;
  std::size_t size() const { return labels.size(); }
  // what tier k adds to a line item's label and id: nothing when there is one tier
  std::string_view label(std::size_t k) const { return k < label_parts.size() ? std::string_view(label_parts[k]) : std::string_view(); }
  std::string_view id(std::size_t k) const { return size() > 1 ? std::string_view(ids[k]) : std::string_view(); }
};

/// One price column: tiers on the determinant itself.
void single_column(ChargeLines& lines, const View& tt, const TierLimits& upper, const Steps& bound_steps,
                   const Context& ctx) {
  auto& trace = lines.run.trace;
  Steps steps;
  auto q = quantity(lines, ctx, steps).value;
  auto portions = split_into_tiers(q, upper);
  bool any = false;
  for (std::size_t k = 0; k < portions.size(); ++k) {
    if (portions[k].is_zero() && (any || k + 1 < portions.size() || !q.is_zero())) continue;
    any = true;
    auto& li = lines.add(ctx, tt.label(k), tt.id(k));
    append_steps(li.trace, steps);
    append_steps(li.trace, bound_steps);
    li.quantity = std::move(portions[k]);
    set_text(li.unit, lines.unit());
    li.rate = tt.prices[0][k];
    auto amount = li.quantity * li.rate;
    trace.tier(li.trace, tt.labels[k], upper[k], li.quantity, li.unit, li.rate, lines.charge.rate_unit, amount);
    lines.finish(li, amount);
  }
}

/// TOU period columns: tiers on the total of the columns' periods, shared out proportionally or in time order.
void period_columns(ChargeLines& lines, const graph::Pricing& p, const View& tt, const TierLimits& upper,
                    const Steps& bound_steps, const Context& ctx) {
  auto& run = lines.run;
  const auto& c = lines.segment;
  Context all = ctx;
  all.group = p.group;
  std::uint64_t mask = 0;
  for (auto col : tt.column_period) mask |= 1ull << col;
  all.periods = ctx.periods & mask;
  Steps steps;
  // the charge's own quantity in the periods: delivered (or netted) energy, or the
  // received / reactive channel for a charge on one of those
  const auto measure = lines.charge.determinant.measure;
  auto quantity_in = [&](const Context& periods) {
    return (measure == Measure::received || measure == Measure::reactive ? run.source->channel(c, periods, measure)
                                                                         : run.source->energy(c, periods))
        .value;
  };
  Decimal total = quantity_in(all);
  run.trace.tiered_total(steps, measure, total, lines.unit(), ctx);
  auto portions = split_into_tiers(total, upper);
  const auto& names = run.t.groups[p.group].period_names;
  TierShares share(tt.column_period.size(), TierAmounts(portions.size()));
  if (tt.allocation == Allocation::proportional) {
    // each column's quantity: `all` narrowed to its period for the call (a copy per column
    // was a copy of every label piece)
    const std::uint64_t periods = all.periods;
    for (std::size_t col = 0; col < tt.column_period.size(); ++col) {
      all.periods = periods & (1ull << tt.column_period[col]);
      Decimal e = quantity_in(all);
      all.periods = periods;
      for (std::size_t k = 0; k < portions.size(); ++k)
        share[col][k] = total.is_zero() ? Decimal(0) : (e * portions[k]).divided_by(total, kShareScale, RoundingMode::half_even);
    }
  } else {
    run.source->chronological(c, all, p.tiers.column_period, upper, share);
  }
  // the columns' lines' context: one copy, with the period's pieces set for each column
  Context sub = ctx;
  sub.label.emplace_back();
  sub.id.emplace_back();
  for (std::size_t col = 0; col < tt.column_period.size(); ++col) {
    auto period = tt.column_period[col];
    if (!((all.periods >> period) & 1u)) continue;
    sub.period_name = names[period];
    sub.label.back() = run.plan.period_label_parts[p.group][period];
    sub.id.back() = run.plan.period_id_parts[p.group][period];
    for (std::size_t k = 0; k < portions.size(); ++k) {
      if (share[col][k].is_zero()) continue;
      auto& li = lines.add(sub, tt.label(k), tt.id(k));
      append_steps(li.trace, steps);
      append_steps(li.trace, bound_steps);
      li.quantity = std::move(share[col][k]);
      set_text(li.unit, lines.unit());
      li.rate = tt.prices[col][k];
      // the amount is computed from the exact share where possible
      Decimal amount = li.quantity * li.rate;
      run.trace.tier_share(li.trace, tt.allocation, tt.labels[k], li.quantity, li.rate, lines.charge.rate_unit, amount);
      lines.finish(li, amount);
    }
  }
}

}  // namespace

void price_tiers(ChargeLines& lines, std::uint32_t id, const Context& ctx) {
  const auto& p = lines.run.t.pricing[id];
  Steps bound_steps;
  auto price_with = [&](const View& tt, const TierLimits& upper) {
    if (tt.allocation == Allocation::single)
      single_column(lines, tt, upper, bound_steps, ctx);
    else
      period_columns(lines, p, tt, upper, bound_steps, ctx);
  };
  // a whole bill of a table with plain per-bill limits: the plan's, as they are
  if (const auto* fixed = lines.run.plan.limits_of(id); fixed && !lines.segment.split && !ctx.part) {
    price_with(View{p.tiers.labels, lines.run.plan.tier_label_parts[id], lines.run.tier_ids(), p.tiers.prices, p.tiers.column_period,
                    p.tiers.allocation},
               *fixed);
    return;
  }
  const auto resolved = resolve_tiers(lines, p.tiers, ctx, bound_steps);
  // a table with nested blocks has its steps' labels made for this bill
  std::vector<std::string> own_parts;
  if (!resolved.label_of)
    for (const auto& label : resolved.labels) own_parts.push_back(resolved.labels.size() > 1 ? ", " + label : std::string());
  price_with(View{resolved.tier_labels(), resolved.label_of ? lines.run.plan.tier_label_parts[id] : own_parts,
                  resolved.ids.empty() ? lines.run.tier_ids() : resolved.ids, resolved.tier_prices(), p.tiers.column_period,
                  p.tiers.allocation},
             resolved.upper);
}

}  // namespace rateline::eval
