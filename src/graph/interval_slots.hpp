// graph/interval_slots.hpp — a tariff's calendar compiled for one interval grid.
//
// For every interval of a grid (start, length, count) the season and, per TOU period
// group, the slot (season × period) it aggregates into. Computed once per tariff and grid
// and cached in the tariff, so billing many customers on the same grid never touches
// dates or time zones again.
#pragma once

#include "graph/tariff_graph.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

namespace rateline::graph {

struct IntervalSlots {
  std::chrono::sys_seconds start{};
  std::int32_t minutes = 0;
  std::vector<std::int32_t> local_day;               ///< local date of each interval's start (days since 1970-01-01)
  std::vector<std::uint8_t> season;                  ///< the tariff's season index (not the calendar range)
  std::vector<std::vector<std::uint16_t>> slot;      ///< [group][interval] = season × periods(group) + period
  /// [group]: maximal runs of consecutive intervals in one slot, in time order, so the hot
  /// loop sums fixed-length stretches instead of testing the slot of every interval.
  struct Run {
    std::uint32_t start, end;
    std::uint16_t slot;
  };
  std::vector<std::vector<Run>> runs;
  std::size_t misaligned = 0;                        ///< intervals crossing a TOU period boundary
};

/// The slots for a grid, from the tariff's cache or computed (thread-safe).
std::shared_ptr<const IntervalSlots> interval_slots(const Tariff& tariff, std::chrono::sys_seconds start,
                                                    std::int32_t minutes, std::size_t count);

/// IntervalSlots::misaligned of the whole grid, without keeping anything per interval: a
/// bill classifies only the intervals it bills, but its note on misaligned intervals
/// (B0008) counts the whole usage series. Cached in the tariff like the slots.
std::size_t misaligned_intervals(const Tariff& tariff, std::chrono::sys_seconds start, std::int32_t minutes, std::size_t count);

}  // namespace rateline::graph
