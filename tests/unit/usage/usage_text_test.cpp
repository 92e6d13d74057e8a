// The usage readers' field parsers (src/usage/usage_text.hpp).
#include <doctest/doctest.h>

#include "usage/usage_text.hpp"

#include <cstdio>
#include <string>
#include <vector>

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

TEST_CASE("usage: parse_number's fast path gives what the general parser gives") {
  // texts of digits and at most one point, up to 18 characters ("5.", ".5", "0012.340")
  for (const char* text : {"0", "7", "12", "5.", ".5", "0.0", "1.000", "2.775", "0012.340", "123456789012345678", "12345678901234567.8",
                           ".000000000000000001", "100"}) {
    CAPTURE(std::string_view(text));
    const Number fast = number(text), general = parse_number_general(text);
    CHECK(fast.status == general.status);
    CHECK(fast.written_digits == general.written_digits);
    // the same value at the written scale (the general parser holds trailing zeros back)
    CHECK(fast.mantissa * kPow10[fast.written_digits - fast.digits] == general.mantissa * kPow10[general.written_digits - general.digits]);
  }
  // what the fast path hands on: mistakes, and signs and exponents the general parser reads
  for (const char* text : {".", "", "1.2.3", "1,5", "..5", "5..", "-1", " 1"}) {
    CAPTURE(std::string_view(text));
    CHECK(number(text).status == parse_number_general(text).status);
    CHECK(number(text).status != NumberStatus::ok);
  }
  CHECK(number("1e3").mantissa == 1000);
  CHECK(number("+2").mantissa == 2);
}

TEST_CASE("usage: find_newline finds the first newline at every place, or the end") {
  std::string text(70, 'x');
  for (std::size_t size = 0; size <= text.size(); ++size) {
    const char* begin = text.data();
    CHECK(find_newline(begin, begin + size) == begin + size);   // none
    for (std::size_t at = 0; at < size; ++at) {
      text[at] = '\n';
      if (at + 5 < size) text[at + 5] = '\n';   // a second one after it is not taken
      CHECK(find_newline(begin, begin + size) == begin + at);
      CHECK(find_newline(begin + at + 1, begin + size) == (at + 5 < size ? begin + at + 5 : begin + size));
      text.assign(70, 'x');
    }
  }
}

TEST_CASE("usage: a start on the cached date reads as without the cache, good or bad") {
  // "YYYY-MM-DDTHH:MMZ" on the date of the row before takes a shorter path: the same
  // seconds, and the same problem for every hour, minute and stray character
  DateCache cache;
  REQUIRE(parse_timestamp("2024-03-10T00:00Z", &cache).problem == nullptr);
  std::vector<std::string> texts;
  for (int h = 0; h <= 25; ++h)
    for (int m = 0; m <= 61; ++m) {
      char text[32];
      std::snprintf(text, sizeof text, "2024-03-10T%02d:%02dZ", h, m);
      texts.push_back(text);
    }
  for (const char* odd : {"2024-03-10T1a:00Z", "2024-03-10T14:/0Z", "2024-03-10T14:00z", "2024-03-10t14:00Z", "2024-03-10 14:00Z",
                          "2024-03-10T14-00Z", "2024-03-10T14:00X", "2024-03-10T:9:00Z", "2024-03-10T14:00Z ", "2024-03-11T14:00Z"})
    texts.push_back(odd);
  for (const std::string& text : texts) {
    CAPTURE(text);
    const Timestamp cached = parse_timestamp(text, &cache), plain = parse_timestamp(text);
    CHECK(cached.seconds == plain.seconds);
    CHECK(cached.has_offset == plain.has_offset);
    CHECK(std::string(cached.problem ? cached.problem : "") == std::string(plain.problem ? plain.problem : ""));
    REQUIRE(parse_timestamp("2024-03-10T00:00Z", &cache).problem == nullptr);   // the date cached again
  }
  CHECK(parse_timestamp("2024-03-10T23:59Z", &cache).seconds == parse_timestamp("2024-03-11T00:00Z").seconds - 60);
}

TEST_CASE("usage: is_skipped_line skips blank and comment lines only, whatever their first byte") {
  for (const char* skipped : {"", " ", "\t", "\r", "\r\r", " \t\r", "#", "# a comment", "  # indented", "\t#x"})
    CHECK_MESSAGE(is_skipped_line(skipped), std::string_view(skipped));
  // rows, among them rows opening with a byte at or below '#' that is no blank ('!', '"')
  for (const char* row : {"A1,2024-07-01T00:00Z,1", "\"A1\",2024-07-01T00:00Z,1", "!,x", " A1,x", "\tA1", "\rA1", "$", "0", ","})
    CHECK_MESSAGE(!is_skipped_line(row), std::string_view(row));
}
