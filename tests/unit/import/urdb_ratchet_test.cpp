// URDB demand ratchets: lookbackpercent, lookbackrange and lookbackmonths become a
// `billing_demand` rule on the flat demand charge, and the bills follow it (NREL SAM's
// corpus driver refuses these fields; rateline bills them).
#include <doctest/doctest.h>

#include "rateline/urdb.hpp"
#include "support/test_support.hpp"

using namespace rateline;
using rateline::test::compile_text;
using rateline::test::usage_for;
using rateline::test::ymd;

namespace {

// One flat demand charge of $10/kW all year; 75 % ratchet over 11 months, summer months only.
const char* kRate = R"({
  "label": "ratchet-test", "name": "Ratchet test", "utility": "Test Utility",
  "startdate": 1704067200,
  "flatdemandstructure": [[{"rate": 10}]],
  "flatdemandmonths": [0,0,0,0,0,0,0,0,0,0,0,0],
  "lookbackpercent": 0.75,
  "lookbackrange": 11,
  "lookbackmonths": [false,false,false,false,false,true,true,true,true,false,false,false]
})";

}  // namespace

TEST_CASE("urdb import: lookback fields become a billing demand ratchet") {
  auto imported = import_urdb(kRate, "rate.json", UrdbImportOptions{});
  std::string all;
  for (auto& d : imported.diagnostics) all += render(d);
  INFO(all);
  REQUIRE(imported.tariff_text.has_value());
  const auto& text = *imported.tariff_text;
  CHECK(text.find("75 % of ratchet 11 months in Jun, Jul, Aug, Sep") != std::string::npos);
  CHECK(text.find("on billing_demand") != std::string::npos);
  auto compiled = compile_text(text, "ratchet.tariff");
  REQUIRE(compiled.graph.has_value());

  // 2024 in UTC, hourly: 20 kWh/h except July 15 14:00 at 200 kWh/h (200 kW) and
  // November 15 14:00 at 180 kW (November is not a lookback month).
  auto usage = usage_for("UTC", ymd(2024, 1, 1), ymd(2025, 1, 1), 60, 0, [](auto, std::chrono::local_seconds t) {
    auto day = std::chrono::floor<std::chrono::days>(t);
    std::chrono::year_month_day d{day};
    std::chrono::hh_mm_ss hms{t - day};
    if (static_cast<unsigned>(d.day()) == 15 && hms.hours().count() == 14) {
      if (d.month() == std::chrono::July) return 200;
      if (d.month() == std::chrono::November) return 180;
    }
    return 20;
  });
  auto series = bill_periods(*compiled.graph, usage, monthly_periods(ymd(2024, 1, 1), ymd(2025, 1, 1)), {}, {});
  REQUIRE(series.series.has_value());
  auto amount = [&](int month) { return series.series->bills.at(static_cast<std::size_t>(month - 1)).line_items.at(0).amount.to_string(); };
  CHECK(amount(6) == "200");     // June: 20 kW measured, no summer history yet
  CHECK(amount(7) == "2000");    // July: 200 kW measured
  CHECK(amount(8) == "1500.00");  // August: 75 % × 200 kW (July) = 150 kW × $10
  CHECK(amount(11) == "1800");   // November: 180 kW measured beats the 150 kW ratchet
  CHECK(amount(12) == "1500.00"); // December: November's 180 kW is not a lookback month; July's ratchet holds
}
