// Mayfield Electric & Water Systems, Base Residential Rate, effective November 1, 2018:
// tariffs/mayfield-residential.tariff billed on examples/usage/mayfield_2024-03_07.csv
// (1 kWh every hour, 2024-03-16 .. 2024-07-31, Central time: 24 kWh a day).
// Line items are rounded to the cent, half up.
#include "tariff_test_support.hpp"

using namespace tariff_test;

namespace {
const char* kTariff = "mayfield-residential.tariff";
const char* kUsage = "mayfield_2024-03_07.csv";
const char* kZone = "America/Chicago";
}  // namespace

TEST_CASE("tariff: Mayfield residential, July 2024 (Summer Period)") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 7, 1), ymd(2024, 8, 1));
  // July: 31 × 24 = 744 kWh.
  check_bill(b,
             {
                 // "Monthly Customer Charge $20.40 per month"
                 {"customer", "1", "20.40", "20.40"},
                 // "Summer Period June, July, August, September $0.07998 per kWh":
                 // 744 × 0.07998 = 59.50512 -> $59.51
                 {"energy", "744", "0.07998", "59.51"},
                 // "Total Monthly Fuel Cost Adjustment $0.02023 per kWh": 744 × 0.02023 = 15.05112 -> $15.05
                 {"fca", "744", "0.02023", "15.05"},
             },
             // 20.40 + 59.51 + 15.05
             "94.96");
}

TEST_CASE("tariff: Mayfield residential, April 2024 (Transitional Period)") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 4, 1), ymd(2024, 5, 1));
  // April: 30 × 24 = 720 kWh.
  check_bill(b,
             {
                 {"customer", "1", "20.40", "20.40"},
                 // "Transitional Period April, May, October, November $0.07643 per kWh":
                 // 720 × 0.07643 = 55.0296 -> $55.03
                 {"energy", "720", "0.07643", "55.03"},
                 // 720 × 0.02023 = 14.5656 -> $14.57
                 {"fca", "720", "0.02023", "14.57"},
             },
             // 20.40 + 55.03 + 14.57
             "90.00");
}

TEST_CASE("tariff: Mayfield residential, a bill from March 16 to April 15 spans the Winter and Transitional periods") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 3, 16), ymd(2024, 4, 16));
  // March 16-31: 16 days × 24 = 384 kWh (Winter Period; daylight saving time began March 10,
  // before the bill); April 1-15: 15 × 24 = 360 kWh (Transitional Period); 744 kWh in all.
  // Season parts are listed in the order the tariff declares the seasons.
  check_bill(b,
             {
                 {"customer", "1", "20.40", "20.40"},
                 // season parts in date order: March (winter) first, then April
                 // "Winter Period December, January, February, March $0.07676 per kWh":
                 // 384 × 0.07676 = 29.47584 -> $29.48
                 {"energy.winter", "384", "0.07676", "29.48"},
                 // 360 × 0.07643 = 27.5148 -> $27.51
                 {"energy.transitional", "360", "0.07643", "27.51"},
                 // 744 × 0.02023 = 15.05112 -> $15.05
                 {"fca", "744", "0.02023", "15.05"},
             },
             // 20.40 + 27.51 + 29.48 + 15.05
             "92.44");
}
