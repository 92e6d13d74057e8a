// Several services on one bill (docs/language.md): `service NAME { ... }` blocks, each
// billed on its own meter, with its own taxes, merged into one bill; the checker's E1000 -
// E1006 and the biller's B0070, B0071 with their exact text.
#include <doctest/doctest.h>

#include "support/test_support.hpp"

using namespace rateline;
using rateline::test::rounded_tariff_text;
using rateline::test::summary;

namespace {

ServicesCompileResult compile_services_text(const std::string& text) {
  return compile_services(std::make_shared<SourceFile>("test.tariff", text));
}
std::vector<std::string> check(const std::string& text) { return summary(compile_services_text(text).diagnostics); }

const std::string kCity = rounded_tariff_text(
    "  service electric \"Electric\" {\n"                                  // 7
    "    charge customer \"Customer Charge\": 12.00 $/month\n"              // 8
    "    charge energy \"Energy Charge\" on energy: 0.105 $/kWh\n"          // 9
    "    tax franchise \"Franchise Fee\": 5 % of all\n"                     // 10
    "  }\n"                                                                 // 11
    "  service water \"Water\" {\n"                                        // 12
    "    charge base \"Base Charge\": 15.00 $/month\n"                      // 13
    "    charge volume \"Volume Charge\" on usage: 5.00 $/kgal\n"           // 14
    "    tax utility \"Utility Tax\": 10 % of all\n"                        // 15
    "  }\n"                                                                 // 16
    "  service sewer \"Sewer\" {\n"                                        // 17
    "    meter water\n"                                                     // 18
    "    charge volume \"Sewer Volume Charge\" on usage: 6.00 $/kgal\n"     // 19
    "  }\n"                                                                 // 20
    "  service solid_waste \"Solid Waste\" {\n"                            // 21
    "    charge cart \"Residential Cart\": 20.00 $/month\n"                 // 22
    "  }\n");                                                               // 23

// `value` of the meter's unit in every hour of July 2024 (New York).
IntervalUsage hourly_july(std::int64_t value) {
  IntervalUsage u;
  u.delivered.start = std::chrono::sys_days{std::chrono::year{2024} / 7 / 1} + std::chrono::hours{4};
  u.delivered.minutes = 60;
  u.delivered.values.assign(744, value);
  u.source = "test";
  return u;
}

RegisterUsage reads(std::int64_t gallons) {
  RegisterUsage r;
  r.unit = Unit::gal;
  ReadInterval i;
  i.from = std::chrono::year{2024} / 7 / 1;
  i.to = std::chrono::year{2024} / 8 / 1;
  i.consumption = Decimal(gallons);
  i.meter = "W-1";
  r.intervals.push_back(i);
  return r;
}

const BillingPeriod kJuly{std::chrono::year{2024} / 7 / 1, std::chrono::year{2024} / 8 / 1};

}  // namespace

TEST_CASE("services: a tariff of four services compiles to one rate graph each, in order") {
  auto result = compile_services_text(kCity);
  CHECK(summary(result.diagnostics).empty());
  REQUIRE(result.services.size() == 4);
  CHECK(result.services[0].id == "electric");
  CHECK(result.services[1].label == "Water");
  CHECK(result.services[2].meter == "water");
  CHECK(result.services[2].graph.info().service == "sewer");
  CHECK(result.services[3].needs_usage == false);
  CHECK(result.services[0].needs_usage == true);
}

TEST_CASE("services: compile_tariff refuses a tariff of several services (E1005)") {
  auto d = summary(rateline::test::compile_text(kCity).diagnostics);
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E1005 1:8 `T` bills 4 services, one rate graph each; this needs one tariff of one service");
}

TEST_CASE("services: one bill, taxes per service, one total") {
  auto compiled = compile_services_text(kCity);
  REQUIRE(compiled.services.size() == 4);
  auto electric = hourly_july(1);   // 744 kWh
  auto water = reads(6500);         // 6.5 kgal
  std::map<std::string, MeterUsage> meters{{"electric", {&electric, nullptr}}, {"water", {nullptr, &water}}};
  auto result = bill_services(compiled.services, meters, {kJuly}, Account{}, BillOptions{});
  REQUIRE(summary(result.diagnostics).empty());
  REQUIRE(result.series);
  const auto& b = result.series->bills.at(0);
  REQUIRE(b.line_items.size() == 8);
  // 12.00 + 744 × 0.105 = 78.12; the franchise fee on electric only: 5 % × 90.12 = 4.506 -> 4.51
  CHECK(b.line_items[2].id == "franchise");
  CHECK(b.line_items[2].service == "electric");
  CHECK(b.line_items[2].quantity == Decimal::parse("90.12").value());
  CHECK(b.line_items[2].amount == Decimal::parse("4.51").value());
  // the utility tax on water only: 10 % × (15.00 + 6.5 × 5.00 = 47.50) = 4.75
  CHECK(b.line_items[5].id == "utility");
  CHECK(b.line_items[5].service == "water");
  CHECK(b.line_items[5].quantity == Decimal::parse("47.50").value());
  CHECK(b.line_items[5].amount == Decimal::parse("4.75").value());
  // sewer on the water meter: 6.5 kgal × 6.00 = 39.00; solid waste with no usage: 20.00
  CHECK(b.line_items[6].service == "sewer");
  CHECK(b.line_items[6].amount == Decimal::parse("39.00").value());
  CHECK(b.line_items[7].service == "solid_waste");
  CHECK(b.line_items[7].amount == Decimal::parse("20.00").value());
  REQUIRE(b.services.size() == 4);
  CHECK(b.services[0].total == Decimal::parse("94.63").value());
  CHECK(b.services[1].total == Decimal::parse("52.25").value());
  CHECK(b.services[2].total == Decimal::parse("39.00").value());
  CHECK(b.services[3].total == Decimal::parse("20.00").value());
  CHECK(b.total == Decimal::parse("205.88").value());
}

