// Value checks and messages for usage columns (see value_column.hpp).
#include "usage/value_column.hpp"

namespace rateline::usage_detail {

namespace {

std::string quoted(std::string_view text) {
  std::string out = "\"";
  out.append(text);
  out += '"';
  return out;
}

const char* negative_hint(Channel channel) {
  switch (channel) {
    case Channel::delivered:
      return "delivered energy cannot be negative; energy sent to the grid belongs in a kwh_received column, "
             "as a positive amount";
    case Channel::received:
      return "kwh_received holds the energy sent to the grid as a positive amount; drop the minus sign";
    case Channel::reactive:
      return "kvarh is read as a magnitude (a positive amount)";
  }
  return "";
}

// INT64_MAX written with `scale` decimal places: "9223372036.854775807" at 9.
std::string largest_at_scale(std::int32_t scale) {
  std::string digits = std::to_string(INT64_MAX);
  if (scale > 0) digits.insert(digits.size() - static_cast<std::size_t>(scale), 1, '.');
  return digits;
}

}  // namespace

void ValueColumn::report(NumberStatus status, std::string_view text, std::uint32_t offset, Reporter& reporter) const {
  const auto end = static_cast<std::uint32_t>(offset + text.size());
  switch (status) {
    case NumberStatus::ok:
      break;
    case NumberStatus::empty:
      reporter.error("U0030", offset, end, name + " value is empty",
                     "every interval needs a value; write 0 for an interval with no use");
      break;
    case NumberStatus::not_a_number:
      reporter.error("U0031", offset, end, name + " value " + quoted(text) + " is not a number",
                     "write a plain decimal number such as 1.25 (no units, no thousands separators)");
      break;
    case NumberStatus::negative:
      reporter.error("U0032", offset, end, name + " value " + quoted(text) + " is negative", negative_hint(channel));
      break;
    case NumberStatus::too_large:
      reporter.error("U0033", offset, end, name + " value " + quoted(text) + " does not fit a 64-bit integer",
                     "values are kept exactly as integers of at most 19 digits (9223372036854775807)");
      break;
    case NumberStatus::too_precise:
      reporter.error("U0034", offset, end,
                     name + " value " + quoted(text) + " has more than " + std::to_string(kMaxScale) +
                         " decimal places",
                     "rateline keeps at most 18 decimal places; round the value where it is exported");
      break;
  }
}

void ValueColumn::report_overflow(Reporter& reporter, std::pair<std::uint32_t, std::uint32_t> span,
                                  std::pair<std::uint32_t, std::uint32_t> scale_span) const {
  std::string_view text = reporter.text().substr(span.first, span.second - span.first);
  std::string_view scale_text = reporter.text().substr(scale_span.first, scale_span.second - scale_span.first);
  reporter.error("U0033", span.first, span.second,
                 name + " value " + quoted(text) + " does not fit a 64-bit integer at " + std::to_string(scale) +
                     " decimal places",
                 "the " + name + " column keeps " + std::to_string(scale) + " decimal places because line " +
                     std::to_string(reporter.line_of(scale_span.first)) + " wrote " + quoted(scale_text) +
                     "; at that scale the largest value is " + largest_at_scale(scale));
}

}  // namespace rateline::usage_detail
