// The rate graph as Graphviz DOT: determinants on the left, charges, riders/taxes that
// take them as a base, and the total.
#include "graph/rate_graph_internals.hpp"
#include "rateline/report.hpp"

#include <sstream>

namespace rateline {

namespace {

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string format_dot(const RateGraph& rate_graph) {
  const auto& t = graph::tariff_of(rate_graph);
  std::ostringstream out;
  out << "digraph rate_graph {\n  rankdir=LR;\n  label=" << quote(t.info.name) << ";\n  labelloc=t;\n";
  out << "  node [fontname=\"Helvetica\"];\n";
  std::vector<std::string> determinants;
  for (auto& c : t.charges) {
    auto d = graph::determinant_name(t, c.determinant);
    if (!d.empty() && std::find(determinants.begin(), determinants.end(), d) == determinants.end()) determinants.push_back(d);
  }
  for (std::size_t i = 0; i < determinants.size(); ++i)
    out << "  d" << i << " [shape=ellipse, style=filled, fillcolor=\"#e8f0fe\", label=" << quote(determinants[i]) << "];\n";
  for (std::size_t i = 0; i < t.charges.size(); ++i) {
    const auto& c = t.charges[i];
    out << "  c" << i << " [shape=box, label=" << quote(c.label + "\\n" + std::string(to_string(c.kind)) + ", " + c.rate_unit) << "];\n";
    auto d = graph::determinant_name(t, c.determinant);
    if (!d.empty()) {
      auto at = std::find(determinants.begin(), determinants.end(), d) - determinants.begin();
      out << "  d" << at << " -> c" << i << ";\n";
    }
    for (auto b : c.base) out << "  c" << b << " -> c" << i << " [style=dashed];\n";
  }
  out << "  total [shape=doublecircle, label=\"total\"];\n";
  for (std::size_t i = 0; i < t.charges.size(); ++i) out << "  c" << i << " -> total;\n";
  out << "}\n";
  return out.str();
}

}  // namespace rateline
