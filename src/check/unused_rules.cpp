// Periods no charge prices and day sets no period uses: warnings (W0502).
#include "check/rules.hpp"

#include <algorithm>

namespace rateline::check {

void check_unused(CheckContext& cx) {
  const auto& body = cx.tariff.body;
  for (auto& p : body.periods)
    if (!cx.period_used[p.id.text] && cx.period_used.size() > 1) {
      // only periods named by no charge at all: usage in them is still priced by
      // charges on all energy, so this is a warning
      bool any_tou_charge = std::any_of(cx.period_used.begin(), cx.period_used.end(), [](auto& kv) { return kv.second; });
      if (any_tou_charge)
        cx.warning("W0502", "period `" + p.id.text + "` is not priced by any charge", p.id.span,
                   "usage in it is only billed by charges on all energy");
    }
  // Seasons are never "unused": a season that no rule names still completes the year.
  for (auto& ds : body.day_sets)
    if (!cx.day_set_used[ds.id.text]) cx.warning("W0502", "day set `" + ds.id.text + "` is not used", ds.id.span);
}

}  // namespace rateline::check
