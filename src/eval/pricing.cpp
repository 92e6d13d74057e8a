// eval/pricing.cpp — the pricing tree walked for a context (eval/pricing.hpp).
#include "eval/pricing.hpp"

#include "eval/quantities.hpp"
#include "eval/tiers.hpp"

#include <algorithm>

namespace rateline::eval {

using namespace std::chrono;
using graph::kNone;
using graph::Measure;
using graph::Pricing;

namespace {

/// The case of a `by billing_month` table for the bill's month (its last day's), or
/// `otherwise`; a month the table does not price is an error (B0055), never $0.
std::uint32_t billing_month_case(BillRun& run, const Segment& c, const graph::Charge& ch, const Pricing& p) {
  auto month = format_month(bill_month(c.period));
  for (auto& [key, target] : p.attribute_cases)
    if (key == month) return target;
  if (p.otherwise != kNone) return p.otherwise;
  std::string message = "charge `" + ch.id + "` has no price for the billing month " + month;
  auto& diagnostics = run.findings.diagnostics;
  if (std::none_of(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) { return d.message == message; }))
    run.findings.error("B0055", message, "add `" + month + ": ...` to its `by billing_month` table, or `otherwise: ...`");
  return kNone;
}

void flat(ChargeLines& lines, const Pricing& p, const Context& ctx) {
  auto& li = lines.add(ctx);
  auto q = quantity(lines, ctx, li.trace);
  li.quantity = std::move(q.value);
  set_text(li.unit, lines.unit());
  li.rate = p.price;
  auto amount = li.quantity * p.price;
  if (lines.charge.determinant.measure == Measure::none && q.fixed.whole != 1) {
    // the price of one bill of the cycle ($/month on a quarterly bill: 3 months', exact), then its share by days
    const Decimal cycle_price = p.price * lines.charge.per_cycle;
    amount = (cycle_price * Decimal(q.fixed.part) * Decimal(q.meters))
                 .divided_by(Decimal(q.fixed.whole), cycle_price.scale() + kShareScale, RoundingMode::half_even)
                 .normalized();
  }
  lines.run.trace.priced(li.trace, li.quantity, li.unit, p.price, lines.charge.rate_unit, amount);
  lines.finish(li, amount);
}

void by_attribute(ChargeLines& lines, const Pricing& p, const Context& ctx) {
  auto& run = lines.run;
  const auto& ch = lines.charge;
  auto it = run.account.attributes.find(p.attribute);
  std::uint32_t pick = p.otherwise;
  if (it != run.account.attributes.end())
    for (auto& [value, target] : p.attribute_cases)
      if (value == it->second) pick = target;
  if (pick == kNone && it == run.account.attributes.end()) {
    run.findings.error("B0010", "charge `" + ch.id + "` depends on the account attribute `" + p.attribute + "`, which the account does not give",
                       "pass it, e.g. --attribute " + p.attribute + "=VALUE");
    return;
  }
  if (pick == kNone) {
    run.findings.error("B0011", "charge `" + ch.id + "` has no price for " + p.attribute + " = " + it->second);
    return;
  }
  price(lines, pick, ctx);
}

void by_period(ChargeLines& lines, const Pricing& p, const Context& ctx) {
  const auto& t = lines.run.t;
  const auto& names = t.groups[p.group].period_names;
  // one copy of the context for every period, each setting what its period changes
  Context sub = ctx;
  sub.group = p.group;
  sub.label.emplace_back();   // the period's piece, set for each below
  sub.id.emplace_back();
  for (std::size_t k = 0; k < p.cases.size(); ++k) {
    if (p.cases[k] == kNone || !((ctx.periods >> k) & 1u)) continue;
    sub.periods = ctx.periods & (1ull << k);
    // a period without hours in this bill (or season part) has no line, unless the tariff
    // splits seasons by days: then every part shares every period's usage
    if (!(t.season_split_days && ctx.part) && lines.run.source->interval_count(lines.segment, sub) == 0) continue;
    sub.period_name = names[k];
    sub.label.back() = lines.run.plan.period_label_parts[p.group][k];   // ", " and the period's label
    sub.id.back() = lines.run.plan.period_id_parts[p.group][k];         // "." and its name
    price(lines, p.cases[k], sub);
  }
}

}  // namespace

void price(ChargeLines& lines, std::uint32_t id, const Context& ctx) {
  if (id == kNone) return;
  const auto& p = lines.run.t.pricing[id];
  const auto& c = lines.segment;
  switch (p.kind) {
    case Pricing::Kind::flat: flat(lines, p, ctx); break;
    case Pricing::Kind::by_season:
      if (ctx.season >= 0) price(lines, p.cases[ctx.season_index()], ctx);
      break;
    case Pricing::Kind::by_month: price(lines, p.cases[c.month - 1], ctx); break;
    case Pricing::Kind::by_billing_month: {
      auto pick = billing_month_case(lines.run, c, lines.charge, p);
      Context sub = ctx;
      lines.run.trace.billing_month_case(sub, bill_month(c.period));
      if (pick != kNone) price(lines, pick, sub);
      break;
    }
    case Pricing::Kind::by_attribute: by_attribute(lines, p, ctx); break;
    case Pricing::Kind::by_period: by_period(lines, p, ctx); break;
    case Pricing::Kind::tiers: price_tiers(lines, id, ctx); break;
  }
}

std::optional<Decimal> flat_price(BillRun& run, const Segment& c, const graph::Charge& ch) {
  auto id = flat_pricing(run, c, ch);
  if (!id) return std::nullopt;
  return run.t.pricing[*id].price;
}

std::optional<std::uint32_t> flat_pricing(BillRun& run, const Segment& c, const graph::Charge& ch) {
  const auto& t = run.t;
  std::uint32_t id = ch.pricing;
  while (id != kNone && t.pricing[id].kind != Pricing::Kind::flat) {
    const auto& n = t.pricing[id];
    switch (n.kind) {
      case Pricing::Kind::by_month: id = n.cases[c.month - 1]; break;
      case Pricing::Kind::by_billing_month:
        id = billing_month_case(run, c, ch, n);
        if (id == kNone) return std::nullopt;
        break;
      case Pricing::Kind::by_season: id = n.cases[season_of(t, year_month_day{sys_days{c.period.to} - days{1}})]; break;
      case Pricing::Kind::by_attribute: {
        auto it = run.account.attributes.find(n.attribute);
        if (it == run.account.attributes.end() && n.otherwise == kNone) {
          run.findings.error("B0010", "charge `" + ch.id + "` depends on the account attribute `" + n.attribute +
                                          "`, which the account does not give",
                             "pass it, e.g. --attribute " + n.attribute + "=VALUE");
          return std::nullopt;
        }
        std::uint32_t pick = n.otherwise;
        if (it != run.account.attributes.end())
          for (auto& [value, target] : n.attribute_cases)
            if (value == it->second) pick = target;
        id = pick;
        break;
      }
      default: id = kNone; break;   // tiers or periods: the checker allows neither here
    }
  }
  if (id == kNone) return std::nullopt;
  return id;
}

bool has_by_season(const graph::Tariff& t, std::uint32_t id) {
  if (id == kNone) return false;
  const auto& p = t.pricing[id];
  if (p.kind == Pricing::Kind::by_season) return true;
  for (auto c : p.cases)
    if (has_by_season(t, c)) return true;
  for (auto& [_, c] : p.attribute_cases)
    if (has_by_season(t, c)) return true;
  return has_by_season(t, p.otherwise);
}

}  // namespace rateline::eval
