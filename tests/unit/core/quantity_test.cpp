// Typed quantities, prices and money (rateline/quantity.hpp). What must not compile is
// in tests/compile_fail/; these are the operations that do.
#include <doctest/doctest.h>

#include "rateline/quantity.hpp"

#include <sstream>
#include <stdexcept>
#include <type_traits>

using namespace rateline;

static Decimal D(const char* s) { return Decimal::parse(s).value(); }

TEST_CASE("quantity: same-unit arithmetic is exact and keeps the unit") {
  Energy a{D("812.5")};
  Energy b{D("0.25")};
  CHECK((a + b).value().to_string() == "812.75");
  CHECK((a - b).value().to_string() == "812.25");
  CHECK((-b).value().to_string() == "-0.25");
  CHECK((a * D("0.5")).value().to_string() == "406.25");
  CHECK((D("2") * b).value() == D("0.5"));
  CHECK((b * 3).value() == D("0.75"));
  Energy c;
  CHECK(c.is_zero());
  c += a;
  c -= b;
  CHECK(c == Energy{D("812.25")});
  CHECK(Energy{D("1.0")} == Energy{D("1.00")});
  CHECK(b < a);
  CHECK(a >= b);
  static_assert(Energy::unit == Unit::kWh);
  static_assert(std::is_same_v<decltype(a + b), Energy>);
}

TEST_CASE("quantity: rounding and division need a scale and a mode") {
  Energy e{D("100")};
  CHECK(e.divided_by(D("3"), 2, RoundingMode::half_up).value().to_string() == "33.33");
  CHECK(Energy{D("2.345")}.rounded(2, RoundingMode::half_even).value().to_string() == "2.34");
  Days period{12};
  Days cycle{30};
  CHECK(period.divided_by(cycle, 4, RoundingMode::half_up).to_string() == "0.4000");
}

TEST_CASE("quantity: kWh per day is an average that multiplies back to kWh") {
  Energy e{D("812.5")};
  EnergyPerDay avg = e.per(Days{30}, 3, RoundingMode::half_up);
  CHECK(avg.value().to_string() == "27.083");
  Energy back = avg * Days{30};
  CHECK(back.value().to_string() == "812.490");
  HoursUse hours = e.per(Demand{D("5")}, 0, RoundingMode::floor);
  CHECK(hours.value().to_string() == "162");
  static_assert(std::is_same_v<decltype(Days{1} * avg), Energy>);
}

TEST_CASE("quantity: quantity times price of the same unit is money") {
  Energy energy{D("812.5")};
  EnergyPrice price{D("0.11234"), Currency("USD")};
  Money charge = energy * price;
  CHECK(charge.amount().to_string() == "91.276250");
  CHECK(charge.currency() == Currency("USD"));
  CHECK((price * energy) == charge);
  CHECK(charge.rounded(2, RoundingMode::half_up).amount().to_string() == "91.28");
  DemandPrice demand_price{D("8.50"), Currency("USD")};
  CHECK((Demand{D("12.4")} * demand_price).amount().to_string() == "105.400");
  static_assert(std::is_same_v<decltype(energy * price), Money>);
}

TEST_CASE("quantity: stacked prices add, prices of two currencies do not") {
  EnergyPrice base{D("0.09"), Currency("USD")};
  EnergyPrice fuel{D("0.0215"), Currency("USD")};
  CHECK((base + fuel).value().to_string() == "0.1115");
  CHECK((base - fuel).value().to_string() == "0.0685");
  CHECK((base * 2).value() == D("0.18"));
  CHECK(fuel < base);
  EnergyPrice cad{D("0.09"), Currency("CAD")};
  CHECK_THROWS_AS(base + cad, std::logic_error);
  CHECK_FALSE(base == cad);
  CHECK_THROWS_AS((void)(base < cad), std::logic_error);
}

TEST_CASE("quantity: money adds within one currency and throws across two") {
  Money a{D("10.00"), Currency("USD")};
  Money b{D("0.005"), Currency("USD")};
  CHECK((a + b).amount().to_string() == "10.005");
  CHECK((a - b).amount().to_string() == "9.995");
  CHECK((-a).is_negative());
  CHECK((a * D("0.07")).amount().to_string() == "0.7000");
  CHECK(a.divided_by(3, 2, RoundingMode::half_up).amount().to_string() == "3.33");
  CHECK(Money::zero(Currency("USD")).is_zero());
  CHECK(b < a);
  CHECK(Money{D("1.0"), Currency("USD")} == Money{D("1.00"), Currency("USD")});

  Money eur{D("10.00"), Currency("EUR")};
  CHECK_FALSE(a == eur);
  CHECK_THROWS_AS(a + eur, std::logic_error);
  CHECK_THROWS_AS(a - eur, std::logic_error);
  CHECK_THROWS_AS((void)(a < eur), std::logic_error);
  try {
    a += eur;
    FAIL("no exception");
  } catch (const std::logic_error& e) {
    CHECK(std::string(e.what()).find("USD and EUR") != std::string::npos);
  }
  CHECK(a.amount() == D("10.00"));  // unchanged by the failed +=
}

TEST_CASE("quantity: currency codes are three upper-case letters") {
  CHECK(Currency::parse("USD").has_value());
  CHECK(Currency::parse("USD")->code() == "USD");
  CHECK(*Currency::parse("CAD") == Currency("CAD"));
  CHECK_FALSE(Currency::parse("usd").has_value());
  CHECK_FALSE(Currency::parse("US").has_value());
  CHECK_FALSE(Currency::parse("USDX").has_value());
  CHECK_FALSE(Currency::parse("U$D").has_value());
  CHECK_FALSE(Currency::parse("").has_value());
  CHECK(Currency("CAD") < Currency("USD"));
}

TEST_CASE("quantity: printing names the unit and the currency") {
  std::ostringstream out;
  out << Energy{D("812.5")} << "; " << Money{D("91.28"), Currency("USD")} << "; "
      << EnergyPrice{D("0.11234"), Currency("USD")} << "; " << EnergyPerDay{D("27.083")};
  CHECK(out.str() == "812.5 kWh; USD 91.28; USD 0.11234/kWh; 27.083 kWh/day");
  CHECK(to_string(Money{D("-3.50"), Currency("EUR")}) == "EUR -3.50");
}
