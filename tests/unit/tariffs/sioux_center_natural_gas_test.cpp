// City of Sioux Center (Iowa), natural gas, Residential & Small Commercial rates with the
// monthly Gas Cost Adjustment: tariffs/sioux-center-natural-gas.tariff billed on
// examples/usage/sioux_center_gas_2021-01_03.csv (10 cubic feet every hour, Chicago time:
// January 2021 744 h -> 7,440 CF; February 2021, 28 days, 672 h -> 6,720 CF).
// Line items are rounded to the cent, half up.
#include "tariff_test_support.hpp"

using namespace tariff_test;

namespace {
const char* kTariff = "sioux-center-natural-gas.tariff";
const char* kUsage = "sioux_center_gas_2021-01_03.csv";
const char* kZone = "America/Chicago";
}  // namespace

TEST_CASE("tariff: Sioux Center natural gas, January 2021 in the city (a negative GCA)") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2021, 1, 1), ymd(2021, 2, 1), {{"location", "city"}});
  check_bill(b,
             {
                 // "Monthly service charge $7.00"
                 {"service", "1", "7.00", "7.00"},
                 // "First 5,000 CF per month $0.00838 per CF": 5,000 × 0.00838 = $41.90
                 {"volume.t1", "5000", "0.00838", "41.90"},
                 // "Balance of CF per month $0.00810 per CF": 2,440 × 0.00810 = 19.764 -> $19.76
                 {"volume.t2", "2440", "0.00810", "19.76"},
                 // "January 2021 -$0.00264": 7,440 × −0.00264 = −19.6416 -> −$19.64
                 {"gca", "7440", "-0.00264", "-19.64"},
             },
             // 7.00 + 41.90 + 19.76 − 19.64
             "49.02");
}

TEST_CASE("tariff: Sioux Center natural gas, February 2021 rural (a positive GCA)") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2021, 2, 1), ymd(2021, 3, 1), {{"location", "rural"}});
  check_bill(b,
             {
                 // "Monthly service charge (rural) $9.00"
                 {"service", "1", "9.00", "9.00"},
                 {"volume.t1", "5000", "0.00838", "41.90"},
                 // 6,720 − 5,000 = 1,720 × 0.00810 = 13.932 -> $13.93
                 {"volume.t2", "1720", "0.00810", "13.93"},
                 // "February 2021 $0.00158": 6,720 × 0.00158 = 10.6176 -> $10.62
                 {"gca", "6720", "0.00158", "10.62"},
             },
             // 9.00 + 41.90 + 13.93 + 10.62
             "75.45");
}

TEST_CASE("tariff: Sioux Center natural gas, March 2021 has no published GCA and is refused") {
  auto graph = compile(kTariff);
  rateline::Account account;
  account.attributes = {{"location", "city"}};
  auto result = rateline::bill(graph, usage(kUsage, kZone), rateline::BillingPeriod{ymd(2021, 3, 1), ymd(2021, 4, 1)}, account,
                               rateline::BillOptions{});
  CHECK_FALSE(result.bill.has_value());
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].code == "B0055");
  CHECK(result.diagnostics[0].message == "charge `gca` has no price for the billing month 2021-03");
}
