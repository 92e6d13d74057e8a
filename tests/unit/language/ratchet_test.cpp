// Billing demand with a ratchet: "the greater of the month's maximum demand, 80 % of the
// highest maximum demand of the preceding 11 months, or 150 kW".
#include <doctest/doctest.h>

#include "support/test_support.hpp"

using namespace rateline;
using rateline::test::compile_text;
using rateline::test::usage_for;
using rateline::test::ymd;

namespace {

const char* kTariff = R"(tariff "Ratchet" {
  currency USD
  timezone "America/Chicago"
  effective 2024-01-01
  rounding line_items 0.01 half_up
  season summer: Jun 1 - Sep 30
  season winter: Oct 1 - May 31
  billing_demand "Billing Demand": greatest of {
    demand
    80 % of ratchet 11 months
    150 kW
  }
  charge d "Demand Charge" on billing_demand: 10 $/kW
})";

// 2024, hourly: 50 kWh every hour, and one hour on the 15th at 14:00 of each month at that
// month's peak: 100 kW, except June 300 kW and July 400 kW.
IntervalUsage year_2024() {
  return usage_for("America/Chicago", ymd(2024, 1, 1), ymd(2025, 1, 1), 60, 0, [](auto, std::chrono::local_seconds t) {
    auto day = std::chrono::floor<std::chrono::days>(t);
    std::chrono::year_month_day d{day};
    std::chrono::hh_mm_ss hms{t - day};
    if (static_cast<unsigned>(d.day()) != 15 || hms.hours().count() != 14) return 50;
    auto m = static_cast<unsigned>(d.month());
    return m == 6 ? 300 : m == 7 ? 400 : 100;
  });
}

std::vector<std::string> demand_amounts(const Account& account, const char* tariff = kTariff) {
  auto compiled = compile_text(tariff);
  REQUIRE(compiled.graph.has_value());
  auto series = bill_periods(*compiled.graph, year_2024(), monthly_periods(ymd(2024, 1, 1), ymd(2025, 1, 1)), account, {});
  REQUIRE(series.series.has_value());
  std::vector<std::string> out;
  for (auto& b : series.series->bills) out.push_back(b.line_items.at(0).amount.to_string());
  return out;
}

}  // namespace

TEST_CASE("ratchet: 80 % of the highest demand of the previous 11 months, at least 150 kW") {
  auto amounts = demand_amounts(Account{});
  // Jan-May: demand 100 kW, no history above it -> the 150 kW floor: $1,500.00
  CHECK(amounts[0] == "1500.00");
  CHECK(amounts[4] == "1500.00");
  // Jun: 300 kW measured -> $3,000.00; Jul: 400 kW -> $4,000.00
  CHECK(amounts[5] == "3000.00");
  CHECK(amounts[6] == "4000.00");
  // Aug-Dec: 100 kW measured, but 80 % × 400 kW (July) = 320 kW -> $3,200.00
  CHECK(amounts[7] == "3200.00");
  CHECK(amounts[11] == "3200.00");
}

TEST_CASE("ratchet: history passed with the account counts, months beyond the window do not") {
  Account account;
  account.demand_history.push_back({std::chrono::year{2023} / std::chrono::December, Decimal::parse("500").value()});
  account.demand_history.push_back({std::chrono::year{2023} / std::chrono::January, Decimal::parse("900").value()});
  auto amounts = demand_amounts(account);
  // Jan 2024: 80 % × 500 kW (Dec 2023) = 400 kW -> $4,000.00; Jan 2023 is 12 months back: outside the window
  CHECK(amounts[0] == "4000.00");
  // Nov 2024: Dec 2023 is 11 months back: still 400 kW; Dec 2024: 12 months back, July's 320 kW rules
  CHECK(amounts[10] == "4000.00");
  CHECK(amounts[11] == "3200.00");
}

TEST_CASE("ratchet: only summer months, and a contract demand attribute") {
  std::string tariff = kTariff;
  tariff.replace(tariff.find("80 % of ratchet 11 months"), 25, "60 % of ratchet 11 months in summer\n    contract_kw");
  Account account;
  account.attributes["contract_kw"] = "120";
  account.demand_history.push_back({std::chrono::year{2023} / std::chrono::December, Decimal::parse("500").value()});
  auto amounts = demand_amounts(account, tariff.c_str());
  // Jan 2024: December is winter, so no ratchet; contract 120 kW < floor 150 kW -> $1,500.00
  CHECK(amounts[0] == "1500.00");
  // Aug 2024: 60 % × 400 kW (July, summer) = 240 kW -> $2,400.00
  CHECK(amounts[7] == "2400.00");
  // without the attribute the bill is refused
  Account without;
  auto compiled = compile_text(tariff);
  REQUIRE(compiled.graph.has_value());
  auto refused = bill_periods(*compiled.graph, year_2024(), monthly_periods(ymd(2024, 1, 1), ymd(2024, 2, 1)), without, {});
  CHECK_FALSE(refused.series.has_value());
  CHECK(refused.diagnostics.at(0).code == "B0012");
}

