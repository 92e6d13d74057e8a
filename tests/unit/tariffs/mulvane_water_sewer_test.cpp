// City of Mulvane (Kansas), water and sewer, residential: tariffs/mulvane-water-sewer.tariff
// billed on examples/usage/coon_rapids_water_2024-01_06.csv (Chicago time; 20 gal every hour
// April-June 2024), with the account's December-February water use as its usage history.
// "$21.00 customer charge plus $5.25 for every 1000 gallons of water used in your average".
#include "tariff_test_support.hpp"

using namespace tariff_test;

namespace {
const char* kTariff = "mulvane-water-sewer.tariff";
const char* kUsage = "coon_rapids_water_2024-01_06.csv";
const char* kZone = "America/Chicago";

rateline::Bill bill_with_history(const rateline::RateGraph& graph, std::chrono::year_month_day from, std::chrono::year_month_day to,
                                 std::vector<rateline::MonthlyUsage> history) {
  rateline::Account account;
  account.usage_history = std::move(history);
  auto result = rateline::bill(graph, usage(kUsage, kZone), rateline::BillingPeriod{from, to}, account, rateline::BillOptions{});
  INFO(render_all(result.diagnostics));
  REQUIRE(result.bill);
  CHECK(result.diagnostics.empty());
  return *result.bill;
}

rateline::MonthlyUsage month(int y, unsigned m, const char* gallons) { return {std::chrono::year{y} / std::chrono::month{m}, dec(gallons)}; }
}  // namespace

TEST_CASE("tariff: Mulvane, the sheet's $42.00 sewer bill on the city average of 4,000 gallons") {
  auto graph = compile(kTariff);
  auto b = bill_with_history(graph, ymd(2024, 4, 1), ymd(2024, 5, 1), {month(2023, 12, "4000"), month(2024, 1, "4000"), month(2024, 2, "4000")});
  check_bill(b,
             {
                 // "$5.25 for the monthly customer charge"
                 {"water_customer", "1", "5.25", "5.25"},
                 // 14,400 gal = 14.4 kgal × 4.94 = 71.136 -> $71.14
                 {"water", "14.4", "4.94", "71.14"},
                 // "$21.00 customer charge plus $5.25 for every 1000 gallons ... in your average":
                 // 4 kgal × 5.25 = $21.00, with the customer charge the sheet's $42.00
                 {"sewer_customer", "1", "21.00", "21.00"},
                 {"sewer", "4", "5.25", "21.00"},
             },
             // 5.25 + 71.14 + 21.00 + 21.00
             "118.39");
}

TEST_CASE("tariff: Mulvane, an average of three months rounded to the gallon") {
  auto graph = compile(kTariff);
  auto b = bill_with_history(graph, ymd(2024, 6, 1), ymd(2024, 7, 1), {month(2023, 12, "5000"), month(2024, 1, "3600"), month(2024, 2, "4100")});
  check_bill(b,
             {
                 {"water_customer", "1", "5.25", "5.25"},
                 {"water", "14.4", "4.94", "71.14"},
                 {"sewer_customer", "1", "21.00", "21.00"},
                 // 12,700 / 3 = 4,233.333333333333 gal -> 4.233 kgal × 5.25 = 22.22325 -> $22.22
                 {"sewer", "4.233", "5.25", "22.22"},
             },
             "119.61");
}
