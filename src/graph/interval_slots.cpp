// Classifies an interval grid against a tariff's calendar, once per grid (see header).
#include "graph/interval_slots.hpp"

namespace rateline::graph {

namespace {

std::shared_ptr<const IntervalSlots> compute(const Tariff& tariff, std::chrono::sys_seconds start, std::int32_t minutes,
                                             std::size_t count) {
  auto slots = std::make_shared<IntervalSlots>();
  slots->start = start;
  slots->minutes = minutes;
  slots->slot.resize(tariff.groups.size());
  slots->runs.resize(tariff.groups.size());
  for (std::size_t g = 0; g < tariff.groups.size(); ++g) {
    const auto& group = tariff.groups[g];
    auto cal = classify_intervals(group.schedule, tariff.zone, start, minutes, count);
    const auto periods = static_cast<std::uint16_t>(group.period_names.size());
    if (g == 0) {
      slots->local_day = std::move(cal.local_day);
      slots->season.resize(count);
      for (std::size_t i = 0; i < count; ++i)
        slots->season[i] = tariff.calendar_to_season.empty() ? 0 : tariff.calendar_to_season[cal.season[i]];
      slots->misaligned = cal.misaligned;
    } else {
      slots->misaligned = std::max(slots->misaligned, cal.misaligned);
    }
    auto& out = slots->slot[g];
    out.resize(count);
    for (std::size_t i = 0; i < count; ++i)
      out[i] = static_cast<std::uint16_t>(slots->season[i] * periods + cal.period[i]);
    auto& runs = slots->runs[g];
    for (std::size_t i = 0; i < count;) {
      std::size_t j = i + 1;
      while (j < count && out[j] == out[i]) ++j;
      runs.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j), out[i]});
      i = j;
    }
  }
  return slots;
}

}  // namespace

std::shared_ptr<const IntervalSlots> interval_slots(const Tariff& tariff, std::chrono::sys_seconds start,
                                                    std::int32_t minutes, std::size_t count) {
  auto& cache = tariff.slot_cache;
  {
    std::lock_guard lock(cache.mutex);
    for (auto& e : cache.entries)
      if (e->start == start && e->minutes == minutes && e->local_day.size() == count) return e;
  }
  auto slots = compute(tariff, start, minutes, count);
  std::lock_guard lock(cache.mutex);
  if (cache.entries.size() >= 8) cache.entries.erase(cache.entries.begin());  // a few grids per tariff is the norm
  cache.entries.push_back(slots);
  return slots;
}

}  // namespace rateline::graph
