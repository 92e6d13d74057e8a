// check/tax_base_rules.cpp — how a tax's base is made, as statutes state it:
//   exclude_from_base(cx, charge, base)  `of all except fuel`: the named lines leave the base (E0401, E0408)
//   check_gross_up(cx)                   `2.5 % grossed up of ...`: a percentage under 100 % (E0407)
#include "check/rules.hpp"
#include "check/words.hpp"

#include <algorithm>

namespace rateline::check {

void exclude_from_base(CheckContext& cx, const syntax::ChargeDecl& c, std::vector<std::uint32_t>& base) {
  for (auto& name : c.except) {
    auto it = cx.out.charge_index.find(name.text);
    if (it == cx.out.charge_index.end()) {
      std::vector<std::string> names;
      for (auto& [k, _] : cx.out.charge_index) names.push_back(k);
      auto hint = suggest(name.text, names);
      cx.error("E0401", "`" + name.text + "` is not a charge of this tariff", name.span,
               hint.empty() ? "name the lines to leave out by their charge id, e.g. `of all except fuel`" : hint);
      continue;
    }
    auto at = std::find(base.begin(), base.end(), it->second);
    if (at == base.end()) {
      cx.error("E0408", "`" + name.text + "` is not in the base of `" + c.id.text + "`, so it cannot be left out", name.span,
               "`except` names lines that the names after `of` include, e.g. `of all except fuel`");
      continue;
    }
    base.erase(at);
  }
}

namespace {

// The percentages a gross-up applies to; false if the pricing is not a percentage written here.
bool percent_leaves(const syntax::Pricing& p, std::vector<const syntax::Price*>& out) {
  if (auto* price = std::get_if<syntax::Price>(&p.node)) {
    if (!price->percent) return false;
    out.push_back(price);
    return true;
  }
  if (auto* by = std::get_if<syntax::ByTable>(&p.node)) {
    for (auto& k : by->cases)
      if (!k.pricing || !percent_leaves(*k.pricing, out)) return false;
    return true;
  }
  return false;   // tiers and named tables are not a tax rate that can be grossed up
}

}  // namespace

void check_gross_up(CheckContext& cx) {
  for (auto& c : cx.tariff.body.charges) {
    if (!c.gross_up) continue;
    std::vector<const syntax::Price*> rates;
    if (!percent_leaves(c.pricing, rates)) {
      cx.error("E0407", "`grossed up` goes with a percentage rate", c.gross_up_span,
               "write the rate as a percentage, e.g. `2.5 % grossed up of all`");
      continue;
    }
    for (auto* r : rates)
      if (r->amount >= Decimal(100) * r->denominator)
        cx.error("E0407", "a gross-up of 100 % or more has no amount: the tax would be the whole bill or more",
                 r->span, "a grossed-up rate r charges base × r / (1 − r); r must be under 100 %");
  }
}

}  // namespace rateline::check
