// rateline/calendar.hpp — seasons, day types, holidays, time zones and TOU tables.
//
// A tariff's calendar says, for every local minute, which season and time-of-use period
// it belongs to. It is compiled once per tariff into a table
//   period = table[season][day type][minute of day]
// and then once per interval grid into an IntervalCalendar (one byte per interval), so
// the hot path never touches dates or time zones.
//
//   rateline::TouSchedule schedule;
//   schedule.seasons = {{"summer", {6, 1}, {9, 30}}, {"winter", {10, 1}, {5, 31}}};
//   schedule.holidays = rateline::nerc_holidays();
//   rateline::TouRule weekday_afternoon{~0u, 0b0001'1111, {{14 * 60, 19 * 60}}};
//   auto problems = schedule.build({{"on_peak", {weekday_afternoon}, false},
//                                   {"off_peak", {}, true}}, 2025);   // period_names filled
//   auto zone = rateline::TimeZone::locate("America/New_York").value();
//   auto cal = rateline::classify_intervals(schedule, zone, series.start, series.minutes,
//                                           series.values.size());
//   cal.period[i];   // TOU period of interval i, by its local start time
//
// Conventions (the tariff checker relies on these):
//  * Everything is by the LOCAL clock of the tariff's zone. On the spring-forward day the
//    skipped hour simply has no intervals; on the fall-back day the repeated hour's
//    intervals each get the period their local clock time says (both 01:30s are "01:30").
//  * A holiday is its own day type: on a holiday, rules for Mon..Fri do not apply.
//  * A minute range [from, to) with to < from wraps past midnight WITHIN THE SAME DAY TYPE:
//    22:00-06:00 on weekdays covers 00:00-06:00 and 22:00-24:00 of every weekday (the
//    way rate sheets and URDB's 24-hour weekday/weekend grids mean it); it does not spill
//    from Friday night into Saturday morning.
#pragma once

#include "rateline/time_zone.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rateline {

/// A month and day in any year (seasons and fixed-date holidays).
struct MonthDay {
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
  friend auto operator<=>(const MonthDay&, const MonthDay&) = default;
};

/// How a holiday falling on a weekend is observed.
enum class Observance {
  none,             ///< on the date itself
  nearest_weekday,  ///< Saturday -> Friday before, Sunday -> Monday after (US federal rule)
  sunday_to_monday, ///< only Sunday moves (to Monday); Saturday stays (the NERC rule)
};

/// One holiday rule. The observance applies to every single-date kind (fixed_date,
/// nth_weekday, last_weekday, one_off); a range is taken day by day as written.
/// A rule that names no real date in some year (Feb 29 in 2025, the 5th Monday of a
/// month that has four, a weekday > 6) simply has no holiday that year.
struct HolidayRule {
  enum class Kind { fixed_date, nth_weekday, last_weekday, one_off, range };
  Kind kind = Kind::fixed_date;
  std::string name;
  MonthDay date;                        ///< fixed_date: month/day; nth/last_weekday: month only
  unsigned weekday = 1;                 ///< nth/last_weekday: 0 = Sunday ... 6 = Saturday
  unsigned nth = 1;                     ///< nth_weekday: 1..5
  Observance observance = Observance::none;
  std::chrono::year_month_day from{};   ///< one_off (date) and range (first day)
  std::chrono::year_month_day to{};     ///< range: last day, inclusive
};

/// A named set of holiday rules (e.g. the NERC holidays).
///
/// An observed date can fall in a different calendar year than the holiday itself: New
/// Year's Day 2022 was a Saturday, observed (nearest_weekday) on Friday 2021-12-31. Both
/// contains() and in_year() go by the OBSERVED date: contains(2021-12-31) is true,
/// in_year(2021) lists 2021-12-31 and in_year(2022) has no New Year's Day.
///
/// Nothing is cached: contains() evaluates the rules for the date directly (a month
/// comparison rejects almost every rule), so it is cheap, allocation-free and safe to call
/// from any number of threads, and editing `rules` never leaves a stale cache behind.
class HolidayCalendar {
 public:
  std::string name;
  std::vector<HolidayRule> rules;

