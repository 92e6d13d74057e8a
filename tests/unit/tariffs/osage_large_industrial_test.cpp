// osage.net (Osage Municipal Utilities, Iowa), Large Industrial Service:
// tariffs/osage-large-industrial.tariff, a billing demand with a 75 % ratchet over the
// preceding 11 months and a 20 kW floor. Usage is built here (15-minute data, Central
// time): 50 kWh in every 15 minutes (= 200 kW) and, in July 2024, one interval of 75 kWh
// on July 17 at 14:00 (= 75 × 60 / 15 = 300 kW). July and August 2024 have 31 days each,
// no DST change: 31 × 96 = 2,976 intervals. The sheet's demand is "the customer's greatest
// 15-minute demand"; the tariff uses `demand_window 15min`. Line items are rounded to the
// cent, half up.
#include "support/test_support.hpp"
#include "tariff_test_support.hpp"

using namespace tariff_test;

namespace {

const char* kTariff = "osage-large-industrial.tariff";
const char* kZone = "America/Chicago";

/// July and August 2024, 15-minute intervals of `base` kWh (integer), with the 75 kWh
/// interval on July 17 at 14:00 when `july_peak`.
rateline::IntervalUsage usage_jul_aug(int base, bool july_peak) {
  return rateline::test::usage_for(kZone, ymd(2024, 7, 1), ymd(2024, 9, 1), 15, 0,
                                   [=](auto, std::chrono::local_seconds t) {
                                     auto day = std::chrono::floor<std::chrono::days>(t);
                                     std::chrono::year_month_day d{day};
                                     std::chrono::hh_mm_ss hms{t - day};
                                     if (july_peak && d.month() == std::chrono::July && d.day() == std::chrono::day{17} &&
                                         hms.hours().count() == 14 && hms.minutes().count() == 0)
                                       return 75;
                                     return base;
                                   });
}

rateline::MonthlyDemand month_kw(int y, unsigned m, const char* kw) {
  return {std::chrono::year{y} / std::chrono::month{m}, dec(kw)};
}

rateline::Bill bill_july(const rateline::RateGraph& graph, const rateline::IntervalUsage& usage,
                         std::vector<rateline::MonthlyDemand> history) {
  rateline::Account account;
  account.demand_history = std::move(history);
  auto result = rateline::bill(graph, usage, rateline::BillingPeriod{ymd(2024, 7, 1), ymd(2024, 8, 1)}, account, {});
  INFO(render_all(result.diagnostics));
  REQUIRE(result.bill);
  CHECK(result.diagnostics.empty());
  return *result.bill;
}

}  // namespace

// Energy in July: 2,976 × 50 = 148,800 kWh, with the 75 kWh interval instead of 50:
// 148,800 + 25 = 148,825 kWh. "Base rate per month $0.0811 per kilowatt-hour":
// 148,825 × 0.0811 = 11,906.00 + 163.7075 = 12,069.7075 -> $12,069.71.

TEST_CASE("tariff: Osage large industrial, July 2024, the measured demand sets the billing demand") {
  auto graph = compile(kTariff);
  // History: June 2024 380 kW. 75 % × 380 = 285 kW < the measured 300 kW; 20 kW floor.
  // Billing demand = greatest of {300, 285, 20} = 300 kW.
  auto b = bill_july(graph, usage_jul_aug(50, true), {month_kw(2024, 6, "380")});
  check_bill(b,
             {
                 // "Monthly facility fee $55.00 per month"
                 {"facility", "1", "55.00", "55.00"},
                 {"energy", "148825", "0.0811", "12069.71"},
                 // "All kilowatt $7.00 per kilowatt": 300 × 7.00 = $2,100.00
                 {"demand", "300", "7.00", "2100.00"},
             },
             // 55.00 + 12,069.71 + 2,100.00
             "14224.71");
}

TEST_CASE("tariff: Osage large industrial, July 2024, the 75 % ratchet sets the billing demand") {
  auto graph = compile(kTariff);
  // History of billing demands ("the highest billing demand during the preceding 11 months"):
  // July 2023 900 kW (12 months back: outside "the preceding 11 months",
  // August 2023 – June 2024), January 2024 500 kW, June 2024 380 kW.
  // Highest in the window: 500 kW (January). 75 % × 500 = 375 kW > measured 300 kW > 20 kW.
  // Billing demand 375 kW.
  auto b = bill_july(graph, usage_jul_aug(50, true),
                     {month_kw(2023, 7, "900"), month_kw(2024, 1, "500"), month_kw(2024, 6, "380")});
  check_bill(b,
             {
                 {"facility", "1", "55.00", "55.00"},
                 {"energy", "148825", "0.0811", "12069.71"},
                 // 375 × 7.00 = $2,625.00
                 {"demand", "375", "7.00", "2625.00"},
             },
             // 55.00 + 12,069.71 + 2,625.00
             "14749.71");
}

TEST_CASE("tariff: Osage large industrial, the 20 kW floor, no history") {
  auto graph = compile(kTariff);
  // 2 kWh every 15 minutes = 8 kW, no earlier months: billing demand = greatest of {8, 20} = 20 kW.
  auto b = bill_july(graph, usage_jul_aug(2, false), {});
  check_bill(b,
             {
                 {"facility", "1", "55.00", "55.00"},
                 // 2,976 × 2 = 5,952 kWh × 0.0811 = 482.7072 -> $482.71
                 {"energy", "5952", "0.0811", "482.71"},
                 // 20 × 7.00 = $140.00
                 {"demand", "20", "7.00", "140.00"},
             },
             // 55.00 + 482.71 + 140.00
             "677.71");
}

TEST_CASE("tariff: Osage large industrial, July and August 2024 billed as a series") {
  auto graph = compile(kTariff);
  auto series = rateline::bill_periods(graph, usage_jul_aug(50, true),
                                       rateline::monthly_periods(ymd(2024, 7, 1), ymd(2024, 9, 1)), rateline::Account{}, {});
  INFO(render_all(series.diagnostics));
  REQUIRE(series.series.has_value());
  REQUIRE(series.series->bills.size() == 2);
  // July: no earlier month; measured 300 kW is the billing demand (as above, $14,224.71).
  check_bill(series.series->bills[0],
             {
                 {"facility", "1", "55.00", "55.00"},
                 {"energy", "148825", "0.0811", "12069.71"},
                 {"demand", "300", "7.00", "2100.00"},
             },
             "14224.71");
  // August: 2,976 × 50 = 148,800 kWh × 0.0811 = 12,067.68 (exact). Measured 200 kW; the
  // July bill of the series is remembered: 75 % × 300 = 225 kW > 200 kW. Billing demand
  // 225 kW × 7.00 = $1,575.00.
  check_bill(series.series->bills[1],
             {
                 {"facility", "1", "55.00", "55.00"},
                 {"energy", "148800", "0.0811", "12067.68"},
                 {"demand", "225", "7.00", "1575.00"},
             },
             // 55.00 + 12,067.68 + 1,575.00
             "13697.68");
}
