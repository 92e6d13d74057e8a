// Units of volume and energy, therm factors, sewer caps and the rounding of quantities,
// billed on usage simple enough to work by hand (docs/language.md, "Volumes and therms").
//
// Usage: hourly, New York time. Water: 10 gal every hour (July 2024: 744 h -> 7,440 gal).
// Gas: 0.1 CCF every hour (January 2024: 744 h -> 74.4 CCF; February 2024: 696 h -> 69.6 CCF).
// Electric: 1 kWh every hour (July 2024: 744 kWh).
#include <doctest/doctest.h>

#include "rateline/register_reads.hpp"
#include "rateline/tariff.hpp"
#include "support/test_support.hpp"
#include "test_paths.hpp"

using namespace rateline;
using rateline::test::compile_text;
using rateline::test::find_item;
using rateline::test::summary;
using rateline::test::usage_for;
using rateline::test::ymd;
using rateline::test::tariff_text;

namespace {

RateGraph graph_of(const std::string& header, const std::string& body) {
  auto result = compile_text(tariff_text(" rounding line_items 0.01 half_up\n" + header + "\n" + body + "\n"));
  std::string all;
  for (auto& d : result.diagnostics) all += render(d);
  INFO(all);
  REQUIRE(result.graph.has_value());
  CHECK(result.diagnostics.empty());
  return *result.graph;
}

// `per_hour` at `scale` decimals, every hour of [from, to)
IntervalUsage hourly(std::chrono::year_month_day from, std::chrono::year_month_day to, std::int64_t per_hour, int scale) {
  return usage_for("America/New_York", from, to, 60, scale, [&](std::size_t, std::chrono::local_seconds) { return per_hour; });
}

BillResult bill_of(const RateGraph& g, const IntervalUsage& u, std::chrono::year_month_day from, std::chrono::year_month_day to,
                   std::map<std::string, std::string> attributes = {}) {
  Account account;
  account.attributes = std::move(attributes);
  BillOptions options;
  options.trace = true;
  return bill(g, u, BillingPeriod{from, to}, account, options);
}

Bill must_bill(const BillResult& r) {
  std::string all;
  for (auto& d : r.diagnostics) all += render(d);
  INFO(all);
  REQUIRE(r.bill.has_value());
  return *r.bill;
}

struct Seen {
  std::string quantity, unit, rate, amount;
};
Seen line(const Bill& b, const std::string& id) {
  auto* li = find_item(b, id);
  if (!li) return {"(no line " + id + ")", "", "", ""};
  return {li->quantity.to_string(), li->unit, li->rate.to_string(), li->amount.to_string()};
}

bool traced(const Bill& b, const std::string& id, const std::string& step) {
  auto* li = find_item(b, id);
  if (!li) return false;
  for (auto& t : li->trace)
    if (t == step) return true;
  return false;
}

Decimal sum_of_lines(const Bill& b) {
  Decimal sum;
  for (auto& li : b.line_items) sum += li.amount;
  return sum;
}

const char* kThermFactors = R"(
  therm_factor "BTU Factor": by month {
    Jan: 1.037  Feb: 1.042  Mar: 1.040  Apr: 1.038  May: 1.035  Jun: 1.031
    Jul: 1.030  Aug: 1.030  Sep: 1.032  Oct: 1.034  Nov: 1.036  Dec: 1.039
  })";

}  // namespace

TEST_CASE("volumes: water in gallons priced per 1,000 gallons, with tiers in kgal") {
  auto g = graph_of(" service water", R"(
    charge volume "Volume Charge" on usage: tiers { first 5 kgal: 4.00 $/kgal  above: 6.00 $/kgal })");
  auto b = must_bill(bill_of(g, hourly(ymd(2024, 7, 1), ymd(2024, 8, 1), 10, 0), ymd(2024, 7, 1), ymd(2024, 8, 1)));
  // 7,440 gal = 7.44 kgal (1 kgal = 1000 gal, exact): first 5 kgal × $4.00 = $20.00
  auto t1 = line(b, "volume.t1");
  CHECK(t1.quantity == "5");
  CHECK(t1.unit == "kgal");
  CHECK(t1.amount == "20.00");
  // the remaining 2.44 kgal × $6.00 = $14.64
  auto t2 = line(b, "volume.t2");
  CHECK(t2.quantity == "2.44");
  CHECK(t2.amount == "14.64");
  CHECK(b.total.to_string() == "34.64");
  CHECK(traced(b, "volume.t1", "7440 gal = 7.44 kgal (1 kgal = 1000 gal)"));
}

