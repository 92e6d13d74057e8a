// classify_intervals classifies one local-day pattern at a time and copies it into each
// day's intervals. These cases check that it gives exactly what classifying every interval
// on its own gives (the implementation it replaced, kept below as the reference), over
// random tariffs, zones, interval lengths, grid phases and years: DST changes at any hour
// (also at midnight, and by 30 minutes), holidays, seasons that split a month, periods
// with odd minutes, intervals that cross midnight or a period boundary.
#include <doctest/doctest.h>

#include "rateline/calendar.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <limits>
#include <map>
#include <random>
#include <sstream>

using namespace std::chrono;
using rateline::TimeZone;
using rateline::TouSchedule;

namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// The per-interval classification as it was before the day patterns (rateline before
// this change, src/calendar/classify.cpp), on the schedule's public interface: one
// offset lookup per offset change, one day lookup per local day, one table read and one
// alignment check per interval.
rateline::IntervalCalendar per_interval(const TouSchedule& schedule, const TimeZone& zone, sys_seconds start,
                                        std::int32_t minutes, std::size_t count) {
  constexpr std::int64_t kSecondsPerDay = 86400;
  using Row = std::array<std::uint8_t, 1440>;
  using RunEnd = std::array<std::uint16_t, 1440>;
  std::map<std::pair<std::size_t, std::size_t>, std::pair<Row, RunEnd>> rows;
  auto row_of = [&](std::size_t season, rateline::DayType type) -> const std::pair<Row, RunEnd>& {
    auto [it, added] = rows.try_emplace({season, static_cast<std::size_t>(type)});
    if (added) {
      auto& [row, ends] = it->second;
      for (unsigned m = 0; m < 1440; ++m) row[m] = schedule.built() ? schedule.period_at(season, type, m) : 0;
      ends[1439] = 1440;
      for (unsigned m = 1439; m-- > 0;) ends[m] = row[m + 1] != row[m] ? static_cast<std::uint16_t>(m + 1) : ends[m + 1];
    }
    return it->second;
  };
  struct Day {
    std::int64_t number = std::numeric_limits<std::int64_t>::min();
    std::uint8_t season = 0;
    const std::pair<Row, RunEnd>* row = nullptr;
  };
  auto load_day = [&](std::int64_t number, Day& day) {
    if (day.number == number) return;
    const year_month_day date{sys_days{days{number}}};
    const std::size_t season = schedule.season_of(date);
    day.number = number;
    day.season = static_cast<std::uint8_t>(season);
    day.row = &row_of(season, schedule.day_type(date));
  };

  rateline::IntervalCalendar out;
  const seconds length{static_cast<std::int64_t>(minutes) * 60};
  Day other_day;
  TimeZone::OffsetSpan other_span = zone.offset_at(start);
  auto all_in_period = [&](sys_seconds t0, sys_seconds t1, std::uint8_t period) {
    for (sys_seconds cur = t0; cur < t1;) {
      if (cur < other_span.begin || cur >= other_span.end) other_span = zone.offset_at(cur);
      const std::int64_t local = cur.time_since_epoch().count() + other_span.offset.count();
      const std::int64_t day_number = floor_div(local, kSecondsPerDay);
      load_day(day_number, other_day);
      const std::int64_t second_of_day = local - day_number * kSecondsPerDay;
      sys_seconds piece_end = cur + seconds{kSecondsPerDay - second_of_day};
      if (other_span.end < piece_end) piece_end = other_span.end;
      if (t1 < piece_end) piece_end = t1;
      const auto first_minute = static_cast<std::size_t>(second_of_day / 60);
      const auto last_minute = static_cast<std::size_t>((second_of_day + (piece_end - cur).count() - 1) / 60);
      if (other_day.row->first[first_minute] != period || other_day.row->second[first_minute] <= last_minute)
        return false;
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
    const std::uint8_t period = day.row->first[minute];
    out.season.push_back(day.season);
    out.period.push_back(period);
    out.local_day.push_back(static_cast<std::int32_t>(day_number));
    const std::int64_t last_second = second_of_day + length.count() - 1;
    const sys_seconds end = t + length;
    bool aligned;
    if (last_second < kSecondsPerDay && end <= span.end) {
      aligned = day.row->second[minute] > static_cast<std::size_t>(last_second / 60);
    } else {
      aligned = all_in_period(t, end, period);
    }
    if (!aligned) ++out.misaligned;
  }
  return out;
}

// Zones with DST at 02:00 (New York), 01:00 UTC (London), midnight (Santiago, Havana),
// by 30 minutes (Lord Howe), at odd offsets (St John's, Chatham, Kathmandu), southern
// summers, none at all, and fixed offsets.
constexpr std::array kZones{"America/New_York", "Europe/London",      "America/Santiago", "America/Havana",
                            "Australia/Lord_Howe", "America/St_Johns", "Pacific/Chatham",  "Asia/Kathmandu",
                            "Australia/Sydney", "Asia/Tehran",        "UTC",              "+05:30",
                            "-03:45",           "America/Phoenix"};
constexpr std::array kMinutes{1, 5, 15, 15, 15, 30, 60, 60, 60, 7, 45, 90, 120, 1440, 25};

struct RandomCase {
  TouSchedule schedule;
  std::string zone;
  sys_seconds start;
  std::int32_t minutes = 15;
  std::size_t count = 0;
  std::string describe;
};

RandomCase random_case(std::mt19937_64& rng) {
  auto pick = [&](std::uint64_t n) { return static_cast<std::size_t>(rng() % n); };
  RandomCase c;
  std::ostringstream d;

  // Seasons: k boundaries on random month/days partition the year (the last one wraps).
  const std::size_t season_count = pick(4);  // 0 = no seasons
  if (season_count > 0) {
    std::vector<unsigned> starts;  // day of a 365-day year, 0..364
    while (starts.size() < season_count) {
      const auto s = static_cast<unsigned>(pick(365));
      if (std::find(starts.begin(), starts.end(), s) == starts.end()) starts.push_back(s);
    }
    std::sort(starts.begin(), starts.end());
    auto month_day = [](unsigned doy) {
      const year_month_day ymd{sys_days{2023y / January / 1} + days{doy}};
      return rateline::MonthDay{static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day())};
    };
    for (std::size_t k = 0; k < starts.size(); ++k) {
      const unsigned end = (k + 1 < starts.size() ? starts[k + 1] : starts[0] + 365) - 1;
      c.schedule.seasons.push_back({"s" + std::to_string(k), month_day(starts[k]), month_day(end % 365)});
    }
  }
  d << "seasons " << season_count;

  // Holidays: none, NERC, or a few random fixed dates with observance.
  switch (pick(3)) {
    case 0: break;
    case 1: c.schedule.holidays = rateline::nerc_holidays(); break;
    default:
      for (int h = 0; h < 4; ++h) {
        rateline::HolidayRule rule;
        rule.name = "h" + std::to_string(h);
        rule.date = {static_cast<unsigned>(1 + pick(12)), static_cast<unsigned>(1 + pick(28))};
        rule.observance = static_cast<rateline::Observance>(pick(3));
        c.schedule.holidays.rules.push_back(rule);
      }
  }
  d << ", holiday rules " << c.schedule.holidays.rules.size();

  // Periods: random rules over random seasons and day types, with minute ranges that may
  // start and end off the hour and wrap past midnight, and an `otherwise` period (or
  // none: the gaps are period 0). One case in eight has no TOU at all (never built).
  if (pick(8) != 0) {
    const std::size_t periods = 1 + pick(5);
    std::vector<rateline::TouPeriodDef> defs;
    for (std::size_t p = 0; p < periods; ++p) {
      rateline::TouPeriodDef def;
      def.name = "p" + std::to_string(p);
      if (p == 0 && pick(4) != 0) {
        def.otherwise = true;
      } else {
        for (std::size_t r = 0, rules = 1 + pick(3); r < rules; ++r) {
          rateline::TouRule rule;
          rule.season_mask = pick(3) == 0 ? ~0u : static_cast<std::uint32_t>(rng());
          rule.day_mask = pick(3) == 0 ? 0xff : static_cast<std::uint8_t>(rng());
          for (std::size_t m = 0, ranges = pick(3); m < ranges; ++m) {
            const auto granularity = pick(2) == 0 ? 60u : (pick(2) == 0 ? 15u : 1u);
            const auto from = static_cast<std::uint16_t>(pick(1440 / granularity + 1) * granularity);
            const auto to = static_cast<std::uint16_t>(pick(1440 / granularity + 1) * granularity);
            rule.minutes.emplace_back(from, to);
          }
          def.rules.push_back(rule);
        }
      }
      defs.push_back(def);
    }
    c.schedule.build(defs, 2024);
    d << ", periods " << periods;
  } else {
    d << ", no TOU";
  }

  c.zone = kZones[pick(kZones.size())];
  c.minutes = kMinutes[pick(kMinutes.size())];
  // Years from 1975 (old DST rules) to 2045 (past 2037: the zone's POSIX rule); a start
  // on the grid's usual phase, or off it by minutes or seconds.
  const auto year_start = sys_days{year{1975 + static_cast<int>(pick(71))} / January / 1};
  std::int64_t offset = static_cast<std::int64_t>(pick(366)) * 86400 + static_cast<std::int64_t>(pick(24)) * 3600;
  switch (pick(4)) {
    case 0: offset += static_cast<std::int64_t>(pick(60)) * 60; break;
    case 1: offset += static_cast<std::int64_t>(pick(86400)); break;
    default: break;
  }
  c.start = sys_seconds{year_start.time_since_epoch()} + seconds{offset};
  // Up to about 400 days, at least a few: enough to cross both DST changes most of the time.
  const std::size_t max_count = std::max<std::size_t>(8, static_cast<std::size_t>(400 * 1440 / c.minutes));
  c.count = 1 + pick(std::min<std::size_t>(max_count, 40000));
  d << ", zone " << c.zone << ", " << c.minutes << "-minute, start " << c.start.time_since_epoch().count()
    << " s, " << c.count << " intervals";
  c.describe = d.str();
  return c;
}

