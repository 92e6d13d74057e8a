// Register reads: the CSV header and rows, and the public read_register_reads entry points.
// Rows become ParsedReads here; register_reads_chain.cpp turns them into intervals.
// The format and every diagnostic code are described in docs/usage-format.md.
#include "rateline/register_reads.hpp"

#include "core/bounded_read.hpp"
#include "usage/reader_support.hpp"
#include "usage/register_reads_detail.hpp"
#include "usage/reporter.hpp"
#include "usage/usage_text.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <limits>
#include <memory>
#include <stdexcept>

namespace rateline {

namespace {

using namespace usage_detail;

enum class Column : std::uint8_t { meter, read_date, reading, dials, multiplier, type, event, ignore };
constexpr std::size_t kColumns = 7;  // the named ones, without `ignore`
constexpr std::size_t kRequired = 6;  // all but event
constexpr std::size_t kNone = static_cast<std::size_t>(-1);
constexpr std::array<std::string_view, kColumns> kNames = {"meter", "read_date", "reading", "dials",
                                                           "multiplier", "type", "event"};
constexpr std::string_view kHeaderExample = "meter,read_date,reading,dials,multiplier,type";

std::size_t index(Column c) { return static_cast<std::size_t>(c); }


// A decimal number as written: "12.50" keeps its two places, "00120" is 120.
Decimal to_decimal(const Number& n) {
  Decimal value(Decimal::Int(n.mantissa), n.digits);
  if (n.written_digits > n.digits)
    if (auto wide = value.with_scale(n.written_digits)) return *wide;
  return value;
}

// YYYY-MM-DD, a day that exists.
std::optional<std::chrono::year_month_day> parse_date(std::string_view s, const char*& problem) {
  auto digits = [&](std::size_t from, std::size_t count, unsigned& out) {
    out = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (!is_digit(s[i])) return false;
      out = out * 10 + static_cast<unsigned>(s[i] - '0');
    }
    return true;
  };
  unsigned y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) {
    problem = "expected YYYY-MM-DD";
    return std::nullopt;
  }
  if (m < 1 || m > 12) {
    problem = "the month is not 01..12";
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year{static_cast<int>(y)}, std::chrono::month{m},
                                         std::chrono::day{d}};
  if (!date.ok()) {
    problem = "that day does not exist in that month";
    return std::nullopt;
  }
  return date;
}

class ReadsCsv {
 public:
  ReadsCsv(std::string_view text, Reporter& reporter) : text_(text), reporter_(reporter) {}

  bool read_header(const Line& line);
  void read_row(const Line& line, std::uint32_t line_number);

  std::vector<ParsedRead> reads;
  std::vector<std::string> bad_meters;  // meters with a row that did not parse
  bool unattributed = false;            // a row without a meter id
  std::size_t rows = 0;

 private:
  std::uint32_t offset_of(std::string_view field) const { return static_cast<std::uint32_t>(field.data() - text_.data()); }
  FieldSpan span_of(std::string_view field) const {
    return {offset_of(field), static_cast<std::uint32_t>(offset_of(field) + field.size())};
  }
  void error(const char* code, std::string_view field, std::string message, std::string hint) {
    const FieldSpan s = span_of(field);
    reporter_.error(code, s.first, s.second, std::move(message), std::move(hint));
  }

  std::string_view text_;
  Reporter& reporter_;
  std::vector<Column> columns_;                  // per header column
  std::array<std::size_t, kColumns> column_of_{};  // header column of each named column
};

