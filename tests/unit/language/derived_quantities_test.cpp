// Quantities derived from other quantities (docs/language.md, "Quantities derived from other
// quantities"): a share of usage, the average of named months, usage beyond what a fixed
// charge includes; their diagnostics (E0340 – E0345, B0060) with the exact text, and bills
// worked by hand.
//
// Usage: hourly, New York time, 10 gal every hour (July 2024: 744 h -> 7,440 gal).
#include <doctest/doctest.h>

#include "rateline/tariff.hpp"
#include "support/test_support.hpp"

#include <map>

using namespace rateline;
using rateline::test::compile_text;
using rateline::test::find_item;
using rateline::test::summary;
using rateline::test::usage_for;

namespace {

// A water tariff; `body` starts on line 7.
std::string tariff(const std::string& body, const std::string& service = "water") {
  return rateline::test::tariff_text(" rounding line_items 0.01 half_up\n service " + service + "\n" + body);
}

std::vector<std::string> check(const std::string& text) { return summary(compile_text(text).diagnostics); }

std::string hint_of(const std::string& text) {
  auto result = compile_text(text);
  return result.diagnostics.empty() ? "" : result.diagnostics.front().hint;
}

RateGraph graph_of(const std::string& body) {
  auto result = compile_text(tariff(body));
  std::string all;
  for (auto& d : result.diagnostics) all += render(d);
  INFO(all);
  REQUIRE(result.graph.has_value());
  CHECK(result.diagnostics.empty());
  return *result.graph;
}

BillResult july(const RateGraph& g, const std::vector<MonthlyUsage>& history = {}) {
  using namespace std::chrono;
  auto usage = usage_for("America/New_York", 2024y / July / 1d, 2024y / August / 1d, 60, 0,
                         [](std::size_t, local_seconds) { return std::int64_t{10}; });
  Account account;
  account.usage_history = history;
  BillOptions options;
  options.trace = true;
  return bill(g, usage, BillingPeriod{2024y / July / 1d, 2024y / August / 1d}, account, options);
}

const LineItem& item(const BillResult& r, const std::string& id) {
  std::string all;
  for (auto& d : r.diagnostics) all += render(d);
  INFO(all);
  REQUIRE(r.bill.has_value());
  auto* li = find_item(*r.bill, id);
  REQUIRE(li != nullptr);
  return *li;
}

bool trace_has(const LineItem& li, const std::string& text) {
  for (auto& s : li.trace)
    if (s == text) return true;
  return false;
}

MonthlyUsage month(int y, unsigned m, int gallons) {
  return {std::chrono::year{y} / std::chrono::month{m}, Decimal(gallons)};
}

}  // namespace

// ---------------------------------------------------------------- diagnostics

