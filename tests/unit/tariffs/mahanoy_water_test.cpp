// mahanoywater.com, Schedule of Water Rates – Metered Accounts in Gallons, for bills
// rendered on and after December 1, 2012: tariffs/mahanoy-water.tariff billed on
// examples/usage/mahanoy_water_2024-01_02.csv (10 gallons every hour, New York time:
// January 2024 744 h -> 7,440 gal; February 2024, 29 days, 696 h -> 6,960 gal).
// The usage file's `kwh` column holds gallons, so the line items' unit reads "kWh".
// The schedule has no seasons; the tests bill two months and two meter sizes.
// Line items are rounded to the cent, half up.
#include "tariff_test_support.hpp"

using namespace tariff_test;

namespace {
const char* kTariff = "mahanoy-water.tariff";
const char* kUsage = "mahanoy_water_2024-01_02.csv";
const char* kZone = "America/New_York";
}  // namespace

TEST_CASE("tariff: Mahanoy water, January 2024 on a 5/8 inch meter") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 1, 1), ymd(2024, 2, 1), {{"meter_size", "in_5_8"}});
  // 7,440 gal.
  check_bill(b,
             {
                 // "5/8 inch | 875 | $18.46"
                 {"service", "1", "18.46", "18.46"},
                 // "First 875 Gallons per Month | Service Charge": within the allowance, $0
                 {"quantity.t1", "875", "0", "0.00"},
                 // "Next 4,114 Gallons per Month | $0.00977273": 4,114 × 0.00977273 = 40.20501122 -> $40.21
                 {"quantity.t2", "4114", "0.00977273", "40.21"},
                 // "Next 49,862 Gallons per Month | $0.00665775":
                 // 7,440 − 4,989 = 2,451 × 0.00665775 = 16.31814525 -> $16.32
                 {"quantity.t3", "2451", "0.00665775", "16.32"},
             },
             // 18.46 + 0.00 + 40.21 + 16.32
             "74.99");
}

TEST_CASE("tariff: Mahanoy water, February 2024 (29 days) on a 5/8 inch meter") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 2, 1), ymd(2024, 3, 1), {{"meter_size", "in_5_8"}});
  // 6,960 gal.
  check_bill(b,
             {
                 {"service", "1", "18.46", "18.46"},
                 {"quantity.t1", "875", "0", "0.00"},
                 {"quantity.t2", "4114", "0.00977273", "40.21"},
                 // 6,960 − 4,989 = 1,971 × 0.00665775 = 13.12242525 -> $13.12
                 {"quantity.t3", "1971", "0.00665775", "13.12"},
             },
             // 18.46 + 0.00 + 40.21 + 13.12
             "71.79");
}

TEST_CASE("tariff: Mahanoy water, February 2024 on a 2 inch meter: the 4,989 gallon allowance") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 2, 1), ymd(2024, 3, 1), {{"meter_size", "in_2"}});
  check_bill(b,
             {
                 // "2 inch | 4,989 | $147.66"
                 {"service", "1", "147.66", "147.66"},
                 // the 4,989 gallon "Service Allowance": $0
                 {"quantity.t1", "4989", "0", "0.00"},
                 // "Next 49,862 Gallons per Month | $0.00665775": 6,960 − 4,989 = 1,971 -> $13.12
                 {"quantity.t2", "1971", "0.00665775", "13.12"},
             },
             // 147.66 + 0.00 + 13.12
             "160.78");
}
