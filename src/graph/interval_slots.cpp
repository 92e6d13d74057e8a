// Classifies an interval grid against a tariff's calendar, once per grid (see header).
//
// The first bill of a grid pays for this (the cold case in bench/README.md), so nothing is
// written per interval: the calendar classifies every period group in one pass over the
// days and gives the periods as pieces (classify_together); a piece's slot in a group is
// its day's season × periods + its period, seasons mapped through a 256-byte table.
#include "graph/interval_slots.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace rateline::graph {

namespace {

// Numbers the kinds of pieces in the order they first appear, by a walk over the few seen
// so far, each a piece's slots packed in one integer (a grid's first bill pays for this).
// More than four groups, or more than kMostKinds kinds: no kinds.
class KindNumbering {
 public:
  KindNumbering(std::size_t groups, std::vector<std::uint16_t>& kind_slots) : groups_(groups), kind_slots_(kind_slots), on_(groups <= 4) {}
  bool on() const { return on_; }
  std::uint16_t kind_of(const std::uint16_t* slots_of_piece) {
    std::uint64_t key = 0;
    for (std::size_t g = 0; g < groups_; ++g) key = key << 16 | slots_of_piece[g];
    for (std::size_t k = 0; k < known_; ++k)
      if (keys_[k] == key) return static_cast<std::uint16_t>(k);
    if (known_ == IntervalSlots::kMostKinds) {
      on_ = false;
      return 0;
    }
    keys_[known_] = key;
    kind_slots_.insert(kind_slots_.end(), slots_of_piece, slots_of_piece + groups_);
    return static_cast<std::uint16_t>(known_++);
  }

