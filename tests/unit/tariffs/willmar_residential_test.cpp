// Willmar Municipal Utilities, Residential Service Rate, effective January 1, 2024:
// tariffs/willmar-residential.tariff billed on
// examples/usage/willmar_residential_2024-07_10.csv (1 kWh every hour, 2024-07-01 ..
// 2024-10-31, Central time: 24 kWh a day). Line items are rounded to the cent, half up.
#include "tariff_test_support.hpp"

using namespace tariff_test;

namespace {
const char* kTariff = "willmar-residential.tariff";
const char* kUsage = "willmar_residential_2024-07_10.csv";
const char* kZone = "America/Chicago";
}  // namespace

TEST_CASE("tariff: Willmar residential, July 2024 at the summer rate") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 7, 1), ymd(2024, 8, 1));
  // July: 31 × 24 = 744 kWh, all in "Summer (June – September)".
  check_bill(b,
             {
                 // "Fixed Cost: $10.85/month"
                 {"fixed", "1", "10.85", "10.85"},
                 // "All kWh | $0.1149/kWh" (summer): 744 × 0.1149 = 85.4856 -> $85.49
                 {"energy", "744", "0.1149", "85.49"},
             },
             // 10.85 + 85.49
             "96.34");
}

TEST_CASE("tariff: Willmar residential, October 2024 at the non-summer rate") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 10, 1), ymd(2024, 11, 1));
  // October: 31 × 24 = 744 kWh (daylight saving time ends November 3).
  check_bill(b,
             {
                 {"fixed", "1", "10.85", "10.85"},
                 // "All kWh | ... | $0.1005/kWh" (non-summer): 744 × 0.1005 = 74.772 -> $74.77
                 {"energy", "744", "0.1005", "74.77"},
             },
             // 10.85 + 74.77
             "85.62");
}

TEST_CASE("tariff: Willmar residential, a bill across October 1 is priced by season part") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 9, 16), ymd(2024, 10, 16));
  // September 16-30: 15 days × 24 = 360 kWh at the summer rate;
  // October 1-15: 15 days × 24 = 360 kWh at the non-summer rate. One fixed cost per bill.
  check_bill(b,
             {
                 {"fixed", "1", "10.85", "10.85"},
                 // 360 × 0.1149 = 41.364 -> $41.36
                 {"energy.summer", "360", "0.1149", "41.36"},
                 // 360 × 0.1005 = 36.18
                 {"energy.non_summer", "360", "0.1005", "36.18"},
             },
             // 10.85 + 41.36 + 36.18
             "88.39");
}
