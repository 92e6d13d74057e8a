// POSIX TZ rules (the footer of compiled tz files), which give DST after the last
// transition a file lists (2037 for the "fat" files Debian ships).
#include <doctest/doctest.h>

#include "calendar/posix_tz.hpp"
#include "calendar/tz_internal.hpp"
#include "rateline/time_zone.hpp"

#include <set>
#include <string>
#include <vector>

using namespace std::chrono;
using rateline::calendar_detail::PosixRule;

namespace {

sys_seconds utc(year_month_day d, int h, int m = 0) { return sys_days{d} + hours{h} + minutes{m}; }
local_seconds local(year_month_day d, int h, int m = 0) { return local_days{d} + hours{h} + minutes{m}; }

}  // namespace

TEST_CASE("calendar: POSIX TZ rules parse the forms tzdata uses") {
  const auto ny = PosixRule::parse("EST5EDT,M3.2.0,M11.1.0");
  REQUIRE(ny);
  CHECK(ny->std_offset() == hours{-5});
  CHECK(ny->has_dst());

  const auto india = PosixRule::parse("<+0530>-5:30");
  REQUIRE(india);
  CHECK(india->std_offset() == hours{5} + minutes{30});
  CHECK_FALSE(india->has_dst());
  CHECK(india->at(utc(2050y / 7 / 1, 0)).offset == hours{5} + minutes{30});

  CHECK(PosixRule::parse("MST7"));
  CHECK(PosixRule::parse("<-03>3"));
  CHECK(PosixRule::parse("IST-1GMT0,M10.5.0,M3.5.0/1"));         // Dublin: "negative DST"
  CHECK(PosixRule::parse("<-02>2<-01>,M3.5.0/-1,M10.5.0/0"));    // Nuuk: a negative time
  CHECK(PosixRule::parse("EET-2EEST,M3.4.4/50,M10.4.4/50"));     // Gaza: hours past 24
  CHECK(PosixRule::parse("AEST-10AEDT,M10.1.0,M4.1.0/3"));       // Sydney: southern
  CHECK(PosixRule::parse("XXX3YYY,J60/2,300/3"));                // Julian and zero-based days

  CHECK_FALSE(PosixRule::parse(""));
  CHECK_FALSE(PosixRule::parse("EST"));                 // no offset
  CHECK_FALSE(PosixRule::parse("ES5"));                 // name too short
  CHECK_FALSE(PosixRule::parse("EST5EDT"));             // DST without dates
  CHECK_FALSE(PosixRule::parse("EST5EDT,M3.2.0"));      // no end
  CHECK_FALSE(PosixRule::parse("EST5EDT,M13.2.0,M11.1.0"));
  CHECK_FALSE(PosixRule::parse("EST5EDT,M3.6.0,M11.1.0"));
  CHECK_FALSE(PosixRule::parse("EST5EDT,M3.2.7,M11.1.0"));
  CHECK_FALSE(PosixRule::parse("EST5EDT,J0,J100"));
  CHECK_FALSE(PosixRule::parse("EST5EDT,M3.2.0,M11.1.0x"));
  CHECK_FALSE(PosixRule::parse("<+05"));
}

TEST_CASE("calendar: POSIX TZ rules evaluate DST changes of any year") {
  const auto ny = PosixRule::parse("EST5EDT,M3.2.0,M11.1.0").value();
  // 2040: second Sunday of March = March 11, first Sunday of November = November 4.
  CHECK(ny.at(utc(2040y / 3 / 11, 6, 59)).offset == hours{-5});
  CHECK(ny.at(utc(2040y / 3 / 11, 7)).offset == hours{-4});
  CHECK(ny.at(utc(2040y / 3 / 11, 6)).end == utc(2040y / 3 / 11, 7));
  CHECK(ny.at(utc(2040y / 7 / 1, 0)).begin == utc(2040y / 3 / 11, 7));
  CHECK(ny.at(utc(2040y / 7 / 1, 0)).end == utc(2040y / 11 / 4, 6));
  CHECK(ny.at(utc(2040y / 11 / 4, 6)).offset == hours{-5});

  const auto skipped = ny.place(local(2040y / 3 / 11, 2, 30));
  CHECK(skipped.matches == 0);
  CHECK(skipped.first == utc(2040y / 3 / 11, 7));
  const auto twice = ny.place(local(2040y / 11 / 4, 1, 30));
  CHECK(twice.matches == 2);
  CHECK(twice.first == utc(2040y / 11 / 4, 5, 30));
  CHECK(twice.second == utc(2040y / 11 / 4, 6, 30));
  const auto once = ny.place(local(2040y / 7 / 1, 12));
  CHECK(once.matches == 1);
  CHECK(once.first == utc(2040y / 7 / 1, 16));

  // Southern hemisphere: DST spans the new year. 2040: first Sunday of October = Oct 7,
  // first Sunday of April = April 1 (03:00 AEDT = 16:00 UTC on March 31).
  const auto sydney = PosixRule::parse("AEST-10AEDT,M10.1.0,M4.1.0/3").value();
  CHECK(sydney.at(utc(2040y / 1 / 15, 0)).offset == hours{11});
  CHECK(sydney.at(utc(2040y / 7 / 1, 0)).offset == hours{10});
  CHECK(sydney.at(utc(2040y / 3 / 31, 15, 59)).offset == hours{11});
  CHECK(sydney.at(utc(2040y / 3 / 31, 16)).offset == hours{10});
  CHECK(sydney.at(utc(2040y / 10 / 6, 16)).offset == hours{11});  // 02:00 AEST Oct 7

  // Julian days: J60 is March 1 even in a leap year; zero-based 59 is Feb 29 in one.
  const auto julian = PosixRule::parse("XXX0YYY,J60/0,J335/0").value();
  CHECK(julian.at(utc(2040y / 2 / 29, 12)).offset == hours{0});
  CHECK(julian.at(utc(2040y / 3 / 1, 0)).offset == hours{1});
  const auto zero_based = PosixRule::parse("XXX0YYY,59/0,334/0").value();
  CHECK(zero_based.at(utc(2040y / 2 / 29, 0)).offset == hours{1});
  CHECK(zero_based.at(utc(2041y / 2 / 28, 23)).offset == hours{0});
  CHECK(zero_based.at(utc(2041y / 3 / 1, 0)).offset == hours{1});  // day 59 of 2041
}