TEST_CASE("derived quantities: a share above 100 % or below 0 (E0340)") {
  auto d = check(tariff("  charge sewer \"Sewer\" on 120 % of usage: 3.00 $/kgal\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0340 7:27 a share of usage is a percent from 0 to 100, not 120 %");
  CHECK(hint_of(tariff("  charge sewer \"Sewer\" on 120 % of usage: 3.00 $/kgal\n")) ==
        "e.g. `on 90 % of usage` for \"90 % of water consumption\"");
  d = check(tariff("  charge sewer \"Sewer\" on -5 % of usage: 3.00 $/kgal\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0340 7:27 a share of usage is a percent from 0 to 100, not -5 %");
}

TEST_CASE("derived quantities: an average's months (E0341)") {
  auto text = tariff(" rounding quantities 0.001 half_up\n  charge sewer \"Sewer\" on average of usage in Dec, Dex, Feb: 3.00 $/kgal\n");
  auto d = check(text);
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0341 8:52 `Dex` is not a month");
  CHECK(hint_of(text) == "did you mean `Dec`?");
  d = check(tariff("  charge sewer \"Sewer\" on average of usage in Dec, Jan, Dec, Feb: 3.00 $/kgal\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0341 7:57 `Dec` is named twice in the average");
  d = check(tariff("  charge sewer \"Sewer\" on average of usage: 3.00 $/kgal\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0341 7:27 an average needs the months it is taken over");
}

TEST_CASE("derived quantities: an average that does not divide exactly needs the rounding of quantities (E0342)") {
  auto text = tariff("  charge sewer \"Sewer\" on average of usage in Dec, Jan, Feb: 3.00 $/kgal\n");
  auto d = check(text);
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0342 7:27 the average of 3 months is not an exact decimal, and the tariff does not say how it is rounded");
  CHECK(hint_of(text) == "state the sheet's rounding of billed quantities, e.g. `rounding quantities 1 half_up`");
  CHECK(check(tariff("  charge sewer \"Sewer\" on average of usage in Dec, Jan, Feb, Mar: 3.00 $/kgal\n")).empty());
}

TEST_CASE("derived quantities: `beyond` names a fixed charge with an allowance (E0343)") {
  auto text = tariff("  charge base \"Base\": 15.00 $/month includes 2 kgal\n  charge volume \"Volume\" on usage beyond bse: 4.00 $/kgal\n");
  auto d = check(text);
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0343 8:42 `bse` is not a charge of this tariff");
  CHECK(hint_of(text) == "did you mean `base`?");
  text = tariff("  charge base \"Base\": 15.00 $/month\n  charge volume \"Volume\" on usage beyond base: 4.00 $/kgal\n");
  d = check(text);
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0343 8:42 `base` includes no usage");
  CHECK(hint_of(text) == "state what it includes: `charge base ...: 15.00 $/month includes 2 kgal`");
}

TEST_CASE("derived quantities: what an allowance is (E0344)") {
  auto d = check(tariff("  charge volume \"Volume\" on usage: 4.00 $/kgal includes 2 kgal\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0344 7:48 only a fixed charge (per month or bill) can include usage");
  d = check(tariff("  charge base \"Base\": 15.00 $/month includes 0 kgal\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0344 7:46 an allowance is more than zero, not 0");
  d = check(tariff("  charge base \"Base\": 15.00 $/month includes 2 kWh\n  charge volume \"Volume\" on usage beyond base: 4.00 $/kgal\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0344 7:46 an allowance is usage of the service, not `kWh`");
}

TEST_CASE("derived quantities: shares, averages and allowances derive usage only (E0345)") {
  auto d = check(tariff("  charge d \"Demand\" on 90 % of demand: 5.00 $/kW\n", "electric"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0345 7:32 a share applies to usage, not `demand`");
}

TEST_CASE("derived quantities: `beyond` without a name is a syntax error at the name") {
  auto d = check(tariff("  charge volume \"Volume\" on usage beyond: 4.00 $/kgal\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0001 7:41 syntax error: expected the fixed charge whose allowance the usage is beyond, e.g. `on usage beyond base`");
}

// ---------------------------------------------------------------- bills

TEST_CASE("derived quantities: sewer on 90 % of the water use") {
  auto g = graph_of("  charge sewer \"Sewer\" on 90 % of usage: 5.00 $/kgal\n");
  auto r = july(g);
  auto& li = item(r, "sewer");
  // 7,440 gal × 90 % = 6,696 gal = 6.696 kgal × 5.00 = 33.48
  CHECK(li.quantity.to_string() == "6.696");
  CHECK(li.amount.to_string() == "33.48");
  CHECK(trace_has(li, "90 % of 7440 gal = 6696 gal"));
}

TEST_CASE("derived quantities: usage beyond what the base charge includes") {
  auto g = graph_of("  charge base \"Base Charge\": 15.00 $/month includes 2 kgal\n"
                    "  charge volume \"Volume\" on usage beyond base: tiers { first 3 kgal: 4.00 $/kgal  above: 5.00 $/kgal }\n");
  auto r = july(g);
  // 7,440 − 2,000 = 5,440 gal: 3 kgal × 4.00 = 12.00, 2.44 kgal × 5.00 = 12.20
  CHECK(item(r, "volume.t1").amount.to_string() == "12.00");
  CHECK(item(r, "volume.t2").amount.to_string() == "12.20");
  CHECK(trace_has(item(r, "volume.t1"), "7440 gal beyond the 2000 gal `base` includes = 5440 gal"));
  CHECK(r.bill->total.to_string() == "39.20");
}

TEST_CASE("derived quantities: an allowance larger than the usage leaves nothing to bill") {
  auto g = graph_of("  charge base \"Base Charge\": 15.00 $/month includes 10 kgal\n"
                    "  charge volume \"Volume\" on usage beyond base: 4.00 $/kgal\n");
  auto r = july(g);
  CHECK(item(r, "volume").quantity.is_zero());
  CHECK(r.bill->total.to_string() == "15.00");
}

TEST_CASE("derived quantities: sewer on the average of named months, whatever this month's use") {
  auto g = graph_of("  charge sewer \"Sewer\" on average of usage in Dec, Jan, Feb, Mar: 6.00 $/kgal\n");
  // the last Dec-Mar before July 2024; the Dec 2022 entry is of an earlier winter
  auto r = july(g, {month(2022, 12, 9000), month(2023, 12, 4000), month(2024, 1, 5000), month(2024, 2, 6000), month(2024, 3, 5000)});
  auto& li = item(r, "sewer");
  // (4000 + 5000 + 6000 + 5000) / 4 = 5000 gal = 5 kgal × 6.00 = 30.00 (July's own use is 7,440 gal)
  CHECK(li.quantity.to_string() == "5");
  CHECK(li.amount.to_string() == "30.00");
  CHECK(trace_has(li, "average of 2023-12 4000 gal, 2024-01 5000 gal, 2024-02 6000 gal, 2024-03 5000 gal: (4000 + 5000 + 6000 + 5000) / 4 = 5000 gal"));
}

TEST_CASE("derived quantities: an average with no history for its months is refused (B0060)") {
  auto g = graph_of("  charge sewer \"Sewer\" on average of usage in Dec, Jan, Feb, Mar: 6.00 $/kgal\n");
  auto r = july(g, {month(2023, 12, 4000), month(2024, 1, 5000)});
  CHECK_FALSE(r.bill.has_value());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "B0060");
  CHECK(r.diagnostics[0].message ==
        "charge `sewer` is billed on the average of earlier months' usage, and the account's usage history has none for 2024-02, 2024-03 "
        "(billing month 2024-07)");
}

// ---------------------------------------------------------------- scaled determinants and minimums per kW
//
// Electric usage: 1 kWh every hour of July 2024, 10 kWh in the hour from 15:00 on July 10:
// 743 + 10 = 753 kWh, a maximum demand of 10 kW (hourly data, the data's window).

namespace {

RateGraph electric_graph(const std::string& body) {
  auto result = compile_text(tariff(body, "electric"));
  std::string all;
  for (auto& d : result.diagnostics) all += render(d);
  INFO(all);
  REQUIRE(result.graph.has_value());
  CHECK(result.diagnostics.empty());
  return *result.graph;
}

BillResult july_electric(const RateGraph& g, std::map<std::string, std::string> attributes = {}) {
  using namespace std::chrono;
  const auto peak = local_days{2024y / July / 10d} + hours{15};
  auto usage = usage_for("America/New_York", 2024y / July / 1d, 2024y / August / 1d, 60, 0,
                         [&](std::size_t, local_seconds at) { return std::int64_t{at == peak ? 10 : 1}; });
  Account account;
  account.attributes = std::move(attributes);
  BillOptions options;
  options.trace = true;
  return bill(g, usage, BillingPeriod{2024y / July / 1d, 2024y / August / 1d}, account, options);
}

}  // namespace

TEST_CASE("derived quantities: a minimum per kW of demand") {
  auto g = electric_graph("  charge basic \"Basic\": 5.00 $/month\n"
                          "  charge energy \"Energy\" on energy: 0.01 $/kWh\n"
                          "  minimum min_demand \"Minimum Charge\" on demand: 2.50 $/kW of charges\n");
  auto r = july_electric(g);
  // charges 5.00 + 753 × 0.01 = 12.53; the minimum is 10 kW × 2.50 = 25.00: topped up by 12.47
  auto& li = item(r, "min_demand");
  CHECK(li.amount.to_string() == "12.47");
  CHECK(trace_has(li, "minimum 10 kW × $2.50/kW = $25.00"));
  CHECK(r.bill->total.to_string() == "25.00");
}

TEST_CASE("derived quantities: a minimum per kW is per the unit of what it is on (E0346)") {
  auto d = check(tariff("  minimum m \"M\" on demand: 2.50 $/kWh of charges\n  charge basic \"Basic\": 5.00 $/month\n", "electric"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0346 7:33 a minimum on `demand` is an amount per kW, not per kWh");
}

TEST_CASE("derived quantities: 1 % added to metered energy and demand for low-side metering") {
  auto g = electric_graph("  metering_adjustment \"Low-Side Metering\": add 1 % to energy, demand when low_side\n"
                          "  charge energy \"Energy\" on energy: 0.10 $/kWh\n"
                          "  charge demand \"Demand\" on demand: 5.00 $/kW\n");
  auto r = july_electric(g, {{"low_side", "yes"}});
  // 753 kWh × 1.01 = 760.53 kWh × 0.10 = 76.053 -> 76.05; 10 kW × 1.01 = 10.1 kW × 5.00 = 50.50
  CHECK(item(r, "energy").quantity.to_string() == "760.53");
  CHECK(item(r, "energy").amount.to_string() == "76.05");
  CHECK(trace_has(item(r, "energy"), "Low-Side Metering: 753 + 1 % = 760.53"));
  CHECK(item(r, "demand").amount.to_string() == "50.50");
  auto plain = july_electric(g, {{"low_side", "no"}});
  CHECK(item(plain, "energy").amount.to_string() == "75.30");
  CHECK(item(plain, "demand").amount.to_string() == "50.00");
  auto missing = july_electric(g);
  CHECK_FALSE(missing.bill.has_value());
  REQUIRE(missing.diagnostics.size() == 1);
  CHECK(missing.diagnostics[0].code == "B0061");
  CHECK(missing.diagnostics[0].message ==
        "the metering adjustment `Low-Side Metering` applies when the account attribute `low_side` is yes; the account does not give it");
}

TEST_CASE("derived quantities: what a metering adjustment adds to (E0347)") {
  auto text = tariff("  metering_adjustment \"L\": add 1 % to energy, dmand\n", "electric");
  auto d = check(text);
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0347 7:47 a metering adjustment adds to `energy` or `demand`, not `dmand`");
  CHECK(hint_of(text) == "did you mean `demand`?");
  d = check(tariff("  metering_adjustment \"L\": add 0 % to energy\n", "electric"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0347 7:32 a metering adjustment adds a percent above 0 and at most 100, not 0 %");
}
