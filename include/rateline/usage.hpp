// rateline/usage.hpp — metered usage: interval data and how it is read.
//
// Interval values are kept as scaled integers (value = raw × 10^-scale) on a fixed grid
// of equal intervals, so the hot path aggregates in integers and nothing passes through
// binary floating point. Readers report every problem (gap, overlap, duplicate,
// non-numeric, negative, empty value, bad timestamp) as a Diagnostic naming the file,
// line and value; nothing is dropped or guessed silently.
//
//   rateline::UsageReadOptions options;            // gaps are errors unless a policy says so
//   auto result = rateline::read_interval_csv_file("examples/usage/house.csv", options);
//   if (!result.usage) { for (auto& d : result.diagnostics) std::cerr << rateline::render(d); }
//   const rateline::IntervalSeries& kwh = result.usage->delivered;
#pragma once

#include "rateline/diagnostic.hpp"
#include "rateline/time_zone.hpp"
#include "rateline/unit.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rateline {

/// Equal intervals on a grid starting at `start` (UTC). values[i] covers
/// [start + i·minutes, start + (i+1)·minutes). `unit` is Unit::kWh when each value is the
/// energy of its interval and Unit::kW when it is the average power over the interval
/// (the SAM load format); either way energy = value × minutes / 60 for kW, = value for kWh.
struct IntervalSeries {
  std::chrono::sys_seconds start{};
  std::int32_t minutes = 60;
  std::int32_t scale = 0;             ///< decimal places of every value
  Unit unit = Unit::kWh;              ///< kWh per interval, or kW average over the interval
  std::vector<std::int64_t> values;   ///< one per interval, no holes
  std::vector<std::uint32_t> missing; ///< indices that were gaps filled by GapPolicy::zero (sorted)

  std::chrono::sys_seconds end() const { return start + std::chrono::minutes(minutes) * static_cast<std::int64_t>(values.size()); }
  bool empty() const { return values.empty(); }
};

/// Usage for one account and meter: delivered energy and optional other channels on the
/// same grid (received = exported energy for net metering, reactive = kVARh).
struct IntervalUsage {
  IntervalSeries delivered;
  std::optional<IntervalSeries> received;
  std::optional<IntervalSeries> reactive;
  std::string source;  ///< file name or description, for messages
};

/// What to do with a missing interval. There is no silent default: `error` unless the
/// caller names another policy.
enum class GapPolicy { error, zero };

struct UsageReadOptions {
  std::optional<std::int32_t> interval_minutes;  ///< --interval; inferred from the data when absent
  GapPolicy gaps = GapPolicy::error;
  std::string time_zone;                          ///< zone for timestamps without an offset ("" = offset required)
  LocalTimePolicy local_time = LocalTimePolicy::error;
  /// SAM load files ("kW_60min"/"kW_15min", one value per line) carry no timestamps:
  /// the local start of the first interval, in time_zone (required for that format).
  std::optional<std::chrono::local_seconds> sam_start;
  /// read_interval_csv_file refuses a larger file (L0001) before reading it (docs/limits.md).
  std::uint64_t max_file_bytes = std::uint64_t{1} << 30;
};

struct UsageReadResult {
  std::optional<IntervalUsage> usage;   ///< present when there are no errors
  /// Errors and warnings (codes U0001..U0099, docs/usage-format.md), each naming file:line,
  /// in file order; at most 50 errors, then a U0099 note counting the rest.
  std::vector<Diagnostic> diagnostics;
};

/// Reads interval CSV text. Format (docs/usage-format.md): a header naming the columns,
/// `start` (ISO-8601 with `Z` or ±hh:mm, or local if options.time_zone is set) and one of
/// `kwh` (energy per interval) or `kw` (average power); optional `kwh_received`, `kvarh`.
/// Rows may come in any order. Also accepts the SAM one-column load format when the first
/// line is `kW_60min` / `kW_15min` / `kW_<n>min` (needs options.sam_start).
UsageReadResult read_interval_csv(std::string_view text, const std::string& path, const UsageReadOptions& options);
/// Reads a file (throws std::runtime_error if it cannot be opened) and calls read_interval_csv;
/// a file larger than options.max_file_bytes is refused unread (L0001).
UsageReadResult read_interval_csv_file(const std::string& path, const UsageReadOptions& options);

}  // namespace rateline
