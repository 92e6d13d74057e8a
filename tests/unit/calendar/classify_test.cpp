// classify_intervals: season, period and local day per interval, across DST changes,
// checked against exact values and against a slow interval-by-interval reference.
#include <doctest/doctest.h>

#include "rateline/calendar.hpp"

#include <array>
#include <chrono>
#include <map>
#include <thread>

using namespace std::chrono;
using rateline::DayType;
using rateline::TimeZone;
using rateline::TouRule;
using rateline::TouSchedule;

namespace {

constexpr std::uint16_t hm(int h, int m = 0) { return static_cast<std::uint16_t>(h * 60 + m); }
sys_seconds utc(year_month_day d, int h, int m = 0) { return sys_days{d} + hours{h} + minutes{m}; }
std::int32_t day_number(year_month_day d) { return static_cast<std::int32_t>(sys_days{d}.time_since_epoch().count()); }

constexpr std::uint8_t kOffPeak = 0, kOnPeak = 1, kSuperOffPeak = 2;

// A residential TOU schedule in the style of the big US utilities:
//   on_peak         weekdays 16:00-21:00 (holidays excluded: NERC holidays)
//   super_off_peak  every day 22:00-02:00
//   off_peak        otherwise
// Seasons: summer Jun 1 - Sep 30, winter Oct 1 - May 31.
TouSchedule residential(std::uint16_t peak_start = hm(16)) {
  TouSchedule s;
  s.seasons = {{"summer", {6, 1}, {9, 30}}, {"winter", {10, 1}, {5, 31}}};
  s.holidays = rateline::nerc_holidays();
  TouRule peak;
  peak.day_mask = 0b0001'1111;
  peak.minutes = {{peak_start, hm(21)}};
  TouRule night;
  night.minutes = {{hm(22), hm(2)}};
  const auto problems = s.build({{"off_peak", {}, true}, {"on_peak", {peak}, false}, {"super_off_peak", {night}, false}}, 2024);
  REQUIRE(problems.empty());
  return s;
}

TimeZone zone(const char* name) { return TimeZone::locate(name).value(); }

// The slow way: one tz conversion per interval, one per minute for alignment.
rateline::IntervalCalendar reference(const TouSchedule& s, const TimeZone& z, sys_seconds start, std::int32_t len,
                                     std::size_t count) {
  rateline::IntervalCalendar out;
  for (std::size_t i = 0; i < count; ++i) {
    const sys_seconds t = start + minutes{len} * static_cast<std::int64_t>(i);
    auto period_of = [&](sys_seconds at, std::size_t* season, std::int32_t* day) {
      const local_seconds local = z.to_local(at);
      const local_days ld = floor<days>(local);
      const year_month_day date{sys_days{ld.time_since_epoch()}};
      const auto minute = static_cast<unsigned>(duration_cast<minutes>(local - ld).count());
      const std::size_t sn = s.season_of(date);
      if (season) *season = sn;
      if (day) *day = static_cast<std::int32_t>(ld.time_since_epoch().count());
      return s.period_at(sn, s.day_type(date), minute);
    };
    std::size_t season = 0;
    std::int32_t day = 0;
    const auto period = period_of(t, &season, &day);
    out.season.push_back(static_cast<std::uint8_t>(season));
    out.period.push_back(period);
    out.local_day.push_back(day);
    for (std::int32_t m = 1; m < len; ++m) {
      if (period_of(t + minutes{m}, nullptr, nullptr) != period) {
        ++out.misaligned;
        break;
      }
    }
  }
  return out;
}

}  // namespace

