// eval/share.hpp: the two ways a share of days is applied, and where they differ.
#include "eval/share.hpp"

#include <doctest/doctest.h>

using rateline::Decimal;
using rateline::eval::Share;

namespace {
Decimal dec(const char* text) { return Decimal::parse(text).value(); }
}  // namespace

TEST_CASE("Share: the fraction shown is part / whole to 12 places, half even, without trailing zeros") {
  CHECK(Share{31, 30}.decimal().to_string() == "1.033333333333");
  CHECK(Share{2, 3}.decimal().to_string() == "0.666666666667");
  CHECK(Share{15, 30}.decimal().to_string() == "0.5");
  CHECK(Share{}.decimal().to_string() == "1");
}

TEST_CASE("Share: scale() multiplies by the 12-place fraction, split() divides once") {
  // 10.35 × 31/30 is exactly 10.695; the 12-place fraction gives a different last digit
  CHECK(Share{31, 30}.split(dec("10.35")).to_string() == "10.695");
  CHECK(Share{31, 30}.scale(dec("10.35")).to_string() == "10.694999999997");
  // times() keeps the product's places (a minimum's share), scale() drops trailing zeros
  CHECK(Share{15, 30}.times(dec("20.00")).to_string() == "10.000000000000");
  CHECK(Share{15, 30}.scale(dec("20.00")).to_string() == "10");
  CHECK(Share{1, 3}.split(dec("100")).to_string() == "33.333333333333");
}
