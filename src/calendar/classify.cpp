// classify_intervals: season, TOU period and local day of every interval of a grid.
//
// Done once per (tariff, interval grid), so the evaluator's hot path only reads bytes.
// Speed comes from doing each kind of work as rarely as it changes:
//  * the UTC offset: one tz lookup per offset change (TimeZone::offset_at gives the span
//    over which it holds), not one per interval;
//  * season and day type (holiday lookup included): once per local day;
//  * the periods of a day's intervals: once per day PATTERN. Within one local day under
//    one offset, the intervals start at local seconds s0, s0 + len, s0 + 2·len, ..., so
//    their periods and alignment depend only on the day's minute row and s0 (days of
//    different seasons or day types with equal rows share patterns). A year has a
//    handful of patterns; each day copies its pattern's row (memcpy) instead of
//    classifying its intervals one by one. A DST day is two segments (before and after
//    the change), each with its own s0, and an interval that crosses local midnight or an
//    offset change is checked minute by minute as before.
#include "rateline/calendar.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace rateline {

namespace {

using namespace std::chrono;

constexpr std::int64_t kSecondsPerDay = 86400;
constexpr unsigned kMinutesPerDay = 1440;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// The intervals of one (season, day type) row starting at local second s0, s0 + len, ...
// before midnight: their periods, and how many of the first k that end by midnight are
// misaligned.
struct DayPattern {
  std::int64_t first_second = 0;
  std::vector<std::uint8_t> period;              // one per interval starting before midnight
  std::vector<std::uint32_t> misaligned_before;  // [k]: misaligned among intervals 0..k-1 ending by midnight
  std::vector<PeriodRun> runs;                   // `period` as maximal runs of k (Output::runs)
};

// What a classification writes besides the periods: season and local day per interval,
// nothing (a tariff's second and later TOU groups take both from the first group's), or
// both per local day. Not writing them per interval saves 5 bytes an interval of fresh
// memory on a cold grid; `runs` writes nothing per interval at all (days, and the periods
// as runs).
enum class Output { intervals, periods, days, runs };

// The whole classification. `table`, `run_ends`, `season_by_day` and `row_ids` are the schedule's
// private rows, passed in by the friend functions below.
template <class Table, class RunEnds, class SeasonByDay, class RowIds>
IntervalCalendar classify(const TouSchedule& schedule, const Table& table, const RunEnds& run_ends, const SeasonByDay& season_by_day,
                          const RowIds& row_ids, const TimeZone& zone,
                          sys_seconds start, std::int32_t minutes, std::size_t count, Output output) {
  IntervalCalendar out;
  if (count == 0) return out;
  if (minutes <= 0) throw std::invalid_argument("classify_intervals: interval length must be positive");
  if (schedule.built() && table.size() != schedule.season_count()) {
    throw std::logic_error("classify_intervals: seasons changed after TouSchedule::build");
  }
  if (output == Output::intervals) {
    out.season.resize(count);
    out.local_day.resize(count);
  }
  if (output != Output::runs) out.period.resize(count);

  // An unbuilt schedule (a tariff without TOU) is period 0 everywhere.
  static const std::array<std::uint8_t, kMinutesPerDay> no_tou_row{};
  static const std::array<std::uint16_t, kMinutesPerDay> no_tou_run_end = [] {
    std::array<std::uint16_t, kMinutesPerDay> a{};
    a.fill(static_cast<std::uint16_t>(kMinutesPerDay));
    return a;
  }();

  // What a local day needs: its season and the period row of its (season, day type).
  struct Day {
    std::int64_t number = std::numeric_limits<std::int64_t>::min();
    std::uint8_t season = 0;
    std::size_t row_key = 0;  // which patterns apply: one number for every (season, day type) with this row
    const std::uint8_t* row = nullptr;
    const std::uint16_t* run_end = nullptr;
  };
  auto load_day = [&](std::int64_t number, Day& day) {
    if (day.number == number) return;
    const sys_days local_day{days{number}};
    const year_month_day date{local_day};
    // a built schedule answers season_of from its table; a day type without holidays is the
    // day of the week, from the day number (no date conversion back)
    const std::size_t season = schedule.built() ? season_by_day[static_cast<unsigned>(date.month())][static_cast<unsigned>(date.day())]
                                                : schedule.season_of(date);
    day.number = number;
    day.season = static_cast<std::uint8_t>(season);
    if (schedule.built()) {
      const auto type = static_cast<std::size_t>(schedule.holidays.rules.empty() ? weekday_type(weekday{local_day})
                                                                                 : schedule.day_type(date));
      day.row_key = row_ids[season][type];
      day.row = table[season][type].data();
      day.run_end = run_ends[season][type].data();
    } else {
      day.row_key = 0;
      day.row = no_tou_row.data();
      day.run_end = no_tou_run_end.data();
    }
  };

  const std::int64_t len = static_cast<std::int64_t>(minutes) * 60;
  const seconds length{len};

  // Slow path of the alignment check, for an interval that crosses local midnight or an
  // offset change: split [t0, t1) into pieces within one local day and one offset, and
  // check each piece's local minutes are all in `period`.
  Day other_day;
  TimeZone::OffsetSpan other_span = zone.offset_at(start);
  auto all_in_period = [&](sys_seconds t0, sys_seconds t1, std::uint8_t period) {
    for (sys_seconds cur = t0; cur < t1;) {
      if (cur < other_span.begin || cur >= other_span.end) other_span = zone.offset_at(cur);
      const std::int64_t local = cur.time_since_epoch().count() + other_span.offset.count();
      const std::int64_t day_number = floor_div(local, kSecondsPerDay);
      load_day(day_number, other_day);
      const std::int64_t second_of_day = local - day_number * kSecondsPerDay;
      sys_seconds piece_end = cur + seconds{kSecondsPerDay - second_of_day};  // next local midnight
      if (other_span.end < piece_end) piece_end = other_span.end;
      if (t1 < piece_end) piece_end = t1;
      const auto first_minute = static_cast<std::size_t>(second_of_day / 60);
      const auto last_minute = static_cast<std::size_t>((second_of_day + (piece_end - cur).count() - 1) / 60);
      if (other_day.row[first_minute] != period || other_day.run_end[first_minute] <= last_minute) return false;
      cur = piece_end;
    }
    return true;
  };

  // Patterns by row key; a key has one pattern for ordinary days and one or two more for
  // the segments of DST days, so a short list is searched.
  std::vector<std::vector<DayPattern>> patterns(schedule.built() ? schedule.season_count() * kDayTypes : 1);
  auto pattern_for = [&](const Day& day, std::int64_t s0) -> const DayPattern& {
    auto& list = patterns[day.row_key];
    for (const auto& p : list)
      if (p.first_second == s0) return p;
    DayPattern& p = list.emplace_back();
    p.first_second = s0;
    const auto starts = static_cast<std::size_t>((kSecondsPerDay - s0 + len - 1) / len);
    const auto inner = static_cast<std::size_t>((kSecondsPerDay - s0) / len);  // intervals ending by midnight
    p.period.resize(starts);
    p.misaligned_before.assign(inner + 1, 0);
    std::int64_t second = s0;
    for (std::size_t k = 0; k < starts; ++k, second += len) {
      const auto minute = static_cast<std::size_t>(second / 60);
      p.period[k] = day.row[minute];
      if (k < inner) {
        const bool aligned = day.run_end[minute] > static_cast<std::size_t>((second + len - 1) / 60);
        p.misaligned_before[k + 1] = p.misaligned_before[k] + (aligned ? 0u : 1u);
      }
    }
    if (output == Output::runs)
      for (std::size_t k = 0; k < starts; ++k) {
        if (!p.runs.empty() && p.runs.back().period == p.period[k]) ++p.runs.back().end;
        else p.runs.push_back({static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(k + 1), p.period[k]});
      }
    return p;
  };

  Day day;
  TimeZone::OffsetSpan span = zone.offset_at(start);
  for (std::size_t i = 0; i < count;) {
    const sys_seconds t = start + length * static_cast<std::int64_t>(i);
    if (t >= span.end) span = zone.offset_at(t);
    const std::int64_t local = t.time_since_epoch().count() + span.offset.count();
    const std::int64_t day_number = floor_div(local, kSecondsPerDay);
    load_day(day_number, day);
    const std::int64_t s0 = local - day_number * kSecondsPerDay;

    // The segment: intervals from i that start on this local day under this offset.
    // `fast`: the leading ones that also END by local midnight and by the offset change.
    const std::size_t remaining = count - i;
    auto by_span = [&](bool ceil_div) {
      if (span.end == sys_seconds::max()) return remaining;
      const std::int64_t left = (span.end - t).count();
      if (left / len >= static_cast<std::int64_t>(remaining)) return remaining;
      return static_cast<std::size_t>(ceil_div ? (left + len - 1) / len : left / len);
    };
    const std::size_t n = std::min({static_cast<std::size_t>((kSecondsPerDay - s0 + len - 1) / len), by_span(true), remaining});
    const std::size_t fast = std::min({static_cast<std::size_t>((kSecondsPerDay - s0) / len), by_span(false), n});

    const DayPattern& p = pattern_for(day, s0);
    if (output == Output::runs) {
      // the segment's first n intervals of the pattern, placed at i; not merged with the
      // run before, which may be another day's
      for (const auto& r : p.runs) {
        if (r.start >= n) break;
        out.runs.push_back({static_cast<std::uint32_t>(i + r.start), static_cast<std::uint32_t>(i + std::min<std::size_t>(r.end, n)), r.period});
      }
    } else {
      std::memcpy(out.period.data() + i, p.period.data(), n);
    }
    if (output == Output::intervals) {
      std::fill_n(out.season.data() + i, n, day.season);
      std::fill_n(out.local_day.data() + i, n, static_cast<std::int32_t>(day_number));
    } else if (output == Output::days || output == Output::runs) {
      // A DST day is two segments of one day: one entry.
      auto& days = out.days;
      if (!days.empty() && days.back().local_day == day_number && days.back().season == day.season) days.back().count += n;
      else days.push_back({i, n, static_cast<std::int32_t>(day_number), day.season});
    }
    out.misaligned += p.misaligned_before[fast];
    for (std::size_t k = fast; k < n; ++k) {
      const sys_seconds tk = t + length * static_cast<std::int64_t>(k);
      if (!all_in_period(tk, tk + length, p.period[k])) ++out.misaligned;
    }
    i += n;
  }
  return out;
}

}  // namespace

