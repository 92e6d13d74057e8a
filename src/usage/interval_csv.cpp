// Interval CSV: header, rows, and the public read_interval_csv entry points.
// The format and every diagnostic code are described in docs/usage-format.md.
#include "rateline/usage.hpp"

#include "usage/grid.hpp"
#include "usage/interval_csv_stream.hpp"
#include "usage/reader_support.hpp"
#include "core/bounded_read.hpp"
#include "usage/reporter.hpp"
#include "usage/sam_load.hpp"
#include "usage/usage_text.hpp"
#include "usage/value_column.hpp"

#include <array>
#include <cstdio>
#include <limits>
#include <memory>
#include <stdexcept>

namespace rateline {

namespace {

using namespace usage_detail;

enum class Role : std::uint8_t { ignore, start, delivered, received, reactive };
constexpr std::size_t kRoles = 5;
constexpr std::size_t kNone = static_cast<std::size_t>(-1);

std::size_t role_index(Role role) { return static_cast<std::size_t>(role); }


class CsvReader {
 public:
  CsvReader(std::string_view text, const UsageReadOptions& options, Reporter& reporter)
      : text_(text), options_(options), reporter_(reporter), clock_(options) {}

  bool read_header(const Line& line);
  void read_row(const Line& line) {
    if (plain_row(line)) {
      ++plain_rows_;
      return;
    }
    // A file whose rows are mostly not plain (blanks after its commas, say) would pay for
    // both paths on each row: after 64 misses that outnumber the plain rows, only the
    // general path reads it.
    if (try_plain_ && ++plain_misses_ >= 64 && plain_misses_ > plain_rows_) try_plain_ = false;
    general_row(line);
  }
  std::optional<IntervalUsage> finish();

 private:
  std::uint32_t offset_of(std::string_view field) const { return static_cast<std::uint32_t>(field.data() - text_.data()); }
  bool read_start(std::string_view field, std::int64_t& start);
  bool plain_row(const Line& line);
  void general_row(const Line& line);
  std::pair<std::uint32_t, std::uint32_t> field_span(std::size_t row, std::size_t column) const;

  std::string_view text_;
  const UsageReadOptions& options_;
  Reporter& reporter_;
  LocalClock clock_;
  DateCache dates_;