void check_same(const rateline::IntervalCalendar& got, const rateline::IntervalCalendar& want) {
  REQUIRE(got.period.size() == want.period.size());
  CHECK(got.misaligned == want.misaligned);
  std::size_t first_difference = want.period.size();
  for (std::size_t i = 0; i < want.period.size(); ++i) {
    if (got.period[i] != want.period[i] || got.season[i] != want.season[i] || got.local_day[i] != want.local_day[i]) {
      first_difference = i;
      break;
    }
  }
  CHECK(first_difference == want.period.size());
}

// classify_days gives the same periods, and its days expand to the same season and local
// day per interval, covering the grid in order; no two neighbours could be one entry.
void check_days(const rateline::IntervalCalendar& days, const rateline::IntervalCalendar& want) {
  CHECK(days.period == want.period);
  CHECK(days.misaligned == want.misaligned);
  CHECK(days.season.empty());
  CHECK(days.local_day.empty());
  std::size_t next = 0, first_difference = want.period.size();
  for (std::size_t k = 0; k < days.days.size(); ++k) {
    const auto& d = days.days[k];
    REQUIRE(d.first == next);
    REQUIRE(d.count > 0);
    if (k > 0) CHECK_FALSE((days.days[k - 1].local_day == d.local_day && days.days[k - 1].season == d.season));
    for (std::size_t i = d.first; i < d.first + d.count && i < want.period.size(); ++i)
      if (first_difference == want.period.size() && (want.season[i] != d.season || want.local_day[i] != d.local_day)) first_difference = i;
    next = d.first + d.count;
  }
  CHECK(next == want.period.size());
  CHECK(first_difference == want.period.size());
}

