// The checks of volumes, conversions, therm factors and caps (docs/diagnostics.md E0330 –
// E0335, E0103 for `meter_unit`, E0601 for rounding targets), each with the exact text.
#include <doctest/doctest.h>

#include "support/test_support.hpp"

using rateline::test::compile_text;
using rateline::test::summary;

namespace {

// A valid header for a service; each test appends the lines under test (line 7 onwards).
std::string tariff(const std::string& service, const std::string& body) {
  return rateline::test::tariff_text(" rounding line_items 0.01 half_up\n service " + service + "\n" + body);
}

std::vector<std::string> check(const std::string& text) { return summary(rateline::test::compile_text(text).diagnostics); }

std::string hint_of(const std::string& text) {
  auto result = compile_text(text);
  return result.diagnostics.empty() ? "" : result.diagnostics.front().hint;
}

}  // namespace

TEST_CASE("check volumes: a meter unit the service is not metered in") {
  auto d = check(tariff("water", "  meter_unit therm\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0103 7:14 `therm` is not a unit water is metered in");
  CHECK(hint_of(tariff("water", "  meter_unit therm\n")) == "water is metered in gal, kgal, CF, CCF or MCF");
}

TEST_CASE("check volumes: gallons and cubic feet need the sheet's conversion") {
  auto text = tariff("water", "  charge sewer \"Sewer\" on usage: 3.00 $/CCF\n");
  auto d = check(text);
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0330 7:39 a $/CCF price on usage metered in gal needs the conversion the sheet states");
  CHECK(hint_of(text) == "gallons and cubic feet differ by no exact decimal factor: add the sheet's, e.g. `convert 1 CCF = 748 gal`");
}

TEST_CASE("check volumes: a division by a stated factor needs the rounding of quantities") {
  auto text = tariff("water", "  convert 1 CCF = 748 gal\n  charge sewer \"Sewer\" on usage: 3.00 $/CCF\n");
  auto d = check(text);
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0331 8:39 usage in gal becomes CCF by a division that is not an exact decimal (1 CCF = 748 gal)");
  CHECK(hint_of(text) == "state how the billed quantity is rounded, e.g. `rounding quantities 0.01 half_up`");
}

TEST_CASE("check volumes: a conversion the language knows exactly, or one that is not between volumes") {
  auto d = check(tariff("water", "  convert 1 kgal = 1000 gal\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0333 7:3 a stated conversion is between cubic feet and gallons");
  d = check(tariff("water", "  convert 1 CCF = 0 gal\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0333 7:3 a conversion's amounts must be positive");
}

TEST_CASE("check volumes: therms on CCF need the therm factor") {
  auto text = tariff("gas", "  meter_unit CCF\n  charge delivery \"Delivery\" on usage: 0.45 $/therm\n");
  auto d = check(text);
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0330 8:45 a $/therm price on gas metered in CCF needs the therm factor");
}

TEST_CASE("check volumes: the therm factor table") {
  // the rounding of therms is the sheet's to state
  auto d = check(tariff("gas", "  meter_unit CCF\n  therm_factor: 1.037\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0332 8:3 the rounding of therms is not stated");
  // a `by month` table names every month
  d = check(tariff("gas", "  meter_unit CCF\n  rounding therms 1 half_up\n  therm_factor: by month { Jan, Feb: 1.037  Dec: 1.039 }\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0332 9:20 the therm factor table has no factor for Mar, Apr, May, Jun, Jul, Aug, Sep, Oct, Nov");
  // keys, values and axes
  d = check(tariff("gas", "  meter_unit CCF\n  rounding therms 1 half_up\n  therm_factor: by billing_month { 2024-13: 1.037  2024-01: 10.37  2024-01: 1.0 }\n"));
  REQUIRE(d.size() == 3);
  CHECK(d[0] == "E0332 9:36 `2024-13` is not a billing month");
  CHECK(d[1] == "E0332 9:61 a therm factor of 10.37 therms per CCF is not one a gas sheet states");
  CHECK(d[2] == "E0332 9:68 `2024-01` appears twice in this table");
  d = check(tariff("gas", "  meter_unit CCF\n  rounding therms 1 half_up\n  therm_factor: by season { winter: 1.04 }\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0332 9:20 a therm factor table is `by month` or `by billing_month`, not by `season`");
  // a therm factor on a water tariff
  d = check(tariff("water", "  rounding therms 1 half_up\n  therm_factor: 1.037\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0332 8:3 a therm factor is for gas service");
}

TEST_CASE("check volumes: only usage is capped") {
  auto d = check(tariff("electric", "  charge demand \"Demand\" on demand capped at contract_kw: 10 $/kW\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0334 7:46 only usage can be capped at an account attribute");
}

TEST_CASE("check volumes: tiers with one price per period cannot be capped or converted") {
  auto d = check(tariff("electric", "  period peak: weekday 13:00-18:00\n  period off: otherwise\n"
                                    "  charge energy \"Energy\" on energy capped at limit_kwh: tiers proportional {\n"
                                    "    first 500 kWh: peak 0.20 $/kWh, off 0.10 $/kWh\n    above: peak 0.25 $/kWh, off 0.12 $/kWh\n  }\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0335 9:57 tiers with one price per period split interval energy as metered: they cannot be capped, converted or rounded");
}

TEST_CASE("check volumes: rounding targets") {
  auto d = check(tariff("gas", "  rounding totals 1 half_up\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0601 7:12 unknown rounding target `totals`");
  d = check(tariff("gas", "  rounding quantities 1\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0602 7:3 the rounding mode is not stated");
  CHECK(hint_of(tariff("gas", "  rounding quantities 1\n")) == "say how ties round, e.g. `rounding quantities 1 half_up`");
}

TEST_CASE("check volumes: syntax of caps and conversions") {
  auto d = check(tariff("water", "  charge sewer \"Sewer\" on usage capped winter_average: 3.00 $/gal\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0001 7:40 syntax error: expected `capped at` and an account attribute, e.g. `on usage capped at winter_average`");
  d = check(tariff("water", "  convert 1 CCF 748 gal\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0001 7:17 syntax error: expected `=`, e.g. `convert 1 CCF = 748 gal`");
}

TEST_CASE("check volumes: a revision keeps a charge's cap") {
  auto d = check(tariff("water", "  charge sewer \"Sewer\" on usage capped at winter_average: 6.00 $/kgal\n"
                                 "  revision 2024-07-01 {\n    charge sewer \"Sewer\" on usage: 7.00 $/kgal\n  }\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0704 9:12 revision of `sewer` must keep what it is (kind, `on` and `of`) and change only prices");
}
