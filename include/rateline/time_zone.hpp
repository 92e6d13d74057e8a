// rateline/time_zone.hpp — local time in a tariff's time zone (OS tz database).
//
// TOU periods are stated in the tariff's local clock; usage arrives in UTC or with an
// offset. TimeZone converts both ways. A local time that is ambiguous (the repeated hour
// when clocks fall back) or does not exist (the skipped hour in spring) is never placed
// silently: the caller names a LocalTimePolicy.
//
//   auto ny = rateline::TimeZone::locate("America/New_York").value();
//   auto r = ny.to_utc(local_time, rateline::LocalTimePolicy::error);
//   if (!r.time) { /* r.problem says ambiguous or nonexistent */ }
//
// In New York on 2024-11-03 the clock shows 01:30 twice (EDT, then EST):
//   earliest -> 05:30 UTC, latest -> 06:30 UTC.
// On 2024-03-10 it jumps from 02:00 EST to 03:00 EDT, so 02:30 never happens:
//   earliest and latest both give the transition instant, 07:00 UTC (the moment the
//   clock jumped, which is where a meter reading stamped "02:30" belongs in practice).
//
// Zone names come from the OS tz database (/usr/share/zoneinfo). Its compiled files list
// transitions up to some year (2037 for "fat" files, the last rule change for "slim"
// ones); after that, the POSIX rule at the end of the file ("EST5EDT,M3.2.0,M11.1.0")
// gives the DST changes of every later year.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace rateline {

namespace calendar_detail {
struct Zone;  // the tz database zone and its POSIX rule for later years (time_zone.cpp)
}

/// How a local timestamp without a UTC offset is placed when the clock is ambiguous
/// (fall back) or does not exist (spring forward).
enum class LocalTimePolicy {
  error,     ///< do not place it (ToUtc::time is empty)
  earliest,  ///< ambiguous: the first occurrence; nonexistent: the transition instant
  latest,    ///< ambiguous: the second occurrence; nonexistent: the transition instant
};

/// A time zone from the OS tz database (the one compiled file it names), or a fixed offset.
/// Cheap to copy; all members are const and safe to call from several threads.
class TimeZone {
 public:
  /// nullopt for an unknown zone name. Accepted: tz database names ("America/New_York",
  /// "Etc/UTC"), "UTC" or "Z", and fixed offsets "+05:30", "-05:00", "+0530", "-05".
  static std::optional<TimeZone> locate(const std::string& name);
  /// The zone's name; for fixed offsets in the form "+05:30" ("UTC" stays "UTC").
  const std::string& name() const { return name_; }

  std::chrono::local_seconds to_local(std::chrono::sys_seconds t) const;

  enum class LocalProblem { none, ambiguous, nonexistent };
  struct ToUtc {
    std::optional<std::chrono::sys_seconds> time;  ///< empty only under LocalTimePolicy::error
    LocalProblem problem = LocalProblem::none;     ///< what was found, even if the policy placed it
  };
  /// Places a local time; ambiguous/nonexistent times follow the policy (error -> no time).
  /// The problem is reported under every policy so callers can warn about what they did.
  ToUtc to_utc(std::chrono::local_seconds t, LocalTimePolicy policy) const;

  /// UTC start of a local calendar day: local midnight, or, where midnight does not exist
  /// (a zone that springs forward at 00:00), the first instant of the day; where midnight
  /// happens twice, the first time.
  std::chrono::sys_seconds start_of_day(std::chrono::year_month_day date) const;

  /// The UTC offset in force at `t` and the span [begin, end) of UTC instants during which
  /// it stays in force (end = the next transition). For fixed offsets the span is all time
  /// (sys_seconds::min() .. sys_seconds::max()). Lets callers walk a long stretch of time
  /// with one tz lookup per DST change instead of one per timestamp.
  struct OffsetSpan {
    std::chrono::seconds offset{0};  ///< local = UTC + offset
    std::chrono::sys_seconds begin;
    std::chrono::sys_seconds end;
  };
  OffsetSpan offset_at(std::chrono::sys_seconds t) const;

  /// True for zones without transitions ("UTC" and fixed offsets).
  bool is_fixed_offset() const { return zone_ == nullptr; }

 private:
  std::string name_;
  std::shared_ptr<const calendar_detail::Zone> zone_;  // null for a fixed offset
  std::chrono::seconds fixed_offset_{0};
};

}  // namespace rateline
