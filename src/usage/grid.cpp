// Interval grid: order, length, duplicates, overlaps and gaps (see grid.hpp).
#include "usage/grid.hpp"

#include "usage/usage_text.hpp"

#include <algorithm>
#include <numeric>
#include <string>

namespace rateline::usage_detail {

namespace {

// A guard against a typo'd year: 2204-01-01 after 2024-12-31 with gaps filled would ask
// for millions of zero intervals. 50 million is 95 years of 1-minute data.
constexpr std::int64_t kMaxIntervals = 50'000'000;
// Filling gaps costs memory the file did not pay for: a few rows years apart would ask for
// millions of zeros. A million is 23 months of 1-minute data, 28 years of 15-minute data.
constexpr std::int64_t kMaxFilledIntervals = 1'000'000;
constexpr std::size_t kNone = static_cast<std::size_t>(-1);

std::int64_t floor_mod(std::int64_t a, std::int64_t b) {
  const std::int64_t r = a % b;
  return r < 0 ? r + b : r;
}

std::string count_of(std::int64_t n, const char* singular, const char* plural) {
  return std::to_string(n) + ' ' + (n == 1 ? singular : plural);
}

// "15 minutes", "90 seconds": a step between starts, for messages.
std::string describe_step(std::int64_t seconds) {
  if (seconds % 60 == 0) return count_of(seconds / 60, "minute", "minutes");
  return count_of(seconds, "second", "seconds");
}

// "15-minute", for "the 15-minute grid".
std::string length_adjective(std::int64_t seconds) { return std::to_string(seconds / 60) + "-minute"; }

// The most common positive step between consecutive sorted starts; a tie goes to a step
// that divides a day, then to the shorter step. Real files have one step (and a few odd ones around gaps), so a short list with
// the last hit checked first beats a hash map.
template <class At>
std::optional<std::int64_t> most_common_step(std::size_t n, At&& at) {
  std::vector<std::pair<std::int64_t, std::size_t>> tally;
  std::size_t last = 0;
  for (std::size_t k = 1; k < n; ++k) {
    const std::int64_t step = at(k) - at(k - 1);
    if (step == 0) continue;  // a duplicate, reported on its own
    if (!tally.empty() && tally[last].first == step) {
      ++tally[last].second;
      continue;
    }
    auto it = std::find_if(tally.begin(), tally.end(), [&](auto& entry) { return entry.first == step; });
    if (it == tally.end()) {
      if (tally.size() >= 4096) continue;  // irregular beyond reason; the grid checks will say so
      tally.emplace_back(step, 0);
      it = tally.end() - 1;
    }
    ++it->second;
    last = static_cast<std::size_t>(it - tally.begin());
  }
  if (tally.empty()) return std::nullopt;
  auto divides_day = [](std::int64_t s) { return s % 60 == 0 && 86400 % s == 0; };
  auto better = [&](const std::pair<std::int64_t, std::size_t>& a, const std::pair<std::int64_t, std::size_t>& b) {
    if (a.second != b.second) return a.second > b.second;
    if (divides_day(a.first) != divides_day(b.first)) return divides_day(a.first);
    return a.first < b.first;
  };
  auto best = tally.front();
  for (auto& entry : tally)
    if (better(entry, best)) best = entry;
  return best.first;
}

}  // namespace

std::optional<Grid> place_on_grid(const std::vector<std::int64_t>& times, const UsageReadOptions& options,
                                  bool rows_left_out, Reporter& reporter, const RowSpan& start_span) {
  const std::size_t n = times.size();
  if (n == 0) return std::nullopt;

  // Nearly every file: one start after the other, a step apart that divides a day. One
  // pass settles it, where the walk below takes four (a batch spent some 70 instructions a
  // row here); the walk gives the same grid for such a file, and reports nothing.
  if (n >= 2) {
    const std::int64_t step = times[1] - times[0];
    const bool length_fits = !options.interval_minutes || std::int64_t{*options.interval_minutes} * 60 == step;
    if (step > 0 && step % 60 == 0 && 86400 % step == 0 && length_fits) {
      std::size_t k = 2;
      while (k < n && times[k] - times[k - 1] == step) ++k;
      if (k == n) {
        Grid grid;
        grid.minutes = static_cast<std::int32_t>(step / 60);
        grid.start = times[0];
        grid.count = n;
        grid.rows_in_order = true;
        return grid;
      }
    }
  }

  // Sorting a sorted file costs a comparison per row; only shuffled files get an index.
  // stable_sort keeps equal starts in file order, so a duplicate names the earlier line.
  const bool sorted = std::is_sorted(times.begin(), times.end());
  std::vector<std::uint32_t> order;
  if (!sorted) {
    order.resize(n);
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return times[a] < times[b]; });
  }
  auto row = [&](std::size_t k) -> std::size_t { return sorted ? k : order[k]; };
  auto at = [&](std::size_t k) { return times[row(k)]; };
  auto line = [&](std::size_t r) { return reporter.line_of(start_span(r).first); };
  auto error_at = [&](const char* code, std::size_t r, std::string message, std::string hint) {
    auto span = start_span(r);
    reporter.error(code, span.first, span.second, std::move(message), std::move(hint));
  };
  auto report_duplicate = [&](std::size_t r, std::size_t earlier) {
    error_at("U0042", r,
             "interval start " + format_utc(times[r]) + " appears twice: also on line " +
                 std::to_string(line(earlier)),
             "keep one row per interval (two readings for one interval usually mean two meters or two exports "
             "were merged)");
  };

  // ---- the interval length ----
  const std::optional<std::int64_t> step = most_common_step(n, at);
  std::int64_t len = 0;
  if (options.interval_minutes) {
    const std::int32_t m = *options.interval_minutes;
    if (m < 1 || m > 1440 || 1440 % m != 0)
      reporter.error("U0041",
                     "an interval length of " + std::to_string(m) +
                         " minutes does not divide a day into whole intervals",
                     "use a length that divides 1440 minutes, such as 5, 15, 30 or 60");
    else
      len = std::int64_t{m} * 60;
  } else if (!step) {
    reporter.error("U0040",
                   n == 1 ? "cannot tell the interval length from a single interval"
                          : "cannot tell the interval length: every row has the same start",
                   "pass the interval length (--interval 15)");
  } else if (*step % 60 != 0 || 86400 % *step != 0) {
    reporter.error("U0041",
                   "the most common step between interval starts is " + describe_step(*step) +
                       ", which does not divide a day into whole intervals",
                   "pass the interval length if the data has one (--interval 15); otherwise the starts are "
                   "irregular and cannot be rated as interval data");
  } else {
    len = *step;
  }
  if (len == 0) {
    for (std::size_t k = 1; k < n; ++k)
      if (at(k) == at(k - 1)) report_duplicate(row(k), row(k - 1));
    return std::nullopt;
  }
  const std::string grid_name = "the " + length_adjective(len) + " grid";
  std::string grid_hint = "every start must fall on " + grid_name + " of the other rows";
  if (options.interval_minutes && step && *step != len)
    grid_hint = "the starts look like " + describe_step(*step) + " apart, but the interval length was given as " +
                describe_step(len);

  // ---- the grid's phase: where the most starts fall within an interval ----
  // One stray start (14:07 in a 15-minute file) must not decide the grid, so the phase
  // is the one most rows share, and the grid starts at the first row on it.
  std::int64_t phase = floor_mod(at(0), len);
  bool one_phase = true;
  // A start one interval after the previous one shares its phase: no division needed.
  for (std::size_t k = 1; k < n && one_phase; ++k)
    one_phase = at(k) - at(k - 1) == len || floor_mod(at(k), len) == phase;
  if (!one_phase) {
    std::vector<std::pair<std::int64_t, std::size_t>> tally;
    for (std::size_t k = 0; k < n; ++k) {
      const std::int64_t p = floor_mod(at(k), len);
      auto it = std::find_if(tally.begin(), tally.end(), [&](auto& entry) { return entry.first == p; });
      if (it == tally.end())
        tally.emplace_back(p, 1);
      else
        ++it->second;
    }
    auto best = tally.front();
    for (auto& entry : tally)
      if (entry.second > best.second) best = entry;
    phase = best.first;
  }

  // ---- walk the sorted starts ----
  Grid grid;
  grid.minutes = static_cast<std::int32_t>(len / 60);
  std::size_t prev = kNone;  // sorted position of the last start on the grid
  std::int64_t missing_total = 0, gap_count = 0;
  std::size_t first_gap_row = kNone;
  std::int64_t first_gap_from = 0, first_gap_to = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t r = row(k);
    const std::int64_t t = times[r];
    if (prev != kNone && t - at(prev) == len) {  // the next interval: nearly every row
      prev = k;
      continue;
    }
    if (k > 0 && t == at(k - 1)) {
      report_duplicate(r, row(k - 1));
      continue;
    }
    if (floor_mod(t, len) != phase) {
      if (prev != kNone && t < at(prev) + len) {
        error_at("U0043", r,
                 "interval starting " + format_utc(t) + " overlaps the " + length_adjective(len) +
                     " interval starting " + format_utc(at(prev)) + " on line " + std::to_string(line(row(prev))),
                 grid_hint);
      } else {
        const std::int64_t below = t - floor_mod(t - phase, len);
        error_at("U0044", r,
                 "interval start " + format_utc(t) + " is off " + grid_name + " of the other rows (the nearest starts on it are " +
                     format_utc(below) + " and " + format_utc(below + len) + ")",
                 grid_hint);
      }
      continue;
    }
    if (prev == kNone) {
      grid.start = t;
    } else {
      if ((t - grid.start) / len >= kMaxIntervals) {
        error_at("U0047", r,
                 "the interval starts run from " + format_utc(grid.start) + " to " + format_utc(t) +
                     ", more than " + std::to_string(kMaxIntervals) + " intervals",
                 "check the year of this start and of line " + std::to_string(line(row(0))));
        return std::nullopt;
      }
      const std::int64_t before = at(prev);
      const std::int64_t missing = (t - before) / len - 1;
      if (missing > 0) {
        if (options.gaps == GapPolicy::error) {
          error_at("U0045", r,
                   "no interval from " + format_utc(before + len) + " to " + format_utc(t) + " (" +
                       count_of(missing, "interval", "intervals") + " missing) between line " +
                       std::to_string(line(row(prev))) + " and line " + std::to_string(line(r)),
                   rows_left_out ? "a row whose start could not be read (reported separately) may be the "
                                   "missing one; otherwise add the missing readings, or read with the gap "
                                   "policy `zero` to count them as 0"
                                 : "add the missing readings, or read with the gap policy `zero` to count them "
                                   "as 0");
        } else if (missing_total + missing > kMaxFilledIntervals) {
          error_at("L0009", r,
                   "filling the gap before this start would make more than " + std::to_string(kMaxFilledIntervals) +
                       " missing intervals 0 (gap policy zero)",
                   "check the date of this start and of line " + std::to_string(line(row(prev))) +
                       "; a file this incomplete is not billable interval data (docs/limits.md)");
          return std::nullopt;
        } else {
          const auto first_missing = static_cast<std::uint32_t>((before - grid.start) / len + 1);
          for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(missing); ++i) grid.missing.push_back(first_missing + i);
          if (first_gap_row == kNone) {
            first_gap_row = r;
            first_gap_from = before + len;
            first_gap_to = t;
          }
          missing_total += missing;
          ++gap_count;
        }
      }
    }
    prev = k;
  }

  if (prev == kNone) return std::nullopt;  // cannot happen: the first row of the phase is always kept
  grid.count = static_cast<std::size_t>((at(prev) - grid.start) / len + 1);
  grid.rows_in_order = sorted && grid.count == n;
  if (missing_total > 0) {
    auto span = start_span(first_gap_row);
    reporter.warning("U0046", span.first, span.second,
                     count_of(missing_total, "missing interval", "missing intervals") + " in " +
                         count_of(gap_count, "gap", "gaps") + " filled with 0 (gap policy zero)",
                     "the first gap is from " + format_utc(first_gap_from) + " to " + format_utc(first_gap_to) +
                         "; IntervalSeries::missing lists every filled interval");
  }
  return grid;
}

}  // namespace rateline::usage_detail