TEST_CASE("volumes: a fuel rider in $/MWh on kWh") {
  auto g = graph_of("", R"(
    charge energy "Energy Charge" on energy: 0.1 $/kWh
    rider fuel "Fuel Cost Recovery" on energy: 21.30 $/MWh)");
  auto b = must_bill(bill_of(g, hourly(ymd(2024, 7, 1), ymd(2024, 8, 1), 1, 0), ymd(2024, 7, 1), ymd(2024, 8, 1)));
  CHECK(line(b, "energy").amount == "74.40");   // 744 kWh × 0.1
  // "21.30 $/MWh": 744 kWh = 0.744 MWh × 21.30 = 15.8472 -> $15.85
  auto fuel = line(b, "fuel");
  CHECK(fuel.quantity == "0.744");
  CHECK(fuel.unit == "MWh");
  CHECK(fuel.amount == "15.85");
  CHECK(b.total.to_string() == "90.25");
}

TEST_CASE("volumes: gas metered in CCF priced per MCF") {
  auto g = graph_of(" service gas\n meter_unit CCF", R"(
    charge commodity "Commodity Charge" on usage: 9.80 $/MCF
    charge distribution "Distribution Charge" on usage: 0.2150 $/CCF)");
  auto b = must_bill(bill_of(g, hourly(ymd(2024, 1, 1), ymd(2024, 2, 1), 1, 1), ymd(2024, 1, 1), ymd(2024, 2, 1)));
  // 74.4 CCF = 7.44 MCF (1 MCF = 10 CCF) × 9.80 = 72.912 -> $72.91
  auto commodity = line(b, "commodity");
  CHECK(commodity.quantity == "7.44");
  CHECK(commodity.unit == "MCF");
  CHECK(commodity.amount == "72.91");
  // 74.4 CCF × 0.2150 = 15.996 -> $16.00
  auto distribution = line(b, "distribution");
  CHECK(distribution.quantity == "74.4");
  CHECK(distribution.unit == "CCF");
  CHECK(distribution.amount == "16.00");
}

TEST_CASE("volumes: water metered in CCF, priced per 1,000 gallons with the sheet's 748 gallons per CCF") {
  auto g = graph_of(" service water\n meter_unit CCF\n convert 1 CCF = 748 gal", R"(
    charge water "Water Volume" on usage: 4.00 $/kgal)");
  auto b = must_bill(bill_of(g, hourly(ymd(2024, 1, 1), ymd(2024, 2, 1), 1, 1), ymd(2024, 1, 1), ymd(2024, 2, 1)));
  // 74.4 CCF × 748 gal/CCF = 55,651.2 gal = 55.6512 kgal (exact: × 0.748); × 4.00 = 222.6048 -> $222.60
  auto water = line(b, "water");
  CHECK(water.quantity == "55.6512");
  CHECK(water.unit == "kgal");
  CHECK(water.amount == "222.60");
  CHECK(traced(b, "water", "74.4 CCF = 55.6512 kgal (1 CCF = 748 gal)"));
}

TEST_CASE("volumes: gallons to CCF divide by 748, so the tariff states the rounding of quantities") {
  auto g = graph_of(" service water\n convert 1 CCF = 748 gal\n rounding quantities 0.01 half_up", R"(
    charge water "Water Volume" on usage: 3.00 $/CCF)");
  auto b = must_bill(bill_of(g, hourly(ymd(2024, 7, 1), ymd(2024, 8, 1), 10, 0), ymd(2024, 7, 1), ymd(2024, 8, 1)));
  // 7,440 gal ÷ 748 = 9.94652... CCF -> 9.95 CCF (0.01 half up); × 3.00 = $29.85
  auto water = line(b, "water");
  CHECK(water.quantity == "9.95");
  CHECK(water.unit == "CCF");
  CHECK(water.amount == "29.85");
}

