// TableOptions from a tariff: the step its `rounding quantities` (or `rounding therms`)
// statement bills quantities at, so the table prints a billed quantity as the sheet does.
#include "graph/quantity_places.hpp"
#include "graph/rate_graph_internals.hpp"
#include "rateline/report.hpp"

namespace rateline {

namespace {
void add_places(const RateGraph& graph, const std::string& service, TableOptions& options) {
  if (auto places = graph::quantity_places(graph::tariff_of(graph))) options.quantity_places[service] = *places;
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
