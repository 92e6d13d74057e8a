// One mistake, one finding (check/cascades.hpp, docs/diagnostics.md "Cascades"): what a
// root error makes meaningless is not reported again in other words.
#include <doctest/doctest.h>

#include "support/test_support.hpp"

using rateline::test::compile_text;
using rateline::test::rounded_tariff_text;   // the lines under test start on line 7
using rateline::test::summary;

namespace {

std::string rendered(const std::string& text) {
  std::string all;
  for (auto& d : compile_text(text).diagnostics) all += rateline::render(d);
  return all;
}

}  // namespace

TEST_CASE("cascades: one wrong unit on every tier row is one error naming the other rows") {
  auto text = rounded_tariff_text("  charge e \"Energy\" on energy: tiers {\n"
                                  "    first 300 kWh: 0.12 $/kW\n"
                                  "    next 700 kWh: 0.11 $/kW\n"
                                  "    above: 0.10 $/kW\n"
                                  "  }\n");
  CHECK(rendered(text) ==
        "test.tariff:8:25: error[E0301]: a $/kW price cannot apply to energy (kWh)\n"
        " 8 |     first 300 kWh: 0.12 $/kW\n"
        "   |                         ^^^^\n"
        "  hint: this quantity is priced in $/kWh; a demand charge is `on demand`; the same on lines 9 and 10\n");
}

TEST_CASE("cascades: a tier limit in the wrong unit on two rows is one error") {
  auto d = compile_text(rounded_tariff_text("  charge e \"Energy\" on energy: tiers {\n"
                                            "    first 300 kW: 0.12 $/kWh\n"
                                            "    next 700 kW: 0.11 $/kWh\n"
                                            "    above: 0.10 $/kWh\n"
                                            "  }\n"))
               .diagnostics;
  REQUIRE(summary(d) == std::vector<std::string>{"E0312 8:11 a tier limit in kW does not fit energy in kWh"});
  CHECK(d[0].hint == "limits are in kWh, per day (`/day`) or per kW of demand (`/kW`); the same on line 9");
}

TEST_CASE("cascades: different mistakes on the rows of one charge stay apart, and so does one mistake in two charges") {
  CHECK(summary(compile_text(rounded_tariff_text("  charge e \"Energy\" on energy: tiers {\n"
                                                 "    first 300 kWh: 0.12 $/kW\n"
                                                 "    above: 0.10 $/day\n"
                                                 "  }\n"))
                    .diagnostics) == std::vector<std::string>{"E0301 8:25 a $/kW price cannot apply to energy (kWh)",
                                                              "E0301 9:17 a $/day price cannot apply to energy (kWh)"});
  CHECK(summary(compile_text(rounded_tariff_text("  charge e \"Energy\" on energy: 0.12 $/kW\n"
                                                 "  charge f \"Fuel\" on energy: 0.02 $/kW\n"))
                    .diagnostics) == std::vector<std::string>{"E0301 7:37 a $/kW price cannot apply to energy (kWh)",
                                                              "E0301 8:35 a $/kW price cannot apply to energy (kWh)"});
}

TEST_CASE("cascades: an unknown service is one error, not one per charge on usage") {
  auto text = "tariff \"T\" {\n service watr\n currency USD\n timezone \"America/New_York\"\n effective 2024-01-01\n"
              " rounding line_items 0.01 half_up\n"
              " charge base \"Base\": 10 $/month\n"
              " charge volume \"Volume\" on usage: 5 $/kgal\n"
              " charge sewer \"Sewer\" on usage: tiers { first 10 kgal: 6 $/kgal  above: 7 $/kgal }\n}\n";
  CHECK(summary(compile_text(text).diagnostics) == std::vector<std::string>{"E0103 2:10 unknown service `watr`"});
}

TEST_CASE("cascades: an unknown service with a meter unit does not also say the unit is not one of it") {
  auto text = "tariff \"T\" {\n service watr\n meter_unit CCF\n currency USD\n timezone \"America/New_York\"\n effective 2024-01-01\n"
              " charge volume \"Volume\" on usage: 5 $/CCF\n}\n";
  CHECK(summary(compile_text(text).diagnostics) == std::vector<std::string>{"E0103 2:10 unknown service `watr`"});
}

TEST_CASE("cascades: a gross-up of 110 % is an error, without the warning at the same place") {
  auto d = compile_text(rounded_tariff_text("  charge e \"Energy\" on energy: 0.1 $/kWh\n"
                                            "  tax t \"Tax\": 110 % grossed up of e\n"))
               .diagnostics;
  CHECK(summary(d) == std::vector<std::string>{"E0407 8:16 a gross-up of 100 % or more has no amount: the tax would be the whole bill or more"});
}

TEST_CASE("cascades: a percentage above 100 % alone is still a warning") {
  auto d = compile_text(rounded_tariff_text("  charge e \"Energy\" on energy: 0.1 $/kWh\n"
                                            "  tax t \"Tax\": 110 % of e\n"))
               .diagnostics;
  CHECK(summary(d) == std::vector<std::string>{"W0701 8:16 a percentage above 100 % is unusual for a rider or tax"});
}