TEST_CASE("calendar: classify the New York spring-forward day, 15-minute and hourly") {
  const auto s = residential();
  const auto ny = zone("America/New_York");
  const auto day = 2024y / March / 10;  // a Sunday, winter
  const auto start = ny.start_of_day(day);
  REQUIRE(start == utc(day, 5));

  // 15 minutes: the local day has 23 hours, 92 intervals.
  const auto next_day = ny.start_of_day(2024y / March / 11);
  REQUIRE((next_day - start) / minutes{15} == 92);
  const auto cal = rateline::classify_intervals(s, ny, start, 15, 96);
  std::map<std::int32_t, int> per_day;
  for (auto d : cal.local_day) ++per_day[d];
  CHECK(per_day[day_number(day)] == 92);
  CHECK(per_day[day_number(2024y / March / 11)] == 4);
  CHECK(day_number(day) == 19792);

  // 00:00-01:45 EST: super off-peak. Interval 8 starts at 07:00 UTC, 03:00 EDT: off-peak.
  for (std::size_t i = 0; i < 8; ++i) CHECK(cal.period[i] == kSuperOffPeak);
  CHECK(cal.period[8] == kOffPeak);
  CHECK(cal.season[8] == 1);
  // 22:00 EDT = 02:00 UTC on March 11, 21 hours after the start: interval 84.
  CHECK(cal.period[83] == kOffPeak);
  CHECK(cal.period[84] == kSuperOffPeak);
  CHECK(cal.misaligned == 0);

  // Hourly: 23 intervals belong to March 10, the third starts at 03:00 EDT.
  const auto hourly = rateline::classify_intervals(s, ny, start, 60, 48);
  CHECK(hourly.local_day[22] == day_number(day));
  CHECK(hourly.local_day[23] == day_number(2024y / March / 11));
  CHECK(hourly.period[1] == kSuperOffPeak);  // 01:00 EST
  CHECK(hourly.period[2] == kOffPeak);       // 03:00 EDT
  // Monday March 11 starts at interval 23, so its 16:00 EDT is interval 39.
  CHECK(hourly.period[38] == kOffPeak);  // 15:00
  CHECK(hourly.period[39] == kOnPeak);   // 16:00
  CHECK(hourly.period[43] == kOnPeak);   // 20:00
  CHECK(hourly.period[44] == kOffPeak);  // 21:00
  CHECK(hourly.period[45] == kSuperOffPeak);  // 22:00
  CHECK(hourly.misaligned == 0);
}

TEST_CASE("calendar: classify the New York fall-back day, 15-minute and hourly") {
  const auto s = residential();
  const auto ny = zone("America/New_York");
  const auto day = 2024y / November / 3;  // a Sunday, winter
  const auto start = ny.start_of_day(day);
  REQUIRE(start == utc(day, 4));
  REQUIRE((ny.start_of_day(2024y / November / 4) - start) / minutes{15} == 100);

  const auto cal = rateline::classify_intervals(s, ny, start, 15, 100);
  for (auto d : cal.local_day) CHECK(d == day_number(day));
  // 00:00, 01:00 EDT, then 01:00 EST again: the repeated hour is super off-peak both times,
  // because its local clock reads 01:xx both times.
  for (std::size_t i = 0; i < 12; ++i) CHECK(cal.period[i] == kSuperOffPeak);
  CHECK(cal.period[12] == kOffPeak);  // 02:00 EST = 07:00 UTC
  CHECK(cal.misaligned == 0);

  const auto hourly = rateline::classify_intervals(s, ny, start, 60, 48);
  CHECK(hourly.period[0] == kSuperOffPeak);  // 00:00 EDT
  CHECK(hourly.period[1] == kSuperOffPeak);  // 01:00 EDT
  CHECK(hourly.period[2] == kSuperOffPeak);  // 01:00 EST
  CHECK(hourly.period[3] == kOffPeak);       // 02:00 EST
  CHECK(hourly.local_day[24] == day_number(day));  // 23:00 EST: the 25th hour of the day
  CHECK(hourly.local_day[25] == day_number(2024y / November / 4));
  // Monday November 4, 16:00 EST = 21:00 UTC = interval 25 + 16.
  CHECK(hourly.period[41] == kOnPeak);
  CHECK(hourly.period[40] == kOffPeak);
  CHECK(hourly.misaligned == 0);
}

TEST_CASE("calendar: classify a year in New York agrees with the slow reference") {
  const auto s = residential();
  const auto ny = zone("America/New_York");
  const auto start = ny.start_of_day(2024y / 1 / 1);
  const std::size_t count = static_cast<std::size_t>((ny.start_of_day(2025y / 1 / 1) - start) / minutes{15});
  CHECK(count == 366 * 96);  // the lost and the gained hour cancel out

  const auto fast = rateline::classify_intervals(s, ny, start, 15, count);
  const auto slow = reference(s, ny, start, 15, count);
  CHECK(fast.season == slow.season);
  CHECK(fast.period == slow.period);
  CHECK(fast.local_day == slow.local_day);
  CHECK(fast.misaligned == 0);
  CHECK(slow.misaligned == 0);

  // Holidays are their own day type: Thanksgiving 2024-11-28, 17:00 EST is not on-peak.
  const auto thanksgiving = static_cast<std::size_t>((utc(2024y / 11 / 28, 22) - start) / minutes{15});
  CHECK(fast.local_day[thanksgiving] == day_number(2024y / 11 / 28));
  CHECK(fast.period[thanksgiving] == kOffPeak);
  CHECK(fast.period[thanksgiving - 7 * 96] == kOnPeak);  // the Thursday before
  // Summer and winter.
  CHECK(fast.season[static_cast<std::size_t>((utc(2024y / 7 / 1, 12) - start) / minutes{15})] == 0);
  CHECK(fast.season[static_cast<std::size_t>((utc(2024y / 2 / 29, 12) - start) / minutes{15})] == 1);
}