TEST_CASE("ratchet: checks") {
  auto d = rateline::test::summary(compile_text(R"(tariff "T" {
  currency USD timezone "UTC" effective 2024-01-01 rounding none
  billing_demand: greatest of { demand  120 % of ratchet 40 months  50 kWh }
  charge d "Demand" on billing_demand: 1 $/kW
  charge e "E" on billing_demnd: 1 $/kW
})").diagnostics);
  REQUIRE(d.size() == 4);
  CHECK(d[0] == "E0801 3:41 a ratchet percentage is between 0 and 100 %");
  CHECK(d[1] == "E0801 3:41 a ratchet looks back 1 to 36 whole months");
  CHECK(d[2] == "E0312 3:69 a billing demand floor is in kW");
  CHECK(d[3] == "E0303 5:19 unknown quantity `billing_demnd`");
}

TEST_CASE("ratchet of billing demand: each month's billing demand, not its maximum demand, is looked back at") {
  // "75% of the highest billing demand during the preceding month" (one month back, so the
  // two histories part at once). Demand: 100 kW every month but June 300 and July 400 kW.
  const char* by_billing = R"(tariff "Ratchet" {
  currency USD
  timezone "America/Chicago"
  effective 2024-01-01
  rounding line_items 0.01 half_up
  billing_demand "Billing Demand": greatest of {
    demand
    75 % of ratchet 1 month of billing_demand
  }
  charge d "Demand Charge" on billing_demand: 10 $/kW
})";
  auto amounts = demand_amounts(Account{}, by_billing);
  // Jul 400 kW -> $4,000.00; Aug: 75 % × Jul's 400 = 300 kW -> $3,000.00
  CHECK(amounts[6] == "4000.00");
  CHECK(amounts[7] == "3000.00");
  // Sep: 75 % × Aug's BILLING demand 300 = 225 kW -> $2,250.00 (of maximum demands it
  // would be 75 % × 100 = 75, so the measured 100 kW: $1,000.00)
  CHECK(amounts[8] == "2250.00");
  // Oct: 75 % × 225 = 168.75 kW -> $1,687.50; Nov: 75 % × 168.75 = 126.5625 kW ->
  // 1,265.625 -> $1,265.63 (half up); Dec: 75 % × 126.5625 = 94.921875 < 100 measured -> $1,000.00
  CHECK(amounts[9] == "1687.50");
  CHECK(amounts[10] == "1265.63");
  CHECK(amounts[11] == "1000.00");

  // the same rule of maximum demands, for contrast: Sep is back at the measured 100 kW
  std::string by_demand = by_billing;
  by_demand.replace(by_demand.find(" of billing_demand"), std::string(" of billing_demand").size(), "");
  auto plain = demand_amounts(Account{}, by_demand.c_str());
  CHECK(plain[7] == "3000.00");
  CHECK(plain[8] == "1000.00");
}

TEST_CASE("check: the ratchets of one rule look back at one history") {
  auto compiled = compile_text(R"(tariff "Ratchet" {
  currency USD
  timezone "America/Chicago"
  effective 2024-01-01
  billing_demand: greatest of {
    demand
    75 % of ratchet 11 months of billing_demand
    50 % of ratchet 3 months
  }
  charge d "Demand Charge" on billing_demand: 10 $/kW
})");
  REQUIRE(compiled.diagnostics.size() == 1);
  CHECK(rateline::test::summary(compiled.diagnostics)[0] == "E0802 8:5 the ratchets of one billing demand rule look back at one history");
}

TEST_CASE("ratchet: a missing contract demand is one error, however many charges need it") {
  // the demand charge and the kWh/kW tier limits both need the billing demand
  auto compiled = compile_text(R"(tariff "Contract" {
  currency USD
  timezone "America/Chicago"
  effective 2024-01-01
  billing_demand: greatest of {
    demand
    contract_kw
  }
  charge d "Demand Charge" on billing_demand: 10 $/kW
  charge e "Energy Charge" on energy: tiers {
    up to 200 kWh/kW: 0.08 $/kWh
    above: 0.05 $/kWh
  }
})");
  REQUIRE(compiled.graph.has_value());
  auto result = bill(*compiled.graph, year_2024(), BillingPeriod{ymd(2024, 7, 1), ymd(2024, 8, 1)}, Account{}, {});
  CHECK_FALSE(result.bill.has_value());
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].code == "B0012");
}
