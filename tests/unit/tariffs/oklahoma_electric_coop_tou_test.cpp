// Oklahoma Electric Cooperative, residential time-of-use price structure, bills mailed on or
// after January 1, 2019: tariffs/oklahoma-electric-coop-tou.tariff billed on
// examples/usage/oec_tou_2024-05_12.csv (2 kWh every hour, 2024-05-16 .. 2024-12-31,
// Central time; November 3 has 25 hours). A bill's month is the month of its last day.
// On peak: weekdays 3-7 p.m. (4 hours, 8 kWh) from June 1 to August 31, except July 4.
// Line items are rounded to the cent, half up.
#include "tariff_test_support.hpp"

using namespace tariff_test;

namespace {
const char* kTariff = "oklahoma-electric-coop-tou.tariff";
const char* kUsage = "oec_tou_2024-05_12.csv";
const char* kZone = "America/Chicago";
}  // namespace

TEST_CASE("tariff: Oklahoma Electric Cooperative TOU, July 2024: summer bill, July 4 off peak") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 7, 1), ymd(2024, 8, 1));
  // July 2024 starts on a Monday: weekdays Jul 1-5, 8-12, 15-19, 22-26, 29-31 = 23, less
  // Thursday July 4 = 22 afternoons × 4 h × 2 kWh = 176 kWh on peak.
  // 31 × 24 × 2 = 1,488 kWh in all, 1,488 − 176 = 1,312 kWh off peak.
  check_bill(b,
             {
                 // "All bills include an 90¢ per day Service Availability Charge": 31 × 0.90 = $27.90
                 {"service", "31", "0.90", "27.90"},
                 // Summer (July, August, September bills) "On Peak (July & August usage, M-F,
                 // 3-7 p.m.): 24¢ per kWh": 176 × 0.24 = $42.24
                 {"energy.on_peak", "176", "0.24", "42.24"},
                 // "Off Peak: 9.8688¢ per kWh": 1,312 × 0.098688 = 129.478656 -> $129.48
                 {"energy.off_peak", "1312", "0.098688", "129.48"},
             },
             // 27.90 + 42.24 + 129.48
             "199.62");
}

TEST_CASE("tariff: Oklahoma Electric Cooperative TOU, May 16 - June 15, 2024: a June (shoulder) bill, on peak from June 1") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 5, 16), ymd(2024, 6, 16));
  // The last day, June 15, makes it a June bill: shoulder rates. On-peak hours start with
  // June usage: June 1-2 are a weekend, so weekdays Jun 3-7, 10-14 = 10 afternoons × 8 kWh
  // = 80 kWh on peak; May 16-31 weekdays are off peak.
  // 31 days (16 in May, 15 in June) × 48 kWh = 1,488 kWh, 1,488 − 80 = 1,408 kWh off peak.
  check_bill(b,
             {
                 // 31 days × 0.90 = $27.90
                 {"service", "31", "0.90", "27.90"},
                 // Shoulder (June, October bills) "On Peak (June usage, M-F, 3-7 p.m.): 24¢
                 // per kWh": 80 × 0.24 = $19.20
                 {"energy.on_peak", "80", "0.24", "19.20"},
                 // "All other kWh: 11.5252¢ per kWh": 1,408 × 0.115252 = 162.274816 -> $162.27
                 {"energy.off_peak", "1408", "0.115252", "162.27"},
             },
             // 27.90 + 19.20 + 162.27
             "209.37");
}

TEST_CASE("tariff: Oklahoma Electric Cooperative TOU, August 16 - September 15, 2024: a September bill, on peak ends August 31") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 8, 16), ymd(2024, 9, 16));
  // A September bill: summer rates. Weekdays Aug 16, 19-23, 26-30 = 11 afternoons × 8 kWh
  // = 88 kWh on peak; September weekdays (after "August 31") are off peak.
  // 31 days × 48 kWh = 1,488 kWh, 1,488 − 88 = 1,400 kWh off peak.
  check_bill(b,
             {
                 // 31 days × 0.90 = $27.90
                 {"service", "31", "0.90", "27.90"},
                 // 88 × 0.24 = $21.12
                 {"energy.on_peak", "88", "0.24", "21.12"},
                 // 1,400 × 0.098688 = 138.1632 -> $138.16
                 {"energy.off_peak", "1400", "0.098688", "138.16"},
             },
             // 27.90 + 21.12 + 138.16
             "187.18");
}

TEST_CASE("tariff: Oklahoma Electric Cooperative TOU, December 2024: a winter bill crosses the 1,000 kWh block") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 12, 1), ymd(2025, 1, 1));
  // Winter bills have no on-peak price: all 31 × 48 = 1,488 kWh go through the blocks,
  // 1,000 kWh in the first and 488 kWh above it.
  check_bill(b,
             {
                 // 31 days × 0.90 = $27.90
                 {"service", "31", "0.90", "27.90"},
                 // Winter (January .. May, November, December bills) "First 1,000 kWhs:
                 // 9.2752¢ per kWh": 1,000 × 0.092752 = 92.752 -> $92.75
                 {"energy.t1", "1000", "0.092752", "92.75"},
                 // "All other kWhs: 6¢ per kWh": 488 × 0.06 = $29.28
                 {"energy.t2", "488", "0.06", "29.28"},
             },
             // 27.90 + 92.75 + 29.28
             "149.93");
}

TEST_CASE("tariff: Oklahoma Electric Cooperative TOU, November 2024: the 25-hour day counts toward the block") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 11, 1), ymd(2024, 12, 1));
  // 30 × 24 + 1 (the repeated 1:00 a.m. hour of November 3) = 721 hours × 2 = 1,442 kWh:
  // 1,000 kWh in the first block, 442 kWh above it.
  check_bill(b,
             {
                 // 30 days × 0.90 = $27.00
                 {"service", "30", "0.90", "27.00"},
                 // 1,000 × 0.092752 = 92.752 -> $92.75
                 {"energy.t1", "1000", "0.092752", "92.75"},
                 // 442 × 0.06 = $26.52
                 {"energy.t2", "442", "0.06", "26.52"},
             },
             // 27.00 + 92.75 + 26.52
             "146.27");
}
