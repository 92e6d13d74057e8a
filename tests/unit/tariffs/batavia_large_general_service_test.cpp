// City of Batavia (Illinois), Large General Service (Demand Rate Under 50 million kWh),
// rates of May 1, 2015: tariffs/batavia-large-general-service.tariff billed on
// examples/usage/batavia_2024-06_07.csv (15-minute, Central time: June 2024 28,810 kWh
// with an 80 kW peak; July 2024 14,885 kWh with a 40 kW peak; see the Demand Rate test).
// The loads are far below the rate's 750 kW applicability: they are chosen to show the
// $750 minimum demand charge both met and topped up. Line items are rounded to the cent,
// half up.
#include "tariff_test_support.hpp"

using namespace tariff_test;

namespace {
const char* kTariff = "batavia-large-general-service.tariff";
const char* kUsage = "batavia_2024-06_07.csv";
const char* kZone = "America/Chicago";
}  // namespace

TEST_CASE("tariff: Batavia Large General Service, June 2024: the demand charge is above the minimum") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 6, 1), ymd(2024, 7, 1));
  check_bill(b,
             {
                 // "Monthly customer charge: $100 per month."
                 {"customer", "1", "100", "100.00"},
                 // "Energy charges: $0.04362 per kilowatt-hour": 28,810 × 0.04362 = 1,256.6922 -> $1,256.69
                 {"energy", "28810", "0.04362", "1256.69"},
                 // "$17.25 per kilowatt for all kilowatts of billing demand": 80 × 17.25 = $1,380.00,
                 // more than "a minimum demand charge of $750 per month": no top-up line.
                 {"demand", "80", "17.25", "1380.00"},
             },
             // 100.00 + 1,256.69 + 1,380.00
             "2736.69");
}

TEST_CASE("tariff: Batavia Large General Service, July 2024: the minimum demand charge tops the demand charge up to $750") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 7, 1), ymd(2024, 8, 1));
  check_bill(b,
             {
                 {"customer", "1", "100", "100.00"},
                 // 14,885 × 0.04362 = 649.2837 -> $649.28
                 {"energy", "14885", "0.04362", "649.28"},
                 // 40 kW × 17.25 = $690.00
                 {"demand", "40", "17.25", "690.00"},
                 // "a minimum demand charge of $750 per month": 750.00 − 690.00 = $60.00
                 {"demand_minimum", "1", "60", "60.00"},
             },
             // 100.00 + 649.28 + 690.00 + 60.00
             "1499.28");
}
