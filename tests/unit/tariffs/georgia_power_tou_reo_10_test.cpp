// Georgia Power, Schedule TOU-REO-10 (Time of Use - Residential Energy Only), with bills
// rendered from January 2016: tariffs/georgia-power-tou-reo-10.tariff billed on
// examples/usage/georgia_tou_2024-07_10.csv (1 kWh every hour, 2024-07-01 .. 2024-10-15,
// New York time). A day is 24 kWh; an on-peak afternoon, 2:00 pm - 7:00 pm, is 5 kWh.
// Line items are rounded to the cent, half up. The riders of January 2016 (ECCR 12.7680%,
// NCCR 9.7357%, residential DSM 1.7195%) apply to "the amount calculated at the above
// rate": the basic service charge plus the energy charges, as rounded line items.
#include "tariff_test_support.hpp"

using namespace tariff_test;

namespace {
const char* kTariff = "georgia-power-tou-reo-10.tariff";
const char* kUsage = "georgia_tou_2024-07_10.csv";
const char* kZone = "America/New_York";
}  // namespace

TEST_CASE("tariff: Georgia Power TOU-REO-10, July 2024: Independence Day is off-peak") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 7, 1), ymd(2024, 8, 1));
  // July 2024 starts on a Monday: weekdays Jul 1-5, 8-12, 15-19, 22-26, 29-31 = 23,
  // less Thursday July 4 (holiday) = 22 on-peak afternoons × 5 kWh = 110 kWh on-peak.
  // All of July: 31 × 24 = 744 kWh, so 744 − 110 = 634 kWh off-peak.
  check_bill(b,
             {
                 // "Basic Service Charge ..... $10.00"
                 {"basic", "1", "10.00", "10.00"},
                 // "On-Peak kWh ..... 20.3217¢ per kWh": 110 × $0.203217 = 22.35387 -> $22.35
                 {"energy.on_peak", "110", "0.203217", "22.35"},
                 // "Off-Peak kWh ..... 4.9409¢ per kWh": 634 × $0.049409 = 31.325306 -> $31.33
                 {"energy.off_peak", "634", "0.049409", "31.33"},
                 // base 10.00 + 22.35 + 31.33 = $63.68
                 // ECCR "12.7680%": 63.68 × 0.127680 = 8.1306624 -> $8.13
                 {"eccr", "63.68", "12.7680", "8.13"},
                 // NCCR "9.7357%": 63.68 × 0.097357 = 6.19969376 -> $6.20
                 {"nccr", "63.68", "9.7357", "6.20"},
                 // residential DSM "1.7195%": 63.68 × 0.017195 = 1.0949776 -> $1.09
                 {"dsm", "63.68", "1.7195", "1.09"},
             },
             // 63.68 + 8.13 + 6.20 + 1.09
             "79.10");
}

TEST_CASE("tariff: Georgia Power TOU-REO-10, September 2024: Labor Day is off-peak") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 9, 1), ymd(2024, 10, 1));
  // Weekdays Sep 2-6, 9-13, 16-20, 23-27, 30 = 21, less Monday September 2 (Labor Day)
  // = 20 × 5 kWh = 100 kWh on-peak; 30 × 24 = 720 kWh in all, 620 kWh off-peak.
  check_bill(b,
             {
                 {"basic", "1", "10.00", "10.00"},
                 // 100 × $0.203217 = 20.3217 -> $20.32
                 {"energy.on_peak", "100", "0.203217", "20.32"},
                 // 620 × $0.049409 = 30.63358 -> $30.63
                 {"energy.off_peak", "620", "0.049409", "30.63"},
                 // base 10.00 + 20.32 + 30.63 = $60.95
                 // 60.95 × 0.127680 = 7.782096 -> $7.78
                 {"eccr", "60.95", "12.7680", "7.78"},
                 // 60.95 × 0.097357 = 5.93390915 -> $5.93
                 {"nccr", "60.95", "9.7357", "5.93"},
                 // 60.95 × 0.017195 = 1.04803525 -> $1.05
                 {"dsm", "60.95", "1.7195", "1.05"},
             },
             // 60.95 + 7.78 + 5.93 + 1.05
             "75.71");
}

TEST_CASE("tariff: Georgia Power TOU-REO-10, a bill from September 15 into October (on-peak ends with September)") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage(kUsage, kZone), ymd(2024, 9, 15), ymd(2024, 10, 15));
  // On-peak only on the September weekdays of the period: Sep 16-20, 23-27, 30 = 11
  // afternoons × 5 kWh = 55 kWh. October 1-14 is all off-peak. 30 days × 24 = 720 kWh,
  // 720 − 55 = 665 kWh off-peak. The basic charge is per bill, not prorated.
  check_bill(b,
             {
                 {"basic", "1", "10.00", "10.00"},
                 // 55 × $0.203217 = 11.176935 -> $11.18
                 {"energy.on_peak", "55", "0.203217", "11.18"},
                 // 665 × $0.049409 = 32.856985 -> $32.86
                 {"energy.off_peak", "665", "0.049409", "32.86"},
                 // base 10.00 + 11.18 + 32.86 = $54.04
                 // 54.04 × 0.127680 = 6.8998272 -> $6.90
                 {"eccr", "54.04", "12.7680", "6.90"},
                 // 54.04 × 0.097357 = 5.26117228 -> $5.26
                 {"nccr", "54.04", "9.7357", "5.26"},
                 // 54.04 × 0.017195 = 0.9292178 -> $0.93
                 {"dsm", "54.04", "1.7195", "0.93"},
             },
             // 54.04 + 6.90 + 5.26 + 0.93
             "67.13");
}
