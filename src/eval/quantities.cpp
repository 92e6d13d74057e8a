// eval/quantities.cpp — the quantity a priced charge applies to, per measure (eval/quantities.hpp).
#include "eval/quantities.hpp"

#include "eval/billed_quantity.hpp"
#include "eval/meter_count.hpp"
#include "eval/metering_adjustment.hpp"

namespace rateline::eval {

namespace {

using graph::Measure;

Decimal energy(ChargeLines& lines, const Context& ctx, Steps& steps) {
  auto& run = lines.run;
  const auto& c = lines.segment;
  const auto& ch = lines.charge;
  auto measured = run.source->energy(c, ctx);
  run.trace.energy(steps, measured, run.t.usage_unit, *run.source, c, ctx);
  auto q = metered(run, Metered::energy, measured.value, steps);
  if (transforms_usage(run.t, ch)) {
    UsageToBill usage{q, std::nullopt, bill_month(c.period)};
    if (c.split || ctx.part) usage.share = Share{ctx.part ? c.season_days[ctx.season_index()] : c.days, c.period_days};
    q = billed_quantity(run.t, ch, run.account, usage, run.trace, steps, run.findings.diagnostics).value_or(Decimal(0));
  }
  return q;
}

/// Demand, billing demand or kVA demand: a monthly quantity, so a part of the period pays its share by days.
Decimal demand(ChargeLines& lines, const Context& ctx, Steps& steps) {
  auto& run = lines.run;
  const auto& c = lines.segment;
  const auto measure = lines.charge.determinant.measure;
  const char* unit = measure == Measure::kva_demand ? " kVA" : " kW";
  Decimal q;
  if (measure == Measure::billing_demand) {
    q = run.billing_demand.kw(run, c, ctx, steps);
  } else if (measure == Measure::kva_demand) {
    q = run.source->kva_demand(c, ctx, steps);
  } else {
    q = run.source->demand(c, ctx);
    run.trace.max_demand(steps, q, *run.source, c, ctx);
    q = run.source->adjusted_demand(c, q, steps);
    q = metered(run, Metered::demand, q, steps);
  }
  if (c.split) {
    q = c.share().scale(q);
    run.trace.segment_share(steps, c, q, unit);
  }
  if (ctx.part) {
    q = ctx.share.scale(q);
    run.trace.season_share(steps, ctx, q, unit);
  }
  return q;
}

/// Per month / bill / meter: one, prorated as the tariff states.
PricedQuantity fixed(ChargeLines& lines, const Context& ctx, Steps& steps) {
  auto& run = lines.run;
  const auto& t = run.t;
  const auto& c = lines.segment;
  const auto& ch = lines.charge;
  PricedQuantity out{ch.per_cycle, {}, 1};   // $/quarter on a quarterly bill: 1; $/month: 3
  if (ch.unit == Unit::meter) {
    out.meters = meter_count(run.account, run.findings.diagnostics).value_or(0);
    out.value = Decimal(out.meters);
    run.trace.meters(steps, out.meters, run.account.attributes.count("meters") > 0);
  }
  const bool prorated = ch.unit == Unit::month && t.proration != graph::Proration::none;
  const int month_days = prorated ? proration_month_days(t, c.period) : 30;
  if (prorated) {
    out.value = Share{c.period_days, month_days}.decimal();
    run.trace.prorated(steps, c.period_days, month_days, out.value);
  }
  if (c.split) out.value = c.share().scale(out.value);
  if (ctx.part) {
    out.value = ctx.share.scale(out.value);
    run.trace.season_part(steps, ctx);
  }
  int days_here = ctx.part ? c.season_days[ctx.season_index()] : c.split ? c.days : c.period_days;
  if (prorated)
    out.fixed = {days_here, month_days};
  else if (c.split || ctx.part)
    out.fixed = {days_here, c.period_days};
  return out;
}

}  // namespace

PricedQuantity quantity(ChargeLines& lines, const Context& ctx, Steps& steps) {
  auto& run = lines.run;
  const auto& c = lines.segment;
  switch (lines.charge.determinant.measure) {
    case Measure::energy: return {energy(lines, ctx, steps), {}, 1};
    case Measure::demand:
    case Measure::billing_demand:
    case Measure::kva_demand: return {demand(lines, ctx, steps), {}, 1};
    case Measure::days: {
      int d = ctx.season >= 0 ? c.season_days[ctx.season_index()] : c.days;
      run.trace.days(steps, d, ctx);
      return {Decimal(d), {}, 1};
    }
    case Measure::received:
    case Measure::reactive: {
      auto q = run.source->channel(c, ctx, lines.charge.determinant.measure);
      run.trace.channel(steps, q, ctx);
      return {std::move(q.value), {}, 1};
    }
    case Measure::none: return fixed(lines, ctx, steps);
  }
  return {Decimal(0), {}, 1};
}

}  // namespace rateline::eval
