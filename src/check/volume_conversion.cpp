// Unit conversions between a metered unit and a priced unit, as exact rationals.
#include "check/volume_conversion.hpp"

#include <boost/integer/common_factor_rt.hpp>

namespace rateline::check {

namespace {

using Int = Decimal::Int;

// Units of one family are exact multiples of the family's base unit.
enum class Family { energy, cubic_feet, gallons, heat, other };

struct Size {
  Family family = Family::other;
  std::int64_t in_base = 1;
};

Size size_of(Unit u) {
  switch (u) {
    case Unit::kWh: return {Family::energy, 1};
    case Unit::MWh: return {Family::energy, 1000};
    case Unit::CF: return {Family::cubic_feet, 1};
    case Unit::CCF: return {Family::cubic_feet, 100};
    case Unit::MCF: return {Family::cubic_feet, 1000};
    case Unit::gal: return {Family::gallons, 1};
    case Unit::kgal: return {Family::gallons, 1000};
    case Unit::therm: return {Family::heat, 1};
    default: return {};
  }
}

struct Rational {
  Int num{1}, den{1};
  void times(const Int& n, const Int& d) { num *= n; den *= d; }
  void times(const Decimal& d) { times(d.coefficient(), Decimal::pow10(d.scale())); }
  void over(const Decimal& d) { times(Decimal::pow10(d.scale()), d.coefficient()); }
};

std::string name(Unit u) { return std::string(to_string(u)); }

}  // namespace

bool fits_service(Unit unit, std::string_view service) {
  if (service == "gas") return unit == Unit::therm || unit == Unit::CF || unit == Unit::CCF || unit == Unit::MCF;
  if (service == "water" || service == "sewer")
    return unit == Unit::gal || unit == Unit::kgal || unit == Unit::CF || unit == Unit::CCF || unit == Unit::MCF;
  return unit == Unit::kWh || unit == Unit::MWh;
}

ConversionPlan plan_conversion(Unit metered, Unit priced, const std::vector<StatedConversion>& stated,
                               bool has_therm_factor, bool rounds_quantities) {
  ConversionPlan plan;
  graph::BilledQuantity billed;
  billed.metered = metered;
  billed.priced = priced;
  if (metered == priced) {
    plan.billed = billed;
    return plan;
  }
  auto m = size_of(metered), p = size_of(priced);
  Rational r;
  r.times(Int(m.in_base), Int(1));   // metered → its family's base
  if (p.family == Family::heat) {
    // therms are CCF × the therm factor: first to CCF
    if (m.family != Family::cubic_feet) {
      plan.code = "E0330";
      plan.message = "a $/therm price cannot bill usage metered in " + name(metered);
      plan.hint = "therms are CCF × the therm factor: meter gas in CCF (`meter_unit CCF`)";
      return plan;
    }
    if (!has_therm_factor) {
      plan.code = "E0330";
      plan.message = "a $/therm price on gas metered in " + name(metered) + " needs the therm factor";
      plan.hint = "state it as the sheet does, e.g. `therm_factor: by month { Jan: 1.037 ... }`";
      return plan;
    }
    billed.therm_factor = true;
    billed.conversion = "therms = CCF × the therm factor";
    p = size_of(Unit::CCF);
  } else if (m.family != p.family) {
    // across families only with a stated factor
    const StatedConversion* found = nullptr;
    bool forward = true;
    for (auto& s : stated) {
      auto a = size_of(s.from).family, b = size_of(s.to).family;
      if (a == m.family && b == p.family) { found = &s; forward = true; }
      else if (a == p.family && b == m.family) { found = &s; forward = false; }
    }
    if (!found) {
      plan.code = "E0330";
      plan.message = "a $/" + name(priced) + " price on usage metered in " + name(metered) + " needs the conversion the sheet states";
      plan.hint = "gallons and cubic feet differ by no exact decimal factor: add the sheet's, e.g. `convert 1 CCF = 748 gal`";
      return plan;
    }
    // metered base → stated `from` (or `to`) unit → the other side → priced base
    auto sf = size_of(found->from), st = size_of(found->to);
    if (forward) {   // 1 from = k to: base_m → from: ÷ sf; × to_amount/from_amount; → base_p: × st
      r.times(Int(1), Int(sf.in_base));
      r.times(found->to_amount);
      r.over(found->from_amount);
      r.times(Int(st.in_base), Int(1));
    } else {
      r.times(Int(1), Int(st.in_base));
      r.times(found->from_amount);
      r.over(found->to_amount);
      r.times(Int(sf.in_base), Int(1));
    }
    billed.conversion = found->from_amount.to_string() + " " + name(found->from) + " = " + found->to_amount.to_string() + " " + name(found->to);
  }
  r.times(Int(1), Int(p.in_base));   // base → priced unit
  if (billed.conversion.empty()) {
    auto big = m.in_base > p.in_base ? metered : priced;
    auto ratio = m.in_base > p.in_base ? m.in_base / p.in_base : p.in_base / m.in_base;
    billed.conversion = "1 " + name(big) + " = " + std::to_string(ratio) + " " + name(big == metered ? priced : metered);
  }
  // reduce; a denominator of 2s and 5s becomes a power of ten, so the division is exact
  Int g = boost::integer::gcd(r.num, r.den);
  r.num /= g;
  r.den /= g;
  Int rest = r.den;
  int twos = 0, fives = 0;
  while (rest % 2 == 0) { rest /= 2; ++twos; }
  while (rest % 5 == 0) { rest /= 5; ++fives; }
  if (rest == 1) {
    int digits = std::max(twos, fives);
    r.num *= Decimal::pow10(digits) / r.den;
    billed.multiply = Decimal(r.num, digits).normalized();
    billed.divide = Decimal(1);
  } else {
    if (!rounds_quantities) {
      plan.code = "E0331";
      plan.message = "usage in " + name(metered) + " becomes " + name(priced) + " by a division that is not an exact decimal (" +
                     billed.conversion + ")";
      plan.hint = "state how the billed quantity is rounded, e.g. `rounding quantities 0.01 half_up`";
      return plan;
    }
    billed.multiply = Decimal(r.num, 0);
    billed.divide = Decimal(r.den, 0);
  }
  plan.billed = billed;
  return plan;
}

std::vector<StatedConversion> stated_conversions(const std::vector<syntax::ConversionDecl>& decls, std::vector<Diagnostic>& diags) {
  std::vector<StatedConversion> out;
  auto fail = [&](std::string message, const Span& span, std::string hint) {
    diags.push_back({Severity::error, "E0333", std::move(message), span, std::move(hint)});
  };
  for (auto& d : decls) {
    auto unit_of = [](const syntax::Quantity& q) { return q.unit.size() == 1 ? parse_unit(q.unit.front().text) : std::nullopt; };
    auto from = unit_of(d.from), to = unit_of(d.to);
    auto cross = [](std::optional<Unit> a, std::optional<Unit> b) {
      auto fa = a ? size_of(*a).family : Family::other, fb = b ? size_of(*b).family : Family::other;
      return (fa == Family::cubic_feet && fb == Family::gallons) || (fa == Family::gallons && fb == Family::cubic_feet);
    };
    if (!cross(from, to)) {
      fail("a stated conversion is between cubic feet and gallons", d.span,
           "e.g. `convert 1 CCF = 748 gal`; kWh/MWh, gal/kgal and CCF/MCF convert exactly without one, therms by the therm factor");
      continue;
    }
    if (d.from.amount.sign() <= 0 || d.to.amount.sign() <= 0) {
      fail("a conversion's amounts must be positive", d.span, "");
      continue;
    }
    if (!out.empty()) {
      fail("a conversion between cubic feet and gallons is stated twice", d.span, "keep the one the sheet states");
      continue;
    }
    out.push_back({d.from.amount, *from, d.to.amount, *to});
  }
  return out;
}

namespace {
const syntax::Price* first_money_price(const syntax::ByTable& table, const std::map<std::string, const syntax::ByTable*>& tables) {
  for (auto& c : table.cases)
    if (auto* found = check::first_money_price(*c.pricing, tables)) return found;
  return nullptr;
}

const syntax::Price* first_money_price(const syntax::Tiers& tiers) {
  for (auto& row : tiers.rows) {
    for (auto& [_, price] : row.prices)
      if (!price.percent) return &price;
    if (row.nested)
      if (auto* found = first_money_price(*row.nested)) return found;
  }
  return nullptr;
}
}  // namespace

const syntax::Price* first_money_price(const syntax::Pricing& pricing, const std::map<std::string, const syntax::ByTable*>& tables) {
  if (auto* price = std::get_if<syntax::Price>(&pricing.node)) return price->percent ? nullptr : price;
  if (auto* tiers = std::get_if<syntax::Tiers>(&pricing.node)) return first_money_price(*tiers);
  if (auto* ref = std::get_if<syntax::TableRef>(&pricing.node)) {
    auto it = tables.find(ref->name.text);
    return it == tables.end() ? nullptr : first_money_price(*it->second, tables);
  }
  return first_money_price(std::get<syntax::ByTable>(pricing.node), tables);
}

}  // namespace rateline::check
