// TouSchedule: seasons (wrapping, Feb 29), day types, and the minute table with its
// coverage problems (gaps, overlaps) and example dates.
#include <doctest/doctest.h>

#include "rateline/calendar.hpp"

#include <chrono>

using namespace std::chrono;
using rateline::DayType;
using rateline::TouCoverageProblem;
using rateline::TouPeriodDef;
using rateline::TouRule;
using rateline::TouSchedule;

namespace {

constexpr std::uint8_t kWeekdays = 0b0001'1111;  // Mon..Fri
constexpr std::uint16_t hm(int h, int m = 0) { return static_cast<std::uint16_t>(h * 60 + m); }

TouRule rule(std::uint32_t seasons, std::uint8_t days, std::vector<std::pair<std::uint16_t, std::uint16_t>> minutes) {
  TouRule r;
  r.season_mask = seasons;
  r.day_mask = days;
  r.minutes = std::move(minutes);
  return r;
}

}  // namespace

TEST_CASE("calendar: seasons wrap past December and Feb 29 joins February's season") {
  TouSchedule s;
  s.seasons = {{"summer", {6, 1}, {9, 30}}, {"winter", {10, 1}, {5, 31}}};
  CHECK(s.season_count() == 2);
  CHECK(s.season_of(2024y / 6 / 1) == 0);
  CHECK(s.season_of(2024y / 9 / 30) == 0);
  CHECK(s.season_of(2024y / 10 / 1) == 1);
  CHECK(s.season_of(2024y / 12 / 31) == 1);
  CHECK(s.season_of(2025y / 1 / 1) == 1);
  CHECK(s.season_of(2024y / 5 / 31) == 1);
  CHECK(s.season_of(2024y / 2 / 29) == 1);

  // "Dec 1 - Feb 28" means through February: Feb 29 goes with Feb 28.
  TouSchedule four;
  four.seasons = {{"spring", {3, 1}, {5, 31}}, {"summer", {6, 1}, {8, 31}}, {"fall", {9, 1}, {11, 30}},
                  {"winter", {12, 1}, {2, 28}}};
  CHECK(four.season_of(2024y / 2 / 28) == 3);
  CHECK(four.season_of(2024y / 2 / 29) == 3);
  CHECK(four.season_of(2024y / 3 / 1) == 0);
  // Written out as Feb 29 it is the same season, and so is Feb 28 of a common year.
  four.seasons[3].to = {2, 29};
  CHECK(four.season_of(2024y / 2 / 29) == 3);
  CHECK(four.season_of(2025y / 2 / 28) == 3);
  // A season that starts on Mar 1 does not take the leap day.
  TouSchedule halves;
  halves.seasons = {{"first", {1, 1}, {2, 28}}, {"second", {3, 1}, {12, 31}}};
  CHECK(halves.season_of(2024y / 2 / 29) == 0);

  TouSchedule no_seasons;
  CHECK(no_seasons.season_count() == 1);
  CHECK(no_seasons.season_of(2024y / 2 / 29) == 0);
}

TEST_CASE("calendar: day types") {
  TouSchedule s;
  s.holidays = rateline::nerc_holidays();
  CHECK(s.day_type(2024y / 2 / 29) == DayType::thu);
  CHECK(s.day_type(2024y / 3 / 10) == DayType::sun);
  CHECK(s.day_type(2024y / 3 / 11) == DayType::mon);
  CHECK(s.day_type(2024y / 3 / 16) == DayType::sat);
  CHECK(s.day_type(2025y / 11 / 27) == DayType::holiday);  // Thanksgiving, a Thursday
  CHECK(s.day_type(2026y / 7 / 4) == DayType::holiday);    // NERC: a Saturday holiday stays
  CHECK(s.day_type(2026y / 7 / 3) == DayType::fri);

  CHECK(rateline::to_string(DayType::mon) == "Mon");
  CHECK(rateline::to_string(DayType::thu) == "Thu");
  CHECK(rateline::to_string(DayType::sun) == "Sun");
  CHECK(rateline::to_string(DayType::holiday) == "holiday");
}

