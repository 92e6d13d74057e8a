// Billing policies and the library options they become: see bill_policies.hpp.
#include "bill_policies.hpp"

namespace rateline::cli {

std::optional<LocalTimePolicy> parse_local_time(std::string_view name) {
  if (name == "error") return LocalTimePolicy::error;
  if (name == "earliest") return LocalTimePolicy::earliest;
  if (name == "latest") return LocalTimePolicy::latest;
  return std::nullopt;
}

std::string_view to_string(LocalTimePolicy policy) {
  switch (policy) {
    case LocalTimePolicy::earliest: return "earliest";
    case LocalTimePolicy::latest: return "latest";
    default: return "error";
  }
}

std::optional<DemandWindowPolicy> parse_demand_window(std::string_view name) {
  if (name == "tariff") return DemandWindowPolicy::tariff;
  if (name == "data") return DemandWindowPolicy::data_interval;
  return std::nullopt;
}

std::string_view to_string(DemandWindowPolicy policy) { return policy == DemandWindowPolicy::data_interval ? "data" : "tariff"; }

UsageReadOptions usage_read_options(const BillPolicies& p, const RateGraph& graph) {
  UsageReadOptions options;
  options.time_zone = graph.info().time_zone;
  options.gaps = p.allow_gaps ? GapPolicy::zero : GapPolicy::error;
  options.local_time = p.local_time;
  options.interval_minutes = p.interval_minutes;
  options.sam_start = p.sam_start;
  return options;
}

BillOptions bill_options(const BillPolicies& p, bool trace) {
  BillOptions options;
  options.trace = trace;
  options.coverage = p.allow_partial ? CoveragePolicy::bill_available : CoveragePolicy::error;
  options.demand_window = p.demand_window;
  options.as_of = p.as_of;
  return options;
}

Unit register_unit(const RateGraph& graph) {
  const auto& service = graph.info().service;
  if (service == "gas") return Unit::therm;
  if (service == "water" || service == "sewer") return Unit::gal;
  return Unit::kWh;
}

}  // namespace rateline::cli
