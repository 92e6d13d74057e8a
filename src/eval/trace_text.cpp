// eval/trace_text.cpp — the explanation text of each step of a bill (eval/trace_text.hpp).
#include "eval/trace_text.hpp"

#include "core/plural.hpp"
#include "core/shown_quantity.hpp"
#include "graph/quantity_places.hpp"

namespace rateline::eval {

std::string TextTrace::money(const Decimal& d) const { return symbol_ + d.to_string(); }

std::string TextTrace::qty(const Decimal& d) const { return shown_quantity(d); }

std::string TextTrace::billed(const Decimal& d) const { return shown_quantity(d, line_places_); }

std::string TextTrace::where(const Context& ctx) const {
  std::string s;
  if (ctx.season >= 0) s.append(" in ").append(ctx.season_name);
  if (ctx.periods != ~0ull) {
    std::string list;
    const auto& names = t_.groups[ctx.group].period_names;
    for (std::size_t p = 0; p < names.size(); ++p)
      if ((ctx.periods >> p) & 1u) list += (list.empty() ? "" : ", ") + names[p];
    s += " (period " + list + ")";
  }
  return s;
}

void TextTrace::charge(Steps& steps, const graph::Charge& ch, const Context& ctx) {
  // an energy line's billed quantity shows at the sheet's step, as the table shows it
  line_places_ = ch.kind == LineKind::energy ? graph::quantity_places(t_) : std::nullopt;
  steps.push_back(ch.origin.empty() ? "charge " + ch.id : "charge " + ch.id + " (" + ch.origin + ")");
  if (!ctx.table_note.empty()) steps.push_back(ctx.table_note);
}

void TextTrace::amount(Steps& steps, const Decimal& unrounded, const Decimal& rounded, const std::optional<graph::QuantityRounding>& rounding) {
  std::string step = "amount " + money(unrounded);
  if (rounding && rounded != unrounded)
    step += ", rounded " + std::string(to_string(rounding->mode)) + " to " + rounding->step.to_string() + ": " + money(rounded);
  steps.push_back(step);
}

void TextTrace::exempt_billed(Steps& steps, const graph::Charge& ch) {
  steps.insert(steps.begin() + 1, "billed: the account's " + ch.exempt_if + " is no");
}

void TextTrace::revision_split(Steps& steps, const Segment& s) {
  steps.insert(steps.begin() + 1, "the period is split where a revision takes effect: " + std::to_string(s.days) + " of " +
                                      count_of(s.period_days, "day") + " at the rates of " + s.version);
}

void TextTrace::energy(Steps& steps, const Measured& q, Unit usage_unit, const DeterminantSource& source, const Segment& s,
                       const Context& ctx) {
  if (!q.how.empty()) steps.push_back(q.how + where(ctx));
  steps.push_back("energy " + qty(q.value) + " " + std::string(to_string(usage_unit)) + " over " +
                  count_of(static_cast<long long>(source.interval_count(s, ctx)), "interval") + where(ctx));
}

void TextTrace::channel(Steps& steps, const Measured& q, const Context& ctx) { steps.push_back(q.how + where(ctx)); }

void TextTrace::max_demand(Steps& steps, const Decimal& kw, const DeterminantSource& source, const Segment& s, const Context& ctx) {
  steps.push_back("maximum demand " + qty(kw) + " kW" + where(ctx) + source.peak_when(s, ctx));
}

void TextTrace::kva_demand(Steps& steps, const Decimal& kva, const graph::Tariff::KvaRounding& rounding, const Context& ctx,
                           const std::function<std::string()>& window) {
  steps.push_back("maximum kVA demand " + shown_quantity(kva, rounding.scale) + " kVA" + window() + ", rounded " + std::string(to_string(rounding.mode)) + " to " +
                  std::to_string(rounding.scale) + " places" + where(ctx));
}

namespace {
std::string percent_of(const graph::Tariff::PowerFactor& rule) { return (rule.threshold * Decimal(100)).normalized().to_string() + " %"; }
}  // namespace

void TextTrace::power_factor_kept(Steps& steps, const graph::Tariff::PowerFactor& rule, const PowerFactor& pf) {
  steps.push_back(rule.label + ": " +
                  (pf.defined ? "power factor " + pf.rounded.to_string() + " is not below " + percent_of(rule)
                              : std::string("no energy and no reactive energy, so no power factor")) +
                  ": demand not adjusted");
}

void TextTrace::power_factor_adjusted(Steps& steps, const graph::Tariff::PowerFactor& rule, const PowerFactor& pf, const Decimal& kwh,
                                      const Decimal& kvarh, const Decimal& kw, const Decimal& adjusted) {
  steps.push_back(rule.label + ": power factor " + qty(kwh) + " kWh / sqrt(" + qty(kwh) + "² + " + qty(kvarh) +
                  "²) = " + pf.rounded.to_string() + " (rounded " + std::string(to_string(rule.mode)) + "), below " + percent_of(rule));
  steps.push_back(qty(kw) + " kW × " + rule.threshold.to_string() + " / " + pf.rounded.to_string() + " = " + qty(adjusted) + " kW");
}

void TextTrace::days(Steps& steps, int d, const Context& ctx) {
  steps.push_back(count_of(d, "day") + (ctx.season >= 0 ? " in " + std::string(ctx.season_name) : std::string(" in the billing period")));
}

void TextTrace::usage_cap(Steps& steps, const UsageCap& c, const Decimal& usage) {
  const std::string metered(to_string(c.metered));
  std::string limit_text = c.attribute + " " + qty(c.cap) + " " + metered;
  if (c.share)
    limit_text += " × " + std::to_string(c.share->part) + "/" + std::to_string(c.share->whole) + " days = " + qty(c.limit) + " " + metered;
  if (usage > c.limit)
    steps.push_back("capped at " + limit_text + ": " + qty(usage) + " " + metered + " billed as " + qty(c.limit) + " " + metered);
  else
    steps.push_back("within the cap " + limit_text);
}

void TextTrace::metering_adjusted(Steps& steps, const std::string& label, const Decimal& percent, const Decimal& before,
                                  const Decimal& after, bool energy) {
  steps.push_back(label + ": " + qty(before) + " + " + percent.to_string() + " % = " + qty(after) + (energy ? "" : " kW"));
}

void TextTrace::minimum_per_unit(Steps& steps, const Decimal& quantity, std::string_view unit_name, const Decimal& per_unit,
                                 const Decimal& minimum, const std::string& symbol) {
  const std::string unit(unit_name);
  steps.push_back("minimum " + qty(quantity) + " " + unit + " × " + symbol + per_unit.to_string() + "/" + unit + " = " + symbol +
                  minimum.to_string());
}

void TextTrace::usage_average(Steps& steps, const std::vector<MonthlyUsage>& months, Unit unit, const Decimal& average) {
  const std::string u(to_string(unit));
  std::string list, sum;
  for (auto& m : months) {
    list += (list.empty() ? "" : ", ") + format_month(m.month) + " " + qty(m.usage) + " " + u;
    sum += (sum.empty() ? "" : " + ") + qty(m.usage);
  }
  steps.push_back("average of " + list + ": (" + sum + ") / " + std::to_string(months.size()) + " = " + qty(average) + " " + u);
}

void TextTrace::usage_share(Steps& steps, const Decimal& percent, const Decimal& usage, const Decimal& result, Unit unit) {
  const std::string u(to_string(unit));
  steps.push_back(percent.to_string() + " % of " + qty(usage) + " " + u + " = " + qty(result) + " " + u);
}

void TextTrace::usage_allowance(Steps& steps, const std::string& charge, const Decimal& allowance, const Decimal& usage,
                                const Decimal& result, Unit unit) {
  const std::string u(to_string(unit));
  steps.push_back(qty(usage) + " " + u + " beyond the " + qty(allowance) + " " + u + " `" + charge + "` includes = " + qty(result) + " " + u);
}

void TextTrace::therms(Steps& steps, const Decimal& ccf, const std::string& factor_label, const Decimal& factor, std::chrono::year_month month,
                       const Decimal& therms, const graph::QuantityRounding& r, const Decimal& rounded) {
  steps.push_back(qty(ccf) + " CCF × " + factor_label + " " + factor.to_string() + " (billing month " + format_month(month) + ") = " +
                  qty(therms) + " therm, rounded " + std::string(to_string(r.mode)) + " to " + r.step.to_string() + ": " +
                  shown_quantity(rounded, r.scale()) + " therm");
}

void TextTrace::converted(Steps& steps, const Decimal& usage, const graph::BilledQuantity& b, const Decimal& converted,
                          const std::optional<graph::QuantityRounding>& r) {
  steps.push_back(qty(usage) + " " + std::string(to_string(b.metered)) + " = " + (r ? shown_quantity(converted, r->scale()) : qty(converted)) + " " +
                  std::string(to_string(b.priced)) + " (" + b.conversion +
                  (r ? ", rounded " + std::string(to_string(r->mode)) + " to " + r->step.to_string() : std::string()) + ")");
}

void TextTrace::quantity_rounded(Steps& steps, const Decimal& q, Unit priced, const graph::QuantityRounding& r, const Decimal& rounded) {
  const std::string unit(to_string(priced));
  steps.push_back(qty(q) + " " + unit + " rounded " + std::string(to_string(r.mode)) + " to " + r.step.to_string() + ": " +
                  shown_quantity(rounded, r.scale()) + " " + unit);
}

void TextTrace::segment_share(Steps& steps, const Segment& s, const Decimal& result, const char* unit) {
  steps.push_back("× " + s.share().decimal().to_string() + " (" + std::to_string(s.days) + " of " + count_of(s.period_days, "day") +
                  " at these rates) = " + qty(result) + unit);
}

void TextTrace::season_share(Steps& steps, const Context& ctx, const Decimal& result, const char* unit) {
  steps.push_back("× " + ctx.share.decimal().to_string() + " (the " + std::string(ctx.season_name) + " part of the period) = " + qty(result) + unit);
}

void TextTrace::season_part(Steps& steps, const Context& ctx) {
  steps.push_back("season part " + std::string(ctx.season_name) + ": " + ctx.share.decimal().to_string() + " of the billing period");
}

void TextTrace::prorated(Steps& steps, int period_days, int month_days, const Decimal& months) {
  steps.push_back("prorated " + count_of(period_days, "day") + " / " + std::to_string(month_days) + " = " + qty(months) + " month");
}

void TextTrace::meters(Steps& steps, int n, bool from_attribute) {
  steps.push_back(from_attribute ? std::to_string(n) + (n == 1 ? " meter" : " meters") + " (account attribute `meters`)"
                                 : std::string("1 meter (the usage is one meter's; the account gives no `meters`)"));
}

void TextTrace::demand_term(Steps& steps, const std::string& term, const Decimal& kw) { steps.push_back(term + ": " + qty(kw) + " kW"); }

void TextTrace::no_ratchet_history(Steps& steps, int months) {
  steps.push_back("ratchet: no demand history in the previous " + count_of(months, "month"));
}

void TextTrace::billing_demand(Steps& steps, const std::string& label, const Decimal& kw, const std::string& term) {
  steps.push_back(label + " = the greatest: " + qty(kw) + " kW (" + term + ")");
}

void TextTrace::limits_demand(Steps& steps, const Decimal& kw) { steps.push_back("billing demand " + qty(kw) + " kW sets the kWh/kW limits"); }

void TextTrace::billing_month_case(Context& ctx, std::chrono::year_month month) {
  ctx.table_note = "billing month " + format_month(month) + " (the month of the period's last day)";
}

void TextTrace::priced(Steps& steps, const Decimal& quantity, const std::string& unit, const Decimal& price, const std::string& rate_unit,
                       const Decimal& amount) {
  steps.push_back(billed(quantity) + " " + unit + " × " + price.to_string() + " " + rate_unit + " = " + money(amount));
}

void TextTrace::limit_rounded(Steps& steps, const Decimal& limit, const graph::QuantityRounding& rounding, const Decimal& rounded) {
  steps.push_back("tier limit " + qty(limit) + " rounded " + std::string(to_string(rounding.mode)) + " to " + shown_quantity(rounded, rounding.scale()));
}

void TextTrace::tier(Steps& steps, const std::string& label, const std::optional<Decimal>& limit, const Decimal& quantity,
                     const std::string& unit, const Decimal& rate, const std::string& rate_unit, const Decimal& amount) {
  steps.push_back("tier " + label + (limit ? " (limit " + qty(*limit) + " " + unit + ")" : "") + ": " + billed(quantity) + " " +
                  unit + " × " + rate.to_string() + " " + rate_unit + " = " + money(amount));
}

void TextTrace::tiered_total(Steps& steps, graph::Measure measure, const Decimal& total, std::string_view unit_name, const Context& ctx) {
  const std::string unit(unit_name);
  steps.push_back(std::string(measure == graph::Measure::received   ? "received energy "
                              : measure == graph::Measure::reactive ? "reactive energy "
                                                                    : "energy ") +
                  qty(total) + " " + unit + " in the tiered periods" + where(ctx));
}

void TextTrace::tier_share(Steps& steps, graph::Allocation allocation, const std::string& label, const Decimal& quantity, const Decimal& rate,
                           const std::string& rate_unit, const Decimal& amount) {
  steps.push_back(std::string(allocation == graph::Allocation::proportional ? "this period's share of tier " : "energy that filled tier ") +
                  label + ": " + billed(quantity) + " kWh × " + rate.to_string() + " " + rate_unit + " = " + money(amount));
}

void TextTrace::percentage_limited(Steps& steps, const Decimal& amount, const char* why, const Decimal& limit) {
  steps.push_back(money(amount) + " " + why + money(limit));
}

void TextTrace::percentage(Steps& steps, const Decimal& base, const std::vector<std::uint32_t>& base_charges,
                           const std::vector<graph::Charge>& charges, const Decimal& rate, const Decimal& amount) {
  std::string names;
  for (auto b : base_charges) names += (names.empty() ? "" : ", ") + charges[b].id;
  steps.push_back("base " + money(base) + " = the line items of " + names);
  steps.push_back(money(base) + " × " + rate.to_string() + " % = " + money(amount));
}

void TextTrace::gross_up(Steps& steps, const Decimal& base, const std::vector<std::uint32_t>& base_charges,
                         const std::vector<graph::Charge>& charges, const Decimal& rate, const Decimal& amount) {
  std::string names;
  for (auto b : base_charges) names += (names.empty() ? "" : ", ") + charges[b].id;
  steps.push_back("base " + money(base) + " = the line items of " + names);
  steps.push_back("grossed up: " + money(base) + " × " + rate.to_string() + " / (100 − " + rate.to_string() + ") = " + money(amount));
}

void TextTrace::minimum(Steps& steps, const Decimal& base, const Decimal& floor, const Decimal& amount) {
  steps.push_back("the charges it covers come to " + money(base) + ", below the minimum " + money(floor));
  steps.push_back("top-up " + money(floor) + " − " + money(base) + " = " + money(amount));
}

void TextTrace::annual_minimum(Steps& steps, std::size_t first, std::size_t last, const Decimal& base, const Decimal& floor) {
  steps.push_back("annual minimum over bills " + std::to_string(first) + ".." + std::to_string(last) + ": the charges it covers come to " +
                  money(base) + ", below " + money(floor));
}

}  // namespace rateline::eval
