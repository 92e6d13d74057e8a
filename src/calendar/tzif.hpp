// src/calendar/tzif.hpp — one compiled tz database file (TZif, RFC 8536) read on its own,
// private to the calendar layer.
//
// date/tz over the OS database (USE_OS_TZDB) stats every file under /usr/share/zoneinfo
// (about 650) on the first locate_zone, to list the zone names; a tariff names one zone,
// so rateline opens that one file instead (bench/README.md, "Cold path and process").
// The table answers exactly as date/tz's time_zone::get_info does over the same file
// (tests/unit/calendar/tzif_test.cpp compares them for every zone on the machine).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rateline::calendar_detail {

/// The directory the zone files are read from.
inline constexpr const char* kZoneDirectory = "/usr/share/zoneinfo";

/// True for a name that may be looked up as a file under kZoneDirectory: relative, made of
/// letters, digits and `_ + -` in components separated by single `/`, no component starting
/// with `.` (so no `..`), and none of the entries date/tz does not list as zones ("posix*",
/// "right", "Factory", the .tab and leap-second tables).
bool is_zone_file_name(std::string_view name);

/// The transitions of one zone, normalised as date/tz normalises them: a first entry at the
/// earliest representable day with the first standard-time type, and no entry that repeats
/// the offset, DST flag and abbreviation of the one before it.
class TzifTable {
 public:
  /// Reads kZoneDirectory/name; nullopt if the name is not a zone file name or the file is
  /// missing, unreadable or not a well-formed TZif file.
  static std::optional<TzifTable> load(std::string_view name);
  /// Parses the bytes of a TZif file; nullopt if they are not well formed.
  static std::optional<TzifTable> parse(std::string_view bytes);

  struct Info {
    std::chrono::seconds offset{0};  ///< local = UTC + offset
    std::chrono::sys_seconds begin;
    std::chrono::sys_seconds end;
    bool is_dst = false;
    std::string_view abbrev;
  };
  /// As date::time_zone::get_info(sys_seconds).
  Info at(std::chrono::sys_seconds t) const;

  struct LocalInfo {
    enum Result { unique, nonexistent, ambiguous } result = unique;
    Info first;
    Info second;
  };
  /// As date::time_zone::get_info(local_seconds).
  LocalInfo at_local(std::chrono::local_seconds t) const;

  /// The POSIX TZ rule after the binary data (version 2 and later); empty if none.
  const std::string& footer() const { return footer_; }

 private:
  struct Type {
    std::chrono::seconds offset{0};
    bool is_dst = false;
    std::string abbrev;
  };
  struct Transition {
    std::chrono::sys_seconds at;
    std::uint32_t type = 0;
  };
  Info info(std::vector<Transition>::const_iterator i) const;

  std::vector<Type> types_;
  std::vector<Transition> transitions_;
  std::string footer_;
};

}  // namespace rateline::calendar_detail
