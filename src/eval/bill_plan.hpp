// eval/bill_plan.hpp — BillPlan: what every bill of a tariff would otherwise work out again (which pricing trees split by season, the season of each day of the year, the versions' dates as text, tier ids, plain tier limits, what each period and tier adds to a line's label and id), made once per tariff on its first bill and kept in the tariff.
//
// A customer-year of a small tariff is a few dozen line items; what they cost is mostly
// fixed work per bill, not arithmetic. The plan holds the parts of that work that depend
// only on the tariff. It is immutable once made and lives in the tariff's cache
// (graph::Tariff::plan_cache), so one compiled tariff stays safe to bill on many threads.
#pragma once

#include "eval/tier_values.hpp"
#include "graph/tariff_graph.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace rateline::eval {

struct BillPlan {
  /// Per pricing id: whether its tree has a `by season` table (the charge is split into season parts).
  std::vector<std::uint8_t> by_season;
  /// [month][day]: the tariff's season index. Seasons are ranges of month and day
  /// (calendar's TouSchedule::season_of reads nothing else), so one table serves every year.
  std::array<std::array<std::uint8_t, 32>, 13> season_of_day{};
  /// [(month × 33 + day) × seasons + season]: the days of that season among days 1 .. day - 1
  /// of the month (day 32 counts a whole month), so a bill counts its days of each season
  /// with a subtraction a month, not a step a day.
  std::vector<std::uint8_t> season_days_before;
  std::size_t seasons = 1;
  /// The effective date of each version as a line item shows it: [0] the tariff's, [r + 1] revision r's.
  std::vector<std::string> versions;
  /// ".t1", ".t2" ...: the ids of the tiers of a table without nested blocks, for the longest table.
  std::vector<std::string> tier_ids;
  /// Per pricing id: the limits of a tier table whose every bound is a plain per-bill amount
  /// (no nested blocks, no limit rounding, a tariff that does not prorate them), which every
  /// whole bill uses as they are; empty for any other table. Resolving them afresh was
  /// copies and comparisons per tiered charge per bill.
  std::vector<TierLimits> fixed_limits;
  /// [pricing id][tier]: what the tier adds to a line's label, ", over 100 kWh" (nothing for
  /// a table of one tier). [group][period]: what the period adds to a line's label and id,
  /// ", On-peak" and ".on_peak". One piece each, joined once per tariff: a line's label was
  /// otherwise its separators and names copied one by one.
  std::vector<std::vector<std::string>> tier_label_parts;
  std::vector<std::vector<std::string>> period_label_parts, period_id_parts;

  /// The fixed limits of pricing `id`, or null (see fixed_limits: a table has at least one tier).
  const TierLimits* limits_of(std::uint32_t id) const { return id < fixed_limits.size() && !fixed_limits[id].empty() ? &fixed_limits[id] : nullptr; }

  std::size_t season(std::chrono::year_month_day day) const {
    return season_of_day[static_cast<unsigned>(day.month())][static_cast<unsigned>(day.day())];
  }
  bool has_by_season(std::uint32_t pricing) const { return pricing != graph::kNone && by_season[pricing] != 0; }
};

/// The tariff's plan: made on the first call (thread-safe), then the same one.
const BillPlan& bill_plan(const graph::Tariff& tariff);

}  // namespace rateline::eval