  /// True when `date` is the observed date of some rule (or inside a range).
  bool contains(std::chrono::year_month_day date) const;
  /// The observed dates of every rule in a year, sorted (by date, then name), with the
  /// rule's name. Two rules on one date give two entries; a range gives one entry per day.
  std::vector<std::pair<std::chrono::year_month_day, std::string>> in_year(int year) const;
};

/// The six NERC off-peak holidays: New Year's Day (Jan 1), Memorial Day (last Monday of
/// May), Independence Day (Jul 4), Labor Day (1st Monday of September), Thanksgiving
/// (4th Thursday of November) and Christmas Day (Dec 25). NERC moves a Sunday holiday to
/// Monday and leaves a Saturday holiday on Saturday (Observance::sunday_to_monday).
HolidayCalendar nerc_holidays();

/// Day types: the days of the week and holidays. A holiday is its own day type: on a
/// holiday, rules for "weekday" or "Mon" do not apply.
enum class DayType : std::uint8_t { mon, tue, wed, thu, fri, sat, sun, holiday };
constexpr std::size_t kDayTypes = 8;
/// The DayType of a day of the week (never holiday).
constexpr DayType weekday_type(std::chrono::weekday wd) {
  // c_encoding: 0 = Sunday .. 6 = Saturday; DayType starts on Monday
  return static_cast<DayType>((wd.c_encoding() + 6) % 7);
}
/// "Mon", "Tue", ..., "Sun", "holiday".
std::string_view to_string(DayType day);

/// A season: an inclusive range of month/days, which may wrap past 31 Dec (Oct 1 - May 31).
struct Season {
  std::string name;
  MonthDay from;
  MonthDay to;
};

/// One rule of a TOU period: the seasons, day types and minutes of the day it covers.
struct TouRule {
  std::uint32_t season_mask = ~0u;          ///< bit s = season s (all seasons when ~0)
  std::uint8_t day_mask = 0xff;             ///< bit d = DayType d (bit 7 = holiday)
  /// [from, to) in minutes of the local day, 0..1440; to < from wraps past midnight
  /// (22:00-06:00, see the conventions above); to == 1440 is the end of the day.
  /// from == to is an EMPTY range (not a whole day): the tariff checker should flag it.
  /// Values past 1440 are clamped to 1440. An empty vector = the whole day.
  std::vector<std::pair<std::uint16_t, std::uint16_t>> minutes;
};

struct TouPeriodDef {
  std::string name;
  std::vector<TouRule> rules;
  bool otherwise = false;  ///< takes every minute no other period has
};

/// One coverage problem: a run of minutes of a (season, day type) that no period or more
/// than one period covers, with a concrete example date to show the analyst.
struct TouCoverageProblem {
  enum class Kind { gap, overlap } kind = Kind::gap;
  std::size_t season = 0;
  DayType day = DayType::mon;
  std::uint16_t minute = 0;              ///< first minute of the problem run
  std::uint16_t minute_end = 0;          ///< end of the run (exclusive)
  std::vector<std::size_t> periods;      ///< for overlaps: the periods that collide (ascending)
  std::chrono::year_month_day example{}; ///< a date of that season and day type
};

struct IntervalCalendar;
struct GroupedCalendar;

/// The compiled calendar of a tariff. Immutable once built; safe to share across threads.
///
/// Seasons should partition the year (the tariff checker verifies it). If they overlap,
/// the first listed season holding a date wins; a date in no season goes to season 0.
/// Feb 29 belongs to the season that holds it as written ("Dec 1 - Feb 29"); if no season
/// names it, to the season of Feb 28, since "Dec 1 - Feb 28" means "through February".
class TouSchedule {
 public:
  std::vector<Season> seasons;             ///< empty means one season, all year
  HolidayCalendar holidays;                ///< empty rules = no holidays
  std::vector<std::string> period_names;   ///< index = period id; empty = no TOU (one period)

