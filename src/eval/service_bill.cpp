// eval/service_bill.cpp — bill_services() of rateline/bill.hpp: a bill for several services,
// each service billed on its own meter's usage by its own rate graph, merged into one bill.
//
// Each service is a whole bill of its own first (its percentages see only its lines, its
// line rounding is its own), so a service's part is what it would be billed alone; the
// merged bill lists the services in the tariff's order and its total is the sum of every
// line. `rounding total` rounds the merged total once, a Rounding Adjustment of no service.
#include "rateline/bill.hpp"

#include "graph/rate_graph_internals.hpp"
#include "graph/tariff_graph.hpp"
#include "eval/total_rounding.hpp"

#include <algorithm>
#include <iterator>
#include <set>

namespace rateline {

namespace {

using namespace std::chrono;

// A service whose charges are all fixed is billed on reads of nothing: one interval per
// period (and between periods), so that every period starts and ends on a read.
RegisterUsage no_usage(const std::vector<BillingPeriod>& periods, Unit unit) {
  RegisterUsage usage;
  usage.source = "no usage (fixed charges only)";
  usage.unit = unit;
  std::set<sys_days> dates;
  for (auto& p : periods) {
    dates.insert(sys_days{p.from});
    dates.insert(sys_days{p.to});
  }
  for (auto it = dates.begin(); it != dates.end() && std::next(it) != dates.end(); ++it) {
    ReadInterval interval;
    interval.from = year_month_day{*it};
    interval.to = year_month_day{*std::next(it)};
    interval.meter = "none";
    usage.intervals.push_back(interval);
  }
  return usage;
}

std::string meter_names(const std::vector<ServiceGraph>& services) {
  std::string out;
  std::set<std::string> seen;
  for (auto& s : services)
    if (s.needs_usage && seen.insert(s.meter).second) out += (out.empty() ? "" : ", ") + s.meter;
  return out.empty() ? "none (every charge is fixed)" : out;
}

}  // namespace

BillSeriesResult bill_services(const std::vector<ServiceGraph>& services, const std::map<std::string, MeterUsage>& meters,
                               const std::vector<BillingPeriod>& periods, const Account& account, const BillOptions& options) {
  BillSeriesResult result;
  for (auto& entry : meters) {
    const std::string& meter = entry.first;  // a named reference, not a binding: clang 14 cannot capture bindings
    bool read = std::any_of(services.begin(), services.end(), [&](const ServiceGraph& s) { return s.meter == meter; });
    if (!read)
      result.diagnostics.push_back({Severity::error, "B0071", "usage was given for meter `" + meter + "`, which no service of this tariff reads", {},
                                    "the meters this tariff bills on: " + meter_names(services)});
  }
  std::vector<BillSeries> parts;
  for (auto& s : services) {
    auto found = meters.find(s.meter);
    const MeterUsage* usage = found == meters.end() ? nullptr : &found->second;
    if (usage && !usage->intervals && !usage->reads) usage = nullptr;
    BillSeriesResult one;
    if (usage && usage->intervals) {
      one = bill_periods(s.graph, *usage->intervals, periods, account, options);
    } else if (usage && usage->reads) {
      one = bill_periods(s.graph, *usage->reads, periods, account, options);
    } else if (!s.needs_usage) {
      one = bill_periods(s.graph, no_usage(periods, graph::tariff_of(s.graph).usage_unit), periods, account, options);
    } else {
      result.diagnostics.push_back({Severity::error, "B0070",
                                    "service " + s.id + " is billed on the usage of meter `" + s.meter + "`, and none was given", {},
                                    "give that meter's usage: `--usage " + s.meter + "=FILE` or `--reads " + s.meter + "=FILE`"});
      continue;
    }
    // A finding of one service's bill says which service it is about.
    for (auto& d : one.diagnostics) {
      if (!s.id.empty()) d.message = s.label + ": " + d.message;
      result.diagnostics.push_back(std::move(d));
    }
    if (one.series) parts.push_back(std::move(*one.series));
  }
  if (has_errors(result.diagnostics) || parts.size() != services.size()) return result;

  BillSeries series;
  for (std::size_t i = 0; i < periods.size(); ++i) {
    Bill merged;
    for (std::size_t k = 0; k < services.size(); ++k) {
      auto& part = parts[k].bills.at(i);
      if (k == 0) {
        merged.tariff = part.tariff;
        merged.period = part.period;
        merged.currency = part.currency;
      }
      const auto& rounding = graph::tariff_of(services[k].graph).total_rounding;
      for (auto& item : part.line_items) {
        // `rounding total` is the whole bill's (docs/language.md, "Rounding"): a service's
        // own adjustment is taken back and the merged total rounded once, below
        if (rounding && item.id == "rounding" && item.kind == LineKind::adjustment) {
          part.total -= item.amount;
          continue;
        }
        item.service = services[k].id;
        merged.line_items.push_back(std::move(item));
      }
      for (auto& n : part.notes) {
        if (!services[k].id.empty()) n.message = services[k].label + ": " + n.message;
        merged.notes.push_back(std::move(n));
      }
      merged.estimated |= part.estimated;
      merged.total += part.total;
      if (!services[k].id.empty()) merged.services.push_back({services[k].id, services[k].label, part.total});
    }
    if (const auto& rounding = graph::tariff_of(services.front().graph).total_rounding)
      eval::round_total(merged, *rounding, options.trace);
    series.total += merged.total;
    series.bills.push_back(std::move(merged));
  }
  result.series = std::move(series);
  return result;
}

}  // namespace rateline