TEST_CASE("calendar: intervals that cross a period boundary are counted as misaligned") {
  // On-peak from 16:30: every weekday's hourly 16:00 interval straddles it.
  const auto s = residential(hm(16, 30));
  const auto ny = zone("America/New_York");
  const auto start = ny.start_of_day(2024y / 1 / 1);
  const std::size_t hours_2024 = 366 * 24;
  const auto fast = rateline::classify_intervals(s, ny, start, 60, hours_2024);
  const auto slow = reference(s, ny, start, 60, hours_2024);
  CHECK(fast.period == slow.period);
  CHECK(fast.misaligned == slow.misaligned);
  // 2024 has 262 weekdays, 6 of them NERC holidays (2024-07-04 is a Thursday).
  CHECK(fast.misaligned == 256);

  // India is UTC+05:30, so an hourly UTC grid runs hh:30-hh:30 local. Over one week from
  // Monday 2024-03-04 00:30 local: weekday intervals straddle 21:00, 22:00 and 02:00 (the
  // 16:30 on-peak start is on the grid here); weekend days 22:00 and 02:00. The 23:30-00:30
  // intervals cross local midnight (super off-peak on both sides) and are aligned.
  const auto india = zone("+05:30");
  const auto week = rateline::classify_intervals(s, india, utc(2024y / 3 / 3, 19), 60, 168);
  CHECK(week.local_day[0] == day_number(2024y / 3 / 4));
  CHECK(week.period[0] == kSuperOffPeak);
  CHECK(week.misaligned == 5 * 3 + 2 * 2);
  CHECK(week.misaligned == reference(s, india, utc(2024y / 3 / 3, 19), 60, 168).misaligned);

  // Daily intervals always mix periods under TOU.
  const auto daily = rateline::classify_intervals(s, ny, start, 1440, 366);
  CHECK(daily.misaligned == 366);
  CHECK(daily.local_day[69] == day_number(2024y / 3 / 10));
  CHECK(daily.local_day[70] == day_number(2024y / 3 / 11));  // 24 h after a 23 h day: 01:00
}

TEST_CASE("calendar: classify past 2037, where DST comes from the zone's POSIX rule") {
  const auto s = residential();
  const auto ny = zone("America/New_York");
  const auto start = ny.start_of_day(2037y / 10 / 1);
  const auto count = static_cast<std::size_t>((ny.start_of_day(2038y / 12 / 1) - start) / minutes{15});
  const auto cal = rateline::classify_intervals(s, ny, start, 15, count);
  std::map<std::int32_t, int> per_day;
  for (auto d : cal.local_day) ++per_day[d];
  CHECK(per_day[day_number(2037y / 11 / 1)] == 100);  // the last listed change
  CHECK(per_day[day_number(2038y / 3 / 14)] == 92);   // computed from EST5EDT,M3.2.0,M11.1.0
  CHECK(per_day[day_number(2038y / 11 / 7)] == 100);
  CHECK(per_day[day_number(2038y / 7 / 1)] == 96);
  const auto slow = reference(s, ny, start, 15, count);
  CHECK(cal.period == slow.period);
  CHECK(cal.local_day == slow.local_day);
}

