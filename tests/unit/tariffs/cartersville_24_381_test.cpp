// City of Cartersville Electric System, Code of Ordinances § 24-381 (commercial or
// industrial service, 1,000 to 3,500 kW), bills rendered on or after February 19, 2013:
// tariffs/cartersville-24-381.tariff billed on examples/usage/cartersville_2024-06_07.csv
// (15-minute, New York time: June 2024 350 kWh per interval = 1,400 kW, except 375 kWh
// = 1,500 kW in the four intervals of 2024-06-05 15:00-16:00; July 2024 240 kWh per
// interval = 960 kW, except 250 kWh = 1,000 kW at 2024-07-09 14:00).
// The section has no seasons; the two months differ in billing demand, which moves the
// hours-use block limits. Line items are rounded to the cent, half up.
#include "tariff_test_support.hpp"

using namespace tariff_test;

namespace {
const char* kTariff = "cartersville-24-381.tariff";
const char* kUsage = "cartersville_2024-06_07.csv";
const char* kZone = "America/New_York";
}  // namespace

TEST_CASE("tariff: Cartersville § 24-381, June 2024: 1,500 kW, every hours-use block used") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 6, 1), ymd(2024, 7, 1));
  // Energy: 2,880 intervals; 2,876 × 350 + 4 × 375 = 1,006,600 + 1,500 = 1,008,100 kWh.
  // Billing demand: 375 kWh / 0.25 h = 1,500 kW. Block limits:
  //   200 h × 1,500 kW = 300,000 kWh; 400 h × 1,500 = 600,000; 600 h × 1,500 = 900,000.
  check_bill(b,
             {
                 // "Administrative charge ..... $150.00"
                 {"admin", "1", "150.00", "150.00"},
                 // "Demand charge ..... 3.00 per kW of billing demand": 1,500 × 3.00 = $4,500.00
                 {"demand", "1500", "3.00", "4500.00"},
                 // "not greater than two hundred (200) hours times the billing demand" (300,000 kWh):
                 //   "First 200,000 kWh ..... 7.6¢": 200,000 × 0.076 = $15,200.00
                 {"energy.t1.1", "200000", "0.076", "15200.00"},
                 //   "Over 200,000 kWh ..... 6.6¢": 300,000 − 200,000 = 100,000 × 0.066 = $6,600.00
                 {"energy.t1.2", "100000", "0.066", "6600.00"},
                 // "in excess of 200 hours and not greater than 400 hours": 600,000 − 300,000 = 300,000
                 //   × "4.4¢" = $13,200.00
                 {"energy.t2", "300000", "0.044", "13200.00"},
                 // "in excess of 400 hours and not greater than 600 hours": 900,000 − 600,000 = 300,000
                 //   × "4.0¢" = $12,000.00
                 {"energy.t3", "300000", "0.040", "12000.00"},
                 // "in excess of six hundred (600) hours": 1,008,100 − 900,000 = 108,100 × "3.8¢" = $4,107.80
                 {"energy.t4", "108100", "0.038", "4107.80"},
             },
             // 150 + 4,500 + 15,200 + 6,600 + 13,200 + 12,000 + 4,107.80
             "55757.80");
}

TEST_CASE("tariff: Cartersville § 24-381, July 2024: 1,000 kW, the first block ends at 200,000 kWh") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 7, 1), ymd(2024, 8, 1));
  // Energy: 2,976 intervals; 2,975 × 240 + 250 = 714,000 + 250 = 714,250 kWh.
  // Billing demand: 250 kWh / 0.25 h = 1,000 kW. Block limits: 200,000, 400,000, 600,000 kWh.
  // The first block holds 200,000 kWh, all in its "First 200,000 kWh" step: its "Over
  // 200,000 kWh" step is empty and gets no line.
  // NOTE: the ids of the later tiers shift by one against June (energy.t2 is "200 to 400
  // kWh/kW" here, "over 200,000" in June): line-item ids of nested tiers are not stable
  // from bill to bill.
  check_bill(b,
             {
                 {"admin", "1", "150.00", "150.00"},
                 // 1,000 × 3.00 = $3,000.00
                 {"demand", "1000", "3.00", "3000.00"},
                 // 200,000 × 0.076 = $15,200.00
                 {"energy.t1.1", "200000", "0.076", "15200.00"},
                 // 400,000 − 200,000 = 200,000 × 0.044 = $8,800.00
                 {"energy.t2", "200000", "0.044", "8800.00"},
                 // 600,000 − 400,000 = 200,000 × 0.040 = $8,000.00
                 {"energy.t3", "200000", "0.040", "8000.00"},
                 // 714,250 − 600,000 = 114,250 × 0.038 = $4,341.50
                 {"energy.t4", "114250", "0.038", "4341.50"},
             },
             // 150 + 3,000 + 15,200 + 8,800 + 8,000 + 4,341.50
             "39491.50");
}
