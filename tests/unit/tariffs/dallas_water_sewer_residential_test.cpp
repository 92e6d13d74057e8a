// Dallas Water Utilities, residential water and sewer, "Monthly Payment Rates Effective
// October 1, 2024": tariffs/dallas-water-sewer-residential.tariff billed on
// examples/usage/dallas_water_2025-01.csv (10 gallons every hour, Chicago time: January 2025
// 744 h -> 7,440 gal) and examples/usage/dallas_water_2025-07_08.csv (July 2025 25 gal/h ->
// 18,600 gal; August 2025 75 gal/h -> 55,800 gal).
// The usage file's `kwh` column holds gallons; prices are per 1,000 gallons (kgal), so
// 7,440 gal is 7.44 kgal exactly.
// Sewer: "calculated on an average of the water billed in December, January, February, and
// March (40,000 gallons maximum) or the actual month's water consumption, whichever is
// less": the account attribute `winter_average` (gallons) caps the sewer volume; the
// 40,000 gallon maximum is the sewer's 0 $/kgal tier above 40 kgal.
// Line items are rounded to the cent, half up.
#include "tariff_test_support.hpp"

using namespace tariff_test;

namespace {
const char* kTariff = "dallas-water-sewer-residential.tariff";
const char* kJanuary = "dallas_water_2025-01.csv";
const char* kSummer = "dallas_water_2025-07_08.csv";
const char* kZone = "America/Chicago";

}  // namespace

TEST_CASE("tariff: Dallas water and sewer, January 2025, use below the winter average") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kJanuary, kZone), ymd(2025, 1, 1), ymd(2025, 2, 1),
                {{"meter_size", "in_5_8"}, {"winter_average", "8000"}});
  // 7,440 gal of water; the winter average 8,000 gal is more, so the sewer is billed on
  // the actual 7,440 gal ("or the actual month's water consumption, whichever is less").
  check_bill(b,
             {
                 // "5/8* Inch Meter | $5.80 | $5.24"
                 {"water_customer", "1", "5.80", "5.80"},
                 // "Up to 4,000 gallons | $2.07": 4 kgal × 2.07 = $8.28
                 {"water.t1", "4", "2.07", "8.28"},
                 // "4,001 to 10,000 gallons | $4.53": 7.44 − 4 = 3.44 kgal × 4.53 = 15.5832 -> $15.58
                 {"water.t2", "3.44", "4.53", "15.58"},
                 {"sewer_customer", "1", "5.24", "5.24"},
                 // sewer "$5.88": min(7,440, 8,000) = 7,440 gal = 7.44 kgal × 5.88 = 43.7472 -> $43.75
                 {"sewer.t1", "7.44", "5.88", "43.75"},
             },
             // 5.80 + 8.28 + 15.58 + 5.24 + 43.75
             "78.65");
}

TEST_CASE("tariff: Dallas water and sewer, January 2025, use above a winter average of 5,000 gallons") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kJanuary, kZone), ymd(2025, 1, 1), ymd(2025, 2, 1),
                {{"meter_size", "in_5_8"}, {"winter_average", "5000"}});
  // The cap binds in a winter month too: min(7,440, 5,000) = 5,000 gal.
  check_bill(b,
             {
                 {"water_customer", "1", "5.80", "5.80"},
                 {"water.t1", "4", "2.07", "8.28"},
                 {"water.t2", "3.44", "4.53", "15.58"},
                 {"sewer_customer", "1", "5.24", "5.24"},
                 // 5,000 gal = 5 kgal × 5.88 = $29.40
                 {"sewer.t1", "5", "5.88", "29.40"},
             },
             // 5.80 + 8.28 + 15.58 + 5.24 + 29.40
             "64.30");
}

