// Willmar Municipal Utilities, Large Power (≥25 kW and <500 kW), effective January 1,
// 2024: tariffs/willmar-large-power.tariff billed on
// examples/usage/willmar_large_power_2024-07_10.csv (hourly, Central time: 40 kWh every
// hour, i.e. 40 kW, except three peak hours: 2024-07-17 15:00 100 kWh, 2024-09-20 16:00
// 80 kWh, 2024-10-10 09:00 60 kWh). With hourly data the demand of an hour is its kWh.
// Line items are rounded to the cent, half up.
#include "tariff_test_support.hpp"

using namespace tariff_test;

namespace {
const char* kTariff = "willmar-large-power.tariff";
const char* kUsage = "willmar_large_power_2024-07_10.csv";
const char* kZone = "America/Chicago";
}  // namespace

TEST_CASE("tariff: Willmar large power, secondary service, July 2024 (summer)") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 7, 1), ymd(2024, 8, 1), {{"service_level", "secondary"}});
  // Energy: 744 hours × 40 kWh = 29,760, with the 100 kWh peak hour instead of 40:
  // 29,760 − 40 + 100 = 29,820 kWh. Demand: the 100 kW peak hour on July 17.
  check_bill(b,
             {
                 // Secondary Service "Fixed Cost: $36.10/month"
                 {"fixed", "1", "36.10", "36.10"},
                 // "All kWh | $0.0696 per kWh" (summer): 29,820 × 0.0696 = 2,075.472 -> $2,075.47
                 {"energy", "29820", "0.0696", "2075.47"},
                 // "Demand Charge | $14.75/KW" (summer): 100 × 14.75 = $1,475.00
                 {"demand", "100", "14.75", "1475.00"},
             },
             // 36.10 + 2,075.47 + 1,475.00
             "3586.57");
}

TEST_CASE("tariff: Willmar large power, secondary service, October 2024 (non-summer)") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 10, 1), ymd(2024, 11, 1), {{"service_level", "secondary"}});
  // Energy: 744 × 40 = 29,760 − 40 + 60 (October 10 peak hour) = 29,780 kWh. Demand 60 kW.
  check_bill(b,
             {
                 {"fixed", "1", "36.10", "36.10"},
                 // "$0.0624 per kWh" (non-summer): 29,780 × 0.0624 = 1,858.272 -> $1,858.27
                 {"energy", "29780", "0.0624", "1858.27"},
                 // "$13.05/KW" (non-summer): 60 × 13.05 = $783.00
                 {"demand", "60", "13.05", "783.00"},
             },
             // 36.10 + 1,858.27 + 783.00
             "2677.37");
}

TEST_CASE("tariff: Willmar large power, primary service, July 2024 (summer)") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 7, 1), ymd(2024, 8, 1), {{"service_level", "primary"}});
  check_bill(b,
             {
                 // Primary Service "Fixed Cost: $48.10/month"
                 {"fixed", "1", "48.10", "48.10"},
                 // "All kWh | $0.0683/kWh" (summer): 29,820 × 0.0683 = 2,036.706 -> $2,036.71
                 {"energy", "29820", "0.0683", "2036.71"},
                 // "Demand Charge | $14.45/KW" (summer): 100 × 14.45 = $1,445.00
                 {"demand", "100", "14.45", "1445.00"},
             },
             // 48.10 + 2,036.71 + 1,445.00
             "3529.81");
}
