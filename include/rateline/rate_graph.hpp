// rateline/rate_graph.hpp — a compiled tariff: the meeting point of compiler and biller.
//
// A RateGraph is what a checked tariff compiles into: determinants (energy by TOU period,
// maximum demand, days, ...) and the charges priced on them, with the calendar compiled
// into lookup tables. It is immutable and cheap to copy (shared), so one graph can bill
// many accounts from many threads at once.
//
//   auto compiled = rateline::compile_tariff_file("tariffs/duke-nc-rs.tariff");
//   const rateline::RateGraph& graph = *compiled.graph;
//   std::cout << graph.info().name << "\n" << rateline::describe(graph);
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace rateline {

/// What a tariff says about itself (its header fields).
struct TariffInfo {
  std::string name;
  std::string utility;
  std::string service;        ///< electric | gas | water | sewer
  std::string currency;       ///< ISO 4217, e.g. USD
  std::string time_zone;      ///< IANA zone, e.g. America/New_York
  std::chrono::year_month_day effective{};
  std::chrono::year_month_day expires{};   ///< !ok() when open-ended
  std::string source;         ///< where the rate sheet was published
  std::string path;           ///< the tariff file
};

/// What a line item is, as billing systems group them (the JSON `kind`).
enum class LineKind { fixed, energy, demand, rider, tax, credit, minimum, late_fee, adjustment };
std::string_view to_string(LineKind kind);

class RateGraph;
namespace graph {
struct Tariff;   // the compiled form: internal to the library (src/graph/tariff_graph.hpp)
const Tariff& tariff_of(const RateGraph& graph);   // for the library's own layers (src/graph/rate_graph_internals.hpp)
}  // namespace graph

class RateGraph {
 public:
  /// Made by the compiler (rateline/tariff.hpp: compile_tariff); users copy and share it.
  explicit RateGraph(std::shared_ptr<const graph::Tariff> tariff);
  const TariffInfo& info() const;

 private:
  friend const graph::Tariff& graph::tariff_of(const RateGraph& graph);
  std::shared_ptr<const graph::Tariff> tariff_;
};

/// One service of a bill for several services (a tariff with `service NAME { ... }`
/// blocks, docs/language.md): its own rate graph, and the meter whose usage it bills.
struct ServiceGraph {
  std::string id;            ///< the block's id ("water"); "" for a tariff without `service` blocks
  std::string label;         ///< "Water" (the id when the block has no label)
  std::string meter;         ///< the meter it is billed on: `meter NAME`, else its id
  bool needs_usage = true;   ///< false when every charge is fixed: it is billed without usage
  RateGraph graph;
};

/// A readable listing of the graph: seasons, TOU periods, determinants, charges.
std::string describe(const RateGraph& graph);

}  // namespace rateline