TEST_CASE("calendar: misaligned intervals across local midnight and across a DST change") {
  // Saturday is its own period: Friday 23:30-00:30 and Saturday 23:30-00:30 straddle it.
  TouSchedule weekend;
  TouRule saturday;
  saturday.day_mask = 1u << static_cast<unsigned>(DayType::sat);
  REQUIRE(weekend.build({{"other", {}, true}, {"saturday", {saturday}, false}}, 2024).empty());
  const auto india = zone("+05:30");
  const auto week = rateline::classify_intervals(weekend, india, utc(2024y / 3 / 3, 19), 60, 168);
  CHECK(week.misaligned == 2);
  CHECK(week.period[4 * 24 + 23] == 0);  // Friday 23:30
  CHECK(week.period[5 * 24] == 1);       // Saturday 00:30

  // 01:30-02:00 local is its own period. On the fall-back day a 30-minute interval from
  // 05:45 UTC runs 01:45-02:00 EDT (in it) and then 01:00-01:15 EST (not in it).
  TouSchedule half_hour;
  TouRule late;
  late.minutes = {{hm(1, 30), hm(2)}};
  REQUIRE(half_hour.build({{"other", {}, true}, {"late", {late}, false}}, 2024).empty());
  const auto ny = zone("America/New_York");
  const auto one = rateline::classify_intervals(half_hour, ny, utc(2024y / 11 / 3, 5, 45), 30, 1);
  CHECK(one.period[0] == 1);
  CHECK(one.misaligned == 1);
  // The same clock times an hour later: 01:45-02:15 EST also leaves the period.
  CHECK(rateline::classify_intervals(half_hour, ny, utc(2024y / 11 / 3, 6, 45), 30, 1).misaligned == 1);
  // Before: 05:00-05:30 UTC is 01:00-01:30 EDT, all "other".
  CHECK(rateline::classify_intervals(half_hour, ny, utc(2024y / 11 / 3, 5, 0), 30, 1).misaligned == 0);
  // A 30-minute grid offset by 15 minutes over the whole autumn agrees with the reference.
  const auto start = utc(2024y / 10 / 1, 4, 15);
  const auto fast = rateline::classify_intervals(half_hour, ny, start, 30, 61 * 48);
  const auto slow = reference(half_hour, ny, start, 30, 61 * 48);
  CHECK(fast.period == slow.period);
  CHECK(fast.local_day == slow.local_day);
  CHECK(fast.misaligned == slow.misaligned);
  CHECK(fast.misaligned == 2 * 61 + 2);  // 01:15 and 01:45 daily, and again in the repeated hour
}

TEST_CASE("calendar: classify in a zone without DST: 96 intervals every day") {
  const auto s = residential();
  const auto phoenix = zone("America/Phoenix");
  const auto start = phoenix.start_of_day(2024y / 1 / 1);
  CHECK(start == utc(2024y / 1 / 1, 7));
  const auto cal = rateline::classify_intervals(s, phoenix, start, 15, 366 * 96);
  std::map<std::int32_t, int> per_day;
  for (auto d : cal.local_day) ++per_day[d];
  CHECK(per_day.size() == 366);
  bool all_96 = true;
  for (const auto& [d, n] : per_day) all_96 = all_96 && n == 96;
  CHECK(all_96);
  // The New York DST days are ordinary days here.
  const auto mar10 = static_cast<std::size_t>(69 * 96);
  CHECK(cal.local_day[mar10] == day_number(2024y / 3 / 10));
  CHECK(cal.period[mar10 + 7] == kSuperOffPeak);  // 01:45
  CHECK(cal.period[mar10 + 8] == kOffPeak);       // 02:00, which exists in Phoenix
  CHECK(cal.period[mar10 + 12] == kOffPeak);      // 03:00
  CHECK(cal.misaligned == 0);
  const auto slow = reference(s, phoenix, start, 15, 366 * 96);
  CHECK(cal.period == slow.period);
}

TEST_CASE("calendar: classify without TOU and with bad input") {
  TouSchedule flat;  // never built: one period
  const auto ny = zone("America/New_York");
  const auto cal = rateline::classify_intervals(flat, ny, utc(2024y / 3 / 10, 5), 15, 96);
  CHECK(cal.period == std::vector<std::uint8_t>(96, 0));
  CHECK(cal.season == std::vector<std::uint8_t>(96, 0));
  CHECK(cal.misaligned == 0);
  CHECK(rateline::classify_intervals(flat, ny, utc(2024y / 3 / 10, 5), 15, 0).period.empty());
  CHECK_THROWS_AS(rateline::classify_intervals(flat, ny, utc(2024y / 3 / 10, 5), 0, 10), std::invalid_argument);

  auto changed = residential();
  changed.seasons.push_back({"extra", {1, 1}, {1, 1}});
  CHECK_THROWS_AS(rateline::classify_intervals(changed, ny, utc(2024y / 3 / 10, 5), 15, 4), std::logic_error);
}

