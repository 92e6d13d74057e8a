// Line helpers and local-time placement for the usage readers (see reader_support.hpp).
#include "usage/reader_support.hpp"

#include <string>

namespace rateline::usage_detail {

std::uint32_t line_end(std::string_view text, std::uint32_t begin) {
  std::size_t end = text.find('\n', begin);
  if (end == std::string_view::npos) end = text.size();
  if (end > begin && text[end - 1] == '\r') --end;
  return static_cast<std::uint32_t>(end);
}

namespace {

// "-04:00" for an offset of -4 h.
std::string format_offset(std::int64_t seconds) {
  std::string out = seconds < 0 ? "-" : "+";
  if (seconds < 0) seconds = -seconds;
  const std::int64_t h = seconds / 3600, m = seconds / 60 % 60;
  out += static_cast<char>('0' + h / 10);
  out += static_cast<char>('0' + h % 10);
  out += ':';
  out += static_cast<char>('0' + m / 10);
  out += static_cast<char>('0' + m % 10);
  return out;
}

}  // namespace

std::optional<std::int64_t> LocalClock::to_utc(std::int64_t local, Reporter& reporter, std::uint32_t begin,
                                               std::uint32_t end, bool located) {
  auto report = [&](const char* code, std::string message, std::string hint) {
    if (located)
      reporter.error(code, begin, end, std::move(message), std::move(hint));
    else
      reporter.error(code, std::move(message), std::move(hint));
  };
  if (!looked_up_) {
    looked_up_ = true;
    zone_ = TimeZone::locate(options_.time_zone);
    if (!zone_)
      reporter.error("U0024", "unknown time zone \"" + options_.time_zone + "\"",
                     "name a zone of the tz database such as America/New_York, or UTC, or a fixed offset "
                     "such as -05:00");
  }
  if (!zone_) return std::nullopt;  // reported once above; every local start is unplaceable

  // Fast path: read with the offset of the last start, the time lands well inside the
  // span where that offset holds. Offsets differ by at most a day (Samoa, 2011), so more
  // than two days from either end of the span no other offset can claim this wall time:
  // it is neither skipped nor repeated, and to_utc would give the same answer.
  constexpr std::int64_t kMargin = 2 * 86400;
  if (span_) {
    const std::int64_t candidate = local - span_->offset.count();
    const std::int64_t span_begin = span_->begin.time_since_epoch().count();
    const std::int64_t span_end = span_->end.time_since_epoch().count();
    if (candidate - kMargin >= span_begin && candidate + kMargin < span_end) return candidate;
  }

  const std::chrono::local_seconds wall{std::chrono::seconds{local}};
  const TimeZone::ToUtc placed = zone_->to_utc(wall, options_.local_time);
  if (placed.time) {
    if (placed.problem == TimeZone::LocalProblem::none) span_ = zone_->offset_at(*placed.time);
    return placed.time->time_since_epoch().count();
  }

  const std::string when = format_local(local);
  const std::string& zone = options_.time_zone;
  if (placed.problem == TimeZone::LocalProblem::ambiguous) {
    // Name both offsets so the fix can be written straight into the file.
    std::string offsets;
    auto first = zone_->to_utc(wall, LocalTimePolicy::earliest).time;
    auto second = zone_->to_utc(wall, LocalTimePolicy::latest).time;
    if (first && second)
      offsets = " (" + when + format_offset(local - first->time_since_epoch().count()) + " for the first, " + when +
                format_offset(local - second->time_since_epoch().count()) + " for the second)";
    report("U0023", "local time " + when + " happens twice in " + zone + " (the clocks go back)",
           "write the start with its UTC offset" + offsets +
               ", or read with the local-time policy earliest or latest");
  } else {
    report("U0022", "local time " + when + " does not exist in " + zone + " (the clocks skip it)",
           "write the start with its UTC offset, or read with the local-time policy earliest or latest to "
           "place it");
  }
  return std::nullopt;
}

}  // namespace rateline::usage_detail
