// kVA demand (docs/language.md, "kVA demand"): the highest demand window by apparent
// power, kVA = sqrt(kW² + kVAR²), found by comparing squares exactly and rounded once as
// the tariff states.
//
// Usage: July 2024 in America/New_York, hourly. Delivered 1 kWh every hour, 3 kWh in the
// hour starting Wed 2024-07-10 15:00 (the kW peak); reactive 0.75 kVARh every hour, 4 kVARh
// in the hour starting Sat 2024-07-20 10:00. Hourly windows: kW = kWh, kVAR = kVARh.
//   the kW peak:    3² + 0.75² = 9.5625   → 3.0923... kVA
//   the kVAR peak:  1² + 4²    = 17       → sqrt(17) = 4.1231056... kVA (the kVA peak)
#include <doctest/doctest.h>

#include "support/test_support.hpp"

using namespace rateline;
using rateline::test::graph_of;
using rateline::test::bill_or_fail;
using rateline::test::compile_text;
using rateline::test::find_item;
using rateline::test::summary;
using rateline::test::usage_for;
using rateline::test::ymd;
using rateline::test::tariff_text;

namespace {

bool at(std::chrono::local_seconds t, unsigned day, int hour) {
  auto d = std::chrono::floor<std::chrono::days>(t);
  return std::chrono::year_month_day{d} == ymd(2024, 7, day) && std::chrono::hh_mm_ss{t - d}.hours().count() == hour;
}

IntervalUsage july(bool with_reactive = true) {
  auto usage = usage_for("America/New_York", ymd(2024, 7, 1), ymd(2024, 8, 1), 60, 0, [](auto, auto t) { return at(t, 10, 15) ? 3 : 1; });
  if (with_reactive) {
    usage.reactive = usage_for("America/New_York", ymd(2024, 7, 1), ymd(2024, 8, 1), 60, 2,
                               [](auto, auto t) { return at(t, 20, 10) ? 400 : 75; }).delivered;
    usage.reactive->unit = Unit::kVARh;
  }
  return usage;
}

Bill bill_july(const RateGraph& g, bool trace = false) {
  BillOptions options;
  options.trace = trace;
  return bill_or_fail(g, july(), ymd(2024, 7, 1), ymd(2024, 8, 1), Account{}, options);
}

}  // namespace

TEST_CASE("kVA demand: the window with the largest kW² + kVAR², rounded as stated") {
  auto g = graph_of(R"(
    kva_demand: rounded 0.01 half_up
    charge kw "Demand Charge" on demand: 2.00 $/kW
    charge kva "Apparent Demand Charge" on kva_demand: 8.00 $/kVA)");
  auto b = bill_july(g, true);
  CHECK(find_item(b, "kw")->quantity.to_string() == "3");        // the kW peak
  auto* kva = find_item(b, "kva");
  REQUIRE(kva != nullptr);
  CHECK(kva->kind == LineKind::demand);
  CHECK(kva->unit == "kVA");
  CHECK(kva->quantity.to_string() == "4.12");                     // sqrt(17) = 4.1231... → 4.12, not the kW peak's 3.09
  CHECK(kva->amount.to_string() == "32.96");                      // 4.12 × 8.00
  CHECK(b.total.to_string() == "38.96");                          // 3 × 2.00 + 32.96
  std::string trace;
  for (auto& line : kva->trace) trace += line + "\n";
  CHECK(trace.find("maximum kVA demand 4.12 kVA = sqrt(1 kW² + 4 kVAR²), rounded half_up to 2 places\n") != std::string::npos);
  // to 0.001: 4.123 kVA × 8.00 = 32.984 → $32.98
  auto finer = bill_july(graph_of(R"(
    kva_demand: rounded 0.001 half_up
    charge kva "Apparent Demand Charge" on kva_demand: 8.00 $/kVA)"));
  CHECK(find_item(finer, "kva")->quantity.to_string() == "4.123");
  CHECK(find_item(finer, "kva")->amount.to_string() == "32.98");
  // whole kVA, rounded up: 5 kVA × 8.00 = $40.00
  auto whole = bill_july(graph_of(R"(
    kva_demand: rounded 1 ceiling
    charge kva "Apparent Demand Charge" on kva_demand: 8.00 $/kVA)"));
  CHECK(find_item(whole, "kva")->quantity.to_string() == "5");
}

TEST_CASE("kVA demand in a TOU period: only that period's windows") {
  auto g = graph_of(R"(
    kva_demand: rounded 0.01 half_up
    period peak "On-Peak": weekday 13:00-18:00
    period off "Off-Peak": otherwise
    charge kva "On-Peak Apparent Demand" on kva_demand in peak: 5.00 $/kVA)");
  // the Saturday window is off-peak; on peak the highest is the kW peak: sqrt(9 + 0.5625) = 3.0923... → 3.09 kVA × 5.00 = $15.45
  auto b = bill_july(g);
  CHECK(find_item(b, "kva")->quantity.to_string() == "3.09");
  CHECK(find_item(b, "kva")->amount.to_string() == "15.45");
}

TEST_CASE("kVA demand: usage without kVARh is refused, the rounding must be stated") {
  auto g = graph_of(R"(
    kva_demand: rounded 0.01 half_up
    charge kva "Apparent Demand Charge" on kva_demand: 8.00 $/kVA)");
  auto result = bill(g, july(false), BillingPeriod{ymd(2024, 7, 1), ymd(2024, 8, 1)}, Account{}, BillOptions{});
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].code == "B0041");
  CHECK(result.diagnostics[0].message == "the tariff bills reactive energy (its kVA demand), but the usage test has no kvarh channel");
  auto check = [](const std::string& body) {
    return summary(compile_text(tariff_text(body)).diagnostics);
  };
  CHECK(check(" charge kva \"kVA\" on kva_demand: 8.00 $/kVA\n") ==
        std::vector<std::string>{"E0940 5:22 kVA demand is a square root, and the tariff does not say how it is rounded"});
  CHECK(check(" kva_demand: rounded 0.5 half_up\n charge kva \"kVA\" on kva_demand: 8.00 $/kVA\n") ==
        std::vector<std::string>{"E0940 5:22 kVA demand is determined to a power of ten from 1 to 0.000001"});
  CHECK(check(" kva_demand: rounded 0.01 half_up\n charge kva \"kVA\" on kva_demand: 8.00 $/kW\n") ==
        std::vector<std::string>{"E0301 6:39 a $/kW price cannot apply to apparent power (kVA)"});
}
