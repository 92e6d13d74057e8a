// RateGraph: the shared, immutable compiled tariff, and its readable listing.
#include "rateline/rate_graph.hpp"

#include "graph/rate_graph_internals.hpp"

#include <sstream>

namespace rateline {

std::string_view to_string(LineKind kind) {
  switch (kind) {
    case LineKind::fixed: return "fixed";
    case LineKind::energy: return "energy";
    case LineKind::demand: return "demand";
    case LineKind::rider: return "rider";
    case LineKind::tax: return "tax";
    case LineKind::credit: return "credit";
    case LineKind::minimum: return "minimum";
    case LineKind::late_fee: return "late_fee";
    case LineKind::adjustment: return "adjustment";
  }
  return "?";
}

namespace graph {

std::string determinant_name(const Tariff& t, const Determinant& d) {
  std::string name;
  switch (d.measure) {
    case Measure::none: return "";
    case Measure::days: return "days";
    case Measure::energy: name = "energy"; break;
    case Measure::demand: name = "max demand"; break;
    case Measure::billing_demand: name = "billing demand"; break;
    case Measure::received: name = "received energy"; break;
    case Measure::reactive: name = "reactive energy"; break;
    case Measure::kva_demand: name = "max kVA demand"; break;
  }
  if (d.periods != ~0ull) {
    const auto& names = t.groups[d.group].period_names;
    std::string list;
    for (std::size_t p = 0; p < names.size(); ++p)
      if ((d.periods >> p) & 1u) list += (list.empty() ? "" : ", ") + names[p];
    name += " in " + list;
  }
  return name;
}

}  // namespace graph

RateGraph::RateGraph(std::shared_ptr<const graph::Tariff> tariff) : tariff_(std::move(tariff)) {}

const TariffInfo& RateGraph::info() const { return tariff_->info; }

const graph::Tariff& graph::tariff_of(const RateGraph& rate_graph) { return *rate_graph.tariff_; }

namespace {

void describe_pricing(const graph::Tariff& t, std::uint32_t id, const std::string& indent, std::ostream& out) {
  if (id == graph::kNone) {
    out << indent << "(no charge)\n";
    return;
  }
  const auto& p = t.pricing[id];
  switch (p.kind) {
    case graph::Pricing::Kind::flat: out << indent << p.price << "\n"; break;
    case graph::Pricing::Kind::tiers: {
      const auto& tt = p.tiers;
      out << indent << "tiers"
          << (tt.allocation == graph::Allocation::proportional ? " (proportional across periods)"
              : tt.allocation == graph::Allocation::chronological ? " (filled in time order)" : "")
          << "\n";
      for (std::size_t k = 0; k < tt.upper.size(); ++k) {
        out << indent << "  " << tt.labels[k] << ":";
        for (std::size_t c = 0; c < tt.prices.size(); ++c) {
          if (tt.column_period[c] != graph::kNone) out << " " << t.groups[p.group].period_names.at(tt.column_period[c]);
          out << " " << tt.prices[c][k];
        }
        out << "\n";
      }
      break;
    }
    case graph::Pricing::Kind::by_season:
      for (std::size_t s = 0; s < p.cases.size(); ++s) {
        out << indent << "season " << t.season_names[s] << ":\n";
        describe_pricing(t, p.cases[s], indent + "  ", out);
      }
      break;
    case graph::Pricing::Kind::by_period:
      for (std::size_t s = 0; s < p.cases.size(); ++s) {
        out << indent << "period " << t.groups[p.group].period_names[s] << ":\n";
        describe_pricing(t, p.cases[s], indent + "  ", out);
      }
      break;
    case graph::Pricing::Kind::by_month: {
      static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
      for (std::size_t s = 0; s < p.cases.size(); ++s) {
        out << indent << months[s] << ":\n";
        describe_pricing(t, p.cases[s], indent + "  ", out);
      }
      break;
    }
    case graph::Pricing::Kind::by_attribute:
    case graph::Pricing::Kind::by_billing_month:
      for (auto& [value, c] : p.attribute_cases) {
        out << indent << p.attribute << " = " << value << ":\n";
        describe_pricing(t, c, indent + "  ", out);
      }
      if (p.otherwise != graph::kNone) {
        out << indent << "otherwise:\n";
        describe_pricing(t, p.otherwise, indent + "  ", out);
      }
      break;
  }
}

}  // namespace

std::string describe(const RateGraph& rate_graph) {
  const auto& t = graph::tariff_of(rate_graph);
  std::ostringstream out;
  out << "tariff " << t.info.name << " (" << t.info.utility << ")\n";
  out << "  currency " << t.info.currency << ", time zone " << t.info.time_zone << "\n";
  if (!t.season_names.empty()) {
    out << "seasons:";
    for (auto& s : t.season_names) out << " " << s;
    out << "\n";
  }
  for (auto& g : t.groups) {
    out << (g.name.empty() ? std::string("periods:") : "periods " + g.name + ":");
    for (auto& p : g.period_names) out << " " << p;
    out << "\n";
  }
  out << "charges (in bill order):\n";
  for (auto& c : t.charges) {
    auto on = graph::determinant_name(t, c.determinant);
    out << "  " << c.id << " \"" << c.label << "\" [" << to_string(c.kind) << "] on " << (on.empty() ? "per bill" : on)
        << ", " << c.rate_unit << "\n";
    if (!c.base.empty()) {
      out << "    of:";
      for (auto b : c.base) out << " " << t.charges[b].id;
      out << "\n";
    }
    describe_pricing(t, c.pricing, "    ", out);
  }
  return out.str();
}

}  // namespace rateline
