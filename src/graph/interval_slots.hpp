// graph/interval_slots.hpp — a tariff's calendar compiled for one interval grid.
//
// For every interval of a grid (start, length, count) the season and, per TOU period
// group, the slot (season × period) it aggregates into. Computed once per tariff and grid
// and cached in the tariff, so billing many customers on the same grid never touches
// dates or time zones again.
#pragma once

#include "graph/tariff_graph.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

namespace rateline::graph {

struct IntervalSlots {
  std::chrono::sys_seconds start{};
  std::int32_t minutes = 0;
  std::size_t count = 0;                             ///< intervals in the grid
  /// The local days of the grid in time order, each with its intervals and the tariff's
  /// season index (not the calendar range): a few hundred entries a year, where one per
  /// interval cost the first bill of a grid 5 bytes an interval of fresh memory.
  std::vector<CalendarDay> days;
  /// days start at interval 0 and their `first` and `local_day` never go back (false only
  /// where a zone falls back across midnight): first_on_or_after can halve over days.
  bool days_in_order = false;
  /// ... and one entry a day, day after day without a gap: the entry of a day is found by
  /// subtraction (first_on_or_after, twice a bill).
  bool days_consecutive = false;
  /// [group]: maximal runs of consecutive intervals in one slot (season × periods(group) +
  /// period), in time order and covering the grid, so the hot loop sums fixed-length
  /// stretches. Nothing is kept per interval: a grid's first bill paid for every byte of it.
  struct Run {
    std::uint32_t start, end;
    std::uint16_t slot;
  };
  std::vector<std::vector<Run>> runs;
  /// Every group's runs cut at the other groups' boundaries, in time order and covering the
  /// grid: the intervals of a piece share one slot in every group, so the hot loop sums and
  /// peaks each piece once for all groups (eval::aggregate_pieces) where it would otherwise
  /// read every value once per group. Empty when the grid is.
  /// A piece's `kind` numbers its slots in every group: pieces of one kind (on-peak in
  /// summer in both groups, say) can share one accumulator, so a bill's pass adds
  /// across pieces and reduces once per kind, not once per piece.
  struct Piece {
    std::uint32_t start, end;
    std::uint16_t kind = 0;
  };
  std::vector<Piece> pieces;
  /// [piece × groups + group]: the piece's slot in that group.
  std::vector<std::uint16_t> piece_slots;
  /// At most this many kinds are numbered (a few seasons × periods × groups have under
  /// a dozen); a grid with more has none (kind_slots empty) and is summed piece by piece.
  static constexpr std::size_t kMostKinds = 64;
  /// [kind × groups + group]: the slot in that group of the pieces of that kind.
  std::vector<std::uint16_t> kind_slots;
  std::size_t kinds() const { return runs.empty() ? 0 : kind_slots.size() / runs.size(); }

  /// Fills pieces, piece_slots and kind_slots from runs. Runs that do not cover the grid
  /// are a broken invariant (std::logic_error), never a bill with intervals left out.
  /// interval_slots() makes the same pieces straight from the calendar's; this is how the
  /// tests check them.
  void cut_into_pieces();
  std::size_t misaligned = 0;                        ///< intervals crossing a TOU period boundary

  /// The first interval whose local start day is `day` or later (`count` if none): where a
  /// billing period starting that day begins in the grid.
  std::size_t first_on_or_after(std::int32_t day) const;

  /// The slot of interval i (< count) of `group`, by halving over its runs.
  std::uint16_t slot_at(std::size_t group, std::size_t i) const;

  /// Calls visit(i, slot) for the intervals i of [first, last) of `group`, in order, until
  /// it returns true; returns that i, or `last` when it never did.
  template <class Visit>
  std::size_t find_interval(std::size_t group, std::size_t first, std::size_t last, Visit&& visit) const {
    const auto& r = runs[group];
    auto it = std::upper_bound(r.begin(), r.end(), first, [](std::size_t i, const Run& run) { return i < run.end; });
    for (; it != r.end() && it->start < last; ++it)
      for (std::size_t i = std::max<std::size_t>(first, it->start), end = std::min<std::size_t>(last, it->end); i < end; ++i)
        if (visit(i, it->slot)) return i;
    return last;
  }
};

/// The slots for a grid, from the tariff's cache or computed (thread-safe).
std::shared_ptr<const IntervalSlots> interval_slots(const Tariff& tariff, std::chrono::sys_seconds start,
                                                    std::int32_t minutes, std::size_t count);

/// IntervalSlots::misaligned of the whole grid, without keeping anything per interval: a
/// bill classifies only the intervals it bills, but its note on misaligned intervals
/// (B0008) counts the whole usage series. Cached in the tariff like the slots.
std::size_t misaligned_intervals(const Tariff& tariff, std::chrono::sys_seconds start, std::int32_t minutes, std::size_t count);

}  // namespace rateline::graph
