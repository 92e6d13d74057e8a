// BC Hydro, Residential tiered rate with time-of-day pricing (available from June 2024):
// tariffs/bc-hydro-tiered-time-of-day.tariff billed on examples/usage/bchydro_tod_2024-07_12.csv
// (hourly, Pacific time: July 2024 0.8 kWh every hour, August to November 1 kWh, December
// 1.5 kWh; November 3 has 25 hours).
// Tier 1 threshold: 22.1918 kWh per day × the days of the billing period, rounded to the nearest kWh; Tier 1 10.97 ¢/kWh,
// Tier 2 14.08 ¢/kWh on all energy, whatever its hour. Then −5 ¢/kWh on the overnight energy
// (11 p.m. to 7 a.m.: 8 hours a day) and +5 ¢/kWh on the on-peak energy (4 to 9 p.m.: 5 hours
// a day), every day of the week; the other 11 hours are off-peak, with neither.
// Basic Charge 22.53 ¢/day. Line items are rounded to the cent, half up.
#include "tariff_test_support.hpp"

using namespace tariff_test;

namespace {
const char* kTariff = "bc-hydro-tiered-time-of-day.tariff";
const char* kUsage = "bchydro_tod_2024-07_12.csv";
const char* kZone = "America/Vancouver";
// The off-peak period is priced by no charge of its own: the sheet applies "No discount or
// surcharge" to it; its energy is billed by the tiers on all energy (W0502).
const std::vector<std::string> kWarnings = {"W0502"};
}  // namespace

TEST_CASE("tariff: BC Hydro tiered time-of-day, July 2024: a summer month under the Tier 1 threshold") {
  auto graph = compile(kTariff, kWarnings);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 7, 1), ymd(2024, 8, 1));
  // 31 days × 24 h × 0.8 kWh = 595.2 kWh; the threshold is 31 × 22.1918 = 687.9458 kWh, so
  // all of it is Tier 1.
  // Overnight 31 × 8 h × 0.8 = 198.4 kWh; on-peak 31 × 5 h × 0.8 = 124 kWh; off-peak
  // 31 × 11 h × 0.8 = 272.8 kWh (198.4 + 124 + 272.8 = 595.2).
  check_bill(b,
             {
                 // "Basic Charge 22.53 cents per day": 31 × 0.2253 = 6.9843 -> $6.98
                 {"basic", "31", "0.2253", "6.98"},
                 // "Tier 1: 10.97 cents per kWh for all usage under the Tier 1 threshold":
                 // 595.2 × 0.1097 = 65.29344 -> $65.29
                 {"energy.t1", "595.2", "0.1097", "65.29"},
                 // "a surcharge of 5 cents per kWh to all electricity that was used during the
                 // on-peak period (4 to 9 p.m.)": 124 × 0.05 = $6.20
                 {"on_peak_surcharge", "124", "0.05", "6.20"},
                 // "a discount of 5 cents per kWh to all electricity that was used overnight
                 // (11 p.m. to 7 a.m.)": 198.4 × −0.05 = −$9.92
                 {"overnight_discount", "198.4", "-0.05", "-9.92"},
             },
             // 6.98 + 65.29 + 6.20 − 9.92
             "68.55");
}

TEST_CASE("tariff: BC Hydro tiered time-of-day, December 2024: a winter month above the Tier 1 threshold") {
  auto graph = compile(kTariff, kWarnings);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 12, 1), ymd(2025, 1, 1));
  // 31 days × 24 h × 1.5 kWh = 1,116 kWh. Threshold "the number of days in the billing
  // period by 22.1918 kilowatt-hours (kWh) per day": 31 × 22.1918 = 687.9458, rounded to the
  // nearest kWh as BC Hydro's examples do (`rounding limits 1 half_up`): 688 kWh in Tier 1,
  // 1,116 − 688 = 428 kWh in Tier 2. The tiers take the total, whatever the hour;
  // the period adjustments take each period's energy, whatever the tier:
  // overnight 31 × 8 × 1.5 = 372 kWh, on-peak 31 × 5 × 1.5 = 232.5 kWh, off-peak
  // 31 × 11 × 1.5 = 511.5 kWh (372 + 232.5 + 511.5 = 1,116).
  // (Unrounded, the threshold 687.9458 would give Tier 2 428.0542 × 0.1408 = $60.27 and a
  // total one cent higher.)
  check_bill(b,
             {
                 // 31 × 0.2253 = 6.9843 -> $6.98
                 {"basic", "31", "0.2253", "6.98"},
                 // 688 × 0.1097 = 75.4736 -> $75.47
                 {"energy.t1", "688", "0.1097", "75.47"},
                 // "Tier 2: 14.08 cents per kWh over the Tier 1 threshold":
                 // 428 × 0.1408 = 60.2624 -> $60.26
                 {"energy.t2", "428", "0.1408", "60.26"},
                 // 232.5 × 0.05 = 11.625 -> $11.63 (half up)
                 {"on_peak_surcharge", "232.5", "0.05", "11.63"},
                 // 372 × −0.05 = −$18.60
                 {"overnight_discount", "372", "-0.05", "-18.60"},
             },
             // 6.98 + 75.47 + 60.26 + 11.63 − 18.60
             "135.74");
}

TEST_CASE("tariff: BC Hydro tiered time-of-day, November 2024: 30 days, the end of DST in the overnight period") {
  auto graph = compile(kTariff, kWarnings);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 11, 1), ymd(2024, 12, 1));
  // 30 days, 721 hours (November 3 repeats 01:00-02:00) × 1 kWh = 721 kWh. The repeated hour
  // is overnight: 30 × 8 + 1 = 241 kWh overnight, 30 × 5 = 150 kWh on-peak, 30 × 11 = 330 kWh
  // off-peak (241 + 150 + 330 = 721).
  // Threshold 30 × 22.1918 = 665.754, rounded half up to 666 kWh (the page's "about 675 kWh
  // per month" is for an average 30.4-day month); Tier 2 721 − 666 = 55 kWh.
  check_bill(b,
             {
                 // 30 × 0.2253 = 6.759 -> $6.76
                 {"basic", "30", "0.2253", "6.76"},
                 // 666 × 0.1097 = 73.0602 -> $73.06
                 {"energy.t1", "666", "0.1097", "73.06"},
                 // 55 × 0.1408 = 7.744 -> $7.74
                 {"energy.t2", "55", "0.1408", "7.74"},
                 // 150 × 0.05 = $7.50
                 {"on_peak_surcharge", "150", "0.05", "7.50"},
                 // 241 × −0.05 = −$12.05
                 {"overnight_discount", "241", "-0.05", "-12.05"},
             },
             // 6.76 + 73.06 + 7.74 + 7.50 − 12.05
             "83.01");
}
