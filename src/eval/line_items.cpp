// eval/line_items.cpp — line items started, finished and rounded for a charge (eval/bill_run.hpp: ChargeLines).
#include "eval/bill_run.hpp"

namespace rateline::eval {

using graph::Measure;

std::optional<graph::QuantityRounding> line_rounding(const graph::Tariff& t, const graph::Charge& ch) {
  if (ch.rounding) return ch.rounding;
  if (t.rounding.line_items) return graph::QuantityRounding{t.rounding.step, t.rounding.mode};
  return std::nullopt;
}

void start_line(LineItem& li, Trace& trace, const graph::Charge& ch, const Context& ctx, std::string_view tier_label_part,
                std::string_view tier_id) {
  // joined in place from pieces (a Text keeps a label inside the line item): no heap
  // allocation for a label of ordinary length, and a year of bills makes hundreds of them
  li.id.assign_joined(ch.id, ctx.id, tier_id);
  li.label.assign_joined(ch.label, ctx.label, tier_label_part);
  li.kind = ch.kind;
  // most lines have no season or period: nothing to copy
  if (!ctx.season_name.empty()) set_text(li.season, ctx.season_name);
  if (!ctx.period_name.empty()) set_text(li.period, ctx.period_name);
  set_text(li.rate_unit, ch.rate_unit);
  trace.charge(li.trace, ch, ctx);
}

LineItem& ChargeLines::add(const Context& ctx, std::string_view tier_label_part, std::string_view tier_id) {
  auto& li = out.emplace_back();
  start_line(li, run.trace, charge, ctx, tier_label_part, tier_id);
  return li;
}

void ChargeLines::finish(LineItem& li, const Decimal& unrounded) const {
  li.unrounded = unrounded;
  li.amount = rounding ? unrounded.rounded(rounding->scale(), rounding->mode) : unrounded;
  run.trace.amount(li.trace, unrounded, li.amount, rounding);
}

std::string_view ChargeLines::unit() const {
  switch (charge.determinant.measure) {
    case Measure::energy: return to_string(charge.billed.converts() ? charge.billed.priced : run.t.usage_unit);
    case Measure::demand:
    case Measure::billing_demand: return "kW";
    case Measure::kva_demand: return "kVA";
    case Measure::days: return "day";
    case Measure::received: return "kWh";
    case Measure::reactive: return "kVARh";
    case Measure::none: return to_string(charge.unit);
  }
  return "";
}

}  // namespace rateline::eval
