// classify_intervals: season, TOU period and local day of every interval of a grid.
//
// Done once per (tariff, interval grid), so the evaluator's hot path only reads bytes.
// Speed comes from doing each kind of work as rarely as it changes:
//  * the UTC offset: one tz lookup per offset change (TimeZone::offset_at gives the span
//    over which it holds), not one per interval;
//  * season and day type (holiday lookup included): once per local day;
//  * per interval: integer arithmetic and a table read.
#include "rateline/calendar.hpp"

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

}  // namespace

IntervalCalendar classify_intervals(const TouSchedule& schedule, const TimeZone& zone, sys_seconds start,
                                    std::int32_t minutes, std::size_t count) {
  IntervalCalendar out;
  if (count == 0) return out;
  if (minutes <= 0) throw std::invalid_argument("classify_intervals: interval length must be positive");
  if (schedule.built() && schedule.table_.size() != schedule.season_count()) {
    throw std::logic_error("classify_intervals: seasons changed after TouSchedule::build");
  }
  out.season.resize(count);
  out.period.resize(count);
  out.local_day.resize(count);

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
    const std::uint8_t* row = nullptr;
    const std::uint16_t* run_end = nullptr;
  };
  auto load_day = [&](std::int64_t number, Day& day) {
    if (day.number == number) return;
    const year_month_day date{sys_days{days{number}}};
    const std::size_t season = schedule.season_of(date);
    day.number = number;
    day.season = static_cast<std::uint8_t>(season);
    if (schedule.built()) {
      const auto type = static_cast<std::size_t>(schedule.day_type(date));
      day.row = schedule.table_[season][type].data();
      day.run_end = schedule.run_end_[season][type].data();
    } else {
      day.row = no_tou_row.data();
      day.run_end = no_tou_run_end.data();
    }
  };

  const seconds length{static_cast<std::int64_t>(minutes) * 60};

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

  Day day;
  TimeZone::OffsetSpan span = zone.offset_at(start);
  sys_seconds t = start;
  for (std::size_t i = 0; i < count; ++i, t += length) {
    if (t >= span.end) span = zone.offset_at(t);
    const std::int64_t local = t.time_since_epoch().count() + span.offset.count();
    const std::int64_t day_number = floor_div(local, kSecondsPerDay);
    load_day(day_number, day);
    const std::int64_t second_of_day = local - day_number * kSecondsPerDay;
    const auto minute = static_cast<std::size_t>(second_of_day / 60);
    const std::uint8_t period = day.row[minute];

    out.season[i] = day.season;
    out.period[i] = period;
    out.local_day[i] = static_cast<std::int32_t>(day_number);

    // Aligned when every local minute of [t, t + length) has the start's period. Usually
    // the interval ends on the same local day under the same offset: one table read.
    const std::int64_t last_second = second_of_day + length.count() - 1;
    const sys_seconds end = t + length;
    bool aligned;
    if (last_second < kSecondsPerDay && end <= span.end) {
      aligned = day.run_end[minute] > static_cast<std::size_t>(last_second / 60);
    } else {
      aligned = all_in_period(t, end, period);
    }
    if (!aligned) ++out.misaligned;
  }
  return out;
}

}  // namespace rateline
