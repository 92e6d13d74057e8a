// eval/usage_window.cpp — the part of an interval usage a run reads (eval/usage_window.hpp).
//
// Why: a run billing one month of a file of decades classified, and kept 8 bytes for, every
// interval of the file (docs/limits.md, "Memory on a large valid usage file"). What a run
// reads of a grid is its segments' intervals, found by local day, and for demand over a
// window longer than the data, the window's intervals before them; the cut keeps those with
// room to spare, so every sum, peak and message comes out as from the whole grid.
#include "eval/usage_window.hpp"

#include <algorithm>

namespace rateline::eval {

using namespace std::chrono;

namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

IntervalSeries cut(const IntervalSeries& s, const UsageWindow& w) {
  IntervalSeries out;
  out.start = s.start + minutes(s.minutes) * static_cast<std::int64_t>(w.first);
  out.minutes = s.minutes;
  out.scale = s.scale;
  out.unit = s.unit;
  out.values.assign(s.values.begin() + static_cast<std::ptrdiff_t>(w.first), s.values.begin() + static_cast<std::ptrdiff_t>(w.last));
  for (auto m : s.missing)
    if (m >= w.first && m < w.last) out.missing.push_back(static_cast<std::uint32_t>(m - w.first));
  return out;
}

bool same_grid(const IntervalSeries& a, const IntervalSeries& b) {
  return a.start == b.start && a.minutes == b.minutes && a.values.size() == b.values.size();
}

}  // namespace

UsageWindow usage_window(const IntervalSeries& delivered, sys_days from, sys_days to, std::int32_t window_minutes) {
  const auto n = static_cast<std::int64_t>(delivered.values.size());
  if (n == 0 || delivered.minutes <= 0) return {0, static_cast<std::size_t>(n)};
  const std::int64_t step = std::int64_t{delivered.minutes} * 60;
  const std::int64_t origin = delivered.start.time_since_epoch().count();
  // A local day is its UTC day ± 1, so the interval starting by UTC day from - 3 is on a
  // local day before `from`, and the one starting at or after UTC day to + 3 after `to`:
  // a segment's first and last intervals, found by local day, fall strictly inside.
  const std::int64_t early = sys_seconds{from - days{3}}.time_since_epoch().count();
  const std::int64_t late = sys_seconds{to + days{3}}.time_since_epoch().count();
  std::int64_t first = floor_div(early - origin, step);
  std::int64_t last = floor_div(late - origin + step - 1, step) + 1;
  // Demand over k intervals: fixed blocks stay whole and aligned to the grid start, and a
  // sliding window has its k - 1 intervals before the first one read.
  std::int64_t k = 1;
  if (window_minutes > delivered.minutes && window_minutes % delivered.minutes == 0) k = window_minutes / delivered.minutes;
  first -= k;
  first = std::clamp<std::int64_t>(first, 0, n);
  last = std::clamp<std::int64_t>(last, first, n);
  first -= first % k;
  if (last % k != 0) last = std::min(n, last + (k - last % k));
  return {static_cast<std::size_t>(first), static_cast<std::size_t>(last)};
}

std::optional<IntervalUsage> cut_usage(const IntervalUsage& usage, const UsageWindow& window) {
  for (const auto* channel : {&usage.received, &usage.reactive})
    if (*channel && !same_grid(**channel, usage.delivered)) return std::nullopt;
  IntervalUsage out;
  out.delivered = cut(usage.delivered, window);
  if (usage.received) out.received = cut(*usage.received, window);
  if (usage.reactive) out.reactive = cut(*usage.reactive, window);
  out.source = usage.source;
  return out;
}

}  // namespace rateline::eval
