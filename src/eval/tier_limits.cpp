// eval/tier_limits.cpp — a tier table's limits for one bill (eval/tier_limits.hpp).
#include "eval/tier_limits.hpp"

#include <algorithm>

namespace rateline::eval {

using graph::BoundUnit;
using graph::kNone;

namespace {

/// Tier limits for this bill, in the determinant's unit.
TierLimits bounds(ChargeLines& lines, const graph::TierTable& tt, const Context& ctx, Steps& steps) {
  auto& run = lines.run;
  const auto& t = run.t;
  const auto& c = lines.segment;
  TierLimits out;
  out.reserve(tt.upper.size());
  int days_here = ctx.season >= 0 && ctx.part ? c.season_days[ctx.season_index()] : c.days;
  std::optional<Decimal> demand_kw;
  for (auto& b : tt.upper) {
    if (!b) { out.push_back(std::nullopt); continue; }
    Decimal v = b->amount;
    switch (b->unit) {
      case BoundUnit::per_bill:
        // per-bill limits follow the bill's length as the tariff states, then the
        // share of it that this version segment and season part cover
        if (t.proration != graph::Proration::none) v = Share{c.period_days, proration_month_days(t, c.period)}.split(v);
        if (c.split) v = c.share().scale(v);
        if (ctx.part) v = ctx.share.scale(v);
        break;
      case BoundUnit::per_day: v = v * Decimal(days_here); break;
      case BoundUnit::per_kw:
      case BoundUnit::per_kw_per_day:
        if (!demand_kw) {
          if (t.billing_demand.empty()) {
            demand_kw = run.source->bill_demand(c);
          } else {
            // the rule's `demand` term is the whole bill's maximum, across revision segments
            Context whole;
            demand_kw = run.billing_demand.kw(run, c, whole, steps, run.source->bill_demand(c));
          }
          run.trace.limits_demand(steps, *demand_kw);
        }
        v = v * *demand_kw;
        if (b->unit == BoundUnit::per_kw_per_day) v = v * Decimal(days_here);
        break;
    }
    if (t.limit_rounding) {
      // "the threshold is rounded to the nearest kWh": the limit of this bill, as the sheet rounds it
      auto rounded = v.rounded(t.limit_rounding->scale(), t.limit_rounding->mode);
      if (rounded != v) run.trace.limit_rounded(steps, v, *t.limit_rounding, rounded);
      v = std::move(rounded);
    }
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace

ResolvedTiers resolve_tiers(ChargeLines& lines, const graph::TierTable& tt, const Context& ctx, Steps& steps) {
  ResolvedTiers r;
  auto upper = bounds(lines, tt, ctx, steps);
  if (std::none_of(tt.nested.begin(), tt.nested.end(), [](std::uint32_t n) { return n != kNone; })) {
    r.upper = std::move(upper);
    r.label_of = &tt.labels;
    r.price_of = &tt.prices;
    return r;
  }
  r.prices.resize(tt.prices.size());
  std::optional<Decimal> block_lower = Decimal(0);
  for (std::size_t k = 0; k < upper.size(); ++k) {
    bool has_nested = k < tt.nested.size() && tt.nested[k] != kNone;
    if (!has_nested) {
      r.upper.push_back(upper[k]);
      r.labels.push_back(tt.labels[k]);
      r.ids.push_back(".t" + std::to_string(k + 1));
      for (std::size_t col = 0; col < tt.prices.size(); ++col) r.prices[col].push_back(tt.prices[col][k]);
    } else {
      const auto& inner = lines.run.t.pricing[tt.nested[k]].tiers;
      auto steps_of_block = bounds(lines, inner, ctx, steps);
      for (std::size_t j = 0; j < steps_of_block.size(); ++j) {
        // the step's limit, clipped to the block; steps wholly below the block are empty
        std::optional<Decimal> u = steps_of_block[j];
        if (upper[k] && (!u || *u > *upper[k])) u = upper[k];
        if (u && block_lower && *u < *block_lower) u = block_lower;
        r.upper.push_back(u);
        r.labels.push_back(tt.labels[k] + ", " + inner.labels[j]);
        r.ids.push_back(".t" + std::to_string(k + 1) + "." + std::to_string(j + 1));
        for (std::size_t col = 0; col < tt.prices.size(); ++col)
          r.prices[col].push_back(col < inner.prices.size() ? inner.prices[col][j] : Decimal(0));
        if (upper[k] && u && *u >= *upper[k]) break;  // later steps of this block are beyond its cap
      }
    }
    if (upper[k]) block_lower = block_lower ? max(*block_lower, *upper[k]) : upper[k];
    else break;
  }
  return r;
}

}  // namespace rateline::eval