  /// Builds the minute table from the periods (period id = index in `periods`) and sets
  /// period_names to their names; with no periods every minute is period 0 and
  /// period_names is left as it is.
  ///
  /// Returns the coverage problems (empty when every minute of every day type of every
  /// season is in exactly one period), one per contiguous run of minutes with the same
  /// (season, day type, kind, periods), ordered by season, day type, minute.
  ///  * gap: no period's rules cover the minute and no period is `otherwise`; the table
  ///    holds period 0 there.
  ///  * overlap: two or more periods' rules cover it (the table holds the lowest id), or
  ///    two or more `otherwise` periods compete for an uncovered minute.
  /// `example_year` picks the example dates: the first date of that year in the season
  /// with the day type; for holidays the first holiday of the year in the season, or if
  /// there is none, the first date of the season (still reported: the rule is wrong the
  /// moment such a holiday exists).
  ///
  /// Throws std::invalid_argument for more than 32 seasons (season_mask has 32 bits) or
  /// more than 256 periods (ids are one byte): limits the tariff checker enforces first.
  std::vector<TouCoverageProblem> build(const std::vector<TouPeriodDef>& periods, int example_year);

  /// False until build() has run; an unbuilt schedule classifies everything as period 0.
  bool built() const { return !table_.empty(); }
  std::size_t season_count() const { return seasons.empty() ? 1 : seasons.size(); }
  std::size_t season_of(std::chrono::year_month_day date) const;
  /// season_of for a month and day of any year (February 29 included; any other day past
  /// the month's end as season_of takes it): once built, read from the table that build()
  /// made, so a whole year of days costs a read each.
  std::size_t season_on(MonthDay md) const;
  /// DayType::holiday if `holidays` contains the date, else its day of the week.
  DayType day_type(std::chrono::year_month_day date) const;
  /// Needs build(); season < season_count(), minute_of_day < 1440.
  std::uint8_t period_at(std::size_t season, DayType day, unsigned minute_of_day) const {
    return table_[season][static_cast<std::size_t>(day)][minute_of_day];
  }

 private:
  using DayRow = std::array<std::uint8_t, 1440>;
  std::vector<std::array<DayRow, kDayTypes>> table_;
  // run_end_[s][d][m]: the first minute after m whose period differs from minute m's
  // (1440 if none). classify_intervals uses it to tell in O(1) whether an interval's
  // span stays within one period.
  std::vector<std::array<std::array<std::uint16_t, 1440>, kDayTypes>> run_end_;
  // season_by_day_[month][day]: season_of for every month and day, made by build() from
  // `seasons` as they were then (classify reads it instead of searching the seasons each day).
  std::array<std::array<std::uint8_t, 32>, 13> season_by_day_{};
  // row_id_[s][d]: the same number for (season, day type) pairs whose minute rows are equal
  // (a summer Monday and Tuesday), so classify works out one day pattern for all of them.
  std::vector<std::array<std::uint16_t, kDayTypes>> row_id_;

  // The classify_* functions read the rows directly (declared below).
  friend IntervalCalendar classify_intervals(const TouSchedule&, const TimeZone&,
                                             std::chrono::sys_seconds, std::int32_t, std::size_t);
  friend IntervalCalendar classify_periods(const TouSchedule&, const TimeZone&,
                                           std::chrono::sys_seconds, std::int32_t, std::size_t);
  friend IntervalCalendar classify_days(const TouSchedule&, const TimeZone&,
                                        std::chrono::sys_seconds, std::int32_t, std::size_t);
  friend GroupedCalendar classify_together(std::span<const TouSchedule* const>, const TimeZone&,
                                                 std::chrono::sys_seconds, std::int32_t, std::size_t);
};