TEST_CASE("calendar: TOU table with a range that wraps past midnight") {
  TouSchedule s;
  const auto problems = s.build({{"night", {rule(~0u, 0xff, {{hm(22), hm(6)}})}, false},
                                 {"day", {rule(~0u, 0xff, {{hm(6), hm(22)}})}, false}},
                                2025);
  CHECK(problems.empty());
  CHECK(s.built());
  CHECK(s.period_names == std::vector<std::string>{"night", "day"});
  for (auto day : {DayType::mon, DayType::sat, DayType::holiday}) {
    CAPTURE(rateline::to_string(day));
    CHECK(s.period_at(0, day, 0) == 0);
    CHECK(s.period_at(0, day, hm(5, 59)) == 0);
    CHECK(s.period_at(0, day, hm(6)) == 1);
    CHECK(s.period_at(0, day, hm(21, 59)) == 1);
    CHECK(s.period_at(0, day, hm(22)) == 0);
    CHECK(s.period_at(0, day, hm(23, 59)) == 0);
  }

  // 22:00 to midnight can be written with to = 0 or to = 1440.
  TouSchedule t;
  CHECK(t.build({{"late", {rule(~0u, 0xff, {{hm(22), 0}})}, false},
                 {"rest", {rule(~0u, 0xff, {{0, hm(22)}})}, false},
                 {"late_too", {rule(~0u, 0xff, {{hm(22), 1440}})}, false}},
                2025)
            .size() == 8);  // late and late_too overlap 22:00-24:00 on each day type
}

TEST_CASE("calendar: 'otherwise' takes uncovered minutes, whole-day and empty ranges") {
  TouSchedule s;
  s.holidays = rateline::nerc_holidays();
  auto problems = s.build({{"on_peak", {rule(~0u, kWeekdays, {{hm(16), hm(21)}})}, false},
                           {"off_peak", {}, true}},
                          2025);
  CHECK(problems.empty());
  CHECK(s.period_at(0, DayType::wed, hm(17)) == 0);
  CHECK(s.period_at(0, DayType::wed, hm(15, 59)) == 1);
  CHECK(s.period_at(0, DayType::wed, hm(21)) == 1);
  CHECK(s.period_at(0, DayType::sat, hm(17)) == 1);
  CHECK(s.period_at(0, DayType::holiday, hm(17)) == 1);

  // An empty minute list is the whole day.
  TouSchedule whole;
  CHECK(whole.build({{"flat", {rule(~0u, 0xff, {})}, false}}, 2025).empty());
  CHECK(whole.period_at(0, DayType::sun, 0) == 0);

  // from == to is an empty range, not a whole day: every minute is a gap.
  TouSchedule empty;
  problems = empty.build({{"nothing", {rule(~0u, 0xff, {{hm(8), hm(8)}})}, false}}, 2025);
  REQUIRE(problems.size() == 8);
  CHECK(problems[0].kind == TouCoverageProblem::Kind::gap);
  CHECK(problems[0].minute == 0);
  CHECK(problems[0].minute_end == 1440);

  // No periods at all: no TOU, everything is period 0.
  TouSchedule flat;
  CHECK(flat.build({}, 2025).empty());
  CHECK(flat.period_names.empty());
  CHECK(flat.period_at(0, DayType::fri, hm(12)) == 0);

  // Two 'otherwise' periods compete for every uncovered minute.
  TouSchedule twice;
  problems = twice.build({{"peak", {rule(~0u, 0xff, {{hm(12), hm(13)}})}, false},
                          {"a", {}, true},
                          {"b", {}, true}},
                         2025);
  REQUIRE(problems.size() == 16);  // before and after noon, on each of 8 day types
  CHECK(problems[0].kind == TouCoverageProblem::Kind::overlap);
  CHECK(problems[0].minute == 0);
  CHECK(problems[0].minute_end == hm(12));
  CHECK(problems[0].periods == std::vector<std::size_t>{1, 2});
  CHECK(problems[1].minute == hm(13));
  CHECK(problems[1].minute_end == 1440);
}

