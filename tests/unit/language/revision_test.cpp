// Rate versions: a tariff file holds effective-dated revisions; a billing period that
// spans a revision is split, each part billed at its version, prorated by days.
#include <doctest/doctest.h>

#include "support/test_support.hpp"

using namespace rateline;
using rateline::test::bill_or_fail;
using rateline::test::compile_text;
using rateline::test::find_item;
using rateline::test::usage_for;
using rateline::test::ymd;

namespace {

const char* kTariff = R"(
tariff "Versions" {
  currency USD
  timezone "America/New_York"
  effective 2024-01-01
  rounding line_items 0.01 half_up
  season summer "Summer": Jun 1 - Sep 30
  season winter "Winter": Oct 1 - May 31
  charge basic "Basic Customer Charge": 14.00 $/month
  charge energy "Energy Charge" on energy: by season {
    summer: tiers { first 800 kWh: 0.11 $/kWh  over 800 kWh: 0.13 $/kWh }
    winter: 0.10 $/kWh
  }
  revision 2024-10-10 {
    charge basic "Basic Customer Charge": 15.50 $/month
    charge energy "Energy Charge" on energy: by season {
      summer: tiers { first 800 kWh: 0.11 $/kWh  over 800 kWh: 0.13 $/kWh }
      winter: 0.105 $/kWh
    }
  }
}
)";

std::string amount(const Bill& b, const std::string& id) {
  auto* li = find_item(b, id);
  return li ? li->amount.to_string() : "(no line " + id + ")";
}

}  // namespace

TEST_CASE("revision: a 33-day period across a rate change and a season change, line by line") {
  auto compiled = compile_text(kTariff);
  REQUIRE(compiled.graph.has_value());
  // Sep 15 - Oct 18 2024: 33 days, 1 kWh every hour. The season changes Oct 1, the rates Oct 10.
  auto usage = usage_for("America/New_York", ymd(2024, 9, 15), ymd(2024, 10, 18), 60, 0, [](auto, auto) { return 1; });
  auto b = bill_or_fail(*compiled.graph, usage, ymd(2024, 9, 15), ymd(2024, 10, 18));
  // Segment 1, Sep 15 - Oct 9, 25 of 33 days at the 2024-01-01 rates; segment 2, Oct 10 - 17, 8 days at 2024-10-10's.
  // Basic: 14.00 × 25/33 (0.757575757576) = 10.606060606064 -> 10.61; 15.50 × 8/33 (0.242424242424) = 3.757575757572 -> 3.76
  CHECK(amount(b, "basic@2024-01-01") == "10.61");
  CHECK(amount(b, "basic@2024-10-10") == "3.76");
  // Segment 1 summer part, Sep 15-30: 16 days = 384 kWh. Tier limit 800 × 25/33 × 16/25 = 387.878... kWh,
  // so all 384 kWh are in the first tier: 384 × 0.11 = 42.24
  CHECK(find_item(b, "energy.summer.t1@2024-01-01")->quantity.to_string() == "384");
  CHECK(amount(b, "energy.summer.t1@2024-01-01") == "42.24");
  CHECK(find_item(b, "energy.summer.t2@2024-01-01") == nullptr);
  // Segment 1 winter part, Oct 1-9: 9 days = 216 kWh × 0.10 = 21.60
  CHECK(amount(b, "energy.winter@2024-01-01") == "21.60");
  // Segment 2, Oct 10-17, all winter: 192 kWh × 0.105 = 20.16
  CHECK(amount(b, "energy@2024-10-10") == "20.16");
  CHECK(b.total.to_string() == "98.37");   // 10.61 + 3.76 + 42.24 + 21.60 + 20.16
  auto* li = find_item(b, "energy@2024-10-10");
  CHECK(li->label == "Energy Charge, 2024-10-10 to 2024-10-17 (rates of 2024-10-10)");
  CHECK(li->version == "2024-10-10");
}

TEST_CASE("revision: --as-of bills the whole period at one version") {
  auto compiled = compile_text(kTariff);
  REQUIRE(compiled.graph.has_value());
  auto usage = usage_for("America/New_York", ymd(2024, 9, 15), ymd(2024, 10, 18), 60, 0, [](auto, auto) { return 1; });
  BillOptions options;
  options.as_of = ymd(2024, 10, 10);
  auto b = bill_or_fail(*compiled.graph, usage, ymd(2024, 9, 15), ymd(2024, 10, 18), {}, options);
  CHECK(amount(b, "basic") == "15.50");
  // summer part Sep 15-30: 384 kWh, limit 800 × 16/33 = 387.87... -> tier 1: 42.24
  CHECK(amount(b, "energy.summer.t1") == "42.24");
  // winter part Oct 1-17: 17 days = 408 kWh × 0.105 = 42.84
  CHECK(amount(b, "energy.winter") == "42.84");
}

TEST_CASE("revision: checks") {
  auto bad = compile_text(R"(tariff "T" {
  currency USD timezone "UTC" effective 2024-01-01 rounding none
  charge basic "Basic": 1 $/month
  revision 2023-06-01 { charge basic "Basic": 2 $/month }
  revision 2024-06-01 { charge energy "Energy" on energy: 0.1 $/kWh }
  revision 2024-07-01 { charge basic "Basic" on energy: 0.1 $/kWh }
})");
  auto d = rateline::test::summary(bad.diagnostics);
  REQUIRE(d.size() == 3);
  CHECK(d[0] == "E0701 4:12 a revision must take effect after the tariff's effective date");
  CHECK(d[1] == "E0702 5:32 revision changes `energy`, which the tariff does not define");
  CHECK(d[2] == "E0704 6:32 revision of `basic` must keep what it is (kind, `on` and `of`) and change only prices");
}
