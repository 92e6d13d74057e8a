// Decimal: exact parse, arithmetic and rounding (the basics; tests/property/ holds the
// random cross-check against Python's decimal module, rounding_reference_test.cpp the
// java.math.RoundingMode table).
#include <doctest/doctest.h>

#include "rateline/decimal.hpp"

using rateline::Decimal;
using rateline::RoundingMode;

static Decimal D(const char* s) { return Decimal::parse(s).value(); }

TEST_CASE("decimal: parse keeps every digit and the scale") {
  CHECK(D("0.11234").to_string() == "0.11234");
  CHECK(D("14.00").to_string() == "14.00");
  CHECK(D("-0.005").to_string() == "-0.005");
  CHECK(D("33.575401306152344").to_string() == "33.575401306152344");
  CHECK(D("1.5e3").to_string() == "1500");
  CHECK(D("2.5E-3").to_string() == "0.0025");
  CHECK_FALSE(Decimal::parse("").has_value());
  CHECK_FALSE(Decimal::parse("1,000").has_value());
  CHECK_FALSE(Decimal::parse("1.2.3").has_value());
  CHECK_FALSE(Decimal::parse(" 1").has_value());
  CHECK_FALSE(Decimal::parse("NaN").has_value());
  CHECK_FALSE(Decimal::parse("1e99999").has_value());
}

TEST_CASE("decimal: + - x are exact") {
  CHECK((D("0.1") + D("0.2")) == D("0.3"));
  CHECK((D("0.1") + D("0.2")).to_string() == "0.3");
  CHECK((D("812.5") * D("0.11234")).to_string() == "91.276250");
  CHECK((D("1") - D("0.001")).to_string() == "0.999");
  CHECK(D("1.0") == D("1.00"));
  CHECK(D("-1") < D("0.5"));
}

TEST_CASE("decimal: division needs a scale and a mode") {
  CHECK(D("1").divided_by(D("3"), 4, RoundingMode::half_up).to_string() == "0.3333");
  CHECK(D("2").divided_by(D("3"), 4, RoundingMode::half_up).to_string() == "0.6667");
  CHECK(D("-2").divided_by(D("3"), 4, RoundingMode::toward_zero).to_string() == "-0.6666");
  CHECK_THROWS_AS(D("1").divided_by(D("0"), 2, RoundingMode::half_up), std::domain_error);
}

TEST_CASE("decimal: rounding modes on ties and non-ties") {
  struct Row { const char* in; RoundingMode mode; const char* out; };
  Row rows[] = {
      {"2.345", RoundingMode::half_up, "2.35"},   {"-2.345", RoundingMode::half_up, "-2.35"},
      {"2.345", RoundingMode::half_even, "2.34"}, {"2.355", RoundingMode::half_even, "2.36"},
      {"2.345", RoundingMode::half_down, "2.34"}, {"2.3451", RoundingMode::half_down, "2.35"},
      {"2.349", RoundingMode::toward_zero, "2.34"}, {"-2.349", RoundingMode::toward_zero, "-2.34"},
      {"2.341", RoundingMode::away_from_zero, "2.35"}, {"-2.341", RoundingMode::away_from_zero, "-2.35"},
      {"-2.341", RoundingMode::floor, "-2.35"},   {"2.349", RoundingMode::floor, "2.34"},
      {"2.341", RoundingMode::ceiling, "2.35"},   {"-2.349", RoundingMode::ceiling, "-2.34"},
  };
  for (auto& r : rows) {
    CAPTURE(r.in);
    CHECK(D(r.in).rounded(2, r.mode).to_string() == r.out);
  }
  CHECK(D("14").rounded(2, RoundingMode::half_up).to_string() == "14.00");
}

TEST_CASE("decimal: scales beyond parse's limit still compare and round") {
  // parse refuses exponents beyond +-4000, but products of products go further: three
  // factors of scale 4000 make scale 12000. Such values once threw std::out_of_range from
  // the power-of-ten cache.
  Decimal tiny = D("1e-4000");
  Decimal product = tiny * tiny * tiny;
  CHECK(product.scale() == 12000);
  CHECK(product > Decimal(0));
  CHECK(product < tiny);
  CHECK(product.rounded(2, RoundingMode::ceiling).to_string() == "0.01");
  CHECK(product.rounded(2, RoundingMode::floor).to_string() == "0.00");
  CHECK((product + Decimal(1)).rounded(0, RoundingMode::half_up) == Decimal(1));
  CHECK(Decimal(Decimal::Int(7), -9000) == Decimal(Decimal::Int(7), -9000).normalized());
  CHECK(Decimal(1).divided_by(Decimal(Decimal::Int(3), -9000), 9001, RoundingMode::half_up).to_string().ends_with("03"));
}
