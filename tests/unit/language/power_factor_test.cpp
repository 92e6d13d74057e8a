// Power factor adjustment (docs/language.md, "Power factor adjustment"). The sheet line:
//
//   "Where the power factor for the billing period is less than 90%, the billing demand
//    will be adjusted by multiplying the measured demand by 90% and dividing by the power
//    factor, determined to the nearest 0.01."
//
// Usage: July 2024 in America/New_York, hourly: 1 kWh every hour and 3 kWh in the hour
// starting 2024-07-10 15:00 (746 kWh; maximum demand 3 kW); reactive energy k × kWh every
// hour, so the PF is the same in every hour and for the month.
#include <doctest/doctest.h>

#include "eval/power_factor.hpp"
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

bool peak_hour(std::chrono::local_seconds t) {
  auto day = std::chrono::floor<std::chrono::days>(t);
  return std::chrono::year_month_day{day} == ymd(2024, 7, 10) && std::chrono::hh_mm_ss{t - day}.hours().count() == 15;
}

// kVARh per hour = kvar_per_kwh (at 2 decimals) × the hour's kWh
IntervalUsage july(std::int64_t kvar_per_kwh_hundredths) {
  auto usage = usage_for("America/New_York", ymd(2024, 7, 1), ymd(2024, 8, 1), 60, 0, [](auto, auto t) { return peak_hour(t) ? 3 : 1; });
  usage.reactive = usage_for("America/New_York", ymd(2024, 7, 1), ymd(2024, 8, 1), 60, 2, [&](auto, auto t) {
                     return (peak_hour(t) ? 3 : 1) * kvar_per_kwh_hundredths;
                   }).delivered;
  usage.reactive->unit = Unit::kVARh;
  return usage;
}

Bill bill_july(const RateGraph& g, const IntervalUsage& usage, bool trace = false) {
  BillOptions options;
  options.trace = trace;
  return bill_or_fail(g, usage, ymd(2024, 7, 1), ymd(2024, 8, 1), Account{}, options);
}

const char* kSheet = R"(
    power_factor "Power Factor Adjustment": adjust demand below 90 %, pf rounded 0.01 half_up
    charge demand "Demand Charge" on demand: 10.00 $/kW)";

}  // namespace

TEST_CASE("power factor: the square root is rounded exactly as stated") {
  using eval::rounded_square_root;
  CHECK(rounded_square_root(Decimal(2), Decimal(1), 4, RoundingMode::half_up).to_string() == "1.4142");     // 1.41421356...
  CHECK(rounded_square_root(Decimal(2), Decimal(1), 4, RoundingMode::ceiling).to_string() == "1.4143");
  CHECK(rounded_square_root(Decimal(9), Decimal(4), 0, RoundingMode::half_even).to_string() == "2");        // 1.5 exactly: to even
  CHECK(rounded_square_root(Decimal(9), Decimal(4), 0, RoundingMode::half_up).to_string() == "2");
  CHECK(rounded_square_root(Decimal(9), Decimal(4), 0, RoundingMode::half_down).to_string() == "1");
  CHECK(rounded_square_root(Decimal(16), Decimal(25), 2, RoundingMode::toward_zero).to_string() == "0.80");  // exact
}

TEST_CASE("power factor 0.80: demand × 0.90 / 0.80") {
  // kVARh = 0.75 × kWh: PF = 746 / sqrt(746² + 559.5²) = 746 / 932.5 = 0.80 (a 3-4-5 triangle)
  // billing demand 3 kW × 0.90 / 0.80 = 3.375 kW × $10.00 = $33.75
  auto b = bill_july(graph_of(kSheet), july(75), true);
  auto* demand = find_item(b, "demand");
  REQUIRE(demand != nullptr);
  CHECK(demand->quantity.to_string() == "3.375");
  CHECK(demand->amount.to_string() == "33.75");
  std::string trace;
  for (auto& line : demand->trace) trace += line + "\n";
  CHECK(trace.find("Power Factor Adjustment: power factor 746 kWh / sqrt(746² + 559.5²) = 0.80 (rounded half_up), below 90 %\n") !=
        std::string::npos);
  CHECK(trace.find("3 kW × 0.9 / 0.80 = 3.375 kW\n") != std::string::npos);
}

