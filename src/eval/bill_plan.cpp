// eval/bill_plan.cpp — a tariff's bill plan, made once (eval/bill_plan.hpp).
#include "eval/bill_plan.hpp"

#include "eval/pricing.hpp"
#include "rateline/calendar.hpp"

#include <algorithm>
#include <memory>
#include <mutex>

namespace rateline::eval {

using namespace std::chrono;

namespace {

std::shared_ptr<const BillPlan> make_plan(const graph::Tariff& t) {
  auto plan = std::make_shared<BillPlan>();
  plan->by_season.resize(t.pricing.size());
  std::size_t longest = 0;
  for (std::uint32_t id = 0; id < t.pricing.size(); ++id) {
    plan->by_season[id] = has_by_season(t, id) ? 1 : 0;
    longest = std::max({longest, t.pricing[id].tiers.upper.size(), t.pricing[id].tiers.labels.size()});
  }
  if (!t.season_names.empty()) {
    // any year: only the month and the day are read (February 29 included)
    for (unsigned m = 1; m <= 12; ++m)
      for (unsigned d = 1; d <= 31; ++d)
        plan->season_of_day[m][d] = t.calendar_to_season[t.groups[0].schedule.season_on({m, d})];
  }
  plan->seasons = std::max<std::size_t>(1, t.season_names.size());
  plan->season_days_before.assign(13 * 33 * plan->seasons, 0);
  for (unsigned m = 1; m <= 12; ++m)
    for (unsigned d = 1; d <= 31; ++d)
      for (std::size_t s = 0; s < plan->seasons; ++s)
        plan->season_days_before[(m * 33 + d + 1) * plan->seasons + s] =
            static_cast<std::uint8_t>(plan->season_days_before[(m * 33 + d) * plan->seasons + s] + (plan->season_of_day[m][d] == s ? 1 : 0));
  plan->versions.push_back(format_date(t.info.effective));
  for (auto& r : t.revisions) plan->versions.push_back(format_date(r.effective));
  plan->fixed_limits.resize(t.pricing.size());
  if (t.proration == graph::Proration::none && !t.limit_rounding)
    for (std::uint32_t id = 0; id < t.pricing.size(); ++id) {
      const auto& tt = t.pricing[id].tiers;
      if (t.pricing[id].kind != graph::Pricing::Kind::tiers) continue;
      const bool plain = std::all_of(tt.nested.begin(), tt.nested.end(), [](std::uint32_t n) { return n == graph::kNone; }) &&
                         std::all_of(tt.upper.begin(), tt.upper.end(), [](const auto& b) { return !b || b->unit == graph::BoundUnit::per_bill; });
      if (!plain) continue;
      for (const auto& b : tt.upper) plan->fixed_limits[id].push_back(b ? std::optional<Decimal>(b->amount) : std::nullopt);
    }
  plan->tier_label_parts.resize(t.pricing.size());
  for (std::uint32_t id = 0; id < t.pricing.size(); ++id) {
    const auto& labels = t.pricing[id].tiers.labels;
    for (const auto& label : labels) plan->tier_label_parts[id].push_back(labels.size() > 1 ? ", " + label : std::string());
  }
  for (const auto& group : t.groups) {
    auto& label_parts = plan->period_label_parts.emplace_back();
    auto& id_parts = plan->period_id_parts.emplace_back();
    for (std::size_t k = 0; k < group.period_names.size(); ++k) {
      label_parts.push_back(", " + (k < group.period_labels.size() ? group.period_labels[k] : group.period_names[k]));
      id_parts.push_back("." + group.period_names[k]);
    }
  }
  for (std::size_t k = 0; k < longest; ++k) plan->tier_ids.push_back(".t" + std::to_string(k + 1));
  return plan;
}

}  // namespace

const BillPlan& bill_plan(const graph::Tariff& t) {
  // a plain lock per tariff, once per bill run (helgrind cannot see through call_once's
  // lock-free fast path)
  auto& cache = t.plan_cache;
  std::lock_guard lock(cache.mutex);
  if (!cache.plan) cache.plan = make_plan(t);
  return *static_cast<const BillPlan*>(cache.plan.get());
}

}  // namespace rateline::eval