bool ReadsCsv::read_header(const Line& line) {
  column_of_.fill(kNone);
  const char* p = line.text.data();
  const char* const end = p + line.text.size();
  bool bad_quote = false;
  bool ok = true;
  std::vector<std::string_view> unknown;
  for (std::size_t position = 0;; ++position) {
    std::string_view name;
    const char* next = split_field(p, end, name, bad_quote);
    Column column = Column::ignore;
    for (std::size_t c = 0; c < kColumns; ++c)
      if (iequals(name, kNames[c])) column = static_cast<Column>(c);
    if (column == Column::ignore && !name.empty()) unknown.push_back(name);
    if (column != Column::ignore) {
      if (column_of_[index(column)] != kNone) {
        const FieldSpan s = span_of(name);
        reporter_.error("U0102", s.first, s.second, "the header names the column \"" + std::string(name) + "\" twice",
                        "name each column once");
        ok = false;
        column = Column::ignore;
      } else {
        column_of_[index(column)] = position;
      }
    }
    columns_.push_back(column);
    if (next >= end) break;
    p = next + 1;
  }

  const auto line_end_offset = static_cast<std::uint32_t>(line.begin + line.text.size());
  if (bad_quote) {
    reporter_.error("U0106", line.begin, line_end_offset, "the header has a quote that is not closed",
                    "write the column names without quotes, e.g. " + std::string(kHeaderExample));
    ok = false;
  }
  std::string missing;
  std::size_t missing_count = 0;
  for (std::size_t c = 0; c < kRequired; ++c)
    if (column_of_[c] == kNone) {
      missing += (missing.empty() ? "" : ", ") + std::string(kNames[c]);
      ++missing_count;
    }
  if (missing_count == kRequired) {
    reporter_.error("U0101", line.begin, line_end_offset, "the file has no register-read header line",
                    "the first line names the columns: " + std::string(kHeaderExample) + " (and optionally event)");
    return false;
  }
  if (missing_count > 0) {
    reporter_.error("U0101", line.begin, line_end_offset,
                    std::string("the header has no ") + missing + (missing_count == 1 ? " column" : " columns"),
                    "a register-read file has the columns " + std::string(kHeaderExample) +
                        " (and optionally event), in any order");
    ok = false;
  }
  if (!ok) return false;
  for (std::string_view name : unknown) {
    const FieldSpan s = span_of(name);
    reporter_.warning("U0103", s.first, s.second, "column \"" + std::string(name) + "\" is not read",
                      "the columns read are meter, read_date, reading, dials, multiplier, type and event");
  }
  return true;
}

