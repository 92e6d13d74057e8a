// graph/measures.hpp — the one table of what a charge can be `on`: name, aliases, measure,
// dimension, unit and the kind of line item a plain `charge` on it makes.
//
//   const graph::MeasureRow* row = graph::measure_named("exported_energy");   // the `received_energy` row
//   row->measure;                     // Measure::received
//   graph::measure_names();           // {"energy", "demand", ... } in table order, for hints
//
// The checker resolves `on NAME` here, lowering turns it into a Determinant here, and the
// per-feature rules (power factor, kVA, net metering) ask it which charges they concern.
// A new measure is a new row (and its evaluation in src/eval).
#pragma once

#include "graph/tariff_graph.hpp"
#include "rateline/rate_graph.hpp"
#include "rateline/unit.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rateline::graph {

struct MeasureRow {
  std::string_view name;                  ///< as written after `on`: "energy"
  std::vector<std::string_view> aliases;  ///< other spellings: "usage"
  Measure measure = Measure::none;
  /// Energy is counted in the service's usage unit (kWh, therm, gal ...): then `dimension`
  /// and `unit` are not fixed by the row but by the tariff's service and meter unit.
  bool in_usage_unit = false;
  Dimension dimension = Dimension::count;
  Unit unit = Unit::month;
  LineKind line_kind = LineKind::fixed;   ///< the line item kind of a `charge` on it
};

/// Every measure a charge can be `on`, in the order hints list them.
std::span<const MeasureRow> measure_table();

/// The row whose name or alias is `name`, or nullptr.
const MeasureRow* measure_named(std::string_view name);

/// The row of `measure`, or nullptr for Measure::none (fixed charges).
const MeasureRow* measure_row(Measure measure);

/// The rows' names (not aliases), in table order: "energy", "demand", ...
std::vector<std::string> measure_names();

/// The dimension of usage for a service: gas, water (water and sewer) or energy.
Dimension usage_dimension(std::string_view service);

}  // namespace rateline::graph
