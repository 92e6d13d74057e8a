// City of Cartersville Electric System, Tariff XLP-TOU-2 (Extra Large Power Time of Use,
// Code of Ordinances § 24-401), bills rendered on or after February 19, 2013:
// tariffs/cartersville-xlp-tou-2.tariff billed on
// examples/usage/cartersville_xlp_2024-07_11.csv (hourly, New York time: 4,000 kWh every
// hour = 4,000 kW, except 4,200 kWh in the hour 2024-07-17 15:00; November 3, 2024 has 25
// hours). The periods apply every day. Line items are rounded to the cent, half up.
#include "tariff_test_support.hpp"

using namespace tariff_test;

namespace {
const char* kTariff = "cartersville-xlp-tou-2.tariff";
const char* kUsage = "cartersville_xlp_2024-07_11.csv";
const char* kZone = "America/New_York";
}  // namespace

TEST_CASE("tariff: Cartersville XLP-TOU-2, July 2024: Peak 1 afternoons") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 7, 1), ymd(2024, 8, 1));
  // Each July day: Peak 1 13:00-17:00 = 4 h; Peak 2 11:00-13:00 and 17:00-19:00 = 4 h;
  // Off-Peak the other 16 h. 31 days: Peak 1 124 h, Peak 2 124 h, Off-Peak 496 h.
  // Peak 1: 124 × 4,000 = 496,000 + 200 (the 4,200 kWh hour on July 17 at 15:00) = 496,200 kWh.
  // Peak 2: 124 × 4,000 = 496,000 kWh. Off-Peak: 496 × 4,000 = 1,984,000 kWh.
  // Billing demand: the 4,200 kW hour.
  // Peak 3 (winter only) has no hours in July; the bill still lists it at 0 kWh.
  check_bill(b,
             {
                 // "Administrative charge ..... $400.00"
                 {"admin", "1", "400.00", "400.00"},
                 // "Demand charge ..... 1.50 per kW of billing demand": 4,200 × 1.50 = $6,300.00
                 {"demand", "4200", "1.50", "6300.00"},
                 // "Peak 1 ..... 31.89¢ per kWh": 496,200 × 0.3189 = $158,238.18
                 {"energy.peak_1", "496200", "0.3189", "158238.18"},
                 // "Peak 2 ..... 7.69¢ per kWh": 496,000 × 0.0769 = $38,142.40
                 {"energy.peak_2", "496000", "0.0769", "38142.40"},
                 // Summer "Off-Peak ..... 3.72¢ per kWh": 1,984,000 × 0.0372 = $73,804.80
                 {"energy.off_peak", "1984000", "0.0372", "73804.80"},
             },
             // 400 + 6,300 + 158,238.18 + 38,142.40 + 73,804.80 (Peak 3 has no summer hours: no line)
             "276885.38");
}

TEST_CASE("tariff: Cartersville XLP-TOU-2, October 16 - November 15, 2024: summer to winter, across the end of DST") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 10, 16), ymd(2024, 11, 16));
  // October 16-31 (16 days, summer, no Peak 1 outside July and August):
  //   Peak 2 11:00-19:00 = 8 h/day -> 128 h -> 512,000 kWh; Off-Peak 16 h/day -> 256 h -> 1,024,000 kWh.
  // November 1-15 (15 days, winter): Peak 3 06:00-10:00 = 4 h/day -> 60 h -> 240,000 kWh;
  //   Off-Peak 20 h/day -> 300 h, plus the repeated 1:00 a.m. hour of November 3 = 301 h
  //   -> 1,204,000 kWh.
  // 745 hours in all (31 days + 1). Billing demand 4,000 kW.
  // The off-peak price differs by season, so the energy charge is split into its summer
  // and winter parts; every period is listed in each part, at 0 kWh where it has no hours.
  check_bill(b,
             {
                 {"admin", "1", "400.00", "400.00"},
                 // 4,000 × 1.50 = $6,000.00
                 {"demand", "4000", "1.50", "6000.00"},
                 // 512,000 × 0.0769 = $39,372.80
                 {"energy.summer.peak_2", "512000", "0.0769", "39372.80"},
                 // Summer "Off-Peak ..... 3.72¢": 1,024,000 × 0.0372 = $38,092.80
                 {"energy.summer.off_peak", "1024000", "0.0372", "38092.80"},
                 // "Peak 3 ..... 6.89¢ per kWh": 240,000 × 0.0689 = $16,536.00
                 {"energy.winter.peak_3", "240000", "0.0689", "16536.00"},
                 // Winter "Off-Peak ..... 3.74¢": 1,204,000 × 0.0374 = $45,029.60
                 {"energy.winter.off_peak", "1204000", "0.0374", "45029.60"},
             },
             // 400 + 6,000 + 39,372.80 + 38,092.80 + 16,536.00 + 45,029.60
             "145431.20");
}
