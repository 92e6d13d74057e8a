// eval/line_items.cpp — line items started, finished and rounded for a charge (eval/bill_run.hpp: ChargeLines).
#include "eval/bill_run.hpp"

namespace rateline::eval {

using graph::Measure;

std::optional<graph::QuantityRounding> line_rounding(const graph::Tariff& t, const graph::Charge& ch) {
  if (ch.rounding) return ch.rounding;
  if (t.rounding.line_items) return graph::QuantityRounding{t.rounding.step, t.rounding.mode};
  return std::nullopt;
}

namespace {

std::size_t size_of(const TextPieces& pieces) {
  std::size_t n = 0;
  for (auto piece : pieces) n += piece.size();
  return n;
}

}  // namespace

void start_line(LineItem& li, Trace& trace, const graph::Charge& ch, const Context& ctx, std::string_view tier_label,
                std::string_view tier_id) {
  // one allocation per string (none when it fits the string's own buffer): a year of bills makes hundreds of these
  li.id.reserve(ch.id.size() + size_of(ctx.id) + tier_id.size());
  li.id.append(ch.id);
  for (auto piece : ctx.id) li.id.append(piece);
  li.id.append(tier_id);
  li.label.reserve(ch.label.size() + size_of(ctx.label) + tier_label.size() + 2);
  li.label.append(ch.label);
  for (auto piece : ctx.label) li.label.append(piece);
  if (!tier_label.empty()) li.label.append(", ").append(tier_label);
  li.kind = ch.kind;
  li.season = ctx.season_name;
  li.period = ctx.period_name;
  li.rate_unit = ch.rate_unit;
  trace.charge(li.trace, ch, ctx);
}

LineItem& ChargeLines::add(const Context& ctx, std::string_view tier_label, std::string_view tier_id) {
  auto& li = out.emplace_back();
  start_line(li, run.trace, charge, ctx, tier_label, tier_id);
  return li;
}

void ChargeLines::finish(LineItem& li, const Decimal& unrounded) const {
  li.unrounded = unrounded;
  li.amount = rounding ? unrounded.rounded(rounding->scale(), rounding->mode) : unrounded;
  run.trace.amount(li.trace, unrounded, li.amount, rounding);
}

std::string ChargeLines::unit() const {
  switch (charge.determinant.measure) {
    case Measure::energy: return std::string(to_string(charge.billed.converts() ? charge.billed.priced : run.t.usage_unit));
    case Measure::demand:
    case Measure::billing_demand: return "kW";
    case Measure::kva_demand: return "kVA";
    case Measure::days: return "day";
    case Measure::received: return "kWh";
    case Measure::reactive: return "kVARh";
    case Measure::none: return std::string(to_string(charge.unit));
  }
  return "";
}

}  // namespace rateline::eval
