// eval/form_priced.cpp — bill_priced(lines): a priced charge, split into the season parts of its period when its pricing has a `by season` table (eval/charge_forms.hpp).
#include "core/plural.hpp"
#include "eval/bill_plan.hpp"
#include "eval/charge_forms.hpp"
#include "eval/pricing.hpp"

#include <boost/container/small_vector.hpp>

#include <algorithm>

namespace rateline::eval {

void bill_priced(ChargeLines& lines) {
  const auto& t = lines.run.t;
  const auto& c = lines.segment;
  const auto& ch = lines.charge;
  Context base;
  base.group = ch.determinant.group;
  base.periods = ch.determinant.periods;
  const auto& plan = lines.run.plan;
  if (!plan.has_by_season(ch.pricing)) {
    price(lines, ch.pricing, base);
    return;
  }
  // split into the season parts present in the period
  std::size_t present = 0;
  for (auto d : c.season_days) present += d > 0;
  // the parts in the order they come in the period (winter, then spring ...)
  boost::container::small_vector<std::size_t, 4> order;
  for (auto d = c.from; d < c.to && order.size() < present; d = next_day(d)) {
    auto s = plan.season(d);
    if (std::find(order.begin(), order.end(), s) == order.end()) order.push_back(s);
  }
  std::string days_text;
  for (auto s : order) {
    Context ctx = base;
    ctx.season = static_cast<int>(s);
    ctx.season_name = t.season_names[s];
    if (present > 1) {
      ctx.part = true;
      ctx.share = c.season_share(s);
      // the label's day count lives here while the part is priced (ctx.label points at it)
      days_text = " (" + count_of(c.season_days[s], "day") + ")";
      ctx.label = {", ", t.season_labels[s], days_text};
      ctx.id = {".", t.season_names[s]};
    }
    price(lines, ch.pricing, ctx);
  }
}

}  // namespace rateline::eval
