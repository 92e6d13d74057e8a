// City of Batavia (Illinois), Demand Rate, rates of May 1, 2015:
// tariffs/batavia-demand-rate.tariff billed on examples/usage/batavia_2024-06_07.csv
// (15-minute, Central time: June 2024 10 kWh per interval = 40 kW, except 20 kWh = 80 kW
// at 2024-06-12 14:30; July 2024 5 kWh per interval = 20 kW, except 10 kWh = 40 kW at
// 2024-07-23 16:00). Demand of a 15-minute interval = its kWh × 4.
// The rate is the same in all months ("All months"), so there is no season boundary to
// cross; the two tests bill months with different load. Line items are rounded to the
// cent, half up.
#include "tariff_test_support.hpp"

using namespace tariff_test;

namespace {
const char* kTariff = "batavia-demand-rate.tariff";
const char* kUsage = "batavia_2024-06_07.csv";
const char* kZone = "America/Chicago";
}  // namespace

TEST_CASE("tariff: Batavia Demand Rate, June 2024") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 6, 1), ymd(2024, 7, 1));
  // June: 30 × 96 = 2,880 intervals; 2,879 × 10 kWh + 20 kWh = 28,810 kWh.
  // Billing demand, "the highest 15 ... minute demand": 20 kWh / 0.25 h = 80 kW.
  check_bill(b,
             {
                 // "Monthly Customer Charge: $80 per month"
                 {"customer", "1", "80", "80.00"},
                 // "Energy charges: $0.04403 per kilowatt-hour": 28,810 × 0.04403 = 1,268.5043 -> $1,268.50
                 {"energy", "28810", "0.04403", "1268.50"},
                 // "$16.28 per kilowatt for all kilowatts of billing demand": 80 × 16.28 = $1,302.40
                 {"demand", "80", "16.28", "1302.40"},
             },
             // 80.00 + 1,268.50 + 1,302.40
             "2650.90");
}

TEST_CASE("tariff: Batavia Demand Rate, July 2024 with a lighter load") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 7, 1), ymd(2024, 8, 1));
  // July: 31 × 96 = 2,976 intervals; 2,975 × 5 kWh + 10 kWh = 14,885 kWh.
  // Billing demand: 10 kWh / 0.25 h = 40 kW.
  check_bill(b,
             {
                 {"customer", "1", "80", "80.00"},
                 // 14,885 × 0.04403 = 655.38655 -> $655.39
                 {"energy", "14885", "0.04403", "655.39"},
                 // 40 × 16.28 = $651.20
                 {"demand", "40", "16.28", "651.20"},
             },
             // 80.00 + 655.39 + 651.20
             "1386.59");
}
