// Charges: names unique, `on` a known measure (graph/measures.hpp) and TOU periods of one
// group, limits and late-fee terms where they belong, then the pricing tree (price_rules.cpp,
// tier_rules.cpp). Charges on usage get their billed quantity planned (unit conversion, cap).
#include "check/charge_rules.hpp"

#include "check/cascades.hpp"
#include "check/derived_quantity_rules.hpp"
#include "check/late_fee_rules.hpp"
#include "check/rounding_rules.hpp"
#include "check/rules.hpp"
#include "check/words.hpp"
#include "graph/measures.hpp"

namespace rateline::check {

void check_charges(CheckContext& cx) {
  const auto& body = cx.tariff.body;
  for (std::uint32_t i = 0; i < body.charges.size(); ++i) {
    auto& c = body.charges[i];
    if (cx.out.charge_index.count(c.id.text) || cx.out.period_index.count(c.id.text) || cx.out.season_index.count(c.id.text)) {
      cx.error("E0501", "`" + c.id.text + "` is already defined", c.id.span, "charge names must be unique in the tariff");
      continue;
    }
    cx.out.charge_index[c.id.text] = i;
  }
  for (auto& c : body.charges) check_charge(cx, c);
}

namespace {

// The first unit of a quantity (not month, day, bill, meter) the pricing tree prices or
// limits by, searched through tiers and `by` tables.
const syntax::Name* quantity_unit(const syntax::Pricing& pricing) {
  auto is_quantity = [](const syntax::Name& n) {
    return n.text != "month" && n.text != "day" && n.text != "bill" && n.text != "meter" && n.text != "year" && n.text != "quarter";
  };
  if (auto* price = std::get_if<syntax::Price>(&pricing.node)) {
    if (!price->percent && !price->per.empty() && is_quantity(price->per.front())) return &price->per.front();
  } else if (auto* tiers = std::get_if<syntax::Tiers>(&pricing.node)) {
    for (auto& row : tiers->rows) {
      if (row.quantity && !row.quantity->unit.empty()) return &row.quantity->unit.front();
      for (auto& column : row.prices)
        if (!column.second.percent && !column.second.per.empty() && is_quantity(column.second.per.front())) return &column.second.per.front();
    }
  } else if (auto* by = std::get_if<syntax::ByTable>(&pricing.node)) {
    for (auto& c : by->cases)
      if (auto* u = quantity_unit(*c.pricing)) return u;
  }
  return nullptr;
}

}  // namespace

/// A charge with no `on` whose prices or tier limits are in a quantity's unit: one error
/// at the charge, with the `on` to add, instead of one per price and tier limit (the
/// limits and prices cannot be checked against a quantity the charge does not name).
bool missing_on(CheckContext& cx, const syntax::ChargeDecl& c) {
  const auto* unit_name = quantity_unit(c.pricing);
  if (!unit_name) return false;
  auto unit = parse_unit(unit_name->text);
  if (!unit) return false;   // an unknown unit is reported as such by the price checks
  static constexpr const char* kKindWords[] = {"charge", "rider", "tax", "credit", "minimum", "late_fee", "adjustment"};
  auto dimension = dimension_of(*unit);
  std::string on = dimension == Dimension::energy ? "energy" : dimension == Dimension::power ? "demand" : "usage";
  cx.error("E0306", "`" + c.id.text + "` is priced per " + unit_name->text + " but does not say what it is on", c.id.span,
           "add `on " + on + "`: `" + std::string(kKindWords[static_cast<std::size_t>(c.kind)]) + " " + c.id.text + (c.label ? " \"" + *c.label + "\"" : "") +
               " on " + on + ": ...`");
  return true;
}

void check_charge(CheckContext& cx, const syntax::ChargeDecl& c) {
  ChargeContext ctx;
  ctx.charge = &c;
  if (c.rounded)
    if (auto rounding = step_and_mode(cx, *c.rounded, "rounded")) cx.out.charge_rounding[&c] = *rounding;
  if (c.on) {
    const auto& d = *c.on;
    const auto& n = d.name.text;
    const auto* measure = graph::measure_named(n);
    if (!measure) {
      auto names = graph::measure_names();
      auto hint = suggest(n, names);
      cx.error("E0303", "unknown quantity `" + n + "`", d.name.span, hint.empty() ? "a charge is on one of: " + join(names) : hint);
      return;
    }
    // the unit of usage is unknown (E0103 on `service` or `meter_unit`): its prices and limits cannot be checked
    if (measure->in_usage_unit && cx.is_broken("usage unit")) return;
    if (measure->in_usage_unit) {
      ctx.dimension = graph::usage_dimension(cx.out.info.service);
      ctx.unit = cx.out.usage_unit;
      plan_billed_quantity(cx, c, ctx);
    } else {
      ctx.dimension = measure->dimension;
      ctx.unit = measure->unit;
    }
    if (measure->measure == graph::Measure::billing_demand && !cx.out.has_billing_demand)
      cx.error("E0303", "`billing_demand` is not defined in this tariff", d.name.span,
               "define it: `billing_demand: greatest of { demand  80 % of ratchet 11 months }`");
    for (auto& p : d.periods) {
      auto it = cx.out.period_index.find(p.text);
      if (it == cx.out.period_index.end()) {
        cx.error("E0304", "`" + p.text + "` is not a TOU period", p.span, period_hint(cx, p.text));
        continue;
      }
      cx.period_used[p.text] = true;
      if (ctx.group && *ctx.group != it->second.group)
        cx.error("E0305", "periods from different `time_of_use` groups in one charge", p.span);
      ctx.group = it->second.group;
    }
    if (d.cap && measure->measure != graph::Measure::energy)
      cx.error("E0334", "only usage can be capped at an account attribute", d.cap->span,
               "write `on usage capped at " + d.cap->text + "`");
  } else {
    ctx.fixed = true;
  }
  if (!c.of.empty()) ctx.percentage = true;
  for (auto* limit : {&c.at_most, &c.at_least}) {
    if (!*limit) continue;
    if (c.of.empty() || c.kind == syntax::ChargeKind::minimum)
      cx.error("E0406", "`at most` / `at least` limit a percentage of other charges", (*limit)->span,
               "write it after `of ...`: `3 % of energy, at most 1.75 $`");
    else if ((*limit)->percent || !(*limit)->per.empty() || (*limit)->amount.is_negative())
      cx.error("E0406", "a limit is an amount of money, e.g. `1.75 $`", (*limit)->span);
  }
  if (c.at_most && c.at_least && c.at_least->dollars() > c.at_most->dollars())
    cx.error("E0406", "`at least` is above `at most`", c.at_least->span);
  for (auto& d : check_late_fee_terms(c)) cx.diags.push_back(std::move(d));
  if (c.kind == syntax::ChargeKind::late_fee) return;   // its rate is checked with its terms
  if (c.kind == syntax::ChargeKind::minimum && c.of.empty())
    cx.error("E0405", "a minimum needs the charges it applies to", c.id.span,
             "e.g. `minimum min_bill \"Minimum Bill\": 10.00 $/month of charges`");
  if (ctx.fixed && !ctx.percentage && c.kind != syntax::ChargeKind::minimum && missing_on(cx, c)) return;
  const auto first = cx.diags.size();
  check_pricing(cx, c.pricing, ctx);
  fold_repeats(cx.diags, first);   // one wrong unit on every tier row is one mistake
}

std::string period_hint(const CheckContext& cx, const std::string& name) {
  std::vector<std::string> names;
  for (auto& [n, _] : cx.out.period_index) names.push_back(n);
  auto hint = suggest(name, names);
  if (!hint.empty()) return hint;
  return names.empty() ? "this tariff defines no TOU periods: add `period NAME: ...`" : "known periods: " + join(names);
}

// A charge on usage priced in another unit of the service (kgal on gallons, therms on CCF).
void plan_billed_quantity(CheckContext& cx, const syntax::ChargeDecl& c, ChargeContext& ctx) {
  graph::BilledQuantity billed;
  billed.metered = billed.priced = cx.out.usage_unit;
  if (const auto* price = first_money_price(c.pricing, cx.out.tables)) {
    auto unit = price_unit(*price);
    if (unit && *unit != cx.out.usage_unit && fits_service(*unit, cx.out.info.service)) {
      auto plan = plan_conversion(cx.out.usage_unit, *unit, cx.stated, cx.out.therm_factor.has_value(),
                                  cx.out.quantity_rounding.has_value());
      ctx.unit = *unit;   // the charge's prices and tier limits are in its unit
      if (!plan.billed) {
        cx.error(plan.code, plan.message, price->unit_span, plan.hint);
        return;
      }
      billed = *plan.billed;
    }
  }
  if (c.on->cap) billed.cap_attribute = c.on->cap->text;
  plan_derived_quantity(cx, c, billed);
  cx.out.billed[&c] = billed;
}

bool transforms_quantity(const CheckContext& cx, const syntax::ChargeDecl* c) {
  auto it = cx.out.billed.find(c);
  return cx.out.quantity_rounding || derives_quantity(*c) || !cx.tariff.body.metering_adjustments.empty() ||
         (it != cx.out.billed.end() && (it->second.converts() || !it->second.cap_attribute.empty()));
}

}  // namespace rateline::check
