// TableOptions from a tariff: the step its `rounding quantities` (or `rounding therms`)
// statement bills quantities at, so the table prints a billed quantity as the sheet does.
#include "graph/rate_graph_internals.hpp"
#include "rateline/report.hpp"

namespace rateline {

namespace {
void add_places(const RateGraph& graph, const std::string& service, TableOptions& options) {
  const auto& t = graph::tariff_of(graph);
  // quantities are rounded after therms, so their step is the one the bill shows
  if (t.quantity_rounding) options.quantity_places[service] = t.quantity_rounding->scale();
  else if (t.therm_rounding) options.quantity_places[service] = t.therm_rounding->scale();
}
}  // namespace

TableOptions table_options(const RateGraph& graph) {
  TableOptions options;
  add_places(graph, "", options);
  return options;
}

TableOptions table_options(const std::vector<ServiceGraph>& services) {
  TableOptions options;
  for (auto& sv : services) add_places(sv.graph, sv.id, options);
  return options;
}

}  // namespace rateline
