// Derived quantities: a share is a percent from 0 to 100 (E0340); an average names months
// (E0341) and divides exactly or is rounded as the tariff states (E0342); `beyond` names a
// fixed charge that `includes` an allowance (E0343), stated in a unit of the service that
// converts exactly to the metered one (E0344); all three derive usage only (E0345). A
// minimum per unit is per the unit of what it is on (E0346, price_rules.cpp); a metering
// adjustment adds a percentage to energy or demand (E0347).
#include "check/derived_quantity_rules.hpp"

#include "check/charge_rules.hpp"
#include "check/dates.hpp"
#include "check/rules.hpp"
#include "check/volume_conversion.hpp"
#include "check/words.hpp"
#include "graph/measures.hpp"

#include <algorithm>

namespace rateline::check {

namespace {

const char* const kFullMonths[12] = {"january", "february", "march", "april", "may", "june",
                                     "july", "august", "september", "october", "november", "december"};

std::optional<unsigned> month_of(const std::string& word) {
  if (auto m = month_index(word)) return m;
  auto lower = lowercase(word);
  for (unsigned i = 0; i < 12; ++i)
    if (lower == kFullMonths[i] || lower == lowercase(kMonthNames[i])) return i + 1;
  return std::nullopt;
}

// n divides every decimal exactly when it has no prime factor but 2 and 5.
bool divides_exactly(std::size_t n) {
  if (n == 0) return false;
  while (n % 2 == 0) n /= 2;
  while (n % 5 == 0) n /= 5;
  return n == 1;
}

void plan_average(CheckContext& cx, const syntax::Determinant& d, graph::BilledQuantity& billed) {
  if (d.average_months.empty()) {
    cx.error("E0341", "an average needs the months it is taken over", d.average_span,
             "name them after `in`, e.g. `on average of usage in Dec, Jan, Feb, Mar`");
    return;
  }
  std::vector<unsigned> months;
  for (auto& m : d.average_months) {
    auto month = month_of(m.text);
    if (!month) {
      std::vector<std::string> names(kMonthNames, kMonthNames + 12);
      auto hint = suggest(m.text, names);
      cx.error("E0341", "`" + m.text + "` is not a month", m.span, hint.empty() ? "months are written Jan, Feb, ... Dec" : hint);
      return;
    }
    if (std::find(months.begin(), months.end(), *month) != months.end()) {
      cx.error("E0341", "`" + m.text + "` is named twice in the average", m.span, "name each month once");
      return;
    }
    months.push_back(*month);
  }
  if (!divides_exactly(months.size()) && !cx.out.quantity_rounding)
    cx.error("E0342",
             "the average of " + std::to_string(months.size()) + " months is not an exact decimal, and the tariff does not say how it is rounded",
             d.average_span, "state the sheet's rounding of billed quantities, e.g. `rounding quantities 1 half_up`");
  billed.average_months = std::move(months);
}

void plan_allowance(CheckContext& cx, const syntax::Name& name, graph::BilledQuantity& billed) {
  auto it = cx.out.charge_index.find(name.text);
  if (it == cx.out.charge_index.end()) {
    std::vector<std::string> names;
    for (auto& c : cx.tariff.body.charges)
      if (c.includes) names.push_back(c.id.text);
    auto hint = suggest(name.text, names);
    cx.error("E0343", "`" + name.text + "` is not a charge of this tariff", name.span,
             !hint.empty() ? hint : names.empty() ? "write the allowance on the fixed charge: `15.00 $/month includes 2 kgal`" : "charges with an allowance: " + join(names));
    return;
  }
  const auto& base = cx.tariff.body.charges[it->second];
  if (!base.includes) {
    cx.error("E0343", "`" + name.text + "` includes no usage", name.span,
             "state what it includes: `charge " + name.text + " ...: 15.00 $/month includes 2 kgal`");
    return;
  }
  const auto& q = *base.includes;
  std::string text;
  for (auto& u : q.unit) text += (text.empty() ? "" : "/") + u.text;
  auto unit = parse_unit(text);
  if (!unit || !fits_service(*unit, cx.out.info.service)) {
    cx.error("E0344", "an allowance is usage of the service, not `" + text + "`", q.span,
             "e.g. `includes 2 kgal` (the unit the usage is metered or priced in)");
    return;
  }
  auto plan = plan_conversion(*unit, cx.out.usage_unit, cx.stated, false, false);
  if (!plan.billed || plan.billed->therm_factor || plan.billed->divide != Decimal(1)) {
    cx.error("E0344", "the allowance in " + text + " does not convert exactly to the metered " + std::string(to_string(cx.out.usage_unit)), q.span,
             "state it in " + std::string(to_string(cx.out.usage_unit)) + " or a unit that converts exactly");
    return;
  }
  billed.allowance = (q.amount * plan.billed->multiply).normalized();
  billed.allowance_charge = base.id.text;
}

}  // namespace

bool derives_quantity(const syntax::ChargeDecl& c) { return c.on && (c.on->share || c.on->average || c.on->beyond); }

void plan_derived_quantity(CheckContext& cx, const syntax::ChargeDecl& c, graph::BilledQuantity& billed) {
  const auto& d = *c.on;
  if (d.share) {
    if (d.share->is_negative() || *d.share > Decimal(100))
      cx.error("E0340", "a share of usage is a percent from 0 to 100, not " + d.share->to_string() + " %", d.share_span,
               "e.g. `on 90 % of usage` for \"90 % of water consumption\"");
    else
      billed.share = *d.share;
  }
  if (d.average) plan_average(cx, d, billed);
  if (d.beyond) plan_allowance(cx, *d.beyond, billed);
}

// `includes` only on a fixed charge, with a positive amount; share, average and allowance
// derive usage only. A row of kRules, after `charges`.
void check_derived_quantities(CheckContext& cx) {
  auto check_body = [&](const syntax::TariffBody& body) {
    for (auto& c : body.charges) {
      if (c.includes) {
        bool fixed = !c.on && c.of.empty() && c.kind != syntax::ChargeKind::minimum && c.kind != syntax::ChargeKind::late_fee;
        if (!fixed)
          cx.error("E0344", "only a fixed charge (per month or bill) can include usage", c.includes_span,
                   "write it on the base charge: `charge base \"Base Charge\": 15.00 $/month includes 2 kgal`");
        else if (!c.includes->amount.sign() || c.includes->amount.is_negative())
          cx.error("E0344", "an allowance is more than zero, not " + c.includes->amount.to_string(), c.includes->span);
      }
      if (!derives_quantity(c)) continue;
      const auto* measure = graph::measure_named(c.on->name.text);
      if (measure && !measure->in_usage_unit) {
        const char* what = c.on->share ? "a share" : c.on->average ? "an average of months" : "`beyond`";
        cx.error("E0345", std::string(what) + " applies to usage, not `" + c.on->name.text + "`", c.on->name.span,
                 "e.g. `on 90 % of usage`, `on average of usage in Dec, Jan, Feb`, `on usage beyond base`");
      }
    }
  };
  check_body(cx.tariff.body);
  for (auto& r : cx.tariff.revisions) {
    check_body(r.body);
    for (auto& m : r.body.metering_adjustments)
      cx.error("E0347", "a metering adjustment applies to every revision: state it outside `revision`", m.span);
  }
  for (auto& m : cx.tariff.body.metering_adjustments) {
    graph::Tariff::MeteringAdjustment out;
    out.label = m.label.value_or("Metering Adjustment");
    out.percent = m.percent;
    bool ok = true;
    if (!m.percent.sign() || m.percent.is_negative() || m.percent > Decimal(100)) {
      cx.error("E0347", "a metering adjustment adds a percent above 0 and at most 100, not " + m.percent.to_string() + " %", m.percent_span,
               "e.g. `add 1 % to energy, demand`");
      ok = false;
    }
    for (auto& target : m.targets) {
      bool& flag = target.text == "energy" ? out.energy : out.demand;
      if (target.text != "energy" && target.text != "demand") {
        auto hint = suggest(target.text, {"energy", "demand"});
        cx.error("E0347", "a metering adjustment adds to `energy` or `demand`, not `" + target.text + "`", target.span,
                 hint.empty() ? "e.g. `add 1 % to energy, demand`" : hint);
        ok = false;
      } else if (flag) {
        cx.error("E0347", "`" + target.text + "` is named twice", target.span);
        ok = false;
      }
      flag = true;
    }
    if (out.demand && cx.out.has_billing_demand)
      cx.error("E0347", "a metering adjustment of demand with a `billing_demand` rule is not supported yet", m.span,
               "adjust `energy` only, or state the billing demand without the adjustment");
    if (m.when) out.when = m.when->text;
    out.factor = (Decimal(100) + m.percent).divided_by(Decimal(100), m.percent.scale() + 2, RoundingMode::half_even).normalized();
    if (ok) cx.out.metering_adjustments.push_back(std::move(out));
  }
}

}  // namespace rateline::check
