// TimeZone over the OS tz database (date/tz) or a fixed UTC offset.
#include "rateline/time_zone.hpp"

#include "calendar/tz_internal.hpp"

#include <cctype>
#include <exception>
#include <string_view>

namespace rateline {

namespace {

using calendar_detail::from_date_local;
using calendar_detail::to_date_local;

const date::time_zone* tz(const void* zone) { return static_cast<const date::time_zone*>(zone); }

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) return false;
  }
  return !s.empty();
}

int two_digits(std::string_view s) { return (s[0] - '0') * 10 + (s[1] - '0'); }

// "+05:30", "-05:00", "+0530", "-05" -> seconds east of UTC. Hours up to 23, minutes up
// to 59; real offsets are within -12:00..+14:00 but we do not police politics.
std::optional<std::chrono::seconds> parse_fixed_offset(std::string_view s) {
  if (s.size() < 3 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  const bool negative = s[0] == '-';
  std::string_view rest = s.substr(1);
  std::string_view hh = rest.substr(0, 2);
  std::string_view mm;
  if (rest.size() == 2) {
    mm = "00";
  } else if (rest.size() == 4) {
    mm = rest.substr(2, 2);
  } else if (rest.size() == 5 && rest[2] == ':') {
    mm = rest.substr(3, 2);
  } else {
    return std::nullopt;
  }
  if (!all_digits(hh) || !all_digits(mm)) return std::nullopt;
  const int hours = two_digits(hh);
  const int minutes = two_digits(mm);
  if (hours > 23 || minutes > 59) return std::nullopt;
  const std::chrono::seconds offset = std::chrono::hours{hours} + std::chrono::minutes{minutes};
  return negative ? -offset : offset;
}

std::string format_offset(std::chrono::seconds offset) {
  const bool negative = offset < std::chrono::seconds{0};
  const auto total_minutes = (negative ? -offset : offset).count() / 60;
  const auto hours = total_minutes / 60;
  const auto minutes = total_minutes % 60;
  std::string out(1, negative ? '-' : '+');
  out += static_cast<char>('0' + hours / 10);
  out += static_cast<char>('0' + hours % 10);
  out += ':';
  out += static_cast<char>('0' + minutes / 10);
  out += static_cast<char>('0' + minutes % 10);
  return out;
}

}  // namespace

std::optional<TimeZone> TimeZone::locate(const std::string& name) {
  TimeZone zone;
  if (name == "UTC" || name == "Z") {
    zone.name_ = "UTC";
    return zone;
  }
  if (auto offset = parse_fixed_offset(name)) {
    zone.name_ = format_offset(*offset);
    zone.fixed_offset_ = *offset;
    return zone;
  }
  try {
    // locate_zone throws std::runtime_error for an unknown name (and if the OS database
    // cannot be read at all); both mean "no such zone" to the caller.
    zone.zone_ = date::locate_zone(name);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  zone.name_ = name;
  return zone;
}

std::chrono::local_seconds TimeZone::to_local(std::chrono::sys_seconds t) const {
  if (zone_ == nullptr) return std::chrono::local_seconds{t.time_since_epoch() + fixed_offset_};
  return from_date_local(tz(zone_)->to_local(t));
}

TimeZone::ToUtc TimeZone::to_utc(std::chrono::local_seconds t, LocalTimePolicy policy) const {
  ToUtc out;
  if (zone_ == nullptr) {
    out.time = std::chrono::sys_seconds{t.time_since_epoch() - fixed_offset_};
    return out;
  }
  const date::local_info info = tz(zone_)->get_info(to_date_local(t));
  const std::chrono::sys_seconds as_first{t.time_since_epoch() - info.first.offset};
  switch (info.result) {
    case date::local_info::unique:
      out.time = as_first;
      break;
    case date::local_info::ambiguous:
      // first = the offset in force before the transition (e.g. EDT), so reading the
      // clock with it gives the earlier of the two instants.
      out.problem = LocalProblem::ambiguous;
      if (policy == LocalTimePolicy::earliest) out.time = as_first;
      if (policy == LocalTimePolicy::latest) {
        out.time = std::chrono::sys_seconds{t.time_since_epoch() - info.second.offset};
      }
      break;
    case date::local_info::nonexistent:
      // The clock skipped over t. Both policies give the instant the clock jumped
      // (second.begin == first.end): the nearest real instant, and the only one that
      // does not depend on which side's offset we pretend is in force.
      out.problem = LocalProblem::nonexistent;
      if (policy != LocalTimePolicy::error) out.time = info.second.begin;
      break;
    default:
      break;
  }
  return out;
}

std::chrono::sys_seconds TimeZone::start_of_day(std::chrono::year_month_day date) const {
  const std::chrono::local_seconds midnight{std::chrono::local_days{date}.time_since_epoch()};
  // earliest: an ambiguous midnight -> its first occurrence; a skipped midnight -> the
  // transition instant, which is the first instant of that local day.
  return *to_utc(midnight, LocalTimePolicy::earliest).time;
}

TimeZone::OffsetSpan TimeZone::offset_at(std::chrono::sys_seconds t) const {
  if (zone_ == nullptr) {
    return {fixed_offset_, std::chrono::sys_seconds::min(), std::chrono::sys_seconds::max()};
  }
  const date::sys_info info = tz(zone_)->get_info(t);
  return {info.offset, info.begin, info.end};
}

}  // namespace rateline