TEST_CASE("volumes: billed quantities rounded to whole units before pricing") {
  auto g = graph_of(" service gas\n meter_unit CCF\n rounding quantities 1 half_up", R"(
    charge delivery "Delivery Charge" on usage: 0.50 $/CCF)");
  auto b = must_bill(bill_of(g, hourly(ymd(2024, 1, 1), ymd(2024, 2, 1), 1, 1), ymd(2024, 1, 1), ymd(2024, 2, 1)));
  // 74.4 CCF -> 74 CCF (whole CCF, half up) × 0.50 = $37.00 (unrounded it would be $37.20)
  CHECK(line(b, "delivery").quantity == "74");
  CHECK(line(b, "delivery").amount == "37.00");
  CHECK(traced(b, "delivery", "74.4 CCF rounded half_up to 1: 74 CCF"));
}

TEST_CASE("therms: CCF × the month's therm factor, rounded to whole therms, a PGA by month") {
  auto g = graph_of(std::string(" service gas\n meter_unit CCF\n rounding therms 1 half_up") + kThermFactors, R"(
    charge customer "Customer Charge": 12.00 $/month
    charge delivery "Delivery Charge" on usage: 0.4512 $/therm
    rider pga "Purchased Gas Adjustment" on usage: by month {
      Jan: 0.6230 $/therm
      Feb: 0.5975 $/therm
      otherwise: 0.4100 $/therm
    })");
  auto b = must_bill(bill_of(g, hourly(ymd(2024, 1, 1), ymd(2024, 3, 1), 1, 1), ymd(2024, 1, 1), ymd(2024, 2, 1)));
  // January: 74.4 CCF × 1.037 = 77.1528 therm -> 77 therm (whole therms, half up)
  auto delivery = line(b, "delivery");
  CHECK(delivery.quantity == "77");
  CHECK(delivery.unit == "therm");
  CHECK(delivery.amount == "34.74");   // 77 × 0.4512 = 34.7424
  CHECK(line(b, "pga").amount == "47.97");   // 77 × 0.6230 = 47.971
  CHECK(b.total.to_string() == "94.71");     // 12.00 + 34.74 + 47.97
  CHECK(b.total == sum_of_lines(b));
  CHECK(traced(b, "delivery", "74.4 CCF × BTU Factor 1.037 (billing month 2024-01) = 77.1528 therm, rounded half_up to 1: 77 therm"));

  // February: 69.6 CCF × 1.042 = 72.5232 -> 73 therm; 73 × 0.4512 = 32.9376 -> $32.94; PGA 73 × 0.5975 = 43.6175 -> $43.62
  auto feb = must_bill(bill_of(g, hourly(ymd(2024, 1, 1), ymd(2024, 3, 1), 1, 1), ymd(2024, 2, 1), ymd(2024, 3, 1)));
  CHECK(line(feb, "delivery").quantity == "73");
  CHECK(line(feb, "delivery").amount == "32.94");
  CHECK(line(feb, "pga").amount == "43.62");
}

TEST_CASE("therms: a period across two months uses the factor of its billing month (its last day's month)") {
  auto g = graph_of(std::string(" service gas\n meter_unit CCF\n rounding therms 0.1 half_up") + kThermFactors, R"(
    charge delivery "Delivery Charge" on usage: 0.50 $/therm)");
  // Jan 16 .. Feb 15 (Feb 14 is the last day): 31 days × 24 h × 0.1 = 74.4 CCF, all at February's 1.042:
  // 74.4 × 1.042 = 77.5248 -> 77.5 therm (0.1, half up) × 0.50 = $38.75
  auto b = must_bill(bill_of(g, hourly(ymd(2024, 1, 1), ymd(2024, 3, 1), 1, 1), ymd(2024, 1, 16), ymd(2024, 2, 16)));
  CHECK(line(b, "delivery").quantity == "77.5");
  CHECK(line(b, "delivery").amount == "38.75");
}

