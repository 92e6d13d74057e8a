// Billing one account of a tariff of several services (`service` blocks) in a population:
// each meter's rows come from the files named for it (`--usage electric=FILE --reads
// water=FILE`), are read by the single-account readers, and go to bill_services together.
// See account_billing.hpp and docs/accounts-format.md, "Several services".
#include "population/account_billing.hpp"
#include "population/bill_rows.hpp"

#include <algorithm>
#include <chrono>
#include <list>
#include <set>

namespace rateline::population_detail {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string services_list(const std::vector<ServiceGraph>& services) {
  std::string out;
  for (const ServiceGraph& s : services) out += (out.empty() ? "" : ", ") + s.id;
  return out;
}

// The meters the services read, in the tariff's order (as the biller's B0071 hint says).
std::string meter_names(const std::vector<ServiceGraph>& services) {
  std::string out;
  std::set<std::string> seen;
  for (const ServiceGraph& s : services)
    if (s.needs_usage && seen.insert(s.meter).second) out += (out.empty() ? "" : ", ") + s.meter;
  return out.empty() ? "none (every charge is fixed)" : out;
}

const ServiceGraph* reader_of(const std::vector<ServiceGraph>& services, const std::string& meter) {
  for (const ServiceGraph& s : services)
    if (s.meter == meter && s.needs_usage) return &s;
  for (const ServiceGraph& s : services)
    if (s.meter == meter) return &s;
  return nullptr;
}

std::string row_of(const UsageBlock& block) { return block.path + ":" + std::to_string(block.first_line); }

}  // namespace

AccountOutcome bill_services_account(const AccountRecord& record, const TariffEntry& tariff, const std::optional<UsageBlock>& usage,
                                     const std::vector<MeterBlock>& meters, const PopulationOptions& options,
                                     const std::string& accounts_path) {
  AccountOutcome out;
  const std::vector<BillingPeriod> periods = service_periods(record, options.periods);
  const std::vector<ServiceGraph>& services = tariff.services;
  // Rows that name no meter cannot be given to any one service.
  if (usage) {
    out.exceptions += exception_row(record.account.id, row_of(*usage), "P0020",
                                    "account " + record.account.id + " is billed for several services (" + services_list(services) +
                                        "), and its usage rows name no meter",
                                    "name the meter of each usage file: --usage NAME=FILE or --reads NAME=FILE, NAME one of: " +
                                        meter_names(services));
    out.failed = true;
  }
  for (const MeterBlock& m : meters) {
    if (reader_of(services, m.meter)) continue;
    out.exceptions += exception_row(record.account.id, row_of(m.block), "B0071",
                                    "usage was given for meter `" + m.meter + "`, which no service of this tariff reads",
                                    "the meters this tariff bills on: " + meter_names(services));
    out.failed = true;
  }
  if (out.failed) return out;

  auto started = Clock::now();
  std::vector<const UsageBlock*> blocks;
  std::list<IntervalUsage> intervals;   // stable addresses for MeterUsage
  std::list<RegisterUsage> reads;
  std::map<std::string, MeterUsage> usage_by_meter;
  std::vector<MeterSeries> series_of;
  std::vector<Diagnostic> read_errors;
  for (const MeterBlock& m : meters) {
    blocks.push_back(&m.block);
    const ServiceGraph& reader = *reader_of(services, m.meter);
    if (m.reads) {
      RegisterReadResult r = read_register_reads(m.block.text, m.block.path, meter_unit_of(reader.graph));
      if (!r.usage || has_errors(r.diagnostics)) {
        read_errors.insert(read_errors.end(), r.diagnostics.begin(), r.diagnostics.end());
        continue;
      }
      usage_by_meter[m.meter].reads = &reads.emplace_back(std::move(*r.usage));
      series_of.push_back({m.meter, meter_unit_name(reader.graph), nullptr, &reads.back()});
    } else {
      UsageReadOptions read_options = options.usage;
      read_options.time_zone = reader.graph.info().time_zone;
      UsageReadResult r = read_interval_csv(m.block.text, m.block.path, read_options);
      if (!r.usage || has_errors(r.diagnostics)) {
        read_errors.insert(read_errors.end(), r.diagnostics.begin(), r.diagnostics.end());
        continue;
      }
      usage_by_meter[m.meter].intervals = &intervals.emplace_back(std::move(*r.usage));
      series_of.push_back({m.meter, meter_unit_name(reader.graph), &intervals.back(), nullptr});
    }
  }
  out.parse_seconds = seconds_since(started);
  if (!read_errors.empty()) {
    add_exceptions(out, read_errors, blocks, record, accounts_path);
    return out;
  }
  // The bill lists meters in the tariff's order, whatever order the files were given in.
  std::vector<MeterSeries> ordered;
  for (const ServiceGraph& s : services)
    for (const MeterSeries& m : series_of)
      if (m.meter == s.meter && std::none_of(ordered.begin(), ordered.end(), [&](const MeterSeries& o) { return o.meter == m.meter; }))
        ordered.push_back(m);

  started = Clock::now();
  BillSeriesResult result = bill_services(services, usage_by_meter, periods, record.account, options.bill);
  if (!result.series || has_errors(result.diagnostics)) {
    add_exceptions(out, result.diagnostics, blocks, record, accounts_path);
  } else {
    out.bill_count = append_services_bill_rows(out.bills, BillRowContext{record, tariff, options}, *result.series, ordered);
  }
  out.bill_seconds = seconds_since(started);
  return out;
}

}  // namespace rateline::population_detail
