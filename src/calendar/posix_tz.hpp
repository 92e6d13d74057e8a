// src/calendar/posix_tz.hpp — POSIX TZ rules ("EST5EDT,M3.2.0,M11.1.0"), private to the
// calendar layer.
//
// Every compiled tz database file (TZif, version 2 and later) ends with such a rule: it
// gives the offsets for all instants after the last transition the file lists. date/tz
// over the OS database ignores it, so without it New York would stay on EST from
// November 2037 on (or from 2007, with "slim" files that list only the rule changes).
// date/ptz.h has an evaluator, but it does not compile as C++20 with GCC 12 and rejects
// the RFC 8536 extensions (transition times past 24:00 or negative) that some zones use.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace rateline::calendar_detail {

/// A parsed POSIX TZ rule: a standard offset and optionally a yearly DST period.
class PosixRule {
 public:
  /// std offset [dst [offset] ,start[/time],end[/time]] as in POSIX and RFC 8536 §3.3.
  /// nullopt for anything else (including a DST name without transition dates).
  static std::optional<PosixRule> parse(std::string_view text);

  struct Span {
    std::chrono::seconds offset;  ///< local = UTC + offset
    std::chrono::sys_seconds begin;
    std::chrono::sys_seconds end;
  };
  /// The offset in force at `t` and a span around `t` during which it holds. The span may
  /// be shorter than the real one (it is cut at the edges of the years looked at).
  Span at(std::chrono::sys_seconds t) const;

  struct Local {
    int matches = 0;  ///< 0 = the local time does not exist, 1 = unique, 2 = ambiguous
    std::chrono::sys_seconds first{};   ///< unique: the instant; ambiguous: the earlier one;
                                        ///< nonexistent: the instant the clock jumped
    std::chrono::sys_seconds second{};  ///< ambiguous: the later instant
  };
  Local place(std::chrono::local_seconds t) const;

  std::chrono::seconds std_offset() const { return std_offset_; }
  bool has_dst() const { return has_dst_; }

  struct Date {
    enum class Kind { julian_no_leap, zero_based, month_week_day } kind = Kind::month_week_day;
    unsigned n = 0;      // Jn (1..365) or n (0..365)
    unsigned month = 1;  // Mm.w.d
    unsigned week = 1;   //   1..5, 5 = the last
    unsigned weekday = 0;  // 0 = Sunday
  };

 private:
  std::chrono::seconds std_offset_{0};
  bool has_dst_ = false;
  std::chrono::seconds dst_offset_{0};
  Date start_;
  Date end_;
  std::chrono::seconds start_time_{7200};  // local standard time of the DST start
  std::chrono::seconds end_time_{7200};    // local daylight time of the DST end
};

/// The POSIX rule text at the end of a compiled tz file (TZif version 2 or later), e.g.
/// "EST5EDT,M3.2.0,M11.1.0"; nullopt if the file cannot be read, is version 1, or has an
/// empty footer.
std::optional<std::string> tzif_footer(const std::string& path);

}  // namespace rateline::calendar_detail
