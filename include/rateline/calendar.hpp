// rateline/calendar.hpp — seasons, day types, holidays, time zones and TOU tables.
//
// A tariff's calendar says, for every local minute, which season and time-of-use period
// it belongs to. It is compiled once per tariff into a table
//   period = table[season][day type][minute of day]
// and then once per interval grid into an IntervalCalendar (one byte per interval), so
// the hot path never touches dates or time zones.
//
//   rateline::TouSchedule schedule = ...;                 // built by the tariff compiler
//   auto zone = rateline::TimeZone::locate("America/New_York").value();
//   auto cal = rateline::classify_intervals(schedule, zone, series.start, series.minutes,
//                                           series.values.size());
//   cal.period[i];   // TOU period of interval i, by its local start time
#pragma once

#include "rateline/time_zone.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
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
  sunday_to_monday, ///< only Sunday moves (to Monday); Saturday stays
};

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
class HolidayCalendar {
 public:
  std::string name;
  std::vector<HolidayRule> rules;

  bool contains(std::chrono::year_month_day date) const;
  /// The observed dates of every rule in a year, sorted, with the rule's name.
  std::vector<std::pair<std::chrono::year_month_day, std::string>> in_year(int year) const;
};

/// Day types: the days of the week and holidays. A holiday is its own day type: on a
/// holiday, rules for "weekday" or "Mon" do not apply.
enum class DayType : std::uint8_t { mon, tue, wed, thu, fri, sat, sun, holiday };
constexpr std::size_t kDayTypes = 8;
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
  std::uint8_t day_mask = 0xff;             ///< bit d = DayType d
  /// [from, to) in minutes of the local day, 0..1440; to < from wraps past midnight
  /// (22:00-06:00). Empty = the whole day.
  std::vector<std::pair<std::uint16_t, std::uint16_t>> minutes;
};

struct TouPeriodDef {
  std::string name;
  std::vector<TouRule> rules;
  bool otherwise = false;  ///< takes every minute no other period has
};

/// One coverage problem: a minute of a (season, day type) that no period or more than one
/// period covers, with a concrete example date to show the analyst.
struct TouCoverageProblem {
  enum class Kind { gap, overlap } kind = Kind::gap;
  std::size_t season = 0;
  DayType day = DayType::mon;
  std::uint16_t minute = 0;              ///< first minute of the problem run
  std::uint16_t minute_end = 0;          ///< end of the run (exclusive)
  std::vector<std::size_t> periods;      ///< for overlaps: the periods that collide
  std::chrono::year_month_day example{}; ///< a date of that season and day type
};

/// The compiled calendar of a tariff. Immutable once built; safe to share across threads.
class TouSchedule {
 public:
  std::vector<Season> seasons;             ///< empty means one season, all year
  HolidayCalendar holidays;                ///< empty rules = no holidays
  std::vector<std::string> period_names;   ///< index = period id; empty = no TOU (one period)

  /// Builds the minute table. Returns the coverage problems (empty when every minute of
  /// every day type of every season is in exactly one period). `example_year` picks the
  /// example dates in problems.
  std::vector<TouCoverageProblem> build(const std::vector<TouPeriodDef>& periods, int example_year);

  std::size_t season_count() const { return seasons.empty() ? 1 : seasons.size(); }
  std::size_t season_of(std::chrono::year_month_day date) const;
  DayType day_type(std::chrono::year_month_day date) const;
  std::uint8_t period_at(std::size_t season, DayType day, unsigned minute_of_day) const {
    return table_[season][static_cast<std::size_t>(day)][minute_of_day];
  }

 private:
  std::vector<std::array<std::array<std::uint8_t, 1440>, kDayTypes>> table_;
};

/// Per-interval calendar facts for one interval grid: what the hot path reads.
struct IntervalCalendar {
  std::vector<std::uint8_t> season;    ///< season index of the interval's local start
  std::vector<std::uint8_t> period;    ///< TOU period index of the interval's local start
  std::vector<std::int32_t> local_day; ///< local date of the start, days since 1970-01-01
  std::size_t misaligned = 0;          ///< intervals whose span crosses a period boundary
};

IntervalCalendar classify_intervals(const TouSchedule& schedule, const TimeZone& zone,
                                    std::chrono::sys_seconds start, std::int32_t minutes, std::size_t count);

}  // namespace rateline
