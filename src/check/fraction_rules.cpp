// Fractional percentages (`33 1/3 %`, `1/3 %`): a proper fraction over a small whole number,
// on a percentage of charges. The rate is kept as the fraction; the bill divides once.
#include "check/rules.hpp"

namespace rateline::check {

namespace {

// Denominators stay small so that a charge's common denominator and base × numerator stay
// far inside the decimal's range; no sheet writes a percentage in thousandths of thirds.
constexpr int kMaxDenominator = 1000;

void leaves(const syntax::Pricing& p, std::vector<const syntax::Price*>& out) {
  if (auto* price = std::get_if<syntax::Price>(&p.node)) {
    out.push_back(price);
  } else if (auto* tiers = std::get_if<syntax::Tiers>(&p.node)) {
    for (auto& row : tiers->rows)
      for (auto& column : row.prices) out.push_back(&column.second);
  } else if (auto* by = std::get_if<syntax::ByTable>(&p.node)) {
    for (auto& k : by->cases)
      if (k.pricing) leaves(*k.pricing, out);
  }
}

}  // namespace

void check_fractions(CheckContext& cx) {
  auto check_charge = [&](const syntax::ChargeDecl& c) {
    std::vector<const syntax::Price*> prices;
    leaves(c.pricing, prices);
    for (auto* p : prices) {
      if (p->denominator == Decimal(1) && p->numerator.is_zero()) continue;
      const auto fraction = p->numerator.to_string() + "/" + p->denominator.to_string();
      if (p->denominator.is_zero() || p->denominator > Decimal(kMaxDenominator)) {
        cx.error("E0362", "the fraction " + fraction + " needs a denominator from 1 to " + std::to_string(kMaxDenominator), p->span,
                 "write a third as `1/3 %`, thirty-three and a third as `33 1/3 %`");
      } else if (p->numerator >= p->denominator) {
        cx.error("E0362", "the fraction " + fraction + " is a whole or more", p->span,
                 "write the whole percent before it, e.g. `33 1/3 %`");
      } else if (c.of.empty() || c.kind == syntax::ChargeKind::late_fee) {
        cx.error("E0363", "a fractional percentage is for a percentage of charges", p->span,
                 "add `of` and the charges, e.g. `33 1/3 % of energy`");
      }
    }
  };
  for (auto& c : cx.tariff.body.charges) check_charge(c);
  for (auto& r : cx.tariff.revisions)
    for (auto& c : r.body.charges) check_charge(c);
}

}  // namespace rateline::check