TEST_CASE("tariff: Dallas water and sewer, July 2025, summer use capped at the winter average") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kSummer, kZone), ymd(2025, 7, 1), ymd(2025, 8, 1),
                {{"meter_size", "in_5_8"}, {"winter_average", "8000"}});
  // 18,600 gal of water (25 gal × 744 h); the sewer is billed on the winter average 8,000 gal.
  check_bill(b,
             {
                 {"water_customer", "1", "5.80", "5.80"},
                 // "Up to 4,000 gallons | $2.07": 4 × 2.07 = $8.28
                 {"water.t1", "4", "2.07", "8.28"},
                 // "4,001 to 10,000 gallons | $4.53": 6 × 4.53 = $27.18
                 {"water.t2", "6", "4.53", "27.18"},
                 // "10,001 to 20,000 gallons | $7.44": 18.6 − 10 = 8.6 × 7.44 = 63.984 -> $63.98
                 {"water.t3", "8.6", "7.44", "63.98"},
                 {"sewer_customer", "1", "5.24", "5.24"},
                 // min(18,600, 8,000) = 8,000 gal = 8 kgal × 5.88 = $47.04
                 {"sewer.t1", "8", "5.88", "47.04"},
             },
             // 5.80 + 8.28 + 27.18 + 63.98 + 5.24 + 47.04
             "157.52");
  CHECK(traced(graph, usage(kSummer, kZone), ymd(2025, 7, 1), ymd(2025, 8, 1),
               {{"meter_size", "in_5_8"}, {"winter_average", "8000"}}, "sewer.t1",
               "capped at winter_average 8000 gal: 18600 gal billed as 8000 gal"));
}

TEST_CASE("tariff: Dallas water and sewer, August 2025 on a 1 inch meter: the 40,000 gallon maximum") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kSummer, kZone), ymd(2025, 8, 1), ymd(2025, 9, 1),
                {{"meter_size", "in_1"}, {"winter_average", "45000"}});
  // 55,800 gal of water (75 gal × 744 h); the winter average 45,000 gal is above the
  // sheet's "40,000 gallons maximum", so the sewer volume is 40,000 gal.
  check_bill(b,
             {
                 // "1 Inch Meter | $12.00 | $10.38"
                 {"water_customer", "1", "12.00", "12.00"},
                 {"water.t1", "4", "2.07", "8.28"},
                 {"water.t2", "6", "4.53", "27.18"},
                 // "10,001 to 20,000 gallons | $7.44": 10 × 7.44 = $74.40
                 {"water.t3", "10", "7.44", "74.40"},
                 // "20,001 to 30,000 gallons | $10.61": 10 × 10.61 = $106.10
                 {"water.t4", "10", "10.61", "106.10"},
                 // "Above 30,000 gallons | $12.35": 55.8 − 30 = 25.8 × 12.35 = $318.63
                 {"water.t5", "25.8", "12.35", "318.63"},
                 {"sewer_customer", "1", "10.38", "10.38"},
                 // min(55,800, 45,000) = 45,000 gal = 45 kgal: the first 40 kgal × 5.88 = $235.20
                 {"sewer.t1", "40", "5.88", "235.20"},
                 // "(40,000 gallons maximum)": the other 5 kgal at $0
                 {"sewer.t2", "5", "0", "0.00"},
             },
             // 12.00 + 8.28 + 27.18 + 74.40 + 106.10 + 318.63 + 10.38 + 235.20 + 0.00
             "792.17");
}

TEST_CASE("tariff: Dallas water and sewer, an account without a winter average is refused") {
  auto graph = compile(kTariff);
  rateline::Account account;
  account.attributes = {{"meter_size", "in_5_8"}};
  auto result = rateline::bill(graph, usage(kJanuary, kZone), rateline::BillingPeriod{ymd(2025, 1, 1), ymd(2025, 2, 1)},
                               account, rateline::BillOptions{});
  // The sewer is never billed on the whole water use by default (B0050).
  CHECK_FALSE(result.bill.has_value());
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].code == "B0050");
}
