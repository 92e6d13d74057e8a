// TimeZone: zone lookup, UTC <-> local, and the two DST days of 2024 in New York.
#include <doctest/doctest.h>

#include "rateline/time_zone.hpp"

#include <chrono>

using namespace std::chrono;
using rateline::LocalTimePolicy;
using rateline::TimeZone;
using Problem = rateline::TimeZone::LocalProblem;

namespace {

sys_seconds utc(year_month_day d, int h, int m = 0) { return sys_days{d} + hours{h} + minutes{m}; }
local_seconds local(year_month_day d, int h, int m = 0) { return local_days{d} + hours{h} + minutes{m}; }
TimeZone zone(const char* name) { return TimeZone::locate(name).value(); }

}  // namespace

TEST_CASE("calendar: TimeZone::locate accepts tz names, UTC and fixed offsets") {
  CHECK(TimeZone::locate("America/New_York").has_value());
  CHECK(TimeZone::locate("America/New_York")->name() == "America/New_York");
  CHECK_FALSE(TimeZone::locate("America/Nowhere").has_value());
  CHECK_FALSE(TimeZone::locate("").has_value());
  CHECK(zone("UTC").is_fixed_offset());
  CHECK(zone("Etc/UTC").to_local(utc(2024y / 1 / 1, 12)) == local(2024y / 1 / 1, 12));

  CHECK(zone("+05:30").name() == "+05:30");
  CHECK(zone("+0530").name() == "+05:30");
  CHECK(zone("-05").name() == "-05:00");
  CHECK_FALSE(TimeZone::locate("+5:30").has_value());
  CHECK_FALSE(TimeZone::locate("+24:00").has_value());
  CHECK_FALSE(TimeZone::locate("+05:60").has_value());
  CHECK_FALSE(TimeZone::locate("05:00").has_value());

  const auto india = zone("+05:30");
  CHECK(india.to_local(utc(2024y / 1 / 1, 0)) == local(2024y / 1 / 1, 5, 30));
  const auto r = india.to_utc(local(2024y / 1 / 1, 0), LocalTimePolicy::error);
  CHECK(r.problem == Problem::none);
  CHECK(r.time == utc(2023y / 12 / 31, 18, 30));
  CHECK(zone("-05:00").to_utc(local(2024y / 3 / 10, 2, 30), LocalTimePolicy::error).time == utc(2024y / 3 / 10, 7, 30));
}

TEST_CASE("calendar: New York spring forward 2024-03-10 (02:00-02:59 does not exist)") {
  const auto ny = zone("America/New_York");
  const auto day = 2024y / March / 10;

  // 01:59 EST is 06:59 UTC; one minute later the clock reads 03:00 EDT.
  CHECK(ny.to_local(utc(day, 6, 59)) == local(day, 1, 59));
  CHECK(ny.to_local(utc(day, 7, 0)) == local(day, 3, 0));

  for (int minute : {0, 30, 59}) {
    CAPTURE(minute);
    const auto skipped = local(day, 2, minute);
    const auto error = ny.to_utc(skipped, LocalTimePolicy::error);
    CHECK_FALSE(error.time.has_value());
    CHECK(error.problem == Problem::nonexistent);
    // Both policies give the instant the clock jumped.
    const auto earliest = ny.to_utc(skipped, LocalTimePolicy::earliest);
    CHECK(earliest.problem == Problem::nonexistent);
    CHECK(earliest.time == utc(day, 7));
    CHECK(ny.to_utc(skipped, LocalTimePolicy::latest).time == utc(day, 7));
  }
  CHECK(ny.to_utc(local(day, 1, 59), LocalTimePolicy::error).time == utc(day, 6, 59));
  CHECK(ny.to_utc(local(day, 3, 0), LocalTimePolicy::error).time == utc(day, 7, 0));

  // A 23-hour local day.
  CHECK(ny.start_of_day(day) == utc(day, 5));
  CHECK(ny.start_of_day(2024y / March / 11) == utc(2024y / March / 11, 4));
  CHECK(ny.start_of_day(2024y / March / 11) - ny.start_of_day(day) == hours{23});

  const auto span = ny.offset_at(utc(day, 6, 59));
  CHECK(span.offset == hours{-5});
  CHECK(span.end == utc(day, 7));
  CHECK(ny.offset_at(span.end).offset == hours{-4});
}

TEST_CASE("calendar: New York fall back 2024-11-03 (01:00-01:59 happens twice)") {
  const auto ny = zone("America/New_York");
  const auto day = 2024y / November / 3;

  CHECK(ny.to_local(utc(day, 5, 30)) == local(day, 1, 30));  // EDT
  CHECK(ny.to_local(utc(day, 6, 30)) == local(day, 1, 30));  // EST, the same clock reading

  const auto twice = local(day, 1, 30);
  const auto error = ny.to_utc(twice, LocalTimePolicy::error);
  CHECK_FALSE(error.time.has_value());
  CHECK(error.problem == Problem::ambiguous);
  const auto earliest = ny.to_utc(twice, LocalTimePolicy::earliest);
  CHECK(earliest.time == utc(day, 5, 30));
  CHECK(earliest.problem == Problem::ambiguous);
  const auto latest = ny.to_utc(twice, LocalTimePolicy::latest);
  CHECK(latest.time == utc(day, 6, 30));
  CHECK(latest.problem == Problem::ambiguous);

  CHECK(ny.to_utc(local(day, 0, 59), LocalTimePolicy::error).time == utc(day, 4, 59));
  CHECK(ny.to_utc(local(day, 2, 0), LocalTimePolicy::error).time == utc(day, 7, 0));

  // A 25-hour local day.
  CHECK(ny.start_of_day(day) == utc(day, 4));
  CHECK(ny.start_of_day(2024y / November / 4) == utc(2024y / November / 4, 5));
  CHECK(ny.start_of_day(2024y / November / 4) - ny.start_of_day(day) == hours{25});
}

TEST_CASE("calendar: a zone without DST keeps one offset all year") {
  const auto phoenix = zone("America/Phoenix");
  for (auto d : {2024y / 1 / 15, 2024y / 3 / 10, 2024y / 7 / 1, 2024y / 11 / 3}) {
    CAPTURE(d);
    CHECK(phoenix.offset_at(sys_days{d}).offset == hours{-7});
    CHECK(phoenix.start_of_day(d) == utc(d, 7));
    const auto two_thirty = phoenix.to_utc(local(d, 2, 30), LocalTimePolicy::error);
    CHECK(two_thirty.problem == Problem::none);
    CHECK(two_thirty.time == utc(d, 9, 30));
  }
  // Its current offset has been in force since 1968, and no change is scheduled.
  const auto span = phoenix.offset_at(utc(2024y / 7 / 1, 0));
  CHECK(span.begin < utc(1970y / 1 / 1, 0));
  CHECK(span.end > utc(2100y / 1 / 1, 0));
}
