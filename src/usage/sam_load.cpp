// The SAM load format (see sam_load.hpp and docs/usage-format.md).
#include "usage/sam_load.hpp"

#include "usage/value_column.hpp"

#include <string>
#include <vector>

namespace rateline::usage_detail {

namespace {

// The lines of a SAM load file are almost always a plain value and "\n": "215.2". These
// are parsed here in the one pass that finds the line's end, as parse_number's fast path
// would parse them (digits and at most one point, 1 to 18 characters), and pushed. It
// stops before the first line that is anything else (a blank, a comment, "\r", a sign, an
// exponent, a longer value, a mistake, the last line without "\n"), which the general loop
// then reads. Line by line, a 15-minute year took two fifths of the instructions of a whole
// `rateline bill` (bench/README.md); the values kept are the same either way.
std::size_t push_plain_values(std::string_view text, std::size_t from, ValueColumn& column) {
  const char* p = text.data() + from;
  const char* const end = text.data() + text.size();
  while (p < end) {
    const char* q = p;
    Number n;
    // ended by "\n": the last line without one is the general loop's
    if (!usage_detail::scan_plain_number<'\n'>(q, end, n) || q == end) break;
    column.push(n);
    p = q + 1;
  }
  return static_cast<std::size_t>(p - text.data());
}

}  // namespace

bool is_sam_header(std::string_view line) {
  const std::string_view t = trim(line);
  return t.size() >= 6 && iequals(t.substr(0, 3), "kw_") && iequals(t.substr(t.size() - 3), "min");
}

std::optional<IntervalUsage> read_sam_load(std::string_view text, const Line& header, LineCursor& lines,
                                           const UsageReadOptions& options, Reporter& reporter) {
  const std::string_view name = trim(header.text);
  const auto name_begin = static_cast<std::uint32_t>(name.data() - text.data());
  const auto name_end = static_cast<std::uint32_t>(name_begin + name.size());

  // ---- the interval length, from the header ----
  const std::string_view digits = name.substr(3, name.size() - 6);
  std::int32_t minutes = 0;
  bool digits_ok = !digits.empty() && digits.size() <= 4;
  for (char c : digits) {
    if (!is_digit(c)) digits_ok = false;
    if (digits_ok) minutes = minutes * 10 + (c - '0');
  }
  if (!digits_ok || minutes < 1 || minutes > 1440 || 1440 % minutes != 0) {
    reporter.error("U0041", name_begin, name_end,
                   "\"" + std::string(name) + "\" does not give an interval length that divides a day",
                   "a SAM load file starts with kW_<minutes>min, such as kW_60min or kW_15min");
    minutes = 0;
  } else if (options.interval_minutes && *options.interval_minutes != minutes) {
    reporter.error("U0051", name_begin, name_end,
                   "the file says " + std::to_string(minutes) + "-minute intervals but the interval length was given as " +
                       std::to_string(*options.interval_minutes) + (*options.interval_minutes == 1 ? " minute" : " minutes"),
                   "drop the interval length option (the header decides), or use the file that was meant");
  }

  // ---- the values ----
  ValueColumn column;
  column.name = "kW";
  column.unit = Unit::kW;
  column.mantissa.reserve(text.size() / 6);  // a guess: "0.812\n" is a typical line
  column.digits.reserve(text.size() / 6);
  std::vector<std::uint32_t> blank_lines;  // blank lines seen since the last value
  const LineCursor first_value = lines;
  Line line;
  while (true) {
    if (blank_lines.empty()) lines.skip_to(push_plain_values(text, lines.position(), column));
    if (!lines.next(line)) break;
    const std::string_view value = trim(line.text);
    if (value.empty()) {
      blank_lines.push_back(line.begin);
      continue;
    }
    if (value.front() == '#') continue;
    // A blank line between values would shift every later interval by one: it is an
    // empty value, not padding. Blank lines at the end are fine.
    for (std::uint32_t blank : blank_lines)
      reporter.error("U0030", blank, blank, "empty line between kW values",
                     "each line after " + std::string(name) + " is one interval; write 0 for an interval with no use");
    blank_lines.clear();
    const auto begin = static_cast<std::uint32_t>(value.data() - text.data());
    column.push(column.check(value, begin, reporter));
  }
  if (column.mantissa.empty()) {
    reporter.error("U0001", name_begin, name_end, "no kW values after \"" + std::string(name) + "\"",
                   "a SAM load file has one average kW value per line after its first line");
    return std::nullopt;
  }
  // Where each value is, for a value that does not fit the column's scale: worked out
  // again only if that happens, so the clean path keeps no per-line offsets.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> value_spans;
  column.rescale(reporter, [&](std::size_t row) {
    if (value_spans.empty()) {
      LineCursor again = first_value;
      while (again.next(line)) {
        const std::string_view value = trim(line.text);
        if (value.empty() || value.front() == '#') continue;
        const auto begin = static_cast<std::uint32_t>(value.data() - text.data());
        value_spans.emplace_back(begin, static_cast<std::uint32_t>(begin + value.size()));
      }
    }
    return value_spans[row];
  });

  // ---- where the first interval starts ----
  std::optional<std::int64_t> start;
  if (!options.sam_start) {
    reporter.error("U0050", name_begin, name_end, "a SAM load file has no timestamps: its start is not known",
                   "pass the local start of the first interval (--start 2024-01-01T00:00)");
  } else {
    const std::int64_t local = options.sam_start->time_since_epoch().count();
    start = options.time_zone.empty()
                ? std::optional<std::int64_t>(local)  // no zone: the start is taken as UTC
                : LocalClock(options).to_utc(local, reporter, name_begin, name_end);
  }
  if (reporter.has_errors() || !start || minutes == 0) return std::nullopt;

  IntervalUsage usage;
  IntervalSeries& series = usage.delivered;
  series.start = std::chrono::sys_seconds{std::chrono::seconds{*start}};
  series.minutes = minutes;
  series.scale = column.scale;
  series.unit = Unit::kW;
  series.values = std::move(column.mantissa);
  return usage;
}

}  // namespace rateline::usage_detail