void ReadsCsv::read_row(const Line& line, std::uint32_t line_number) {
  ++rows;
  std::array<std::string_view, kColumns + 1> fields{};
  const char* p = line.text.data();
  const char* const end = p + line.text.size();
  std::size_t count = 0;
  bool bad_quote = false;
  for (;;) {
    std::string_view field;
    const char* next = split_field(p, end, field, bad_quote);
    if (count < columns_.size()) fields[index(columns_[count])] = field;
    ++count;
    if (next >= end) break;
    p = next + 1;
  }
  const auto line_end_offset = static_cast<std::uint32_t>(line.begin + line.text.size());
  auto give_up = [&](const char* code, std::string message, std::string hint) {
    reporter_.error(code, line.begin, line_end_offset, std::move(message), std::move(hint));
    unattributed = true;  // the meter field cannot be trusted
  };
  if (bad_quote) {
    give_up("U0106", "this row has a quote that is not closed", "quote a whole field (\"4471\") or nothing");
    return;
  }
  if (count != columns_.size()) {
    give_up("U0105",
            "this row has " + std::to_string(count) + (count == 1 ? " field" : " fields") + " but the header names " +
                std::to_string(columns_.size()) + (columns_.size() == 1 ? " column" : " columns"),
            "every row needs one field per header column, separated by commas");
    return;
  }

  ParsedRead parsed;
  MeterRead& read = parsed.read;
  read.line = line_number;
  parsed.line = {line.begin, line_end_offset};
  bool ok = true;

  const std::string_view meter = fields[index(Column::meter)];
  if (meter.empty()) {
    error("U0110", meter, "the meter id is empty", "every read names its meter (the serial number on the meter)");
    unattributed = true;
    ok = false;
  }
  read.meter = std::string(meter);

  const std::string_view date = fields[index(Column::read_date)];
  parsed.date = span_of(date);
  const char* date_problem = nullptr;
  if (auto d = parse_date(date, date_problem)) {
    read.date = *d;
  } else {
    error("U0111", date,
          date.empty() ? std::string("read_date is empty")
                       : "read_date \"" + std::string(date) + "\" is not a date: " + date_problem,
          "write read dates like 2024-07-15 (the read is taken at the start of that day)");
    ok = false;
  }

  const std::string_view dials = fields[index(Column::dials)];
  parsed.dials = span_of(dials);
  bool dials_ok = !dials.empty() && dials.size() <= 2 && std::all_of(dials.begin(), dials.end(), is_digit);
  if (dials_ok) {
    read.dials = dials.size() == 1 ? dials[0] - '0' : (dials[0] - '0') * 10 + (dials[1] - '0');
    dials_ok = read.dials >= 1 && read.dials <= kMaxScale;
  }
  if (!dials_ok) {
    error("U0115", dials,
          dials.empty() ? std::string("dials is empty")
                        : "dials \"" + std::string(dials) + "\" is not a whole number of dials from 1 to 18",
          "dials is how many whole-number dials the register has: 5 for a register that rolls over after 99999");
    ok = false;
  }

  const std::string_view reading = fields[index(Column::reading)];
  parsed.reading = span_of(reading);
  parsed.reading_text = reading;
  const Number n = parse_number(reading);
  switch (n.status) {
    case NumberStatus::ok: {
      read.reading = to_decimal(n);
      // The register shows 10^dials − 1 at most.
      if (dials_ok && read.reading >= Decimal(kPow10[read.dials])) {
        error("U0114", reading,
              "reading \"" + std::string(reading) + "\" has more digits than a " + std::to_string(read.dials) +
                  "-dial register shows (at most " + std::string(static_cast<std::size_t>(read.dials), '9') + ")",
              "check the reading and the dials column; a register of n dials rolls over after n nines");
        ok = false;
      }
      break;
    }
    case NumberStatus::empty:
      error("U0112", reading, "reading is empty", "every read needs the register value as shown, e.g. 45210");
      ok = false;
      break;
    case NumberStatus::not_a_number:
      error("U0112", reading, "reading \"" + std::string(reading) + "\" is not a number",
            "write the register value as a plain decimal number such as 45210 (no units, no thousands separators)");
      ok = false;
      break;
    case NumberStatus::too_precise:
      error("U0112", reading, "reading \"" + std::string(reading) + "\" has more than 18 decimal places",
            "write the register value as the meter shows it");
      ok = false;
      break;
    case NumberStatus::negative:
      error("U0113", reading, "reading \"" + std::string(reading) + "\" is negative",
            "a register counts up from 0; write the value the register shows");
      ok = false;
      break;
    case NumberStatus::too_large:
      error("U0114", reading,
            "reading \"" + std::string(reading) + "\" has more digits than any register shows (at most 18 dials)",
            "check the reading and the dials column; a register of n dials rolls over after n nines");
      ok = false;
      break;
  }

  const std::string_view multiplier = fields[index(Column::multiplier)];
  parsed.multiplier = span_of(multiplier);
  const Number m = parse_number(multiplier);
  if (m.status == NumberStatus::ok && m.mantissa != 0) {
    read.multiplier = to_decimal(m);
  } else {
    error("U0116", multiplier,
          multiplier.empty() ? std::string("multiplier is empty")
                             : "multiplier \"" + std::string(multiplier) + "\" is not a positive number",
          "the multiplier is the meter constant the register difference is multiplied by: 1 for a meter read "
          "directly, e.g. 40 for one on current transformers");
    ok = false;
  }

  const std::string_view type = fields[index(Column::type)];
  if (iequals(type, "actual")) {
    read.estimated = false;
  } else if (iequals(type, "estimated")) {
    read.estimated = true;
  } else {
    error("U0117", type,
          type.empty() ? std::string("type is empty") : "type \"" + std::string(type) + "\" is not actual or estimated",
          "write actual for a read taken from the meter, estimated for one the utility estimated");
    ok = false;
  }

  if (column_of_[index(Column::event)] != kNone) {
    const std::string_view event = fields[index(Column::event)];
    parsed.event = span_of(event);
    if (event.empty()) {
      read.event = MeterRead::Event::none;
    } else if (iequals(event, "final")) {
      read.event = MeterRead::Event::final;
    } else if (iequals(event, "initial")) {
      read.event = MeterRead::Event::initial;
    } else {
      error("U0118", event, "event \"" + std::string(event) + "\" is not final or initial",
            "leave event empty for an ordinary read; at a meter exchange write final on the old meter's last read "
            "and initial on the new meter's first read");
      ok = false;
    }
  } else {
    parsed.event = {line_end_offset, line_end_offset};
  }

  if (ok) {
    reads.push_back(std::move(parsed));
  } else if (!meter.empty() && std::find(bad_meters.begin(), bad_meters.end(), meter) == bad_meters.end()) {
    bad_meters.emplace_back(meter);
  }
}

