// Gainesville Regional Utilities, Natural Gas Rates (Effective October 1, 2016), residential:
// tariffs/gru-natural-gas-residential.tariff billed on
//   examples/usage/gru_gas_2017-04_05.csv: the sheet's own example, meter read 4/18/2017 and
//     5/19/2017 (31 days), 17 CCF (3221 − 3204);
//   examples/usage/gru_gas_2017-01.csv: 0.1 CCF every hour, January 2017 74.4 CCF;
//   examples/usage/gru_gas_2017-07.csv: 0.02 CCF every hour, July 2017 14.88 CCF
// (New York time; the usage file's `kwh` column holds CCF).
// Therms = CCF × meter multiplier 1.017 × BTU factor 1.020 = CCF × 1.03734, rounded to whole
// therms. The BTU factor and the PGA are the sheet's one published figures (1.020, the
// example's "typical value", and $0.2300/therm) in every month; see the tariff's header.
// Line items are rounded to the cent, half up. Bills are before taxes (not modelled).
#include "tariff_test_support.hpp"

using namespace tariff_test;

namespace {
const char* kTariff = "gru-natural-gas-residential.tariff";
const char* kZone = "America/New_York";

}  // namespace

TEST_CASE("tariff: GRU natural gas, the sheet's example bill 4/18/2017 - 5/19/2017") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage("gru_gas_2017-04_05.csv", kZone), ymd(2017, 4, 18), ymd(2017, 5, 19));
  // "difference: 17 x 1.017 17.289 x 1.020 17.635", "18 THM":
  // 17 × 1.03734 = 17.63478 -> 18 therms.
  check_bill(b,
             {
                 // "NATURAL GAS CUSTOMER CHARGE $ 9.75"
                 {"customer", "1", "9.75", "9.75"},
                 // "NATURAL GAS USE 18 $ 0.6300 $ 11.34": 18 × 0.63 = $11.34
                 {"energy", "18", "0.63", "11.34"},
                 // "MANUFACTURED GAS PLANT REC 18 $ 0.0556 $ 1.00": 18 × 0.0556 = 1.0008 -> $1.00
                 {"mgpcrf", "18", "0.0556", "1.00"},
                 // "PURCHASED GAS ADJUSTMENT 18 $ 0.2300 $ 4.14": 18 × 0.23 = $4.14
                 {"pga", "18", "0.2300", "4.14"},
             },
             // 9.75 + 11.34 + 1.00 + 4.14: the example's $29.37 less its $0.85 gross receipts
             // tax and $2.29 utility tax
             "26.23");
}

TEST_CASE("tariff: GRU natural gas, January 2017") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage("gru_gas_2017-01.csv", kZone), ymd(2017, 1, 1), ymd(2017, 2, 1));
  // 74.4 CCF × 1.03734 = 77.178096 -> 77 therms.
  check_bill(b,
             {
                 {"customer", "1", "9.75", "9.75"},
                 // 77 × 0.63 = $48.51
                 {"energy", "77", "0.63", "48.51"},
                 // 77 × 0.0556 = 4.2812 -> $4.28
                 {"mgpcrf", "77", "0.0556", "4.28"},
                 // 77 × 0.23 = $17.71
                 {"pga", "77", "0.2300", "17.71"},
             },
             // 9.75 + 48.51 + 4.28 + 17.71
             "80.25");
}

TEST_CASE("tariff: GRU natural gas, July 2017") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage("gru_gas_2017-07.csv", kZone), ymd(2017, 7, 1), ymd(2017, 8, 1));
  // 14.88 CCF × 1.03734 = 15.4356192 -> 15 therms.
  check_bill(b,
             {
                 {"customer", "1", "9.75", "9.75"},
                 // 15 × 0.63 = $9.45
                 {"energy", "15", "0.63", "9.45"},
                 // 15 × 0.0556 = 0.834 -> $0.83
                 {"mgpcrf", "15", "0.0556", "0.83"},
                 // 15 × 0.23 = $3.45
                 {"pga", "15", "0.2300", "3.45"},
             },
             // 9.75 + 9.45 + 0.83 + 3.45
             "23.48");
  CHECK(traced(graph, usage("gru_gas_2017-07.csv", kZone), ymd(2017, 7, 1), ymd(2017, 8, 1), {}, "energy",
               "14.88 CCF × Meter Multiplier 1.017 x BTU Factor 1.020 = 1.03734 (billing month 2017-07) = "
               "15.4356192 therm, rounded half_up to 1: 15 therm"));
}
