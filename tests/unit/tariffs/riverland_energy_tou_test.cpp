// Riverland Energy Cooperative, Time of Use Rates, effective May 1, 2023:
// tariffs/riverland-energy-tou.tariff billed on examples/usage/riverland_tou_2024-09_12.csv
// (1 kWh every hour, 2024-09-01 .. 2024-12-31, Central time; November 3 has 25 hours).
// On-peak: summer (June 1 - September 30) weekdays 2:00-6:00 p.m.; winter (October 1 -
// May 31) weekdays 5:00-9:00 p.m.; holidays off-peak. Line items are rounded to the cent,
// half up.
#include "tariff_test_support.hpp"

using namespace tariff_test;

namespace {
const char* kTariff = "riverland-energy-tou.tariff";
const char* kUsage = "riverland_tou_2024-09_12.csv";
const char* kZone = "America/Chicago";
}  // namespace

TEST_CASE("tariff: Riverland Energy TOU, December 2024: Christmas is off-peak") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 12, 1), ymd(2025, 1, 1));
  // December 2024 starts on a Sunday: weekdays Dec 2-6, 9-13, 16-20, 23-27, 30-31 = 22,
  // less Wednesday December 25 = 21 evenings × 4 h (17:00-21:00) = 84 kWh on-peak.
  // 31 × 24 = 744 kWh in all, 744 − 84 = 660 kWh off-peak.
  check_bill(b,
             {
                 // "Base Service Charge: $1.26/day": 31 days × 1.26 = $39.06
                 {"base", "31", "1.26", "39.06"},
                 // "Energy Charge On-peak: 38.43 ... per kWh": 84 × 0.3843 = 32.2812 -> $32.28
                 {"energy.on_peak", "84", "0.3843", "32.28"},
                 // "Energy Charge Off-peak: 8.18 cents per kWh": 660 × 0.0818 = 53.988 -> $53.99
                 {"energy.off_peak", "660", "0.0818", "53.99"},
             },
             // 39.06 + 32.28 + 53.99
             "125.33");
}

TEST_CASE("tariff: Riverland Energy TOU, November 2024: Thanksgiving and the 25-hour day") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 11, 1), ymd(2024, 12, 1));
  // Weekdays Nov 1, 4-8, 11-15, 18-22, 25-29 = 21, less Thursday November 28
  // (Thanksgiving, 4th Thursday) = 20 evenings × 4 h = 80 kWh on-peak.
  // 30 × 24 + 1 (the repeated 1:00 a.m. hour of November 3) = 721 kWh; 721 − 80 = 641 off-peak.
  check_bill(b,
             {
                 // 30 days × 1.26 = $37.80
                 {"base", "30", "1.26", "37.80"},
                 // 80 × 0.3843 = 30.744 -> $30.74
                 {"energy.on_peak", "80", "0.3843", "30.74"},
                 // 641 × 0.0818 = 52.4338 -> $52.43
                 {"energy.off_peak", "641", "0.0818", "52.43"},
             },
             // 37.80 + 30.74 + 52.43
             "120.97");
}

TEST_CASE("tariff: Riverland Energy TOU, September 16 - October 15, 2024: the on-peak hours move with the season") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 9, 16), ymd(2024, 10, 16));
  // Summer weekdays Sep 16-20, 23-27, 30 = 11 afternoons × 4 h (14:00-18:00) = 44 kWh;
  // winter weekdays Oct 1-4, 7-11, 14-15 = 11 evenings × 4 h (17:00-21:00) = 44 kWh;
  // on-peak 88 kWh. 30 × 24 = 720 kWh in all, 720 − 88 = 632 kWh off-peak.
  check_bill(b,
             {
                 // 30 days × 1.26 = $37.80
                 {"base", "30", "1.26", "37.80"},
                 // 88 × 0.3843 = 33.8184 -> $33.82
                 {"energy.on_peak", "88", "0.3843", "33.82"},
                 // 632 × 0.0818 = 51.6976 -> $51.70
                 {"energy.off_peak", "632", "0.0818", "51.70"},
             },
             // 37.80 + 33.82 + 51.70
             "123.32");
}