TEST_CASE("therms: factors by billing month, a month the table does not give is an error") {
  auto g = graph_of(R"( service gas
  meter_unit CCF
  rounding therms 1 half_up
  therm_factor: by billing_month { 2024-01: 1.037  2024-02: 1.042 })",
                    R"(charge delivery "Delivery Charge" on usage: 0.50 $/therm)");
  auto usage = hourly(ymd(2024, 1, 1), ymd(2024, 4, 1), 1, 1);
  // January 2024: 74.4 × 1.037 = 77.1528 -> 77 therm × 0.50 = $38.50
  CHECK(line(must_bill(bill_of(g, usage, ymd(2024, 1, 1), ymd(2024, 2, 1))), "delivery").amount == "38.50");
  auto march = bill_of(g, usage, ymd(2024, 3, 1), ymd(2024, 4, 1));
  CHECK_FALSE(march.bill.has_value());
  REQUIRE(march.diagnostics.size() == 1);
  CHECK(march.diagnostics[0].code == "B0051");
  CHECK(march.diagnostics[0].message == "the therm factor has no factor for the billing month 2024-03");
}

TEST_CASE("sewer: volume capped at the account's winter average") {
  auto g = graph_of(" service water", R"(
    charge water "Water Volume" on usage: 5.00 $/kgal
    charge sewer "Sewer Volume" on usage capped at winter_average: 6.00 $/kgal)");
  auto usage = hourly(ymd(2024, 7, 1), ymd(2024, 8, 1), 10, 0);
  // July: 7,440 gal of water, all billed as water: 7.44 kgal × 5.00 = $37.20
  auto b = must_bill(bill_of(g, usage, ymd(2024, 7, 1), ymd(2024, 8, 1), {{"winter_average", "5000"}}));
  CHECK(line(b, "water").amount == "37.20");
  // sewer: at most the winter average 5,000 gal = 5 kgal × 6.00 = $30.00
  auto sewer = line(b, "sewer");
  CHECK(sewer.quantity == "5");
  CHECK(sewer.unit == "kgal");
  CHECK(sewer.amount == "30.00");
  CHECK(traced(b, "sewer", "capped at winter_average 5000 gal: 7440 gal billed as 5000 gal"));

  // a winter average above the usage: all 7.44 kgal × 6.00 = $44.64
  auto under = must_bill(bill_of(g, usage, ymd(2024, 7, 1), ymd(2024, 8, 1), {{"winter_average", "9000"}}));
  CHECK(line(under, "sewer").amount == "44.64");

  // no winter average: refused, not billed on the whole usage
  auto missing = bill_of(g, usage, ymd(2024, 7, 1), ymd(2024, 8, 1));
  CHECK_FALSE(missing.bill.has_value());
  REQUIRE(missing.diagnostics.size() == 1);
  CHECK(missing.diagnostics[0].code == "B0050");
  CHECK(missing.diagnostics[0].message ==
        "charge `sewer` is capped at the account attribute `winter_average` in gal, which the account does not give");
  auto bad = bill_of(g, usage, ymd(2024, 7, 1), ymd(2024, 8, 1), {{"winter_average", "lots"}});
  REQUIRE(bad.diagnostics.size() == 1);
  CHECK(bad.diagnostics[0].message == "charge `sewer` is capped at the account attribute `winter_average` in gal, not `lots`");
}

TEST_CASE("sewer: the cap is a per-bill limit, prorated where a revision splits the period") {
  auto g = graph_of(" service water", R"(
    charge sewer "Sewer Volume" on usage capped at winter_average: 6.00 $/kgal
    revision 2024-07-17 {
      charge sewer "Sewer Volume" on usage capped at winter_average: 7.00 $/kgal
    })");
  auto b = must_bill(bill_of(g, hourly(ymd(2024, 7, 1), ymd(2024, 8, 1), 10, 0), ymd(2024, 7, 1), ymd(2024, 8, 1),
                             {{"winter_average", "3100"}}));
  // Jul 1-16 (16 of 31 days): usage 16 × 240 = 3,840 gal; cap 3,100 × 16/31 = 1,600 gal -> 1.6 kgal × 6.00 = $9.60
  CHECK(line(b, "sewer@2024-01-01").quantity == "1.6");
  CHECK(line(b, "sewer@2024-01-01").amount == "9.60");
  // Jul 17-31 (15 days): 3,600 gal; cap 3,100 × 15/31 = 1,500 gal -> 1.5 kgal × 7.00 = $10.50
  CHECK(line(b, "sewer@2024-07-17").quantity == "1.5");
  CHECK(line(b, "sewer@2024-07-17").amount == "10.50");
}

