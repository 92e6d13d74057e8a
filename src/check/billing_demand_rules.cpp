// `billing_demand: greatest of { ... }`: one rule, ratchets between 0 and 100 % over 1 to 36
// months of one history, floors in kW.
#include "check/dates.hpp"
#include "check/rules.hpp"
#include "check/words.hpp"

namespace rateline::check {

void check_billing_demand(CheckContext& cx) {
  const auto& body = cx.tariff.body;
  if (body.billing_demand.size() > 1)
    cx.error("E0501", "billing demand is defined twice", body.billing_demand[1].span, "a tariff has one billing demand rule");
  if (body.billing_demand.empty()) return;
  cx.out.has_billing_demand = true;
  const syntax::BillingDemandTerm* first_ratchet = nullptr;
  for (auto& t : body.billing_demand.front().terms) {
    using K = syntax::BillingDemandTerm::Kind;
    if (t.kind == K::ratchet) {
      // the months billed keep one history: of maximum demands, or of billing demands
      if (!first_ratchet) first_ratchet = &t;
      else if (first_ratchet->of_billing_demand != t.of_billing_demand)
        cx.error("E0802", "the ratchets of one billing demand rule look back at one history", t.span,
                 "write `of billing_demand` on every ratchet of the rule, or on none");
      if (t.percent.sign() <= 0 || t.percent > Decimal(100))
        cx.error("E0801", "a ratchet percentage is between 0 and 100 %", t.span);
      auto months = t.months.normalized();
      if (months.scale() != 0 || months < Decimal(1) || months > Decimal(36))
        cx.error("E0801", "a ratchet looks back 1 to 36 whole months", t.span);
      for (auto& s : t.seasons)
        if (!cx.out.season_index.count(s.text) && !month_index(s.text)) {
          auto hint = suggest(s.text, cx.out.season_names);
          cx.error("E0321", "`" + s.text + "` is not a season or a month", s.span, hint.empty() ? "seasons: " + join(cx.out.season_names) + "; months: Jan .. Dec" : hint);
        }
    } else if (t.kind == K::floor) {
      if (t.floor->unit.size() != 1 || t.floor->unit.front().text != "kW")
        cx.error("E0312", "a billing demand floor is in kW", t.floor->span, "e.g. `50 kW`");
    }
  }
}

}  // namespace rateline::check
