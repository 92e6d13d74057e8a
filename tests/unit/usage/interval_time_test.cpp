// Interval starts: UTC offsets, bad timestamps, and local times in a zone.
#include "usage_test_support.hpp"

#include "rateline/time_zone.hpp"

#include <algorithm>
#include <string>

using namespace usage_test;
using rateline::LocalTimePolicy;
using rateline::UsageReadOptions;

namespace {

// The UTC start of a one-row file read with a 15-minute interval.
std::optional<sys_seconds> start_of(const std::string& start, UsageReadOptions options = {}) {
  options.interval_minutes = 15;
  auto r = read("start,kwh\n" + start + ",1\n", options);
  if (!r.usage) return std::nullopt;
  return r.usage->delivered.start;
}

}  // namespace

TEST_CASE("usage: Z and ±HH:MM offsets give the right UTC") {
  const sys_seconds expected = utc(2024, 7, 3, 14, 0);
  CHECK(start_of("2024-07-03T14:00Z") == expected);
  CHECK(start_of("2024-07-03t14:00:00z") == expected);
  CHECK(start_of("2024-07-03T10:00-04:00") == expected);
  CHECK(start_of("2024-07-03 10:00:00-0400") == expected);
  CHECK(start_of("2024-07-03T09:00:00.000-05") == expected);
  CHECK(start_of("2024-07-03T19:30+05:30") == expected);
  CHECK(start_of("2024-07-03T23:45+0945") == expected);
  CHECK(start_of("2024-07-04T00:00+10:00") == expected);
  CHECK(start_of("2024-07-03T14:00+00:00") == expected);
  CHECK(start_of("2024-02-29T00:00Z") == utc(2024, 2, 29));
  CHECK(start_of("1969-12-31T23:45Z") == utc(1969, 12, 31, 23, 45));
  CHECK(start_of("2024-01-01T00:30:15Z") == utc(2024, 1, 1, 0, 30, 15));
}

TEST_CASE("usage: rows with different offsets for the same instants share one grid") {
  auto r = read("start,kwh\n"
                "2024-11-03T00:30-04:00,1\n"
                "2024-11-03T01:00-04:00,2\n"
                "2024-11-03T01:30-04:00,3\n"
                "2024-11-03T01:00-05:00,4\n"  // the repeated hour, told apart by its offset
                "2024-11-03T06:30Z,5\n");
  REQUIRE(r.usage);
  CHECK(r.usage->delivered.start == utc(2024, 11, 3, 4, 30));
  CHECK(r.usage->delivered.minutes == 30);
  CHECK(r.usage->delivered.values == std::vector<std::int64_t>{1, 2, 3, 4, 5});
}

TEST_CASE("usage: a start that is not a timestamp names the line and the text") {
  const std::vector<std::string> bad = {
      "2024-13-01T00:00Z",  "2023-02-29T00:00Z",       "2024-07-03T24:00Z",     "07/03/2024 14:00",
      "2024-07-03T14:60Z",  "2024-07-03T14:00:30.5Z",  "2024-07-03T14:00+25:00", "2024-07-03T14:00 EST",
      "2024-07-03T14:00Zx", "2024-7-3T14:00Z",
  };
  std::string text = "start,kwh\n2024-07-03T13:45Z,1\n";
  for (auto& start : bad) text += start + ",1\n";
  auto r = read(text);
  CHECK_FALSE(r.usage);
  auto errors = all(r, "U0020");
  REQUIRE(errors.size() == bad.size());
  for (std::size_t i = 0; i < bad.size(); ++i) {
    CAPTURE(bad[i]);
    CHECK(line_of(*errors[i]) == i + 3);
    CHECK(contains(errors[i]->message, "\"" + bad[i] + "\""));
    CHECK(spanned(*errors[i]) == bad[i]);
  }
  CHECK(contains(one(read("start,kwh\n,1\n"), "U0020").message, "start is empty"));
}

TEST_CASE("usage: a start without an offset needs a time zone") {
  auto r = read("start,kwh\n2024-07-03T14:00Z,1\n2024-07-03T14:15,1\n2024-07-03T14:30Z,1\n");
  CHECK_FALSE(r.usage);
  const auto& d = one(r, "U0021");
  CHECK(line_of(d) == 3);
  CHECK(contains(d.message, "\"2024-07-03T14:15\""));
  CHECK(contains(d.hint, "Z"));
  CHECK(contains(d.hint, "time zone"));
}

