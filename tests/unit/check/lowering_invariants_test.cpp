// Lowering trusts the checker and defaults nothing (src/lower/lower.cpp): the checked facts
// arrive typed in CheckedTariff, and a name the checker did not prove is a broken invariant
// (std::logic_error), never a silent default such as "energy" or "$/month".
#include <doctest/doctest.h>

#include "check/checked_tariff.hpp"
#include "lower/lower.hpp"
#include "support/test_support.hpp"
#include "syntax/ast.hpp"

#include <stdexcept>

using namespace rateline;

namespace {

struct Checked {
  syntax::File file;
  check::CheckResult result;
};

// Parsed and checked; the AST stays alive (and mutable) next to the facts that point into it.
std::unique_ptr<Checked> checked(const std::string& body) {
  auto parsed = syntax::parse(std::make_shared<SourceFile>("t.tariff", test::tariff_text(body)));
  for (auto& d : test::summary(parsed.diagnostics)) MESSAGE(d);
  REQUIRE(parsed.file);
  auto out = std::make_unique<Checked>();
  out->file = std::move(*parsed.file);
  out->result = check::check_tariff(out->file, {});
  for (auto& d : test::summary(out->result.diagnostics)) MESSAGE(d);
  CHECK(out->result.diagnostics.empty());
  REQUIRE(out->result.tariff);
  return out;
}

}  // namespace

TEST_CASE("lowering: checked facts arrive as the graph's types") {
  auto c = checked(" proration days_over_30\n rounding line_items 0.001 half_even\n"
                   " kva_demand: rounded 0.1 floor\n"
                   " power_factor: adjust demand below 90 %, pf rounded 0.01 half_up\n"
                   " period peak: weekday 16:00-21:00\n period base: otherwise\n"
                   " charge d \"D\" on demand: 5 $/kW\n"
                   " charge k \"K\" on kva_demand: 2 $/kVA\n"
                   " charge e \"E\" on energy: tiers chronological {\n   up to 500 kWh: peak 0.2 $/kWh, base 0.1 $/kWh\n   above: peak 0.3 $/kWh, base 0.15 $/kWh\n }, rounded 0.01 toward_zero\n");
  const auto& t = *c->result.tariff;
  CHECK(t.proration == graph::Proration::days_over_30);
  CHECK(t.net_metering == graph::NetMetering::none);
  CHECK(checked(" net_metering per_interval\n")->result.tariff->net_metering == graph::NetMetering::per_interval);
  CHECK(t.rounding.line_items);
  CHECK(t.rounding.step.to_string() == "0.001");
  CHECK(t.rounding.mode == RoundingMode::half_even);
  REQUIRE(t.kva_rounding);
  CHECK(t.kva_rounding->scale == 1);
  CHECK(t.kva_rounding->mode == RoundingMode::floor);
  REQUIRE(t.power_factor);
  CHECK(t.power_factor->threshold.to_string() == "0.9");
  CHECK(t.power_factor->scale == 2);
  CHECK(t.charge_rounding.size() == 1);
  REQUIRE(t.allocations.size() == 1);
  CHECK(t.allocations.begin()->second == graph::Allocation::chronological);

  auto g = lower::lower_tariff(t);
  CHECK(g->proration == graph::Proration::days_over_30);
  CHECK(g->charges[1].determinant.measure == graph::Measure::kva_demand);
  CHECK(g->charges[1].kind == LineKind::demand);
  REQUIRE(g->charges[2].rounding);
  CHECK(g->charges[2].rounding->mode == RoundingMode::toward_zero);
  CHECK(g->pricing[g->charges[2].pricing].tiers.allocation == graph::Allocation::chronological);
}

TEST_CASE("lowering: a name the checker did not prove is a broken invariant, not a default") {
  auto c = checked(" charge e \"E\" on energy: 0.1 $/kWh\n");
  CHECK_NOTHROW(lower::lower_tariff(*c->result.tariff));
  c->file.tariffs.front().body.charges.front().on->name.text = "enrgy";   // as if the checker had let it through
  CHECK_THROWS_AS(lower::lower_tariff(*c->result.tariff), std::logic_error);

  auto u = checked(" charge e \"E\" on energy: 0.1 $/kWh\n");
  u->file.tariffs.front().body.charges.front().pricing.node = [] {
    syntax::Price p;
    p.amount = Decimal(1);
    p.per.push_back(syntax::Name{"furlong", {}});
    return p;
  }();
  CHECK_THROWS_AS(lower::lower_tariff(*u->result.tariff), std::logic_error);
}
