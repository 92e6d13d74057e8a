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

#include <map>
#include <string>
#include <vector>

namespace rateline {

/// How the table shows a bill (docs/json-format.md, "The table"). JSON and CSV always keep
/// every line and every digit: they are for programs.
struct TableOptions {
  /// Show the $0.00 part lines of a charge (a tier, TOU period or season part with quantity
  /// 0 and amount 0). Left off by default: the customer's table shows what they pay for.
  bool show_zero_lines = false;
  /// The decimals of the tariff's `rounding quantities` step (else `rounding therms`), by
  /// service id ("" for a tariff without `service` blocks): its energy quantities print at
  /// that step. Without one, a quantity prints exactly, without trailing fractional zeros.
  std::map<std::string, int> quantity_places;
};
/// The table options a tariff's rounding statements give (quantity_places).
TableOptions table_options(const RateGraph& graph);
TableOptions table_options(const std::vector<ServiceGraph>& services);

std::string format_table(const Bill& bill, const TableOptions& options);
std::string format_series_table(const BillSeries& series, const TableOptions& options);
/// The table with TableOptions{}: zero part lines left off, quantities without trailing zeros.
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
