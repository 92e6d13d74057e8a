// A charge's pricing tree: flat prices (unit fits the quantity, plausible amounts), named
// tables, and `by season|period|month|billing_month|ATTRIBUTE` tables. Tiers: tier_rules.cpp.
#include "check/billing_cycle_rules.hpp"
#include "check/charge_rules.hpp"
#include "check/dates.hpp"
#include "check/words.hpp"

#include <set>

namespace rateline::check {

void check_pricing(CheckContext& cx, const syntax::Pricing& pricing, ChargeContext& ctx) {
  if (auto* price = std::get_if<syntax::Price>(&pricing.node)) {
    check_price(cx, *price, ctx);
  } else if (auto* tiers = std::get_if<syntax::Tiers>(&pricing.node)) {
    check_tiers(cx, *tiers, ctx);
  } else if (auto* ref = std::get_if<syntax::TableRef>(&pricing.node)) {
    auto it = cx.out.tables.find(ref->name.text);
    if (it == cx.out.tables.end()) {
      std::vector<std::string> names;
      for (auto& [n, _] : cx.out.tables) names.push_back(n);
      auto hint = suggest(ref->name.text, names);
      cx.error("E0323", "no table named `" + ref->name.text + "`", ref->name.span,
               !hint.empty() ? hint
               : names.empty() ? "define `table " + ref->name.text + ": by billing_month { ... }` in this file or an imported one"
                            : "known tables: " + join(names));
      return;
    }
    check_by(cx, *it->second, ctx);
  } else {
    check_by(cx, std::get<syntax::ByTable>(pricing.node), ctx);
  }
}

void check_price(CheckContext& cx, const syntax::Price& price, ChargeContext& ctx) {
  const auto& c = *ctx.charge;
  auto quantity_name = [&] { return std::string(to_string(ctx.dimension)) + " (" + std::string(to_string(ctx.unit)) + ")"; };
  if (price.percent) {
    if (!ctx.percentage)
      cx.error("E0404", "a percentage needs the charges it is a percentage of", price.span,
               "add `of` and the charge names, e.g. `2.5 % of energy, basic`, or `of charges`");
    // a zero denominator is E0362 (fraction_rules.cpp): no second finding on the same number
    if (price.denominator > Decimal(0) && (price.amount > Decimal(100) * price.denominator || price.amount < Decimal(-100) * price.denominator))
      cx.warning("W0701", "a percentage above 100 % is unusual for a rider or tax", price.span, "check the rate sheet");
    return;
  }
  if (ctx.percentage && c.kind != syntax::ChargeKind::minimum) {
    cx.error("E0404", "`of` goes with a percentage, but this price is in money", price.unit_span, "write the rate as a percentage, e.g. `2.5 %`");
    return;
  }
  if (price.per.empty()) {
    cx.error("E0301", "a price needs a unit, e.g. `$/kWh` or `$/month`", price.unit_span);
    return;
  }
  std::string unit_text;
  for (auto& p : price.per) unit_text += (unit_text.empty() ? "" : "/") + p.text;
  if (unit_text == "year" && (c.kind == syntax::ChargeKind::minimum || cx.out.cycle_months == 1)) {
    if (c.kind != syntax::ChargeKind::minimum)
      cx.error("E0301", "a $/year price is only for annual minimums", price.unit_span,
               "write the charge per month or per day as the sheet bills it");
    return;
  }
  auto unit = price_unit(price);
  if (!unit) {
    cx.error("E0302", "unknown unit `" + unit_text + "`", price.per.front().span,
             "units: kWh, MWh, kW, kVARh, therm, CF, CCF, MCF, gal, kgal, month, day, bill, meter, year (minimums)");
    return;
  }
  if (c.kind == syntax::ChargeKind::minimum && c.on) {
    // "a minimum of 7.00 $ per kW of billing demand": per the unit of what it is on
    if (*unit != ctx.unit)
      cx.error("E0346", "a minimum on `" + c.on->name.text + "` is an amount per " + std::string(to_string(ctx.unit)) + ", not per " + unit_text,
               price.unit_span, "e.g. `minimum min_demand \"Minimum\" on billing_demand: 7.00 $/kW of charges`");
    return;
  }
  if (c.kind == syntax::ChargeKind::minimum) {
    if (*unit == Unit::quarter) check_cycle_price(cx, price, unit_text);
    else if (*unit != Unit::month && *unit != Unit::bill && *unit != Unit::day && unit_text != "year")
      cx.error("E0301", "a minimum is an amount per month, bill, day or year, not per " + unit_text, price.unit_span);
    return;
  }
  if (ctx.fixed) {
    if (*unit == Unit::quarter || *unit == Unit::year) {
      check_cycle_price(cx, price, unit_text);
      return;
    }
    if (*unit != Unit::month && *unit != Unit::day && *unit != Unit::bill && *unit != Unit::meter) {
      std::string hint = "say what the charge is on, e.g. `charge energy \"Energy Charge\" on energy: ...`";
      cx.error("E0301", "a $/" + unit_text + " price needs a quantity: this charge has no `on`", price.unit_span, hint);
    }
    return;
  }
  if (*unit != ctx.unit) {
    std::string hint = ctx.dimension == Dimension::power ? "demand is priced in $/kW"
                     : ctx.dimension == Dimension::time ? "days are priced in $/day"
                     : "this quantity is priced in $/" + std::string(to_string(ctx.unit));
    if (dimension_of(*unit) == Dimension::power) hint += "; a demand charge is `on demand`";
    if (dimension_of(*unit) == Dimension::energy && ctx.dimension != Dimension::energy) hint += "; an energy charge is `on energy`";
    cx.error("E0301", "a $/" + unit_text + " price cannot apply to " + quantity_name(), price.unit_span, hint);
    return;
  }
  // plausibility: a sheet cannot mean these
  auto dollars = price.dollars();
  if (*unit == Unit::kWh && dollars.abs() > Decimal(5))
    cx.warning("W0701", "$" + dollars.to_string() + " per kWh is far above any retail energy rate", price.span,
               price.cents ? "" : "was this written in cents? use `¢/kWh`");
  if (*unit == Unit::kW && dollars.abs() > Decimal(500))
    cx.warning("W0701", "$" + dollars.to_string() + " per kW is far above any demand rate", price.span);
}

/// Checks a tier table; returns its period columns (empty for a single price column).

void check_by(CheckContext& cx, const syntax::ByTable& table, ChargeContext& ctx) {
  const auto& axis = table.axis.text;
  std::set<std::string> seen;
  for (auto& c : table.cases) {
    if (c.otherwise) {
      if (!seen.insert("otherwise").second) cx.error("E0322", "`otherwise` twice", c.span);
      if (axis == "period")   // it prices every period the table does not name
        for (auto& [name, used] : cx.period_used) used = true;
    }
    for (auto& k : c.keys) {
      if (!seen.insert(k.text).second) cx.error("E0322", "`" + k.text + "` appears twice in this table", k.span);
      if (axis == "season") {
        if (!cx.out.season_index.count(k.text)) {
          auto hint = suggest(k.text, cx.out.season_names);
          cx.error("E0321", "`" + k.text + "` is not a season", k.span, hint.empty() ? "seasons: " + join(cx.out.season_names) : hint);
        }
      } else if (axis == "period") {
        auto it = cx.out.period_index.find(k.text);
        if (it == cx.out.period_index.end()) {
          cx.error("E0321", "`" + k.text + "` is not a TOU period", k.span, period_hint(cx, k.text));
        } else {
          cx.period_used[k.text] = true;
          if (ctx.group && *ctx.group != it->second.group) cx.error("E0305", "periods from different `time_of_use` groups in one charge", k.span);
          ctx.group = it->second.group;
        }
      } else if (axis == "billing_month") {
        if (!is_billing_month(k.text))
          cx.error("E0321", "`" + k.text + "` is not a billing month", k.span, "write the year and month, e.g. `2024-01`");
      } else if (axis == "month") {
        bool ok = false;
        for (auto* m : kMonthNames) ok |= lowercase(m) == lowercase(k.text.substr(0, 3)) && k.text.size() >= 3;
        if (!ok) cx.error("E0321", "`" + k.text + "` is not a month", k.span, "use Jan .. Dec");
      }
      // any other axis is an account attribute: its values are free
    }
    if (axis == "period" && ctx.fixed)
      cx.error("E0320", "a charge without a quantity cannot be split by period", table.axis.span, "add `on energy` or `on demand`");
    check_pricing(cx, *c.pricing, ctx);
  }
  if (axis == "season" && cx.out.season_names.empty())
    cx.error("E0320", "`by season` but the tariff defines no seasons", table.axis.span, "add `season NAME: Jun 1 - Sep 30` lines");
}

}  // namespace rateline::check
