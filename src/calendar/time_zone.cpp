// TimeZone over one file of the OS tz database (calendar/tzif.hpp) or a fixed UTC offset.
#include "rateline/time_zone.hpp"

#include "calendar/posix_tz.hpp"
#include "calendar/tzif.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <string_view>

namespace rateline {

namespace calendar_detail {

// A tz database zone. Its compiled file lists transitions only through 2037 for "fat" files, only up to the last rule change for
// "slim" ones (2007 for New York). Every TZif v2+ file ends with a POSIX TZ rule for the
// years after that; `tail` holds it and `tail_from` is the last listed transition, from
// which on it applies (as in every other reader of these files, e.g. glibc).
struct Zone {
  TzifTable table;
  std::optional<PosixRule> tail;
  std::chrono::sys_seconds tail_from = std::chrono::sys_seconds::max();
};

}  // namespace calendar_detail

namespace {

using calendar_detail::Zone;

std::shared_ptr<const Zone> load_zone(const std::string& name) {
  // Zones are looked up per tariff and per usage file; keep each one, it never changes.
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const Zone>, std::less<>> cache;
  const std::lock_guard lock{mutex};
  if (auto it = cache.find(name); it != cache.end()) return it->second;

  // A missing, unreadable or malformed file, or a name that is not a zone file's: no such
  // zone for the caller (not cached: the caller reports it once).
  auto table = calendar_detail::TzifTable::load(name);
  if (!table) return nullptr;
  auto zone = std::make_shared<Zone>();
  zone->table = std::move(*table);
  // No footer, or one we cannot read: the listed transitions answer for all time.
  if (!zone->table.footer().empty()) zone->tail = calendar_detail::PosixRule::parse(zone->table.footer());
  if (zone->tail) {
    // Far in the future the table answers with the span that began at the last listed
    // transition.
    const auto far = std::chrono::sys_days{std::chrono::year{2400} / 1 / 1};
    zone->tail_from = zone->table.at(far).begin;
  }
  cache.emplace(name, zone);
  return zone;
}

// Applies the policy to the candidate instants of a local time.
TimeZone::ToUtc place_with(const calendar_detail::PosixRule::Local& placed, LocalTimePolicy policy) {
  using Problem = TimeZone::LocalProblem;
  TimeZone::ToUtc out;
  if (placed.matches == 1) {
    out.time = placed.first;
  } else if (placed.matches == 2) {
    out.problem = Problem::ambiguous;
    if (policy == LocalTimePolicy::earliest) out.time = placed.first;
    if (policy == LocalTimePolicy::latest) out.time = placed.second;
  } else {
    // The clock skipped over the time. Both policies give the instant the clock jumped:
    // the nearest real instant, and the only one that does not depend on which side's
    // offset we pretend is in force.
    out.problem = Problem::nonexistent;
    if (policy != LocalTimePolicy::error) out.time = placed.first;
  }
  return out;
}

// A local time well past the last listed transition (a day is more than any offset).
bool in_tail(const Zone& z, std::chrono::local_seconds t) {
  return z.tail && z.tail_from < std::chrono::sys_seconds::max() - std::chrono::days{1} &&
         t.time_since_epoch() >= (z.tail_from + std::chrono::days{1}).time_since_epoch();
}

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
  zone.zone_ = load_zone(name);
  if (zone.zone_ == nullptr) return std::nullopt;
  zone.name_ = name;
  return zone;
}

std::chrono::local_seconds TimeZone::to_local(std::chrono::sys_seconds t) const {
  return std::chrono::local_seconds{t.time_since_epoch() + offset_at(t).offset};
}

TimeZone::ToUtc TimeZone::to_utc(std::chrono::local_seconds t, LocalTimePolicy policy) const {
  if (zone_ == nullptr) return {std::chrono::sys_seconds{t.time_since_epoch() - fixed_offset_}, LocalProblem::none};
  if (in_tail(*zone_, t)) return place_with(zone_->tail->place(t), policy);
  using LocalInfo = calendar_detail::TzifTable::LocalInfo;
  const LocalInfo info = zone_->table.at_local(t);
  calendar_detail::PosixRule::Local placed;
  switch (info.result) {
    case LocalInfo::unique:
      placed.matches = 1;
      placed.first = std::chrono::sys_seconds{t.time_since_epoch() - info.first.offset};
      break;
    case LocalInfo::ambiguous:
      // first = the offset in force before the transition (e.g. EDT), so reading the
      // clock with it gives the earlier of the two instants.
      placed.matches = 2;
      placed.first = std::chrono::sys_seconds{t.time_since_epoch() - info.first.offset};
      placed.second = std::chrono::sys_seconds{t.time_since_epoch() - info.second.offset};
      break;
    default:  // nonexistent: second.begin (== first.end) is when the clock jumped
      placed.matches = 0;
      placed.first = info.second.begin;
      break;
  }
  return place_with(placed, policy);
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
  if (zone_->tail && t >= zone_->tail_from) {
    const auto span = zone_->tail->at(t);
    return {span.offset, std::max(span.begin, zone_->tail_from), span.end};
  }
  const calendar_detail::TzifTable::Info info = zone_->table.at(t);
  return {info.offset, info.begin, std::min(info.end, zone_->tail_from)};
}

}  // namespace rateline