// classify_together gives classify_days's days (the first schedule's), and pieces that
// cover the grid in order, each within one day entry, which expand to every schedule's
// period per interval; each schedule's misaligned count is its own, and no combination of
// periods is listed twice.
void check_together(const rateline::GroupedCalendar& got, const std::vector<rateline::IntervalCalendar>& want,
                    const rateline::IntervalCalendar& want_days) {
  const std::size_t groups = want.size();
  REQUIRE(got.misaligned.size() == groups);
  for (std::size_t g = 0; g < groups; ++g) CHECK(got.misaligned[g] == want[g].misaligned);
  REQUIRE(got.periods.size() % groups == 0);
  const std::size_t combinations = got.periods.size() / groups;
  const std::size_t count = want[0].period.size();
  std::size_t next = 0, first_difference = count, day = 0;
  bool in_one_day = true;
  for (std::size_t k = 0; k < got.pieces.size(); ++k) {
    const auto& p = got.pieces[k];
    REQUIRE(p.start == next);
    REQUIRE(p.start < p.end);
    REQUIRE(p.periods < combinations);
    while (day < got.days.size() && got.days[day].first + got.days[day].count <= p.start) ++day;
    in_one_day = in_one_day && day < got.days.size() && p.end <= got.days[day].first + got.days[day].count;
    for (std::size_t g = 0; g < groups; ++g)
      for (std::size_t i = p.start; i < p.end && i < count; ++i)
        if (first_difference == count && want[g].period[i] != got.periods[p.periods * groups + g]) first_difference = i;
    next = p.end;
  }
  CHECK(in_one_day);
  bool distinct = true;
  for (std::size_t a = 0; a < combinations; ++a)
    for (std::size_t b = a + 1; b < combinations; ++b)
      distinct = distinct && !std::equal(got.periods.begin() + static_cast<std::ptrdiff_t>(a * groups), got.periods.begin() + static_cast<std::ptrdiff_t>((a + 1) * groups),
                                         got.periods.begin() + static_cast<std::ptrdiff_t>(b * groups));
  CHECK(distinct);
  CHECK(next == count);
  CHECK(first_difference == count);
  REQUIRE(got.days.size() == want_days.days.size());
  bool same_days = true;
  for (std::size_t k = 0; k < got.days.size(); ++k)
    same_days = same_days && got.days[k].first == want_days.days[k].first && got.days[k].count == want_days.days[k].count &&
                got.days[k].local_day == want_days.days[k].local_day && got.days[k].season == want_days.days[k].season;
  CHECK(same_days);
}

}  // namespace