TEST_CASE("calendar: gaps and overlaps come as minute runs with example dates") {
  TouSchedule s;
  s.seasons = {{"summer", {6, 1}, {9, 30}}, {"winter", {10, 1}, {5, 31}}};
  s.holidays = rateline::nerc_holidays();
  // on_peak: summer weekdays 14:00-19:00. off_peak: every day 00:00-14:00 and 18:00-24:00.
  // So summer weekdays overlap 18:00-19:00; everything else has a gap 14:00-18:00.
  const auto problems = s.build({{"on_peak", {rule(0b01, kWeekdays, {{hm(14), hm(19)}})}, false},
                                 {"off_peak", {rule(~0u, 0xff, {{0, hm(14)}, {hm(18), 1440}})}, false}},
                                2025);
  REQUIRE(problems.size() == 16);

  using Kind = TouCoverageProblem::Kind;
  // Summer Monday: the overlap. The first summer Monday of 2025 is June 2.
  CHECK(problems[0].kind == Kind::overlap);
  CHECK(problems[0].season == 0);
  CHECK(problems[0].day == DayType::mon);
  CHECK(problems[0].minute == hm(18));
  CHECK(problems[0].minute_end == hm(19));
  CHECK(problems[0].periods == std::vector<std::size_t>{0, 1});
  CHECK(problems[0].example == 2025y / 6 / 2);
  CHECK(problems[4].day == DayType::fri);
  CHECK(problems[4].example == 2025y / 6 / 6);
  // Summer Saturday, Sunday, holiday: gaps.
  CHECK(problems[5].kind == Kind::gap);
  CHECK(problems[5].day == DayType::sat);
  CHECK(problems[5].minute == hm(14));
  CHECK(problems[5].minute_end == hm(18));
  CHECK(problems[5].periods.empty());
  CHECK(problems[5].example == 2025y / 6 / 7);
  CHECK(problems[6].day == DayType::sun);
  CHECK(problems[6].example == 2025y / 6 / 1);
  CHECK(problems[7].day == DayType::holiday);
  CHECK(problems[7].example == 2025y / 7 / 4);  // the first summer holiday
  // Winter: every day type has the gap. 2025-01-01 is a holiday (a Wednesday), so the
  // first winter Wednesday is January 8.
  for (std::size_t i = 8; i < 16; ++i) {
    CHECK(problems[i].kind == Kind::gap);
    CHECK(problems[i].season == 1);
    CHECK(problems[i].minute == hm(14));
    CHECK(problems[i].minute_end == hm(18));
  }
  CHECK(problems[8].example == 2025y / 1 / 6);   // Monday
  CHECK(problems[10].example == 2025y / 1 / 8);  // Wednesday
  CHECK(problems[15].day == DayType::holiday);
  CHECK(problems[15].example == 2025y / 1 / 1);

  // The table still answers: the lowest period in an overlap, period 0 in a gap.
  CHECK(s.period_at(0, DayType::mon, hm(18, 30)) == 0);
  CHECK(s.period_at(1, DayType::mon, hm(15)) == 0);
  CHECK(s.period_at(1, DayType::mon, hm(13, 59)) == 1);
}

TEST_CASE("calendar: a holiday problem in a season without holidays still gets an example") {
  TouSchedule s;
  s.seasons = {{"spring", {1, 1}, {6, 30}}, {"fall", {7, 1}, {12, 31}}};
  rateline::HolidayRule patrick;
  patrick.name = "St Patrick's Day";
  patrick.date = {3, 17};
  s.holidays.rules = {patrick};
  // Nothing covers holidays at all.
  const auto problems = s.build({{"all", {rule(~0u, 0x7f, {})}, false}}, 2025);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].season == 0);
  CHECK(problems[0].day == DayType::holiday);
  CHECK(problems[0].example == 2025y / 3 / 17);
  CHECK(problems[1].season == 1);
  CHECK(problems[1].example == 2025y / 7 / 1);  // no holiday in fall: the season's first day
}
