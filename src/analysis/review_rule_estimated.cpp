// Rule estimated_streak: another estimated bill after estimated_after estimated bills in a
// row — the meter has not been read for too long.
#include "analysis/review_rules.hpp"
#include "core/plural.hpp"

namespace rateline::analysis_detail {

std::vector<std::string> check_estimated_streak(const RuleContext& c) {
  if (!c.bill.estimated) return {};
  int streak = 0;
  for (auto it = c.earlier.rbegin(); it != c.earlier.rend() && (*it)->estimated; ++it) ++streak;
  if (streak < c.limits.estimated_after) return {};
  return {"estimated bill after " + count_of(streak, "estimated bill") + " in a row"};
}

}  // namespace rateline::analysis_detail
