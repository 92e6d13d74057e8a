// rateline/report.hpp — bills and rate graphs as text people and programs read.
//
// Formats: a table for people, JSON and CSV for programs (every number a decimal string,
// never a binary float), an explanation of each line item, and Graphviz DOT for graphs.
// The JSON form is stable (docs/json-format.md):
//   {"tariff": "...", "period": {"from": "2024-07-01", "to": "2024-08-01"},
//    "line_items": [{"id", "label", "kind", "quantity", "unit", "rate", "amount"}], "total": "123.45"}
//
//   std::cout << rateline::format_table(*result.bill);
#pragma once

#include "rateline/bill.hpp"
#include "rateline/rate_graph.hpp"

#include <string>

namespace rateline {

std::string format_table(const Bill& bill);
std::string format_json(const Bill& bill);
std::string format_csv(const Bill& bill);
/// Several bills (`bill --cycle monthly`): {"tariff", "bills": [{"period", "line_items", "total"}], "total"}.
std::string format_series_json(const BillSeries& series);
std::string format_series_table(const BillSeries& series);
std::string format_series_csv(const BillSeries& series);
/// For each line item: how it was computed (determinant, intervals, tiers, rate, rounding).
std::string format_explain(const Bill& bill);
/// The rate graph as Graphviz DOT: determinants -> charges -> riders -> total.
std::string format_dot(const RateGraph& graph);

}  // namespace rateline