TEST_CASE("calendar: every tzdata footer agrees with the listed transitions of 2025-2036") {
  // Cross-check of the evaluator against the transitions tzdata lists explicitly. Only
  // zones whose rules follow the lunar calendar (Morocco's Ramadan, Palestine's) are
  // listed year by year and differ from their footer, which applies after the listing.
  const std::set<std::string> irregular{"Africa/Casablanca", "Africa/El_Aaiun", "Asia/Gaza", "Asia/Hebron"};
  std::size_t checked = 0;
  std::vector<std::string> unreadable, differ;
  for (const auto& zone : date::get_tzdb().zones) {
    const auto footer = rateline::calendar_detail::tzif_footer("/usr/share/zoneinfo/" + zone.name());
    const auto rule = footer ? PosixRule::parse(*footer) : std::nullopt;
    if (!rule) {
      unreadable.push_back(zone.name());
      continue;
    }
    // The offset changes (instant, new offset) in 2025-2036, as date/tz and the rule see them.
    const sys_seconds from = sys_days{2025y / 1 / 1}, to = sys_days{2037y / 1 / 1};
    std::vector<std::pair<sys_seconds, seconds>> listed, evaluated;
    for (sys_seconds t = from; t < to;) {
      const auto info = zone.get_info(t);
      if (listed.empty() || listed.back().second != info.offset) listed.emplace_back(t, info.offset);
      t = info.end;
    }
    for (sys_seconds t = from; t < to;) {
      const auto span = rule->at(t);
      if (evaluated.empty() || evaluated.back().second != span.offset) evaluated.emplace_back(t, span.offset);
      t = span.end;
    }
    ++checked;
    if (listed != evaluated && !irregular.count(zone.name())) differ.push_back(zone.name());
  }
  CHECK(checked > 500);
  CHECK(unreadable.empty());
  CHECK(differ.empty());
  for (const auto& name : unreadable) MESSAGE("footer not read: " << name);
  for (const auto& name : differ) MESSAGE("footer disagrees: " << name);
}

TEST_CASE("calendar: TimeZone keeps DST after 2037 (past the listed transitions)") {
  const auto ny = rateline::TimeZone::locate("America/New_York").value();
  CHECK(ny.offset_at(utc(2038y / 7 / 1, 0)).offset == hours{-4});
  CHECK(ny.offset_at(utc(2100y / 1 / 1, 0)).offset == hours{-5});
  CHECK(ny.offset_at(utc(2100y / 7 / 1, 0)).offset == hours{-4});
  CHECK(ny.start_of_day(2040y / 3 / 12) - ny.start_of_day(2040y / 3 / 11) == hours{23});
  CHECK(ny.start_of_day(2040y / 11 / 5) - ny.start_of_day(2040y / 11 / 4) == hours{25});
  using rateline::LocalTimePolicy;
  using Problem = rateline::TimeZone::LocalProblem;
  const auto skipped = ny.to_utc(local(2040y / 3 / 11, 2, 30), LocalTimePolicy::latest);
  CHECK(skipped.problem == Problem::nonexistent);
  CHECK(skipped.time == utc(2040y / 3 / 11, 7));
  const auto twice = ny.to_utc(local(2040y / 11 / 4, 1, 30), LocalTimePolicy::latest);
  CHECK(twice.problem == Problem::ambiguous);
  CHECK(twice.time == utc(2040y / 11 / 4, 6, 30));
  CHECK(ny.to_local(utc(2040y / 7 / 1, 16)) == local(2040y / 7 / 1, 12));

  // Across the seam: the last listed change (2037-11-01) and the first computed one.
  const auto seam = ny.offset_at(utc(2037y / 12 / 1, 0));
  CHECK(seam.begin == utc(2037y / 11 / 1, 6));
  CHECK(seam.end == utc(2038y / 3 / 14, 7));

  const auto sydney = rateline::TimeZone::locate("Australia/Sydney").value();
  CHECK(sydney.offset_at(utc(2050y / 1 / 15, 0)).offset == hours{11});
  CHECK(sydney.offset_at(utc(2050y / 7 / 15, 0)).offset == hours{10});
}
