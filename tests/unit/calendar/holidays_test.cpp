// HolidayCalendar: rule kinds, weekend observance across year boundaries, NERC holidays.
#include <doctest/doctest.h>

#include "rateline/calendar.hpp"

#include <chrono>

using namespace std::chrono;
using rateline::HolidayCalendar;
using rateline::HolidayRule;
using rateline::Observance;

namespace {

HolidayRule fixed(const char* name, unsigned m, unsigned d, Observance observance) {
  HolidayRule r;
  r.kind = HolidayRule::Kind::fixed_date;
  r.name = name;
  r.date = {m, d};
  r.observance = observance;
  return r;
}

HolidayCalendar one_rule(HolidayRule rule) {
  HolidayCalendar cal;
  cal.rules.push_back(std::move(rule));
  return cal;
}

}  // namespace

TEST_CASE("calendar: Independence Day on a Saturday and on a Sunday, under each observance") {
  // 2026-07-04 is a Saturday, 2027-07-04 a Sunday.
  REQUIRE(weekday{sys_days{2026y / 7 / 4}} == Saturday);
  REQUIRE(weekday{sys_days{2027y / 7 / 4}} == Sunday);

  const auto none = one_rule(fixed("Independence Day", 7, 4, Observance::none));
  CHECK(none.contains(2026y / 7 / 4));
  CHECK_FALSE(none.contains(2026y / 7 / 3));
  CHECK(none.contains(2027y / 7 / 4));
  CHECK_FALSE(none.contains(2027y / 7 / 5));

  const auto federal = one_rule(fixed("Independence Day", 7, 4, Observance::nearest_weekday));
  CHECK(federal.contains(2026y / 7 / 3));  // Saturday -> Friday before
  CHECK_FALSE(federal.contains(2026y / 7 / 4));
  CHECK(federal.contains(2027y / 7 / 5));  // Sunday -> Monday after
  CHECK_FALSE(federal.contains(2027y / 7 / 4));
  CHECK(federal.contains(2025y / 7 / 4));  // a Friday: not moved

  const auto nerc_style = one_rule(fixed("Independence Day", 7, 4, Observance::sunday_to_monday));
  CHECK(nerc_style.contains(2026y / 7 / 4));  // Saturday stays
  CHECK_FALSE(nerc_style.contains(2026y / 7 / 3));
  CHECK(nerc_style.contains(2027y / 7 / 5));
  CHECK_FALSE(nerc_style.contains(2027y / 7 / 4));

  const auto listed = federal.in_year(2026);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].first == 2026y / 7 / 3);
  CHECK(listed[0].second == "Independence Day");
}

TEST_CASE("calendar: New Year's Day observed across the year boundary") {
  // 2022-01-01 is a Saturday: the federal rule observes it on Friday 2021-12-31.
  const auto federal = one_rule(fixed("New Year's Day", 1, 1, Observance::nearest_weekday));
  CHECK(federal.contains(2021y / 12 / 31));
  CHECK_FALSE(federal.contains(2022y / 1 / 1));
  CHECK_FALSE(federal.contains(2020y / 12 / 31));  // 2021-01-01 was a Friday

  const auto in_2021 = federal.in_year(2021);
  REQUIRE(in_2021.size() == 2);
  CHECK(in_2021[0].first == 2021y / 1 / 1);
  CHECK(in_2021[1].first == 2021y / 12 / 31);
  CHECK(federal.in_year(2022).empty());

  // 2023-01-01 is a Sunday: observed Monday 2023-01-02 under both moving rules.
  CHECK(federal.contains(2023y / 1 / 2));
  const auto nerc_style = one_rule(fixed("New Year's Day", 1, 1, Observance::sunday_to_monday));
  CHECK(nerc_style.contains(2023y / 1 / 2));
  CHECK_FALSE(nerc_style.contains(2023y / 1 / 1));
  CHECK(nerc_style.contains(2022y / 1 / 1));  // Saturday stays
  CHECK_FALSE(nerc_style.contains(2021y / 12 / 31));

  // Dec 31 on a Sunday moves forward into the next year: 2023-12-31 -> 2024-01-01.
  const auto eve = one_rule(fixed("New Year's Eve", 12, 31, Observance::sunday_to_monday));
  CHECK(eve.contains(2024y / 1 / 1));
  CHECK_FALSE(eve.contains(2023y / 12 / 31));
  const auto eve_2024 = eve.in_year(2024);
  REQUIRE(eve_2024.size() == 2);
  CHECK(eve_2024[0].first == 2024y / 1 / 1);
  CHECK(eve_2024[1].first == 2024y / 12 / 31);
  CHECK(eve.in_year(2023).empty());
}

