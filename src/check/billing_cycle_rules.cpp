// `billing_cycle`: a bill covers one month (the default), one quarter or one year. A price or a
// tier limit per month, quarter or year is billed as its share of the cycle — $/month on a
// quarterly cycle 3 times, $/year a quarter of it (0.25, exact) — and a share that is no exact
// decimal (a $/quarter charge on a monthly bill is a third of it) is refused, not rounded.
#include "check/billing_cycle_rules.hpp"

#include "check/rules.hpp"

namespace rateline::check {

namespace {

const char* cycle_name(int months) { return months == 12 ? "annual" : months == 3 ? "quarterly" : "monthly"; }

// A cycle of `cycle` months bills cycle / months of a price per `months`: exact when one
// divides the other and the quotient's decimal ends (3/12 = 0.25; 1/3 and 1/12 do not end).
bool exact_share(int cycle, int months) { return cycle % months == 0 || (months == 12 && cycle == 3); }

bool check_share(CheckContext& cx, const std::string& what, int months, const Span& span) {
  const int cycle = cx.out.cycle_months;
  if (exact_share(cycle, months)) return true;
  const std::string per = months == 12 ? "year" : "quarter";
  cx.error("E0360", "a " + what + " per " + per + " on a " + cycle_name(cycle) + " billing cycle", span,
           "a " + std::string(cycle_name(cycle)) + " bill is " + (cycle == 1 ? "1/" : "3/") + std::to_string(months) +
               " of a " + per + ", which no decimal states exactly: add `billing_cycle " + (months == 12 ? "annual" : "quarterly") +
               "` if the sheet bills so, or write the " + what + " per month as the sheet states it");
  return false;
}

}  // namespace

void read_billing_cycle(CheckContext& cx, const syntax::MetaDecl& m) {
  const auto& v = m.value.text;
  if (v == "monthly") cx.out.cycle_months = 1;
  else if (v == "quarterly") cx.out.cycle_months = 3;
  else if (v == "annual") cx.out.cycle_months = 12;
  else cx.error("E0103", "unknown billing cycle `" + v + "`", m.value.span, "use monthly, quarterly or annual");
  cx.cycle_span = m.value.span;
}

int months_of(const std::string& unit) { return unit == "month" ? 1 : unit == "quarter" ? 3 : unit == "year" ? 12 : 0; }

bool check_cycle_price(CheckContext& cx, const syntax::Price& price, const std::string& unit_text) {
  return check_share(cx, "price", months_of(unit_text), price.unit_span);
}

bool check_cycle_bound(CheckContext& cx, const syntax::Quantity& q, const std::string& per) {
  return check_share(cx, "tier limit", months_of(per), q.span);
}

void check_billing_cycle(CheckContext& cx) {
  // proration shares a monthly amount by days of a month; a quarter's or a year's bill has no
  // such month, and the sheets that bill so charge the whole cycle
  if (cx.out.cycle_months != 1 && cx.out.proration != graph::Proration::none)
    cx.error("E0361", std::string("proration applies to monthly bills, but this tariff bills ") + cycle_name(cx.out.cycle_months),
             cx.cycle_span, "remove `proration`: each " + std::string(cx.out.cycle_months == 3 ? "quarter" : "year") + "'s bill pays the whole cycle");
}

}  // namespace rateline::check
