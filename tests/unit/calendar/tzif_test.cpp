// One zone file read on its own (calendar/tzif.hpp) answers as date/tz over the whole OS
// database does, for every zone date/tz lists on this machine.
#include <doctest/doctest.h>

#include "calendar/posix_tz.hpp"
#include "calendar/tz_internal.hpp"
#include "calendar/tzif.hpp"
#include "rateline/time_zone.hpp"

#include <string>
#include <vector>

using namespace std::chrono;
using rateline::calendar_detail::TzifTable;

namespace {

// Every 3 days 1970-2060 at a moving hour, and each transition date/tz reports in that
// range with the instants around it (the edges are where a reader goes wrong).
std::vector<sys_seconds> instants(const date::time_zone& zone) {
  std::vector<sys_seconds> out;
  const sys_seconds from = sys_days{year{1970} / 1 / 1};
  const sys_seconds to = sys_days{year{2060} / 1 / 1};
  for (sys_seconds t = from; t < to; t += days{3} + hours{5} + minutes{7}) out.push_back(t);
  for (sys_seconds t = from; t < to;) {
    const auto info = zone.get_info(t);
    if (info.end >= to) break;
    for (const auto d : {seconds{-3601}, seconds{-1}, seconds{0}, seconds{1}, seconds{1800}, seconds{3600}}) {
      out.push_back(info.end + d);
    }
    t = info.end;
  }
  return out;
}

void check_zone(const date::time_zone& zone) {
  const auto table = TzifTable::load(zone.name());
  REQUIRE_MESSAGE(table, zone.name());
  CHECK_MESSAGE(table->footer() == rateline::calendar_detail::tzif_footer(std::string(rateline::calendar_detail::kZoneDirectory) + "/" + zone.name()).value_or(""), zone.name());
  std::size_t bad = 0;
  for (const sys_seconds t : instants(zone)) {
    const auto want = zone.get_info(t);
    const auto got = table->at(t);
    if (got.offset != want.offset || got.begin != want.begin || got.end != want.end || got.abbrev != want.abbrev ||
        got.is_dst != (want.save != minutes{0})) {
      if (bad++ < 3) FAIL_CHECK(zone.name() << " at " << t.time_since_epoch().count() << ": utc offset/span differs");
    }
    // The same instant read as a local time, and one an offset away (near transitions that
    // lands in the gap or the overlap).
    for (const auto shift : {seconds{0}, seconds{want.offset}}) {
      const local_seconds l{t.time_since_epoch() + shift};
      const auto lw = zone.get_info(rateline::calendar_detail::to_date_local(l));
      const auto lg = table->at_local(l);
      const bool same = static_cast<int>(lg.result) == static_cast<int>(lw.result) && lg.first.offset == lw.first.offset &&
                        lg.first.begin == lw.first.begin && lg.first.end == lw.first.end &&
                        lg.second.offset == lw.second.offset && lg.second.begin == lw.second.begin &&
                        lg.second.end == lw.second.end;
      if (!same && bad++ < 3) FAIL_CHECK(zone.name() << " at local " << l.time_since_epoch().count() << ": local info differs");
    }
  }
}

}  // namespace

TEST_CASE("calendar: one zone file read alone answers as date/tz, for every zone on the machine") {
  // date::local_info::result: unique 0, nonexistent 1, ambiguous 2; TzifTable keeps that order.
  static_assert(static_cast<int>(TzifTable::LocalInfo::nonexistent) == date::local_info::nonexistent);
  static_assert(static_cast<int>(TzifTable::LocalInfo::ambiguous) == date::local_info::ambiguous);
  const auto& zones = date::get_tzdb().zones;
  REQUIRE(zones.size() > 300);
  std::size_t checked = 0;
  for (const auto& zone : zones) {
    if (zone.name() == "localtime") continue;  // the host's /etc/localtime, not a zone name
    check_zone(zone);
    ++checked;
  }
  CHECK(checked > 300);
}

TEST_CASE("calendar: zones with odd rules read alone equal date/tz") {
  for (const char* name : {"Australia/Lord_Howe", "Pacific/Chatham", "Asia/Kathmandu", "America/Santiago", "America/Havana",
                           "Asia/Tehran", "America/St_Johns", "America/Phoenix", "UTC", "Etc/GMT+5", "America/Denver",
                           "Europe/Dublin", "Africa/Casablanca", "America/New_York", "Antarctica/Troll"}) {
    check_zone(*date::locate_zone(name));
    CHECK_MESSAGE(rateline::TimeZone::locate(name), name);
  }
}

TEST_CASE("calendar: a zone name is a file name under the zone directory, nothing else") {
  for (const char* bad : {"", "../zoneinfo/UTC", "America/../UTC", "/usr/share/zoneinfo/UTC", "America//Denver",
                          "America/Denver/", ".hidden", "America/.Denver", "posix/UTC", "posixrules", "right/UTC",
                          "Factory", "zone.tab", "tzdata.zi", "leapseconds", "America/Den ver", "America\\Denver",
                          "America/Nowhere", "America", "Etc"}) {
    CHECK_MESSAGE(!rateline::TimeZone::locate(bad), bad);
    CHECK_MESSAGE(!TzifTable::load(bad), bad);
  }
  CHECK(rateline::calendar_detail::is_zone_file_name("Etc/GMT+5"));
  CHECK(rateline::calendar_detail::is_zone_file_name("America/Argentina/Buenos_Aires"));
  CHECK(rateline::calendar_detail::is_zone_file_name("America/Port-au-Prince"));
}

TEST_CASE("calendar: malformed TZif bytes are refused, not read past their end") {
  CHECK(!TzifTable::parse(""));
  CHECK(!TzifTable::parse("TZif2"));
  std::string header(44, '\0');
  header.replace(0, 5, "TZif2");
  CHECK(!TzifTable::parse(header));  // no types
  header[43] = 1;                     // one abbreviation byte, but no data behind it
  header[39] = 1;
  CHECK(!TzifTable::parse(header));
  std::string v1(44, '\0');
  v1.replace(0, 4, "TZif");
  v1[35] = 1;  // one transition
  v1[39] = 1;  // one type
  v1[43] = 4;  // 4 abbreviation bytes
  v1 += std::string("\x00\x00\x00\x00", 4) + std::string("\x05", 1) + std::string(6, '\0') + "UTC" + std::string(1, '\0');
  CHECK(!TzifTable::parse(v1));  // type index 5 of 1
  v1[44 + 4] = 0;
  CHECK(TzifTable::parse(v1));
}