TEST_CASE("calendar: nth and last weekday of a month") {
  HolidayRule thanksgiving;
  thanksgiving.kind = HolidayRule::Kind::nth_weekday;
  thanksgiving.name = "Thanksgiving Day";
  thanksgiving.date = {11, 1};
  thanksgiving.weekday = 4;  // Thursday
  thanksgiving.nth = 4;
  const auto t = one_rule(thanksgiving);
  CHECK(t.contains(2025y / 11 / 27));
  CHECK_FALSE(t.contains(2025y / 11 / 20));
  CHECK(t.contains(2024y / 11 / 28));
  CHECK(t.in_year(2025).at(0).first == 2025y / 11 / 27);

  HolidayRule memorial;
  memorial.kind = HolidayRule::Kind::last_weekday;
  memorial.name = "Memorial Day";
  memorial.date = {5, 1};
  memorial.weekday = 1;  // Monday
  const auto m = one_rule(memorial);
  CHECK(m.contains(2025y / 5 / 26));
  CHECK_FALSE(m.contains(2025y / 5 / 19));
  CHECK(m.contains(2024y / 5 / 27));

  // A 5th Monday exists only in some months: September 2023 has four Mondays, 2024 five.
  HolidayRule fifth = thanksgiving;
  fifth.date = {9, 1};
  fifth.weekday = 1;
  fifth.nth = 5;
  const auto f = one_rule(fifth);
  CHECK(f.in_year(2023).empty());
  CHECK(f.contains(2024y / 9 / 30));
}

TEST_CASE("calendar: one-off days and ranges") {
  HolidayCalendar cal;
  HolidayRule storm;
  storm.kind = HolidayRule::Kind::one_off;
  storm.name = "Storm day";
  storm.from = 2025y / 3 / 14;
  cal.rules.push_back(storm);
  HolidayRule shutdown;
  shutdown.kind = HolidayRule::Kind::range;
  shutdown.name = "Winter shutdown";
  shutdown.from = 2024y / 12 / 30;
  shutdown.to = 2025y / 1 / 2;
  cal.rules.push_back(shutdown);

  CHECK(cal.contains(2025y / 3 / 14));
  CHECK_FALSE(cal.contains(2024y / 3 / 14));
  CHECK_FALSE(cal.contains(2025y / 3 / 15));
  CHECK_FALSE(cal.contains(2024y / 12 / 29));
  CHECK(cal.contains(2024y / 12 / 30));
  CHECK(cal.contains(2024y / 12 / 31));
  CHECK(cal.contains(2025y / 1 / 1));
  CHECK(cal.contains(2025y / 1 / 2));
  CHECK_FALSE(cal.contains(2025y / 1 / 3));

  const auto in_2025 = cal.in_year(2025);
  REQUIRE(in_2025.size() == 3);
  CHECK(in_2025[0] == std::pair{year_month_day{2025y / 1 / 1}, std::string{"Winter shutdown"}});
  CHECK(in_2025[1].first == 2025y / 1 / 2);
  CHECK(in_2025[2] == std::pair{year_month_day{2025y / 3 / 14}, std::string{"Storm day"}});
  CHECK(cal.in_year(2024).size() == 2);

  // Rules that name no real date are no holiday, not an error.
  const auto leap = one_rule(fixed("Leap day", 2, 29, Observance::none));
  CHECK(leap.in_year(2025).empty());
  CHECK(leap.contains(2024y / 2 / 29));
  CHECK_FALSE(leap.contains(2024y / 2 / 30));  // not a date
}

TEST_CASE("calendar: NERC holidays") {
  const auto nerc = rateline::nerc_holidays();
  CHECK(nerc.rules.size() == 6);

  const auto y2025 = nerc.in_year(2025);
  REQUIRE(y2025.size() == 6);
  CHECK(y2025[0] == std::pair{year_month_day{2025y / 1 / 1}, std::string{"New Year's Day"}});
  CHECK(y2025[1] == std::pair{year_month_day{2025y / 5 / 26}, std::string{"Memorial Day"}});
  CHECK(y2025[2] == std::pair{year_month_day{2025y / 7 / 4}, std::string{"Independence Day"}});
  CHECK(y2025[3] == std::pair{year_month_day{2025y / 9 / 1}, std::string{"Labor Day"}});
  CHECK(y2025[4] == std::pair{year_month_day{2025y / 11 / 27}, std::string{"Thanksgiving Day"}});
  CHECK(y2025[5] == std::pair{year_month_day{2025y / 12 / 25}, std::string{"Christmas Day"}});

  // Saturday holidays stay on Saturday; Sunday ones move to Monday.
  CHECK(nerc.contains(2026y / 7 / 4));
  CHECK_FALSE(nerc.contains(2026y / 7 / 3));
  CHECK(nerc.contains(2027y / 7 / 5));
  CHECK_FALSE(nerc.contains(2027y / 7 / 4));
  CHECK(nerc.contains(2022y / 12 / 26));  // Christmas 2022 was a Sunday
  CHECK(nerc.contains(2022y / 1 / 1));    // a Saturday, not moved to 2021-12-31
  CHECK_FALSE(nerc.contains(2021y / 12 / 31));

  // Every day of 2024 and 2025: contains() agrees with in_year().
  for (int y : {2024, 2025}) {
    const auto listed = nerc.in_year(y);
    std::size_t found = 0;
    for (sys_days d = sys_days{year{y} / 1 / 1}; d <= sys_days{year{y} / 12 / 31}; d += days{1}) {
      if (nerc.contains(year_month_day{d})) ++found;
    }
    CHECK(found == listed.size());
  }
}
