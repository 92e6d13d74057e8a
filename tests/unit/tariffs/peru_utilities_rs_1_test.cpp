// Peru Utilities, Rate Schedule RS-1 (Residential Service), effective June 1, 2023:
// tariffs/peru-utilities-rs-1.tariff billed on examples/usage/peru_rs1_2024-06_07.csv
// (hourly: June 2024 0.4 kWh every hour = 288 kWh; July 2024 1.5 kWh every hour = 1,116 kWh).
// Line items are rounded to the cent, half up.
#include "tariff_test_support.hpp"

using namespace tariff_test;

namespace {
const char* kTariff = "peru-utilities-rs-1.tariff";
const char* kUsage = "peru_rs1_2024-06_07.csv";
const char* kZone = "America/Indiana/Indianapolis";
}  // namespace

TEST_CASE("tariff: Peru Utilities RS-1, July 2024 inside the city fills all three energy blocks") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 7, 1), ymd(2024, 8, 1), {{"location", "inside_city"}});
  // July: 744 hours × 1.5 kWh = 1,116 kWh.
  check_bill(b,
             {
                 // "For Service within the Corporate Limits $10 per meter/per month"
                 {"service", "1", "10", "10.00"},
                 // "For the first 300 kWh $0.124825 per kWh": 300 × 0.124825 = 37.4475 -> $37.45
                 {"energy.t1", "300", "0.124825", "37.45"},
                 // "For the next 700 kWh $0.115322 per kWh": 700 × 0.115322 = 80.7254 -> $80.73
                 {"energy.t2", "700", "0.115322", "80.73"},
                 // "For all kWh above 1000 kWh $0.111616 per kWh":
                 // (1,116 − 1,000) = 116 × 0.111616 = 12.947456 -> $12.95
                 {"energy.t3", "116", "0.111616", "12.95"},
             },
             // 10.00 + 37.45 + 80.73 + 12.95
             "141.13");
}

TEST_CASE("tariff: Peru Utilities RS-1, June 2024 outside the city stays in the first block") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 6, 1), ymd(2024, 7, 1), {{"location", "outside_city"}});
  // June: 720 hours × 0.4 kWh = 288 kWh, all within "the first 300 kWh".
  check_bill(b,
             {
                 // "For Service Outside the City Corporate Limits $15 per meter/per month"
                 {"service", "1", "15", "15.00"},
                 // 288 × 0.124825 = 35.9496 -> $35.95
                 {"energy.t1", "288", "0.124825", "35.95"},
             },
             // 15.00 + 35.95
             "50.95");
}

TEST_CASE("tariff: Peru Utilities RS-1 needs the account's location for the service charge") {
  auto graph = compile(kTariff);
  auto u = usage(kUsage, kZone);
  auto result = rateline::bill(graph, u, rateline::BillingPeriod{ymd(2024, 7, 1), ymd(2024, 8, 1)}, rateline::Account{},
                               rateline::BillOptions{});
  CHECK_FALSE(result.bill);
  REQUIRE_FALSE(result.diagnostics.empty());
  CHECK(result.diagnostics.front().code == "B0010");
}
