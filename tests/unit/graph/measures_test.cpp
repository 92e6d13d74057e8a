// The table of measures (src/graph/measures.hpp): every name and alias a charge can be `on`
// resolves to one measure, and every measure of the graph has exactly one row.
#include <doctest/doctest.h>

#include "graph/measures.hpp"

#include <set>

using namespace rateline;
using graph::Measure;

TEST_CASE("measures: names and aliases resolve to their measure, dimension and unit") {
  REQUIRE(graph::measure_named("usage") != nullptr);
  CHECK(graph::measure_named("usage") == graph::measure_named("energy"));
  CHECK(graph::measure_named("energy")->in_usage_unit);
  CHECK(graph::measure_named("exported_energy")->measure == Measure::received);
  CHECK(graph::measure_named("received_energy")->unit == Unit::kWh);
  CHECK(graph::measure_named("demand_kva")->measure == Measure::kva_demand);
  CHECK(graph::measure_named("kva_demand")->dimension == Dimension::apparent_power);
  CHECK(graph::measure_named("billing_demand")->line_kind == LineKind::demand);
  CHECK(graph::measure_named("reactive_energy")->line_kind == LineKind::adjustment);
  CHECK(graph::measure_named("days")->unit == Unit::day);
  CHECK(graph::measure_named("kWh") == nullptr);
  CHECK(graph::measure_named("Energy") == nullptr);   // names are case-sensitive, as the language is
}

TEST_CASE("measures: one row per measure, none for fixed charges, names in hint order") {
  std::set<Measure> seen;
  for (auto& row : graph::measure_table()) {
    CHECK(seen.insert(row.measure).second);
    CHECK(graph::measure_row(row.measure) == &row);
  }
  for (auto m : {Measure::energy, Measure::demand, Measure::days, Measure::billing_demand, Measure::received, Measure::reactive,
                 Measure::kva_demand})
    CHECK(seen.count(m) == 1);
  CHECK(graph::measure_row(Measure::none) == nullptr);
  CHECK(graph::measure_names() ==
        std::vector<std::string>{"energy", "demand", "billing_demand", "days", "received_energy", "reactive_energy", "kva_demand"});
}

TEST_CASE("measures: usage is energy, gas or water by service") {
  CHECK(graph::usage_dimension("electric") == Dimension::energy);
  CHECK(graph::usage_dimension("gas") == Dimension::gas);
  CHECK(graph::usage_dimension("water") == Dimension::water);
  CHECK(graph::usage_dimension("sewer") == Dimension::water);
}