TEST_CASE("power factor 0.894...: rounded as the tariff says before dividing") {
  // kVARh = 0.5 × kWh: PF = 1 / sqrt(1.25) = 0.894427..., below 0.90 (746² < 0.81 × (746² + 373²) exactly)
  // to 0.01 half up: 0.89 → 3 × 0.90 / 0.89 = 3.033707865168539... → 3.033707865169 kW (12 places) × $10 = $30.34
  auto b = bill_july(graph_of(kSheet), july(50));
  CHECK(find_item(b, "demand")->quantity.to_string() == "3.033707865169");
  CHECK(find_item(b, "demand")->amount.to_string() == "30.34");
  // to 0.001: 0.894 → 3 × 0.90 / 0.894 = 3.020134228187919... → 3.020134228188 kW × $10 = $30.20
  auto finer = bill_july(graph_of(R"(
    power_factor "Power Factor Adjustment": adjust demand below 90 %, pf rounded 0.001 half_up
    charge demand "Demand Charge" on demand: 10.00 $/kW)"), july(50));
  CHECK(find_item(finer, "demand")->quantity.to_string() == "3.020134228188");
  CHECK(find_item(finer, "demand")->amount.to_string() == "30.20");
}

TEST_CASE("power factor: at the threshold or above, demand is not adjusted") {
  // PF exactly 0.80 is not below 80 %: 3 kW × $10 = $30.00
  auto at = bill_july(graph_of(R"(
    power_factor "PF": adjust demand below 80 %, pf rounded 0.01 half_up
    charge demand "Demand Charge" on demand: 10.00 $/kW)"), july(75));
  CHECK(find_item(at, "demand")->quantity.to_string() == "3");
  CHECK(find_item(at, "demand")->amount.to_string() == "30.00");
  // kVARh = 0.25 × kWh: PF = 1 / sqrt(1.0625) = 0.970..., not below 0.90
  CHECK(find_item(bill_july(graph_of(kSheet), july(25)), "demand")->amount.to_string() == "30.00");
}

TEST_CASE("power factor: the billing demand's measured term is adjusted") {
  auto g = graph_of(R"(
    power_factor "Power Factor Adjustment": adjust demand below 90 %, pf rounded 0.01 half_up
    billing_demand: greatest of { demand  2 kW }
    charge demand "Demand Charge" on billing_demand: 10.00 $/kW)");
  // the greatest of 3 × 0.90 / 0.80 = 3.375 kW and the 2 kW floor: 3.375 kW × $10 = $33.75
  CHECK(find_item(bill_july(g, july(75)), "demand")->amount.to_string() == "33.75");
}

TEST_CASE("power factor: usage without kVARh is refused, the statement is checked") {
  auto usage = july(75);
  usage.reactive.reset();
  auto result = bill(graph_of(kSheet), usage, BillingPeriod{ymd(2024, 7, 1), ymd(2024, 8, 1)}, Account{}, BillOptions{});
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].code == "B0041");
  CHECK(result.diagnostics[0].message == "the tariff bills reactive energy (its power factor adjustment), but the usage test has no kvarh channel");
  auto check = [](const std::string& body) {
    return summary(compile_text(tariff_text(body)).diagnostics);
  };
  CHECK(check(" power_factor: adjust demand below 90 %, pf rounded 0.05 half_up\n charge d \"D\" on demand: 1 $/kW\n") ==
        std::vector<std::string>{"E0930 5:53 the power factor is determined to a power of ten from 0.1 to 0.000001"});
  CHECK(check(" power_factor: adjust demand below 120 %, pf rounded 0.01 half_up\n charge d \"D\" on demand: 1 $/kW\n") ==
        std::vector<std::string>{"E0930 5:36 a power factor threshold is above 0 and at most 100 %"});
  CHECK(check(" power_factor: adjust demand below 90 %, pf rounded 0.01 nearest\n charge d \"D\" on demand: 1 $/kW\n") ==
        std::vector<std::string>{"E0930 5:58 unknown rounding mode `nearest`"});
  CHECK(check(" power_factor: adjust demand below 90 %, pf rounded 0.01 half_up\n charge e \"E\" on energy: 1 $/kWh\n") ==
        std::vector<std::string>{"E0930 5:2 the power factor adjusts demand, but no charge is on demand"});
  CHECK(check(" power_factor: adjust demand below 90 %\n charge d \"D\" on demand: 1 $/kW\n") ==
        std::vector<std::string>{
            "E0001 6:2 syntax error: expected the adjustment as the sheet states it: `adjust demand below 90 %, pf rounded 0.01 half_up`"});
}
