// Exact percentages and nearest-rank percentiles (src/analysis/exact_stats.cpp).
#include "rateline/analysis.hpp"

#include <doctest/doctest.h>

using rateline::Decimal;

namespace {
Decimal d(const char* text) { return Decimal::parse(text).value(); }
}  // namespace

TEST_CASE("percent_change: exact, rounded once half-even to 2 places, none from zero") {
  CHECK(rateline::percent_change(d("100.00"), d("103.50"))->to_string() == "3.50");
  CHECK(rateline::percent_change(d("3"), d("4"))->to_string() == "33.33");
  CHECK(rateline::percent_change(d("8"), d("8.0001"))->to_string() == "0.00");
  CHECK(rateline::percent_change(d("-50"), d("-25"))->to_string() == "50.00");   // against |before|: a smaller credit is an increase
  CHECK(rateline::percent_change(d("200000"), d("200001"))->to_string() == "0.00");   // 0.0005 -> half-even to 0.00
  CHECK(rateline::percent_change(d("200000"), d("200003"))->to_string() == "0.00");   // 0.0015 -> 0.00 (toward even)
  CHECK(rateline::percent_change(d("40000"), d("40001"))->to_string() == "0.00");     // 0.0025 -> 0.00
  CHECK(rateline::percent_change(d("40000"), d("40003"))->to_string() == "0.01");     // 0.0075 -> 0.01
  CHECK_FALSE(rateline::percent_change(d("0"), d("5")).has_value());
}

TEST_CASE("percentile: nearest rank, always one of the values") {
  std::vector<Decimal> v{d("1"), d("2"), d("3"), d("4"), d("5"), d("6"), d("7"), d("8"), d("9"), d("10")};
  CHECK(rateline::percentile(v, 0) == d("1"));
  CHECK(rateline::percentile(v, 5) == d("1"));     // ceil(0.5) = 1
  CHECK(rateline::percentile(v, 25) == d("3"));    // ceil(2.5) = 3
  CHECK(rateline::percentile(v, 50) == d("5"));
  CHECK(rateline::percentile(v, 95) == d("10"));
  CHECK(rateline::percentile(v, 100) == d("10"));
  CHECK(rateline::percentile({d("7.25")}, 50) == d("7.25"));
  CHECK_THROWS(rateline::percentile({}, 50));
}