TEST_CASE("usage: local times in a zone") {
  UsageReadOptions options;
  options.time_zone = "America/New_York";

  SUBCASE("summer local time is UTC-4") {
    CHECK(start_of("2024-07-03T10:00", options) == utc(2024, 7, 3, 14, 0));
    CHECK(start_of("2024-01-03T10:00", options) == utc(2024, 1, 3, 15, 0));
  }
  SUBCASE("an explicit offset wins over the zone") {
    CHECK(start_of("2024-07-03T10:00Z", options) == utc(2024, 7, 3, 10, 0));
  }
  SUBCASE("a local day across spring forward has no gap in UTC") {
    std::string text = "start,kwh\n";
    for (int minute = 0; minute < 24 * 60; minute += 15) {
      if (minute >= 120 && minute < 180) continue;  // 02:00-02:59 does not exist that night
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "2024-03-10T%02d:%02d,1\n", minute / 60, minute % 60);
      text += buffer;
    }
    auto r = read(text, options);
    REQUIRE(r.usage);
    CHECK(r.usage->delivered.start == utc(2024, 3, 10, 5, 0));
    CHECK(r.usage->delivered.values.size() == 92);
  }
  SUBCASE("spring forward: 02:30 does not exist") {
    auto r = read("start,kwh\n2024-03-10T01:45,1\n2024-03-10T02:30,1\n2024-03-10T03:00,1\n", options);
    CHECK_FALSE(r.usage);
    const auto& d = one(r, "U0022");
    CHECK(line_of(d) == 3);
    CHECK(contains(d.message, "2024-03-10T02:30 does not exist in America/New_York"));
    CHECK(contains(d.hint, "earliest"));
  }
  SUBCASE("fall back: 01:30 happens twice") {
    auto r = read("start,kwh\n2024-11-03T00:30,1\n2024-11-03T01:30,1\n", options);
    CHECK_FALSE(r.usage);
    const auto& d = one(r, "U0023");
    CHECK(line_of(d) == 3);
    CHECK(contains(d.message, "2024-11-03T01:30 happens twice in America/New_York"));
    CHECK(contains(d.hint, "2024-11-03T01:30-04:00 for the first"));
    CHECK(contains(d.hint, "2024-11-03T01:30-05:00 for the second"));
  }
  SUBCASE("policy earliest and latest place them") {
    options.local_time = LocalTimePolicy::earliest;
    CHECK(start_of("2024-11-03T01:30", options) == utc(2024, 11, 3, 5, 30));  // 01:30 EDT
    CHECK(start_of("2024-03-10T02:30", options) == utc(2024, 3, 10, 7, 0));   // when the clock jumped
    options.local_time = LocalTimePolicy::latest;
    CHECK(start_of("2024-11-03T01:30", options) == utc(2024, 11, 3, 6, 30));  // 01:30 EST
    CHECK(start_of("2024-03-10T02:30", options) == utc(2024, 3, 10, 7, 0));
  }
  SUBCASE("an unknown zone is one error, not one per row") {
    options.time_zone = "America/Nowhere";
    auto r = read("start,kwh\n2024-07-03T10:00,1\n2024-07-03T10:15,1\n", options);
    CHECK_FALSE(r.usage);
    const auto& d = one(r, "U0024");
    CHECK(d.span.file == nullptr);
    CHECK(contains(d.message, "America/Nowhere"));
    CHECK(r.diagnostics.size() == 1);
  }
  SUBCASE("the zone is not consulted when every start has an offset") {
    options.time_zone = "America/Nowhere";
    CHECK(start_of("2024-07-03T14:00Z", options) == utc(2024, 7, 3, 14, 0));
  }
}

TEST_CASE("usage: a year of local 15-minute starts lands on the right UTC intervals") {
  // Every UTC interval of 2023, written as New York wall-clock time without offsets,
  // except the second copy of the repeated hour in November (it would read as a
  // duplicate). Each value is the UTC interval's number, so a misplaced row shows.
  const auto zone = rateline::TimeZone::locate("America/New_York");
  REQUIRE(zone);
  const sys_seconds first = utc(2023, 1, 1, 5, 0);  // local midnight, EST
  const int intervals = 365 * 96;
  std::string text = "start,kwh\n";
  local_seconds previous_local{};
  std::vector<int> skipped;
  for (int i = 0; i < intervals; ++i) {
    const sys_seconds t = first + minutes{15 * i};
    const local_seconds wall = zone->to_local(t);
    if (i > 0 && wall <= previous_local) {  // the clock went back: the repeated hour
      skipped.push_back(i);
      continue;
    }
    previous_local = wall;
    const auto day_point = floor<days>(wall);
    const year_month_day ymd{day_point};
    const hh_mm_ss<seconds> time{wall - day_point};
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld,%d\n", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<long>(time.hours().count()), static_cast<long>(time.minutes().count()), i);
    text += buffer;
  }
  REQUIRE(skipped.size() == 4);

  UsageReadOptions options;
  options.time_zone = "America/New_York";
  options.local_time = LocalTimePolicy::earliest;
  options.gaps = rateline::GapPolicy::zero;
  auto r = read(text, options);
  REQUIRE(r.usage);
  const auto& s = r.usage->delivered;
  CHECK(s.start == first);
  REQUIRE(s.values.size() == static_cast<std::size_t>(intervals));
  CHECK(s.missing == std::vector<std::uint32_t>(skipped.begin(), skipped.end()));
  int misplaced = 0;
  for (int i = 0; i < intervals; ++i) {
    const bool was_skipped = std::find(skipped.begin(), skipped.end(), i) != skipped.end();
    if (s.values[static_cast<std::size_t>(i)] != (was_skipped ? 0 : i)) ++misplaced;
  }
  CHECK(misplaced == 0);
}