IntervalCalendar classify_intervals(const TouSchedule& schedule, const TimeZone& zone, sys_seconds start,
                                    std::int32_t minutes, std::size_t count) {
  return classify(schedule, schedule.table_, schedule.run_end_, schedule.season_by_day_, schedule.row_id_, zone, start, minutes, count,
                  Output::intervals);
}

IntervalCalendar classify_periods(const TouSchedule& schedule, const TimeZone& zone, sys_seconds start,
                                  std::int32_t minutes, std::size_t count) {
  return classify(schedule, schedule.table_, schedule.run_end_, schedule.season_by_day_, schedule.row_id_, zone, start, minutes, count,
                  Output::periods);
}

IntervalCalendar classify_days(const TouSchedule& schedule, const TimeZone& zone, sys_seconds start, std::int32_t minutes,
                               std::size_t count) {
  return classify(schedule, schedule.table_, schedule.run_end_, schedule.season_by_day_, schedule.row_id_, zone, start, minutes, count,
                  Output::days);
}

IntervalCalendar classify_runs(const TouSchedule& schedule, const TimeZone& zone, sys_seconds start, std::int32_t minutes,
                               std::size_t count) {
  return classify(schedule, schedule.table_, schedule.run_end_, schedule.season_by_day_, schedule.row_id_, zone, start, minutes, count,
                  Output::runs);
}

}  // namespace rateline
