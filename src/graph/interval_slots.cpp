// Classifies an interval grid against a tariff's calendar, once per grid (see header).
//
// The first bill of a grid pays for this (the cold case in bench/README.md), so nothing is
// written per interval: the calendar gives each day's periods as runs (classify_runs), and
// a run's slot is its day's season × periods + its period, seasons mapped through a
// 256-byte table.
#include "graph/interval_slots.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace rateline::graph {

namespace {

std::shared_ptr<const IntervalSlots> compute(const Tariff& tariff, std::chrono::sys_seconds start, std::int32_t minutes,
                                             std::size_t count) {
  auto slots = std::make_shared<IntervalSlots>();
  slots->start = start;
  slots->minutes = minutes;
  slots->runs.resize(tariff.groups.size());
  // The calendar's season ranges -> the tariff's seasons; no map: all season 0.
  std::array<std::uint8_t, 256> season_of_range{};
  for (std::size_t k = 0; k < tariff.calendar_to_season.size() && k < season_of_range.size(); ++k)
    season_of_range[k] = tariff.calendar_to_season[k];
  slots->count = count;
  for (std::size_t g = 0; g < tariff.groups.size(); ++g) {
    const auto& group = tariff.groups[g];
    // Seasons and days come from the first group; later groups need their periods only.
    auto cal = classify_runs(group.schedule, tariff.zone, start, minutes, count);
    const auto periods = static_cast<std::uint16_t>(group.period_names.size());
    if (g == 0) {
      slots->days = std::move(cal.days);
      for (auto& d : slots->days) d.season = season_of_range[d.season];
      const auto& days = slots->days;
      slots->days_in_order = !days.empty() && days.front().first == 0 &&
                             std::adjacent_find(days.begin(), days.end(), [](const CalendarDay& a, const CalendarDay& b) {
                               return b.first < a.first || b.local_day < a.local_day;
                             }) == days.end();
      slots->days_consecutive = slots->days_in_order && std::adjacent_find(days.begin(), days.end(), [](const CalendarDay& a, const CalendarDay& b) {
                                  return b.local_day != a.local_day + 1;
                                }) == days.end();
      slots->misaligned = cal.misaligned;
    } else {
      slots->misaligned = std::max(slots->misaligned, cal.misaligned);
    }
    // A period run lies within one day (one season): its slot is that season's base plus
    // its period. Runs of one slot that meet (a period across midnight) become one.
    auto& runs = slots->runs[g];
    runs.reserve(cal.runs.size());
    const auto& days = slots->days;
    std::size_t d = 0;
    for (const auto& r : cal.runs) {
      while (days[d].first + days[d].count <= r.start) ++d;
      const auto slot = static_cast<std::uint16_t>(days[d].season * periods + r.period);
      if (!runs.empty() && runs.back().end == r.start && runs.back().slot == slot) runs.back().end = r.end;
      else runs.push_back({r.start, r.end, slot});
    }
  }
  slots->cut_into_pieces();
  return slots;
}

}  // namespace

// The groups' runs merged: a piece ends where the first of the current runs ends. A
// grid's first bill pays for this, so it walks raw pointers into reserved arrays.
void IntervalSlots::cut_into_pieces() {
  pieces.clear();
  piece_slots.clear();
  kind_slots.clear();
  const std::size_t groups = runs.size();
  if (groups == 0 || count == 0) return;
  std::size_t most = 0;   // no more pieces than all the groups' runs together
  for (const auto& r : runs) most += r.size();
  constexpr std::size_t kInPlace = 8;
  std::array<const Run*, kInPlace> at_in{}, last_in{};
  std::vector<const Run*> at_heap, last_heap;
  const Run** at = at_in.data();
  const Run** last = last_in.data();
  if (groups > kInPlace) {
    at_heap.resize(groups), last_heap.resize(groups);
    at = at_heap.data(), last = last_heap.data();
  }
  for (std::size_t g = 0; g < groups; ++g) {
    // every interval is in a period of every group (the checker proves TOU coverage)
    if (runs[g].empty()) throw std::logic_error("interval slots: a period group has no runs");
    at[g] = runs[g].data(), last[g] = runs[g].data() + runs[g].size() - 1;
  }
  pieces.resize(most);
  piece_slots.resize(most * groups);
  // kinds numbered by a walk over the few seen so far, each a piece's slots packed in one
  // integer (a grid's first bill pays for this); more than four groups: no kinds
  bool numbering = groups <= 4;
  std::array<std::uint64_t, kMostKinds> kind_keys{};
  std::size_t known = 0;
  auto kind_of = [&](const std::uint16_t* slots_of_piece) -> std::uint16_t {
    std::uint64_t key = 0;
    for (std::size_t g = 0; g < groups; ++g) key = key << 16 | slots_of_piece[g];
    for (std::size_t k = 0; k < known; ++k)
      if (kind_keys[k] == key) return static_cast<std::uint16_t>(k);
    if (known == kMostKinds) {
      numbering = false;
      return 0;
    }
    kind_keys[known] = key;
    kind_slots.insert(kind_slots.end(), slots_of_piece, slots_of_piece + groups);
    return static_cast<std::uint16_t>(known++);
  };
  Piece* piece = pieces.data();
  std::uint16_t* slot = piece_slots.data();
  const auto n = static_cast<std::uint32_t>(count);
  for (std::uint32_t from = 0; from < n;) {
    std::uint32_t to = n;
    bool covered = true;
    for (std::size_t g = 0; g < groups; ++g) {
      to = std::min(to, at[g]->end);
      covered = covered && at[g]->start <= from;
    }
    if (to <= from || !covered || piece == pieces.data() + most)
      throw std::logic_error("interval slots: the runs of a period group do not cover the grid");
    *piece = {from, to};
    for (std::size_t g = 0; g < groups; ++g) {
      *slot++ = at[g]->slot;
      if (at[g]->end == to && at[g] != last[g]) ++at[g];
    }
    if (numbering) piece->kind = kind_of(slot - groups);
    ++piece;
    from = to;
  }
  pieces.resize(static_cast<std::size_t>(piece - pieces.data()));
  piece_slots.resize(pieces.size() * groups);
  if (!numbering) kind_slots.clear();
}

