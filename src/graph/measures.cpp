// The table of graph/measures.hpp. Order matters only for hints ("a charge is on one of: ...").
#include "graph/measures.hpp"

#include <algorithm>

namespace rateline::graph {

namespace {

const std::vector<MeasureRow>& rows() {
  static const std::vector<MeasureRow> table = {
      {"energy", {"usage"}, Measure::energy, true, Dimension::energy, Unit::kWh, LineKind::energy},
      {"demand", {}, Measure::demand, false, Dimension::power, Unit::kW, LineKind::demand},
      {"billing_demand", {}, Measure::billing_demand, false, Dimension::power, Unit::kW, LineKind::demand},
      {"days", {}, Measure::days, false, Dimension::time, Unit::day, LineKind::fixed},
      {"received_energy", {"exported_energy"}, Measure::received, false, Dimension::energy, Unit::kWh, LineKind::credit},
      {"reactive_energy", {}, Measure::reactive, false, Dimension::reactive_energy, Unit::kVARh, LineKind::adjustment},
      {"kva_demand", {"demand_kva"}, Measure::kva_demand, false, Dimension::apparent_power, Unit::kVA, LineKind::demand},
  };
  return table;
}

}  // namespace

std::span<const MeasureRow> measure_table() { return rows(); }

const MeasureRow* measure_named(std::string_view name) {
  for (auto& row : rows())
    if (row.name == name || std::find(row.aliases.begin(), row.aliases.end(), name) != row.aliases.end()) return &row;
  return nullptr;
}

const MeasureRow* measure_row(Measure measure) {
  for (auto& row : rows())
    if (row.measure == measure) return &row;
  return nullptr;
}

std::vector<std::string> measure_names() {
  std::vector<std::string> out;
  for (auto& row : rows()) out.emplace_back(row.name);
  return out;
}

Dimension usage_dimension(std::string_view service) {
  return service == "gas" ? Dimension::gas : service == "water" || service == "sewer" ? Dimension::water : Dimension::energy;
}

}  // namespace rateline::graph
