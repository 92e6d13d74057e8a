// The usage readers' field parsers (src/usage/usage_text.hpp).
#include <doctest/doctest.h>

#include "usage/usage_text.hpp"

using namespace rateline::usage_detail;

namespace {

Number number(std::string_view text) { return parse_number(text); }

}  // namespace

TEST_CASE("usage: parse_number keeps mantissa, decimal places and written places") {
  auto n = number("0.50");
  CHECK(n.status == NumberStatus::ok);
  CHECK(n.written_digits == 2);
  CHECK(n.mantissa * kPow10[n.written_digits - n.digits] == 50);  // 0.50 at the written scale

  n = number("1.0000000000000000000000");  // zeros beyond what fits are not needed
  CHECK(n.status == NumberStatus::ok);
  CHECK(n.written_digits == 18);
  CHECK(n.mantissa * kPow10[n.written_digits - n.digits] == 1'000'000'000'000'000'000);

  n = number("9223372036854775807");
  CHECK(n.status == NumberStatus::ok);
  CHECK(n.mantissa == INT64_MAX);
  CHECK(number("9223372036854775808").status == NumberStatus::too_large);
  CHECK(number("922337203685477580.7").mantissa == INT64_MAX);

  n = number("100e-20");  // 1e-18
  CHECK(n.status == NumberStatus::ok);
  CHECK(n.mantissa == 1);
  CHECK(n.digits == 18);
  CHECK(number("1e-19").status == NumberStatus::too_precise);
  CHECK(number("0e-400").status == NumberStatus::ok);
  CHECK(number("1e30").status == NumberStatus::too_large);
  CHECK(number("-0").status == NumberStatus::ok);
  CHECK(number("-0.5").status == NumberStatus::negative);
  CHECK(number("-99999999999999999999").status == NumberStatus::negative);
  CHECK(number("").status == NumberStatus::empty);
  for (const char* bad : {".", "-", "+", "e5", "1e", "1e+", "1.2.3", "1,5", "0x10", "inf", "nan", "1 ", "--1"}) {
    CAPTURE(bad);
    CHECK(number(bad).status == NumberStatus::not_a_number);
  }
}

TEST_CASE("usage: parse_timestamp and format_utc agree") {
  const Timestamp t = parse_timestamp("2024-07-03T14:00Z");
  REQUIRE(t.problem == nullptr);
  CHECK(t.has_offset);
  CHECK(format_utc(t.seconds) == "2024-07-03T14:00Z");
  CHECK(format_utc(parse_timestamp("2024-07-03T14:00:05Z").seconds) == "2024-07-03T14:00:05Z");
  CHECK(format_utc(parse_timestamp("1900-03-01T00:00Z").seconds) == "1900-03-01T00:00Z");
  CHECK(format_local(parse_timestamp("2024-03-10T02:30").seconds) == "2024-03-10T02:30");
  CHECK_FALSE(parse_timestamp("2024-03-10T02:30").has_offset);
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(2000, 3, 1) == 11017);
  CHECK(parse_timestamp("2024-07-03T14:00-").problem != nullptr);
  CHECK(parse_timestamp("2024-07-03T14:00+05:3").problem != nullptr);
  CHECK(parse_timestamp("2024-07-03T14:00:0Z").problem != nullptr);
  CHECK(parse_timestamp("2024-07-03T14:00:00.Z").problem != nullptr);
}
