// value_column.hpp — one column of meter values on its way to an IntervalSeries.
//
// A column's scale (decimal places) is the most any of its values wrote, which is known
// only after the last row. So values are first kept as they were written (mantissa and
// its own decimal places), and rescale() brings them all to the column's scale at the
// end, reporting any value that then no longer fits an int64.
#pragma once

#include "rateline/unit.hpp"
#include "usage/reporter.hpp"
#include "usage/usage_text.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rateline::usage_detail {

/// Which column of a usage file a value came from; picks the hint for a negative value.
enum class Channel : std::uint8_t { delivered, received, reactive };

struct ValueColumn {
  std::string name;  ///< as the header wrote it ("kWh", "kwh_received"), for messages
  Unit unit = Unit::kWh;
  Channel channel = Channel::delivered;
  std::vector<std::int64_t> mantissa;  ///< per row; after rescale(), the raw value at `scale`
  std::vector<std::uint8_t> digits;    ///< per row: decimal places of mantissa (until rescale)
  std::int32_t scale = 0;
  std::size_t scale_row = 0;  ///< first row that wrote `scale` decimal places

  /// Parses one value; reports a bad one (empty, not a number, negative, out of range)
  /// naming the column and the text, and returns nullopt for it.
  std::optional<Number> check(std::string_view text, std::uint32_t offset, Reporter& reporter) const {
    Number n;
    if (check(text, offset, reporter, n)) return n;
    return std::nullopt;
  }
  /// check() into `out`, saying whether the value is good. What a reader of many rows
  /// calls: a std::optional<Number> handed back through memory is written a field at a time
  /// and read back whole, a store the processor cannot forward, on every value.
  bool check(std::string_view text, std::uint32_t offset, Reporter& reporter, Number& out) const {
    out = parse_number(text);
    if (out.status == NumberStatus::ok) return true;
    report(out.status, text, offset, reporter);
    return false;
  }
  /// Stores a checked value for the next row (a bad value is stored as 0 so the row still
  /// holds its place on the grid; the result is discarded anyway once there is an error).
  /// Always inlined: it runs for every value, and a call cost a batch some 35 instructions each.
  [[gnu::always_inline]] void push(const Number& value, bool good) {
    if (good) {
      mantissa.push_back(value.mantissa);
      digits.push_back(static_cast<std::uint8_t>(value.digits));
      if (value.written_digits > scale) {
        scale = value.written_digits;
        scale_row = mantissa.size() - 1;
      }
    } else {
      mantissa.push_back(0);
      digits.push_back(0);
    }
  }
  void push(const std::optional<Number>& value) { value ? push(*value, true) : push(Number{}, false); }

  /// Brings every value to `scale`. span_of(row) gives the [begin, end) of that row's value
  /// text; it is called only to report a value that does not fit.
  template <class SpanOf>
  void rescale(Reporter& reporter, SpanOf&& span_of);

 private:
  void report(NumberStatus status, std::string_view text, std::uint32_t offset, Reporter& reporter) const;
  void report_overflow(Reporter& reporter, std::pair<std::uint32_t, std::uint32_t> span,
                       std::pair<std::uint32_t, std::uint32_t> scale_span) const;
};

template <class SpanOf>
void ValueColumn::rescale(Reporter& reporter, SpanOf&& span_of) {
  const auto target = static_cast<std::uint8_t>(scale);
  const std::size_t n = mantissa.size();
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t d = digits[i];
    if (d == target) continue;
    const std::int64_t factor = kPow10[target - d];
    if (mantissa[i] > INT64_MAX / factor) {
      report_overflow(reporter, span_of(i), span_of(scale_row));
      mantissa[i] = 0;
    } else {
      mantissa[i] *= factor;
    }
  }
}

}  // namespace rateline::usage_detail