TEST_CASE("calendar: classifying by day pattern equals classifying every interval, random tariffs and zones") {
  std::mt19937_64 rng(20261205);
  for (int round = 0; round < 300; ++round) {
    const RandomCase c = random_case(rng);
    CAPTURE(round);
    CAPTURE(c.describe);
    const auto zone = TimeZone::locate(c.zone).value();
    check_same(rateline::classify_intervals(c.schedule, zone, c.start, c.minutes, c.count),
               per_interval(c.schedule, zone, c.start, c.minutes, c.count));
    // The periods-only variant (a tariff's later TOU groups): the same periods and count.
    const auto periods = rateline::classify_periods(c.schedule, zone, c.start, c.minutes, c.count);
    const auto full = rateline::classify_intervals(c.schedule, zone, c.start, c.minutes, c.count);
    CHECK(periods.period == full.period);
    CHECK(periods.misaligned == full.misaligned);
    CHECK(periods.season.empty());
    CHECK(periods.local_day.empty());
    check_days(rateline::classify_days(c.schedule, zone, c.start, c.minutes, c.count), full);
    // season_on (the bill plan's table, read from the schedule's) is season_of on every
    // month and day of a leap year, and on the days past a month's end
    bool same_seasons = true;
    for (unsigned m = 1; m <= 12; ++m)
      for (unsigned d = 1; d <= 31; ++d) same_seasons = same_seasons && c.schedule.season_on({m, d}) == c.schedule.season_of(year{2000} / month{m} / day{d});
    CHECK(same_seasons);
    // alone, and with one or two other schedules drawn apart (`rng`'s cases stay the same)
    std::mt19937_64 other_rng(static_cast<std::uint64_t>(round) * 104729 + 3);
    const RandomCase second = random_case(other_rng), third = random_case(other_rng);
    const auto days = rateline::classify_days(c.schedule, zone, c.start, c.minutes, c.count);
    std::vector<const TouSchedule*> schedules{&c.schedule};
    std::vector<rateline::IntervalCalendar> want{full};
    check_together(rateline::classify_together(schedules, zone, c.start, c.minutes, c.count), want, days);
    for (const RandomCase* more : {&second, &third}) {
      schedules.push_back(&more->schedule);
      want.push_back(rateline::classify_intervals(more->schedule, zone, c.start, c.minutes, c.count));
      check_together(rateline::classify_together(schedules, zone, c.start, c.minutes, c.count), want, days);
    }
  }
}

TEST_CASE("calendar: classifying by day pattern equals classifying every interval, DST days of every zone") {
  // Each zone's DST days, in every year from 2000 to 2040: two days around each change,
  // at the lengths that cut the day differently.
  std::mt19937_64 rng(7);
  TouSchedule s;
  s.seasons = {{"summer", {4, 15}, {10, 14}}, {"winter", {10, 15}, {4, 14}}};
  s.holidays = rateline::nerc_holidays();
  rateline::TouRule peak{~0u, 0b0001'1111, {{3 * 60 + 7, 4 * 60}, {14 * 60 + 7, 19 * 60}}};
  rateline::TouRule night{~0u, 0xff, {{22 * 60 + 30, 3 * 60}}};
  REQUIRE(s.build({{"off", {}, true}, {"peak", {peak}, false}, {"night", {night}, false}}, 2024).empty());
  for (const char* name : kZones) {
    CAPTURE(name);
    const auto zone = TimeZone::locate(name).value();
    for (int y = 2000; y <= 2040; ++y) {
      sys_seconds t{sys_days{year{y} / January / 1}.time_since_epoch()};
      const sys_seconds end{sys_days{year{y + 1} / January / 1}.time_since_epoch()};
      while (t < end) {
        const auto span = zone.offset_at(t);
        if (span.end >= end) break;
        for (const std::int32_t m : {15, 30, 60, 1, 45}) {
          CAPTURE(span.end.time_since_epoch().count());
          CAPTURE(m);
          const sys_seconds from = span.end - hours{30} + minutes{static_cast<int>(rng() % 60)};
          const auto full = rateline::classify_intervals(s, zone, from, m, static_cast<std::size_t>(60 * 48 / m));
          check_same(full, per_interval(s, zone, from, m, static_cast<std::size_t>(60 * 48 / m)));
          check_days(rateline::classify_days(s, zone, from, m, static_cast<std::size_t>(60 * 48 / m)), full);
          const std::vector<const TouSchedule*> one{&s};
          check_together(rateline::classify_together(one, zone, from, m, static_cast<std::size_t>(60 * 48 / m)), {full},
                         rateline::classify_days(s, zone, from, m, static_cast<std::size_t>(60 * 48 / m)));
        }
        t = span.end;
      }
    }
  }
}