/// The intervals of a grid that start on one local day: [first, first + count), all in
/// one season. The days of a grid are in time order and cover it; the grid's ends cut the
/// first and last day short.
struct CalendarDay {
  std::size_t first = 0, count = 0;
  std::int32_t local_day = 0;          ///< days since 1970-01-01
  std::uint8_t season = 0;
};

/// Per-interval calendar facts for one interval grid: what the hot path reads.
struct IntervalCalendar {
  std::vector<std::uint8_t> season;    ///< season index of the interval's local start
  std::vector<std::uint8_t> period;    ///< TOU period index of the interval's local start
  std::vector<std::int32_t> local_day; ///< local date of the start, days since 1970-01-01
  /// classify_days only (where season and local_day stay empty): the same facts a day at
  /// a time, a few hundred entries for a year instead of two per interval.
  std::vector<CalendarDay> days;
  /// Intervals whose span [start, end) is not all in the period of its start: some local
  /// minute of it (usually the last) is in another period, e.g. an hourly interval
  /// 13:00-14:00 when on-peak starts at 13:30. The evaluator warns about these.
  std::size_t misaligned = 0;
};

/// Classifies `count` intervals of `minutes` minutes starting at `start` (UTC) by their
/// LOCAL start time in `zone`. Throws std::invalid_argument if minutes <= 0 and count > 0.
IntervalCalendar classify_intervals(const TouSchedule& schedule, const TimeZone& zone,
                                    std::chrono::sys_seconds start, std::int32_t minutes, std::size_t count);

/// As classify_intervals, but only `period` and `misaligned` (season and local_day stay
/// empty): for a tariff's second and later TOU groups, whose seasons and days are the first
/// group's.
IntervalCalendar classify_periods(const TouSchedule& schedule, const TimeZone& zone,
                                  std::chrono::sys_seconds start, std::int32_t minutes, std::size_t count);

/// As classify_intervals, but season and local day by day (`days`) instead of per
/// interval, as classify_together gives them: a few hundred entries a year.
IntervalCalendar classify_days(const TouSchedule& schedule, const TimeZone& zone,
                               std::chrono::sys_seconds start, std::int32_t minutes, std::size_t count);

/// Intervals [start, end) of a grid in which every schedule of a classify_together call
/// keeps one period, all starting on one local day under one UTC offset; `periods` names
/// those periods (GroupedCalendar::periods).
struct PeriodPiece {
  std::uint32_t start = 0, end = 0;
  std::uint32_t periods = 0;
};

/// A tariff's TOU schedules (its period groups) classified together over one grid: the
/// periods as pieces, nothing written per interval.
struct GroupedCalendar {
  /// As classify_days gives them, with the first schedule's seasons.
  std::vector<CalendarDay> days;
  /// In time order, covering the grid; within one local day and one offset, a piece ends
  /// where some schedule's period changes (pieces of two days or offsets are not joined).
  std::vector<PeriodPiece> pieces;
  /// [p × schedules + s]: the period of schedule s in the pieces whose `periods` is p; one
  /// entry for each different combination of periods (a handful), not one per piece.
  std::vector<std::uint8_t> periods;
  /// [s]: IntervalCalendar::misaligned of schedule s.
  std::vector<std::size_t> misaligned;
};

/// Classifies a grid against several schedules in one pass over its days (the date, the
/// offset and the segment of each day are worked out once for all of them): what a tariff's
/// interval grid is built from (graph/interval_slots.cpp), since the first bill of a grid
/// pays for it. Throws std::invalid_argument if minutes <= 0 and count > 0.
GroupedCalendar classify_together(std::span<const TouSchedule* const> schedules, const TimeZone& zone,
                                  std::chrono::sys_seconds start, std::int32_t minutes, std::size_t count);

/// "2024-07-01": a local date as bills, messages and reports write it (ISO 8601).
std::string format_date(std::chrono::year_month_day date);

}  // namespace rateline
