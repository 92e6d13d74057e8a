// Rounding to 0 fractional digits checked against a published table: the summary table
// "Summary of Rounding Operations Under Different Rounding Modes" in the Java SE API
// documentation of java.math.RoundingMode (Java SE 8:
// https://docs.oracle.com/javase/8/docs/api/java/math/RoundingMode.html). Java's modes map
// to ours as UP -> away_from_zero, DOWN -> toward_zero, CEILING -> ceiling,
// FLOOR -> floor, HALF_UP -> half_up, HALF_DOWN -> half_down, HALF_EVEN -> half_even
// (UNNECESSARY has no counterpart: rateline always names a mode).
#include <doctest/doctest.h>

#include "rateline/decimal.hpp"

#include <array>
#include <string>

using rateline::Decimal;
using rateline::RoundingMode;

namespace {

constexpr std::array<RoundingMode, 7> kJavaOrder = {
    RoundingMode::away_from_zero,  // UP
    RoundingMode::toward_zero,     // DOWN
    RoundingMode::ceiling,         // CEILING
    RoundingMode::floor,           // FLOOR
    RoundingMode::half_up,         // HALF_UP
    RoundingMode::half_down,       // HALF_DOWN
    RoundingMode::half_even,       // HALF_EVEN
};

struct Row {
  const char* input;
  std::array<const char*, 7> expected;  // in kJavaOrder
};

// The table, row by row, as published.
constexpr std::array<Row, 10> kTable = {{
    {"5.5", {"6", "5", "6", "5", "6", "5", "6"}},
    {"2.5", {"3", "2", "3", "2", "3", "2", "2"}},
    {"1.6", {"2", "1", "2", "1", "2", "2", "2"}},
    {"1.1", {"2", "1", "2", "1", "1", "1", "1"}},
    {"1.0", {"1", "1", "1", "1", "1", "1", "1"}},
    {"-1.0", {"-1", "-1", "-1", "-1", "-1", "-1", "-1"}},
    {"-1.1", {"-2", "-1", "-1", "-2", "-1", "-1", "-1"}},
    {"-1.6", {"-2", "-1", "-1", "-2", "-2", "-2", "-2"}},
    {"-2.5", {"-3", "-2", "-2", "-3", "-3", "-2", "-2"}},
    {"-5.5", {"-6", "-5", "-5", "-6", "-6", "-5", "-6"}},
}};

}  // namespace

TEST_CASE("decimal: rounded(0, mode) matches the java.math.RoundingMode table") {
  for (const Row& row : kTable) {
    for (std::size_t m = 0; m < kJavaOrder.size(); ++m) {
      RoundingMode mode = kJavaOrder[m];
      CAPTURE(row.input);
      CAPTURE(to_string(mode));
      CHECK(Decimal::parse(row.input).value().rounded(0, mode).to_string() == row.expected[m]);
    }
  }
}

TEST_CASE("decimal: divided_by rounds like rounded (the Java table as quotients)") {
  // 5.5 = 11/2, 2.5 = 5/2, 1.6 = 8/5, 1.1 = 11/10, 1.0 = 10/10: the same table through
  // division exercises divided_by's own rounding of the quotient.
  for (const Row& row : kTable) {
    Decimal x = Decimal::parse(row.input).value();
    Decimal numerator = x * 10;
    for (std::size_t m = 0; m < kJavaOrder.size(); ++m) {
      RoundingMode mode = kJavaOrder[m];
      CAPTURE(row.input);
      CAPTURE(to_string(mode));
      CHECK(numerator.divided_by(Decimal(10), 0, mode).to_string() == row.expected[m]);
      CHECK((-numerator).divided_by(Decimal(-10), 0, mode).to_string() == row.expected[m]);
    }
  }
}

TEST_CASE("decimal: the Java table holds at every scale (x 10^-k rounded to k digits)") {
  // 0.055 rounded to 2 digits behaves as 5.5 rounded to 0: the rule depends only on the
  // discarded digits, not on where the decimal point is.
  for (int k = 1; k <= 6; ++k) {
    for (const Row& row : kTable) {
      Decimal x = Decimal::parse(row.input).value() * Decimal(Decimal::Int(1), k);
      for (std::size_t m = 0; m < kJavaOrder.size(); ++m) {
        RoundingMode mode = kJavaOrder[m];
        Decimal expected = Decimal::parse(row.expected[m]).value() * Decimal(Decimal::Int(1), k);
        CAPTURE(row.input);
        CAPTURE(k);
        CAPTURE(to_string(mode));
        CHECK(x.rounded(k, mode) == expected);
        CHECK(x.rounded(k, mode).scale() == k);
      }
    }
  }
}
