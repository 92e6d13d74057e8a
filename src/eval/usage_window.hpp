// eval/usage_window.hpp — usage_window(usage, from, to, window) -> UsageWindow: the part of an interval usage a run over the days [from, to) reads, cut out so billing allocates per interval billed, not per interval of the whole file.
#pragma once

#include "rateline/usage.hpp"

#include <chrono>
#include <cstdint>
#include <optional>

namespace rateline::eval {

/// Intervals [first, last) of the usage's grid.
struct UsageWindow {
  std::size_t first = 0, last = 0;
  bool whole(const IntervalUsage& usage) const { return first == 0 && last == usage.delivered.values.size(); }
};

/// The intervals a run billing the local days [from, to) can read: those days with three
/// days to spare on each side (more than any UTC offset moves a local day), widened to
/// whole blocks of the demand window (`window_minutes`, 0 = the data's interval) and one
/// block more before, so fixed and sliding demand come out as on the whole grid.
UsageWindow usage_window(const IntervalSeries& delivered, std::chrono::sys_days from, std::chrono::sys_days to,
                         std::int32_t window_minutes);

/// The usage's intervals [first, last) as a usage of its own: every channel and the gap
/// indices cut to them. std::nullopt when a channel is not on the delivered energy's grid
/// (the biller refuses that usage, B0042, and must see it whole to say so).
std::optional<IntervalUsage> cut_usage(const IntervalUsage& usage, const UsageWindow& window);

}  // namespace rateline::eval