bool is_cumulative(Unit unit) {
  switch (dimension_of(unit)) {
    case Dimension::energy:
    case Dimension::reactive_energy:
    case Dimension::gas:
    case Dimension::water:
      return true;
    default:
      return false;
  }
}

}  // namespace

RegisterReadResult read_register_reads(std::string_view text, const std::string& path, Unit unit) {
  RegisterReadResult result;
  Reporter reporter(text, path);
  auto finish = [&] {
    result.diagnostics = reporter.finish();
    // The shared reporter counts the errors it leaves out as U0099; in this format's range
    // that note is U0149.
    for (auto& d : result.diagnostics)
      if (d.code == "U0099") d.code = "U0149";
    return std::move(result);
  };
  if (text.size() >= std::numeric_limits<std::uint32_t>::max()) {
    reporter.error("U0104", "the file is larger than 4 GiB", "split it by meter or by year");
    return finish();
  }
  if (!is_cumulative(unit)) {
    reporter.error("U0107",
                   "register reads count a cumulative quantity; " + std::string(to_string(unit)) + " is not one",
                   "read the registers in an energy, gas or water unit such as kWh, therm, CCF or gal");
    return finish();
  }

  LineCursor lines(text);
  Line line;
  std::uint32_t line_number = 0;
  bool have_header = false;
  while (lines.next(line)) {
    ++line_number;
    if (!is_blank_line(line.text) && !is_comment_line(line.text)) {
      have_header = true;
      break;
    }
  }
  if (!have_header) {
    reporter.error("U0100", "the file has no data",
                   "a register-read file starts with the header " + std::string(kHeaderExample));
    return finish();
  }
  ReadsCsv csv(text, reporter);
  if (!csv.read_header(line)) return finish();
  while (lines.next(line)) {
    ++line_number;
    if (is_blank_line(line.text) || is_comment_line(line.text)) continue;
    csv.read_row(line, line_number);
  }
  if (csv.rows == 0) {
    reporter.error("U0100", "no reads after the header", "add one row per read, e.g. 4471,2024-07-15,45210,5,1,actual");
    return finish();
  }
  RegisterUsage usage = build_register_usage(std::move(csv.reads), csv.bad_meters, csv.unattributed, unit, reporter);
  if (!reporter.has_errors()) {
    usage.source = path;
    result.usage = std::move(usage);
  }
  return finish();
}

RegisterReadResult read_register_reads_file(const std::string& path, Unit unit, std::uint64_t max_file_bytes) {
  auto read = detail::read_bounded(path, max_file_bytes);
  if (read.too_large) {
    RegisterReadResult result;
    result.diagnostics.push_back({Severity::error, "L0001",
                                  path + " is larger than the " + detail::format_bytes(max_file_bytes) +
                                      " limit for register read files",
                                  {}, "--max-input-size raises it (docs/limits.md)"});
    return result;
  }
  return read_register_reads(read.text, path, unit);
}

}  // namespace rateline
