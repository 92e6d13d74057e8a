// graph/quantity_places.hpp — the decimals a tariff's energy quantities are shown with: the
// step of `rounding quantities`, else of `rounding therms` (quantities are rounded after
// therms, so theirs is the step the bill shows); none without either. The table
// (report/table_options.cpp) and explain (eval/trace_text.cpp) both take it from here.
#pragma once

#include "graph/tariff_graph.hpp"

#include <optional>

namespace rateline::graph {

inline std::optional<int> quantity_places(const Tariff& t) {
  if (t.quantity_rounding) return t.quantity_rounding->scale();
  if (t.therm_rounding) return t.therm_rounding->scale();
  return std::nullopt;
}

}  // namespace rateline::graph
