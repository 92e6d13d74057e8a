// City of Coon Rapids (Minnesota), Water & Sewer Rates, residential:
// tariffs/coon-rapids-water-sewer.tariff billed on examples/usage/coon_rapids_water_2024-01_06.csv
// (Chicago time; January-March 2024 10 gal every hour, 2,183 h -> 21,830 gal; April-June 2024
// 20 gal every hour, 2,184 h -> 43,680 gal), one bill per quarter.
// Sewer consumption is the quarter's water use, at most the account's winter quarter
// (`winter_quarter`, gallons). Line items are rounded to the cent, half up.
#include "tariff_test_support.hpp"

using namespace tariff_test;

namespace {
const char* kTariff = "coon-rapids-water-sewer.tariff";
const char* kUsage = "coon_rapids_water_2024-01_06.csv";
const char* kZone = "America/Chicago";
}  // namespace

TEST_CASE("tariff: Coon Rapids, first quarter 2024, duplex below its sewer minimum") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 1, 1), ymd(2024, 4, 1), {{"residence", "duplex"}, {"winter_quarter", "5000"}});
  // 21,830 gal of water; sewer on at most the 5,000 gal winter quarter.
  check_bill(b,
             {
                 // "a base fee of $16.75 per account"
                 {"water_base", "1", "16.75", "16.75"},
                 // "Tier 1 Residential (Less than 20,000 gallons) $2.10": 20 kgal × 2.10 = $42.00
                 {"water.t1", "20", "2.10", "42.00"},
                 // "Tier 2 Residential (20,001 to 80,000 gallons) $2.55": 1.83 kgal × 2.55 = 4.6665 -> $4.67
                 {"water.t2", "1.83", "2.55", "4.67"},
                 // "Duplex (Per Unit) $20"
                 {"sewer_base", "1", "20.00", "20.00"},
                 // winter quarter 5,000 gal (less than the 21,830 used) = 5 kgal × 3.15 = $15.75
                 {"sewer.t1", "5", "3.15", "15.75"},
                 // "Min $43.63": 20.00 + 15.75 = 35.75, topped up by 7.88
                 {"sewer_minimum", "1", "7.88", "7.88"},
             },
             // 16.75 + 42.00 + 4.67 + 20.00 + 15.75 + 7.88
             "107.05");
}

TEST_CASE("tariff: Coon Rapids, second quarter 2024, duplex: sewer on the winter quarter, not the summer use") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 4, 1), ymd(2024, 7, 1), {{"residence", "duplex"}, {"winter_quarter", "21830"}});
  // 43,680 gal of water; sewer on the 21,830 gal winter quarter.
  check_bill(b,
             {
                 {"water_base", "1", "16.75", "16.75"},
                 {"water.t1", "20", "2.10", "42.00"},
                 // 43.68 − 20 = 23.68 kgal × 2.55 = 60.384 -> $60.38
                 {"water.t2", "23.68", "2.55", "60.38"},
                 {"sewer_base", "1", "20.00", "20.00"},
                 // 21.83 kgal × 3.15 = 68.7645 -> $68.76 (above the minimum, below the maximum)
                 {"sewer.t1", "21.83", "3.15", "68.76"},
             },
             // 16.75 + 42.00 + 60.38 + 20.00 + 68.76
             "207.89");
}

TEST_CASE("tariff: Coon Rapids, second quarter 2024, townhouse at its sewer maximum") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 4, 1), ymd(2024, 7, 1), {{"residence", "townhouse"}, {"winter_quarter", "30000"}});
  check_bill(b,
             {
                 {"water_base", "1", "16.75", "16.75"},
                 {"water.t1", "20", "2.10", "42.00"},
                 {"water.t2", "23.68", "2.55", "60.38"},
                 // "Townhouses, Condos, Mobile Homes (Per Unit) $12.25"
                 {"sewer_base", "1", "12.25", "12.25"},
                 // winter quarter 30,000 gal; the first 24,000 at $3.15 = $75.60 ...
                 {"sewer.t1", "24", "3.15", "75.60"},
                 // ... the rest at $0: 12.25 + 75.60 = 87.85, the "Max $87.85"
                 {"sewer.t2", "6", "0", "0.00"},
             },
             // 16.75 + 42.00 + 60.38 + 12.25 + 75.60
             "206.98");
}

TEST_CASE("tariff: Coon Rapids, an account without its winter quarter is refused") {
  auto graph = compile(kTariff);
  rateline::Account account;
  account.attributes = {{"residence", "single_family"}};
  auto result = rateline::bill(graph, usage(kUsage, kZone), rateline::BillingPeriod{ymd(2024, 4, 1), ymd(2024, 7, 1)}, account,
                               rateline::BillOptions{});
  CHECK_FALSE(result.bill.has_value());
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].code == "B0050");
}
