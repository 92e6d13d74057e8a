// URDB rates with demand in kVA (`flatdemandunit` / `demandrateunit` "kVA") import as
// charges on kVA demand, with the rounding URDB does not state written out and warned
// about (I0112); a ratchet on kVA demand and hp demand stay refused (docs/urdb-import.md).
#include "rateline/bill.hpp"
#include "rateline/tariff.hpp"
#include "rateline/urdb.hpp"
#include "rateline/usage.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

namespace {

using namespace std::chrono;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string all_codes(const rateline::UrdbImportResult& result) {
  std::string out;
  for (auto& d : result.diagnostics) out += d.code + " ";
  return out;
}

const std::string kRate = R"({"name": "kVA Rate", "utility": "Test Utility",
  "energyratestructure": [[{"rate": 0.1, "unit": "kWh"}]],
  "flatdemandstructure": [[{"rate": 8}]], "flatdemandmonths": [0,0,0,0,0,0,0,0,0,0,0,0], "flatdemandunit": "kVA")";

}  // namespace

TEST_CASE("urdb import: flat demand in kVA is billed on kVA demand") {
  rateline::UrdbImportOptions options;
  options.effective = year{2018} / January / 1;
  auto result = rateline::import_urdb(kRate + "}", "rate.json", options);
  INFO(all_codes(result));
  REQUIRE(result.tariff_text);
  const auto& text = *result.tariff_text;
  INFO(text);
  CHECK(contains(text, "kva_demand: rounded 0.001 half_even\n"));
  CHECK(contains(text, "charge flat_demand \"Demand Charge\" on kva_demand"));
  CHECK(contains(text, "8 $/kVA"));
  CHECK(contains(all_codes(result), "I0112"));
  auto compiled = rateline::compile_tariff(std::make_shared<rateline::SourceFile>("rate.tariff", text));
  REQUIRE(compiled.graph);
  // January 2018 (UTC), hourly: 1 kWh and 0.75 kVARh every hour, 3 kWh and 4 kVARh in the hour from 2018-01-15 12:00
  std::string csv = "start,kwh,kvarh\n";
  for (auto t = sys_days{year{2018} / January / 1}; t < sys_days{year{2018} / February / 1}; t += days{1})
    for (int h = 0; h < 24; ++h) {
      bool peak = t == sys_days{year{2018} / January / 15} && h == 12;
      char stamp[40];
      auto d = year_month_day{t};
      std::snprintf(stamp, sizeof stamp, "%04d-%02u-%02uT%02d:00Z", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                    static_cast<unsigned>(d.day()), h);
      csv += std::string(stamp) + (peak ? ",3,4\n" : ",1,0.75\n");
    }
  auto usage = rateline::read_interval_csv(csv, "usage.csv", {});
  REQUIRE(usage.usage);
  auto bill = rateline::bill(*compiled.graph, *usage.usage, {year{2018} / January / 1, year{2018} / February / 1}, {}, {});
  REQUIRE(bill.bill);
  // kVA demand: the peak hour sqrt(3² + 4²) = 5 kVA (other hours sqrt(1 + 0.5625) = 1.25) × $8 = $40;
  // energy 743 × 1 + 3 = 746 kWh × $0.1 = $74.6; total $114.6 (the import does not round line items)
  CHECK(bill.bill->total == rateline::Decimal::parse("114.6").value());
}

TEST_CASE("urdb import: a ratchet on kVA demand is refused") {
  auto result = rateline::import_urdb(kRate + R"(, "lookbackpercent": 0.8, "lookbackrange": 11})", "rate.json", {});
  CHECK_FALSE(result.tariff_text);
  CHECK(contains(all_codes(result), "I0004"));
}