TEST_CASE("therms: the therm factor table of an imported factor file") {
  auto result = compile_tariff_file(std::string(RATELINE_SOURCE_DIR) + "/examples/language/therm_factor_file.tariff");
  REQUIRE(result.graph.has_value());
  CHECK(result.diagnostics.empty());
  // "2024-02: 1.042" in btu_factors_2024.factors: 69.6 CCF × 1.042 = 72.5232 -> 73 therm × 0.4512 = 32.9376 -> $32.94
  auto feb = must_bill(bill_of(*result.graph, hourly(ymd(2024, 1, 1), ymd(2024, 3, 1), 1, 1), ymd(2024, 2, 1), ymd(2024, 3, 1)));
  CHECK(line(feb, "delivery").quantity == "73");
  CHECK(line(feb, "delivery").amount == "32.94");
  CHECK(traced(feb, "delivery", "69.6 CCF × BTU Factor 1.042 (billing month 2024-02) = 72.5232 therm, rounded half_up to 1: 73 therm"));
}

TEST_CASE("therms: a therm factor table name that is not defined") {
  auto d = summary(compile_text(tariff_text(" service gas\n meter_unit CCF\n rounding therms 1 half_up\n therm_factor: btu_2042\n"))
                       .diagnostics);
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0332 8:16 no therm factor table named `btu_2042`");
}

TEST_CASE("therms: from register reads in CCF, and a sewer cap on gallons read from a register") {
  auto compiled = compile_text(std::string("tariff \"Gas\" {\n currency USD\n timezone \"America/New_York\"\n effective 2024-01-01\n"
                                           " rounding line_items 0.01 half_up\n service gas\n meter_unit CCF\n rounding therms 1 half_up\n") +
                               kThermFactors + "\n charge delivery \"Delivery Charge\" on usage: 0.4512 $/therm\n}\n");
  REQUIRE(compiled.graph.has_value());
  auto gas = read_register_reads("meter,read_date,reading,dials,multiplier,type\n"
                                 "G1,2024-01-01,1200,4,1,actual\n"
                                 "G1,2024-02-01,1290,4,1,actual\n",
                                 "reads.csv", Unit::CCF);
  REQUIRE(gas.usage.has_value());
  auto result = bill_periods(*compiled.graph, *gas.usage, {{ymd(2024, 1, 1), ymd(2024, 2, 1)}}, {}, {});
  REQUIRE(result.series.has_value());
  // 1290 − 1200 = 90 CCF × 1.037 (January) = 93.33 therm -> 93 × 0.4512 = 41.9616 -> $41.96
  const auto& b = result.series->bills.at(0);
  CHECK(find_item(b, "delivery")->quantity.to_string() == "93");
  CHECK(find_item(b, "delivery")->amount.to_string() == "41.96");

  auto water = compile_text("tariff \"Sewer\" {\n currency USD\n timezone \"America/New_York\"\n effective 2024-01-01\n"
                            " rounding line_items 0.01 half_up\n service water\n"
                            " charge sewer \"Sewer Volume\" on usage capped at winter_average: 6.00 $/kgal\n}\n");
  REQUIRE(water.graph.has_value());
  auto meter = read_register_reads("meter,read_date,reading,dials,multiplier,type\n"
                                   "W1,2024-07-01,100000,7,1,actual\n"
                                   "W1,2024-08-01,108200,7,1,actual\n",
                                   "reads.csv", Unit::gal);
  REQUIRE(meter.usage.has_value());
  Account account;
  account.attributes = {{"winter_average", "4500"}};
  auto sewer = bill_periods(*water.graph, *meter.usage, {{ymd(2024, 7, 1), ymd(2024, 8, 1)}}, account, {});
  REQUIRE(sewer.series.has_value());
  // 8,200 gal read, capped at the 4,500 gal winter average: 4.5 kgal × 6.00 = $27.00
  CHECK(find_item(sewer.series->bills.at(0), "sewer")->quantity.to_string() == "4.5");
  CHECK(find_item(sewer.series->bills.at(0), "sewer")->amount.to_string() == "27.00");
}