std::size_t IntervalSlots::first_on_or_after(std::int32_t day) const {
  // Local days in order (every grid but one across a fall-back at midnight): the intervals'
  // days are in order too, so the halving over intervals below lands on the first interval
  // of the first day entry on or after `day` (an entry with no intervals shares its `first`
  // with the next). One halving over a few hundred days, not one per interval halving.
  if (days_consecutive) {
    // the same entry the halving below finds: the first whose day is on or after `day`
    const std::int64_t k = static_cast<std::int64_t>(day) - days.front().local_day;
    if (k >= static_cast<std::int64_t>(days.size())) return count;
    return days[static_cast<std::size_t>(std::max<std::int64_t>(k, 0))].first;
  }
  if (days_in_order) {
    const auto it = std::lower_bound(days.begin(), days.end(), day, [](const CalendarDay& d, std::int32_t v) { return d.local_day < v; });
    return it == days.end() ? count : it->first;
  }
  // std::lower_bound over every interval's local day, as this was found when the day was
  // kept per interval: the same halving, so the same answer even where local days are not
  // in order (a zone that falls back across midnight repeats the day before's last hour).
  auto day_of = [&](std::size_t i) {
    auto it = std::upper_bound(days.begin(), days.end(), i, [](std::size_t k, const CalendarDay& d) { return k < d.first; });
    return std::prev(it)->local_day;
  };
  std::size_t first = 0, len = count;
  while (len > 0) {
    const std::size_t half = len >> 1, middle = first + half;
    if (day_of(middle) < day) {
      first = middle + 1;
      len -= half + 1;
    } else {
      len = half;
    }
  }
  return first;
}

std::uint16_t IntervalSlots::slot_at(std::size_t group, std::size_t i) const {
  const auto& r = runs[group];
  return std::upper_bound(r.begin(), r.end(), i, [](std::size_t k, const Run& run) { return k < run.end; })->slot;
}

std::shared_ptr<const IntervalSlots> interval_slots(const Tariff& tariff, std::chrono::sys_seconds start,
                                                    std::int32_t minutes, std::size_t count) {
  auto& cache = tariff.slot_cache;
  {
    std::lock_guard lock(cache.mutex);
    for (auto& e : cache.entries)
      if (e->start == start && e->minutes == minutes && e->count == count) return e;
  }
  auto slots = compute(tariff, start, minutes, count);
  std::lock_guard lock(cache.mutex);
  if (cache.entries.size() >= 8) cache.entries.erase(cache.entries.begin());  // a few grids per tariff is the norm
  cache.entries.push_back(slots);
  return slots;
}

std::size_t misaligned_intervals(const Tariff& tariff, std::chrono::sys_seconds start, std::int32_t minutes, std::size_t count) {
  auto& cache = tariff.slot_cache;
  {
    std::lock_guard lock(cache.mutex);
    for (auto& e : cache.misaligned)
      if (e.start == start && e.minutes == minutes && e.count == count) return e.misaligned;
  }
  // An interval is misaligned or not on its own, so the grid is counted a chunk at a time
  // (1 MiB of periods at once), as compute() counts it: the highest count of any group.
  constexpr std::size_t kChunk = std::size_t{1} << 20;
  std::size_t most = 0;
  for (const auto& group : tariff.groups) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < count; i += kChunk) {
      const auto at = start + std::chrono::minutes(minutes) * static_cast<std::int64_t>(i);
      n += classify_periods(group.schedule, tariff.zone, at, minutes, std::min(kChunk, count - i)).misaligned;
    }
    most = std::max(most, n);
  }
  std::lock_guard lock(cache.mutex);
  if (cache.misaligned.size() >= 8) cache.misaligned.erase(cache.misaligned.begin());
  cache.misaligned.push_back({start, minutes, count, most});
  return most;
}

}  // namespace rateline::graph