 private:
  std::size_t groups_;
  std::vector<std::uint16_t>& kind_slots_;
  bool on_;
  std::array<std::uint64_t, IntervalSlots::kMostKinds> keys_{};
  std::size_t known_ = 0;
};

std::shared_ptr<const IntervalSlots> compute(const Tariff& tariff, std::chrono::sys_seconds start, std::int32_t minutes,
                                             std::size_t count) {
  auto slots = std::make_shared<IntervalSlots>();
  slots->start = start;
  slots->minutes = minutes;
  slots->count = count;
  const std::size_t groups = tariff.groups.size();
  slots->runs.resize(groups);
  if (groups == 0 || count == 0) return slots;
  // All groups in one pass over the days; seasons and days come from the first group.
  std::vector<const TouSchedule*> schedules;
  for (const auto& group : tariff.groups) schedules.push_back(&group.schedule);
  auto cal = classify_together(schedules, tariff.zone, start, minutes, count);

  // The calendar's season ranges -> the tariff's seasons; no map: all season 0.
  std::array<std::uint8_t, 256> season_of_range{};
  for (std::size_t k = 0; k < tariff.calendar_to_season.size() && k < season_of_range.size(); ++k)
    season_of_range[k] = tariff.calendar_to_season[k];
  slots->days = std::move(cal.days);
  std::size_t seasons = 1;  // of the tariff, as many as the days name
  for (auto& d : slots->days) {
    d.season = season_of_range[d.season];
    seasons = std::max<std::size_t>(seasons, d.season + 1u);
  }
  const auto& days = slots->days;
  slots->days_in_order = !days.empty() && days.front().first == 0 &&
                         std::adjacent_find(days.begin(), days.end(), [](const CalendarDay& a, const CalendarDay& b) {
                           return b.first < a.first || b.local_day < a.local_day;
                         }) == days.end();
  slots->days_consecutive = slots->days_in_order && std::adjacent_find(days.begin(), days.end(), [](const CalendarDay& a, const CalendarDay& b) {
                              return b.local_day != a.local_day + 1;
                            }) == days.end();
  slots->misaligned = *std::max_element(cal.misaligned.begin(), cal.misaligned.end());

  // A calendar piece lies within one day (one season): its slot in a group is that season's
  // base plus its period there. Pieces with the same slots in every group that meet (across
  // midnight, or two seasons of the calendar that are one season of the tariff) become one,
  // so a piece ends exactly where some group's slot changes: what cut_into_pieces makes
  // from the runs. The slots of each (combination of periods, season) are worked out once
  // and numbered by first appearance (`ids`), so a piece costs a table read.
  const std::size_t combinations = cal.periods.size() / groups;
  constexpr std::uint32_t kUnseen = ~0u;
  std::vector<std::uint32_t> id_of(combinations * seasons, kUnseen);
  std::vector<std::uint16_t> id_slots;  // [id × groups + g]
  std::vector<std::uint16_t> id_kind;
  KindNumbering kinds(groups, slots->kind_slots);
  auto id_for = [&](std::uint32_t combination, std::size_t season) {
    std::uint32_t& id = id_of[combination * seasons + season];
    if (id != kUnseen) return id;
    const std::size_t base = id_slots.size();
    for (std::size_t g = 0; g < groups; ++g)
      id_slots.push_back(static_cast<std::uint16_t>(season * tariff.groups[g].period_names.size() + cal.periods[combination * groups + g]));
    // two combinations in two calendar seasons of one tariff season can give the same slots
    for (std::size_t other = 0; other < id_kind.size(); ++other)
      if (std::equal(id_slots.begin() + static_cast<std::ptrdiff_t>(other * groups), id_slots.begin() + static_cast<std::ptrdiff_t>((other + 1) * groups),
                     id_slots.begin() + static_cast<std::ptrdiff_t>(base))) {
        id_slots.resize(base);
        return id = static_cast<std::uint32_t>(other);
      }
    id_kind.push_back(kinds.on() ? kinds.kind_of(id_slots.data() + base) : 0);
    return id = static_cast<std::uint32_t>(id_kind.size() - 1);
  };
  auto& pieces = slots->pieces;
  std::vector<std::uint32_t> piece_ids;
  pieces.reserve(cal.pieces.size());
  piece_ids.reserve(cal.pieces.size());
  const CalendarDay* day = days.data();
  std::uint32_t last_id = kUnseen;
  for (const PeriodPiece& from : cal.pieces) {
    while (day->first + day->count <= from.start) ++day;
    const std::uint32_t id = id_for(from.periods, day->season);
    if (id == last_id && pieces.back().end == from.start) {
      pieces.back().end = from.end;
      continue;
    }
    pieces.push_back({from.start, from.end, id_kind[id]});
    piece_ids.push_back(id);
    last_id = id;
  }
  if (!kinds.on()) {
    slots->kind_slots.clear();
    for (auto& piece : pieces) piece.kind = 0;
  }
  if (pieces.empty() || pieces.front().start != 0 || pieces.back().end != count)
    throw std::logic_error("interval slots: the calendar's pieces do not cover the grid");
  auto& piece_slots = slots->piece_slots;
  piece_slots.resize(pieces.size() * groups);
  for (std::size_t k = 0; k < pieces.size(); ++k)
    std::copy_n(id_slots.data() + piece_ids[k] * groups, groups, piece_slots.data() + k * groups);
  // A group's runs: its slot's stretches, the pieces joined where it stays.
  for (std::size_t g = 0; g < groups; ++g) {
    auto& runs = slots->runs[g];
    runs.reserve(pieces.size());
    for (std::size_t k = 0; k < pieces.size(); ++k) {
      const std::uint16_t slot = piece_slots[k * groups + g];
      if (!runs.empty() && runs.back().slot == slot) runs.back().end = pieces[k].end;
      else runs.push_back({pieces[k].start, pieces[k].end, slot});
    }
    runs.shrink_to_fit();  // the grid is cached: keep no more than it holds
  }
  return slots;
}

}  // namespace

// The groups' runs merged: a piece ends where the first of the current runs ends. What
// compute() makes from the calendar's pieces, from the runs instead (the tests' reference).
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
  KindNumbering kinds(groups, kind_slots);
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
    if (kinds.on()) piece->kind = kinds.kind_of(slot - groups);
    ++piece;
    from = to;
  }
  pieces.resize(static_cast<std::size_t>(piece - pieces.data()));
  piece_slots.resize(pieces.size() * groups);
  if (!kinds.on()) kind_slots.clear();
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