  std::vector<Role> roles_;  // per header column
  std::array<std::size_t, kRoles> column_of_{};  // header column of each role, kNone if absent
  std::array<std::size_t, kRoles> value_of_{};   // index into values_ of each value role
  std::vector<ValueColumn> values_;
  std::vector<std::int64_t> times_;        // UTC start per accepted row
  std::vector<std::uint32_t> row_begins_;  // offset of each accepted row's line
  std::size_t data_lines_ = 0;
  std::size_t unreadable_starts_ = 0;  // rows left off the grid: their start is reported
  bool try_plain_ = true;  // false once a start without an offset is seen (see plain_row), or many misses
  std::size_t plain_rows_ = 0, plain_misses_ = 0;  // rows plain_row took, and left to general_row
};

bool CsvReader::read_header(const Line& line) {
  column_of_.fill(kNone);
  value_of_.fill(kNone);
  std::array<std::string_view, kRoles> names{};
  const char* p = line.text.data();
  const char* const end = p + line.text.size();
  bool bad_quote = false;
  bool ok = true;
  std::vector<std::string_view> unknown;
  for (std::size_t column = 0;; ++column) {
    std::string_view name;
    const char* next = split_field(p, end, name, bad_quote);
    Role role = Role::ignore;
    if (iequals(name, "start")) role = Role::start;
    else if (iequals(name, "kwh") || iequals(name, "kw")) role = Role::delivered;
    else if (iequals(name, "kwh_received")) role = Role::received;
    else if (iequals(name, "kvarh")) role = Role::reactive;
    else if (!name.empty()) unknown.push_back(name);

    if (role != Role::ignore) {
      const std::size_t r = role_index(role);
      if (column_of_[r] != kNone) {
        const bool both_units = role == Role::delivered && !iequals(names[r], name);
        reporter_.error(both_units ? "U0004" : "U0005", offset_of(name), static_cast<std::uint32_t>(offset_of(name) + name.size()),
                        both_units ? "the header has both a kwh and a kw column"
                                   : "the header names the column \"" + std::string(name) + "\" twice",
                        both_units ? "keep one: kwh is the energy of each interval, kw its average power"
                                   : "name each column once");
        ok = false;
        role = Role::ignore;
      } else {
        column_of_[r] = column;
        names[r] = name;
      }
    }
    roles_.push_back(role);
    if (next >= end) break;
    p = next + 1;
  }

  const auto line_end_offset = static_cast<std::uint32_t>(line.begin + line.text.size());
  if (bad_quote) {
    reporter_.error("U0011", line.begin, line_end_offset, "the header has a quote that is not closed",
                    "write the column names without quotes, e.g. start,kwh");
    ok = false;
  }
  if (column_of_[role_index(Role::start)] == kNone) {
    std::string_view first;
    bool ignored = false;
    split_field(line.text.data(), end, first, ignored);
    const bool looks_like_data = parse_timestamp(first).problem == nullptr;
    reporter_.error("U0002", line.begin, line_end_offset,
                    looks_like_data ? "the file has no header line" : "the header has no start column",
                    "the first line names the columns, e.g. start,kwh (start, then kwh or kw; optional "
                    "kwh_received, kvarh)");
    return false;
  }
  if (column_of_[role_index(Role::delivered)] == kNone) {
    reporter_.error("U0003", line.begin, line_end_offset, "the header has neither a kwh nor a kw column",
                    "name the usage column kwh (energy per interval) or kw (average power over the interval)");
    ok = false;
  }
  if (!ok) return false;

  for (std::string_view name : unknown)
    reporter_.warning("U0006", offset_of(name), static_cast<std::uint32_t>(offset_of(name) + name.size()),
                      "column \"" + std::string(name) + "\" is not read",
                      "the columns read are start, kwh or kw, kwh_received and kvarh");

  auto add_value = [&](Role role, Unit unit, Channel channel) {
    const std::size_t r = role_index(role);
    if (column_of_[r] == kNone) return;
    value_of_[r] = values_.size();
    ValueColumn column;
    column.name = std::string(names[r]);
    column.unit = unit;
    column.channel = channel;
    // A guess at the row count (a "2024-07-03T14:00Z,0.123" line is about 24 bytes)
    // saves the vectors most of their regrowth.
    const std::size_t guess = text_.size() / 24;
    column.mantissa.reserve(guess);
    column.digits.reserve(guess);
    values_.push_back(std::move(column));
  };
  const bool kw = iequals(names[role_index(Role::delivered)], "kw");
  add_value(Role::delivered, kw ? Unit::kW : Unit::kWh, Channel::delivered);
  add_value(Role::received, Unit::kWh, Channel::received);
  add_value(Role::reactive, Unit::kVARh, Channel::reactive);
  times_.reserve(text_.size() / 24);
  row_begins_.reserve(text_.size() / 24);
  return true;
}

// The row's start in UTC seconds into `start`; false (reported) when it has none. Not an
// optional: see ValueColumn::check.
bool CsvReader::read_start(std::string_view field, std::int64_t& start) {
  const std::uint32_t begin = offset_of(field);
  const auto end = static_cast<std::uint32_t>(begin + field.size());
  const Timestamp ts = parse_timestamp(field, &dates_);
  if (ts.problem) {
    reporter_.error("U0020", begin, end,
                    field.empty() ? std::string("start is empty")
                                  : "start \"" + std::string(field) + "\" is not a timestamp: " + ts.problem,
                    "write starts like 2024-07-03T14:00Z (UTC) or 2024-07-03T14:00-04:00");
    return false;
  }
  if (ts.has_offset) {
    start = ts.seconds;
    return true;
  }
  if (options_.time_zone.empty()) {
    reporter_.error("U0021", begin, end, "start \"" + std::string(field) + "\" has no UTC offset",
                    "add Z for UTC or the offset (" + std::string(field) +
                        "-04:00), or pass the time zone the meter's clock keeps (e.g. America/New_York) to "
                        "read it as local time");
    return false;
  }
  const std::optional<std::int64_t> utc = clock_.to_utc(ts.seconds, reporter_, begin, end);
  if (utc) start = *utc;
  return utc.has_value();
}

// A field that needs the general path's care: quoted, or with blanks around it.
inline bool needs_care(char c) { return c == '"' || static_cast<unsigned char>(c) <= ' '; }

// The row nearly every file is made of: as many unquoted fields as the header has columns,
// no blanks around them, a start with its UTC offset, values of plain digits. One pass
// finds each value's end while reading it, where the general path finds the commas first
// and then reads the fields (each byte twice): about a third of a batch's instructions a
// row. Any other row keeps nothing and is read again by general_row, the path that knows
// every mistake; on a row both take, both give the same start and values (the tests
// compare them, tests/unit/usage/plain_rows_test.cpp).
bool CsvReader::plain_row(const Line& line) {
  if (!try_plain_) return false;
  const char* p = line.text.data();
  const char* const end = p + line.text.size();
  const std::size_t columns = roles_.size();
  std::array<Number, 3> values;
  std::int64_t start = 0;
  for (std::size_t c = 0;; ++c) {
    if (p < end && needs_care(*p)) return false;
    const Role role = roles_[c];
    if (role == Role::ignore) {
      p = find_comma(p, end);
    } else if (role == Role::start) {
      const char* comma = find_comma(p, end);
      if (comma == p || needs_care(comma[-1])) return false;
      const Timestamp ts = parse_timestamp(std::string_view(p, static_cast<std::size_t>(comma - p)), &dates_);
      if (ts.problem) return false;
      if (!ts.has_offset) {
        try_plain_ = false;  // a file of local times: its rows go the general way, not both
        return false;
      }
      start = ts.seconds;
      p = comma;
    } else if (!scan_plain_number(p, end, values[value_of_[role_index(role)]])) {
      return false;
    }
    if (c + 1 == columns) {
      if (p != end) return false;  // more fields than columns
      break;
    }
    if (p == end) return false;  // fewer
    ++p;
  }
  ++data_lines_;
  times_.push_back(start);
  row_begins_.push_back(line.begin);
  for (std::size_t i = 0; i < values_.size(); ++i) values_[i].push(values[i], true);
  return true;
}

void CsvReader::general_row(const Line& line) {
  // Only the fields with a role are kept; the rest are skipped over.
  std::array<std::string_view, kRoles> fields{};
  const char* p = line.text.data();
  const char* const end = p + line.text.size();
  const std::size_t columns = roles_.size();
  std::size_t count = 0;
  bool bad_quote = false;
  for (;;) {
    std::string_view field;
    const char* next = split_field(p, end, field, bad_quote);
    if (count < columns) fields[role_index(roles_[count])] = field;
    ++count;
    if (next >= end) break;
    p = next + 1;
  }
  ++data_lines_;
  const auto line_end_offset = static_cast<std::uint32_t>(line.begin + line.text.size());
  if (bad_quote) {
    reporter_.error("U0011", line.begin, line_end_offset, "this row has a quote that is not closed",
                    "quote a whole field (\"2024-07-03 14:00\") or nothing");
    return;
  }
  if (count != columns) {
    reporter_.error("U0010", line.begin, line_end_offset,
                    "this row has " + std::to_string(count) + (count == 1 ? " field" : " fields") + " but the header names " +
                        std::to_string(columns) + (columns == 1 ? " column" : " columns"),
                    "every row needs one field per header column, separated by commas");
    return;
  }

  std::int64_t start = 0;
  const bool start_ok = read_start(fields[role_index(Role::start)], start);
  // Values are checked even when the start is bad, so one pass reports every problem.
  std::array<Number, 3> values;
  std::array<bool, 3> good{};
  for (std::size_t r = role_index(Role::delivered); r < kRoles; ++r) {
    if (value_of_[r] == kNone) continue;
    good[value_of_[r]] = values_[value_of_[r]].check(fields[r], offset_of(fields[r]), reporter_, values[value_of_[r]]);
  }
  if (!start_ok) {
    ++unreadable_starts_;
    return;
  }
  times_.push_back(start);
  row_begins_.push_back(line.begin);
  for (std::size_t i = 0; i < values_.size(); ++i) values_[i].push(values[i], good[i]);
}

std::pair<std::uint32_t, std::uint32_t> CsvReader::field_span(std::size_t row, std::size_t column) const {
  const std::uint32_t begin = row_begins_[row];
  const char* p = text_.data() + begin;
  const char* const end = text_.data() + line_end(text_, begin);
  std::string_view field;
  bool bad_quote = false;
  for (std::size_t c = 0;; ++c) {
    const char* next = split_field(p, end, field, bad_quote);
    if (c == column || next >= end) break;
    p = next + 1;
  }
  return {offset_of(field), static_cast<std::uint32_t>(offset_of(field) + field.size())};
}

std::optional<IntervalUsage> CsvReader::finish() {
  if (times_.empty()) {
    if (data_lines_ == 0) reporter_.error("U0001", "no data rows after the header", "add one row per interval, e.g. 2024-07-03T14:00Z,0.412");
    return std::nullopt;
  }
  for (std::size_t r = 0; r < kRoles; ++r) {
    if (value_of_[r] == kNone) continue;
    const std::size_t column = column_of_[r];
    values_[value_of_[r]].rescale(reporter_, [&](std::size_t row) { return field_span(row, column); });
  }

  // One readable start among unreadable ones says nothing about the interval length;
  // "cannot tell the interval length" would only repeat the errors already reported.
  if (times_.size() == 1 && unreadable_starts_ > 0 && !options_.interval_minutes) return std::nullopt;
  const std::size_t start_column = column_of_[role_index(Role::start)];
  const std::optional<Grid> grid = place_on_grid(times_, options_, unreadable_starts_ > 0, reporter_,
                                                 [&](std::size_t row) { return field_span(row, start_column); });
  if (!grid || reporter_.has_errors()) return std::nullopt;

  IntervalUsage usage;
  const std::int64_t length = std::int64_t{grid->minutes} * 60;
  auto build = [&](ValueColumn& column) {
    IntervalSeries series;
    series.start = std::chrono::sys_seconds{std::chrono::seconds{grid->start}};
    series.minutes = grid->minutes;
    series.scale = column.scale;
    series.unit = column.unit;
    series.missing = grid->missing;
    if (grid->rows_in_order) {
      series.values = std::move(column.mantissa);
    } else {
      series.values.assign(grid->count, 0);
      for (std::size_t row = 0; row < times_.size(); ++row)
        series.values[static_cast<std::size_t>((times_[row] - grid->start) / length)] = column.mantissa[row];
    }
    return series;
  };
  usage.delivered = build(values_[value_of_[role_index(Role::delivered)]]);
  if (value_of_[role_index(Role::received)] != kNone) usage.received = build(values_[value_of_[role_index(Role::received)]]);
  if (value_of_[role_index(Role::reactive)] != kNone) usage.reactive = build(values_[value_of_[role_index(Role::reactive)]]);
  return usage;
}

}  // namespace

UsageReadResult read_interval_csv(std::string_view text, const std::string& path, const UsageReadOptions& options) {
  UsageReadResult result;
  Reporter reporter(text, path);
  // Spans are 32-bit offsets; a 4 GiB meter export is beyond any single account anyway.
  if (text.size() >= std::numeric_limits<std::uint32_t>::max()) {
    reporter.error("U0007", "the file is larger than 4 GiB", "split it by meter or by year");
    result.diagnostics = reporter.finish();
    return result;
  }

  LineCursor lines(text);
  Line line;
  bool have_header = false;
  while (lines.next(line))
    if (!is_blank_line(line.text) && !is_comment_line(line.text)) {
      have_header = true;
      break;
    }

  std::optional<IntervalUsage> usage;
  if (!have_header) {
    reporter.error("U0001", "the file has no data", "an interval CSV starts with a header such as start,kwh");
  } else if (is_sam_header(line.text)) {
    usage = read_sam_load(text, line, lines, options, reporter);
  } else {
    CsvReader reader(text, options, reporter);
    if (reader.read_header(line)) {
      while (lines.next(line)) {
        if (is_skipped_line(line.text)) continue;
        reader.read_row(line);
      }
      usage = reader.finish();
    }
  }
  if (usage && !reporter.has_errors()) {
    usage->source = path;
    result.usage = std::move(usage);
  }
  result.diagnostics = reporter.finish();
  return result;
}

UsageReadResult read_interval_csv_file(const std::string& path, const UsageReadOptions& options) {
  // A clean file in order is read chunk by chunk into its intervals; any other is read
  // whole, so its problems are reported with their lines (usage/interval_csv_stream.hpp).
  if (auto streamed = usage_detail::stream_interval_csv(path, options)) return std::move(*streamed);
  auto read = detail::read_bounded(path, options.max_file_bytes);
  if (read.too_large) {
    UsageReadResult result;
    result.diagnostics.push_back({Severity::error, "L0001",
                                  path + " is larger than the " + detail::format_bytes(options.max_file_bytes) +
                                      " limit for usage files",
                                  {}, "--max-input-size raises it (docs/limits.md)"});
    return result;
  }
  return read_interval_csv(read.text, path, options);
}

}  // namespace rateline
