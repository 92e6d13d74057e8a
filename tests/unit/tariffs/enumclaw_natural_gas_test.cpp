// City of Enumclaw, Natural Gas, effective 1/1/2021: tariffs/enumclaw-natural-gas.tariff
// billed on examples/usage/enumclaw_gas_2021-01.csv (0.125 therm every hour, January 2021:
// 744 h -> 93 therms) and enumclaw_gas_2021-07.csv (0.025 therm every hour, July 2021:
// 744 h -> 18.6 therms), Pacific time. The `kwh` column holds therms, so the line items'
// unit reads "kWh". The rates do not vary by season; the tests bill a winter and a
// summer month. Line items are rounded to the cent, half up.
#include "tariff_test_support.hpp"

using namespace tariff_test;

namespace {
const char* kTariff = "enumclaw-natural-gas.tariff";
const char* kZone = "America/Los_Angeles";
}  // namespace

TEST_CASE("tariff: Enumclaw natural gas, residential, January 2021") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage("enumclaw_gas_2021-01.csv", kZone), ymd(2021, 1, 1), ymd(2021, 2, 1),
                {{"customer_class", "residential"}});
  check_bill(b,
             {
                 // "Base Charge | $8.13" (residential)
                 {"base", "1", "8.13", "8.13"},
                 // "Volume Charge / Therm | $0.8945": 93 × 0.8945 = 83.1885 -> $83.19
                 {"volume", "93", "0.8945", "83.19"},
             },
             // 8.13 + 83.19
             "91.32");
}

TEST_CASE("tariff: Enumclaw natural gas, residential, July 2021") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage("enumclaw_gas_2021-07.csv", kZone), ymd(2021, 7, 1), ymd(2021, 8, 1),
                {{"customer_class", "residential"}});
  check_bill(b,
             {
                 {"base", "1", "8.13", "8.13"},
                 // 18.6 × 0.8945 = 16.6377 -> $16.64
                 {"volume", "18.6", "0.8945", "16.64"},
             },
             // 8.13 + 16.64
             "24.77");
}

TEST_CASE("tariff: Enumclaw natural gas, commercial, January 2021") {
  auto graph = compile(kTariff);
  auto b = bill(graph, usage("enumclaw_gas_2021-01.csv", kZone), ymd(2021, 1, 1), ymd(2021, 2, 1),
                {{"customer_class", "commercial"}});
  check_bill(b,
             {
                 // "Base Charge | ... | $13.00" (commercial)
                 {"base", "1", "13.00", "13.00"},
                 // "Volume Charge / Therm | ... | $0.8587": 93 × 0.8587 = 79.8591 -> $79.86
                 {"volume", "93", "0.8587", "79.86"},
             },
             // 13.00 + 79.86
             "92.86");
}
