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
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace rateline {

/// How a local timestamp without a UTC offset is placed when the clock is ambiguous
/// (fall back) or does not exist (spring forward).
enum class LocalTimePolicy { error, earliest, latest };

/// A time zone from the OS tz database (via Howard Hinnant's date/tz).
class TimeZone {
 public:
  /// nullopt for an unknown zone name. "UTC" and fixed offsets like "-05:00" are accepted.
  static std::optional<TimeZone> locate(const std::string& name);
  const std::string& name() const { return name_; }

  std::chrono::local_seconds to_local(std::chrono::sys_seconds t) const;
  enum class LocalProblem { none, ambiguous, nonexistent };
  struct ToUtc { std::optional<std::chrono::sys_seconds> time; LocalProblem problem = LocalProblem::none; };
  /// Places a local time; ambiguous/nonexistent times follow the policy (error -> no time).
  ToUtc to_utc(std::chrono::local_seconds t, LocalTimePolicy policy) const;
  /// UTC start of a local calendar day (midnight, or the first instant of the day).
  std::chrono::sys_seconds start_of_day(std::chrono::year_month_day date) const;

 private:
  std::string name_;
  const void* zone_ = nullptr;   // const date::time_zone*, or nullptr for a fixed offset
  std::chrono::seconds fixed_offset_{0};
};

}  // namespace rateline