TEST_CASE("services: a bill of fixed charges only needs no usage") {
  auto compiled = compile_services_text(rounded_tariff_text(
      "  service solid_waste \"Solid Waste\" {\n"
      "    charge cart \"Residential Cart\": 20.00 $/month\n"
      "  }\n"
      "  service standby \"Standby\" {\n"
      "    charge fee \"Standby Fee\": 1.00 $/day\n"
      "  }\n"));
  REQUIRE(compiled.services.size() == 2);
  auto result = bill_services(compiled.services, {}, {kJuly}, Account{}, BillOptions{});
  REQUIRE(summary(result.diagnostics).empty());
  REQUIRE(result.series);
  CHECK(result.series->bills.at(0).total == Decimal::parse("51.00").value());   // 20.00 + 31 days × 1.00
}

TEST_CASE("services: B0070 a metered service without usage, B0071 usage of a meter no service reads") {
  auto compiled = compile_services_text(kCity);
  REQUIRE(compiled.services.size() == 4);
  auto electric = hourly_july(1);
  std::map<std::string, MeterUsage> meters{{"electric", {&electric, nullptr}}, {"gas", {&electric, nullptr}}};
  auto result = bill_services(compiled.services, meters, {kJuly}, Account{}, BillOptions{});
  CHECK(!result.series);
  auto d = summary(result.diagnostics);
  REQUIRE(d.size() == 3);
  CHECK(d[0] == "B0071 usage was given for meter `gas`, which no service of this tariff reads");
  CHECK(d[1] == "B0070 service water is billed on the usage of meter `water`, and none was given");
  CHECK(d[2] == "B0070 service sewer is billed on the usage of meter `water`, and none was given");
  CHECK(result.diagnostics[0].hint == "the meters this tariff bills on: electric, water");
  CHECK(result.diagnostics[1].hint == "give that meter's usage: `--usage water=FILE` or `--reads water=FILE`");
}

TEST_CASE("services: E1000 a charge outside the service blocks") {
  auto d = check(rounded_tariff_text(
      "  charge basic \"Basic\": 5.00 $/month\n"
      "  service water { charge base \"Base\": 15.00 $/month }\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E1000 7:10 `basic` is outside every `service` block; in a tariff with services each line belongs to one service");
}

TEST_CASE("services: E1001 a service defined twice") {
  auto d = check(rounded_tariff_text(
      "  service water { charge base \"Base\": 15.00 $/month }\n"
      "  service water { charge other \"Other\": 1.00 $/month }\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E1001 8:11 service `water` is defined twice");
}

TEST_CASE("services: E1002 a base naming a line of another service") {
  auto result = compile_services_text(rounded_tariff_text(
      "  service electric { charge energy \"Energy\" on energy: 0.1 $/kWh }\n"
      "  service water {\n"
      "    charge base \"Base\": 15.00 $/month\n"
      "    tax utility \"Utility Tax\": 10 % of base, energy\n"
      "  }\n"));
  auto d = summary(result.diagnostics);
  REQUIRE(d.size() == 1);   // not also E0401 from checking water alone
  CHECK(d[0] == "E1002 10:46 `energy` is a line of service electric, not on water's part of the bill; the base of `utility` can name only water's lines");
  CHECK(result.diagnostics[0].hint == "a tax or fee on electric's lines is written in the `service electric` block; `of all` there is every electric line");
}

TEST_CASE("services: E1003 the header field `service` beside service blocks") {
  auto d = check(rounded_tariff_text(
      "  service water\n"
      "  service sewer { charge base \"Base\": 15.00 $/month }\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E1003 7:3 `service water` names the meter of a tariff with one service; this tariff has `service` blocks");
}

TEST_CASE("services: E1004 a metered charge in a service without a meter") {
  auto d = check(rounded_tariff_text(
      "  service solid_waste {\n"
      "    charge bags \"Bags\" on usage: 1.00 $/gal\n"
      "  }\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E1004 8:27 service solid_waste has no meter, so `bags` cannot be on usage");
}

TEST_CASE("services: a service names its meter's kind with `service KIND` in its block") {
  auto result = compile_services_text(rounded_tariff_text(
      "  service irrigation \"Irrigation\" {\n"
      "    service water\n"
      "    charge volume \"Irrigation Water\" on usage: 4.00 $/kgal\n"
      "  }\n"));
  CHECK(summary(result.diagnostics).empty());
  REQUIRE(result.services.size() == 1);
  CHECK(result.services[0].graph.info().service == "water");
  CHECK(result.services[0].meter == "irrigation");
}

TEST_CASE("services: E1006 revisions of a tariff with services") {
  auto d = check(rounded_tariff_text(
      "  service water { charge base \"Base\": 15.00 $/month }\n"
      "  revision 2024-07-01 { }\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E1006 8:12 a tariff with `service` blocks cannot have revisions yet");
}