TEST_CASE("calendar: one schedule and zone shared by several threads") {
  // TouSchedule, HolidayCalendar and TimeZone are immutable after build: concurrent const
  // use needs no locking (the tz database loads each zone once, under std::call_once).
  const auto s = residential();
  const auto start = utc(2024y / 1 / 1, 5);
  const auto expected = rateline::classify_intervals(s, zone("America/New_York"), start, 15, 366 * 96);
  std::vector<rateline::IntervalCalendar> results(4);
  std::vector<std::thread> threads;
  for (std::size_t k = 0; k < results.size(); ++k) {
    threads.emplace_back([&, k] {
      const auto ny = TimeZone::locate("America/New_York").value();
      results[k] = rateline::classify_intervals(s, ny, start, 15, 366 * 96);
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) {
    CHECK(r.period == expected.period);
    CHECK(r.local_day == expected.local_day);
  }
}

TEST_CASE("calendar: classify on random schedules agrees with the slow reference, misaligned intervals included") {
  // TouSchedule::build's run ends (where each minute's period next changes) decide which
  // intervals are misaligned; the reference reads every minute instead.
  std::uint64_t state = 20261206;
  auto pick = [&](std::uint64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % n;
  };
  auto minute = [&] { return static_cast<std::uint16_t>(pick(2) ? pick(25) * 60 + pick(4) * 15 : pick(1441)); };
  int with_misaligned = 0;
  for (int round = 0; round < 40; ++round) {
    CAPTURE(round);
    TouSchedule s;
    if (pick(2)) s.seasons = {{"summer", {6, 1}, {9, 30}}, {"winter", {10, 1}, {5, 31}}};
    std::vector<rateline::TouPeriodDef> periods(1 + pick(4));
    for (std::size_t p = 0; p < periods.size(); ++p) {
      periods[p].name = "p" + std::to_string(p);
      periods[p].otherwise = p == 0;
      for (auto k = pick(3); k-- > 0;) {
        TouRule rule;
        if (pick(2)) rule.day_mask = static_cast<std::uint8_t>(pick(256));
        for (auto j = 1 + pick(3); j-- > 0;) rule.minutes.emplace_back(minute(), minute());
        periods[p].rules.push_back(rule);
      }
    }
    s.build(periods, 2024);  // overlaps are allowed here: the first period listed wins
    const std::int32_t len = std::array{5, 15, 25, 60}[pick(4)];
    const sys_seconds start = sys_days{2024y / 5 / 20} + minutes{static_cast<int>(pick(1440))};
    const std::size_t count = static_cast<std::size_t>(days{20} / minutes{len});
    const auto z = zone(pick(2) ? "UTC" : "America/New_York");
    const auto fast = rateline::classify_intervals(s, z, start, len, count);
    const auto slow = reference(s, z, start, len, count);
    CHECK(fast.period == slow.period);
    CHECK(fast.misaligned == slow.misaligned);
    with_misaligned += fast.misaligned > 0;
  }
  CHECK(with_misaligned > 10);
}

TEST_CASE("calendar: classify gives every day of a leap year the season season_of gives it, Feb 29 included") {
  // A built schedule classifies by a season table made in build(); season_of searches the
  // seasons. They must agree on every day, with or without holidays, for seasons that wrap
  // the year, split months, and end on Feb 28 ("through February": Feb 29 goes with it).
  const std::vector<std::vector<rateline::Season>> season_sets = {
      {{"spring", {3, 1}, {5, 31}}, {"summer", {6, 1}, {8, 31}}, {"fall", {9, 1}, {11, 30}}, {"winter", {12, 1}, {2, 28}}},
      {{"summer", {6, 16}, {9, 15}}, {"winter", {9, 16}, {6, 15}}},
      {{"first", {1, 1}, {2, 28}}, {"second", {3, 1}, {12, 31}}},
  };
  const auto ny = zone("America/New_York");
  for (std::size_t set = 0; set < season_sets.size(); ++set)
    for (bool with_holidays : {false, true}) {
      CAPTURE(set);
      CAPTURE(with_holidays);
      TouSchedule s;
      s.seasons = season_sets[set];
      if (with_holidays) s.holidays = rateline::nerc_holidays();
      TouRule peak;
      peak.day_mask = 0b0001'1111;
      peak.minutes = {{hm(16), hm(21)}};
      REQUIRE(s.build({{"off_peak", {}, true}, {"on_peak", {peak}, false}}, 2024).empty());
      const auto start = ny.start_of_day(2024y / 1 / 1);
      const auto cal = rateline::classify_days(s, ny, start, 60, 366 * 24);
      std::size_t checked = 0;
      for (const auto& day : cal.days) {
        const year_month_day date{sys_days{days{day.local_day}}};
        CHECK(day.season == s.season_of(date));
        ++checked;
      }
      CHECK(checked == 366);
      const auto slow = reference(s, ny, start, 60, 366 * 24);
      CHECK(rateline::classify_periods(s, ny, start, 60, 366 * 24).period == slow.period);
    }
}
