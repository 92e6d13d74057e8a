// Running a golden bill case: see case_runner.hpp.
#include "case_runner.hpp"

#include "rateline/bill.hpp"
#include "rateline/register_reads.hpp"
#include "rateline/tariff.hpp"
#include "rateline/usage.hpp"

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>

namespace rateline::cli {

namespace {

// Diagnostics about CSV text written in the case point into the case file: the reader saw
// that text alone, so its spans move by where the text starts in the file.
void move_into_case(std::vector<Diagnostic>& diagnostics, const BillCase& c, const CaseUsage& usage) {
  for (auto& d : diagnostics) {
    if (!d.span.file) continue;
    if (usage.text_offset) d.span = Span{c.source, d.span.begin + *usage.text_offset, d.span.end + *usage.text_offset};
    else d.span = Span{c.source, usage.span.begin, usage.span.end};
  }
}

// The library's hints name `rateline bill` options; a case says the same with its keys.
std::string case_hint(std::string hint) {
  static const std::pair<const char*, const char*> kOptions[] = {
      {"--allow-partial", "allow_partial = true under [policies]"},
      {"--allow-gaps", "allow_gaps = true under [policies]"},
      {"--demand-window data", "demand_window = \"data\" under [policies]"},
      {"--past-due 120.00", "past_due = 120.00 under [account]"},
      {"--due-date YYYY-MM-DD", "due_date = YYYY-MM-DD under [account]"},
      {"--interval 15", "interval = 15 under [usage]"},
      {"--start 2024-01-01T00:00", "start = 2024-01-01T00:00 under [usage]"},
  };
  for (auto [option, key] : kOptions)
    for (auto at = hint.find(option); at != std::string::npos; at = hint.find(option, at + 1)) hint.replace(at, std::string_view(option).size(), key);
  // --attribute NAME=VALUE
  for (auto at = hint.find("--attribute "); at != std::string::npos; at = hint.find("--attribute ", at + 1)) {
    auto begin = at + 12;
    auto end = hint.find_first_of(" ,;)", begin);
    auto assignment = hint.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
    auto eq = assignment.find('=');
    if (eq == std::string::npos) continue;
    auto key = "attributes = { " + assignment.substr(0, eq) + " = \"" + assignment.substr(eq + 1) + "\" } under [account]";
    hint.replace(at, 12 + assignment.size(), key);
  }
  return hint;
}

bool is_input_error(const Diagnostic& d) {
  // The period is empty, outside the usage, or not on read dates: the case is wrong, not the bill.
  return d.severity == Severity::error && (d.code == "B0001" || d.code == "B0003" || d.code == "B0005" || d.code == "B0020");
}

RegisterUsage monthly_usage(const BillCase& c, const CaseUsage& u, Unit unit) {
  RegisterUsage usage;
  usage.source = c.source->path();
  usage.unit = unit;
  for (auto& m : u.months) {
    ReadInterval interval;
    interval.from = m.month / std::chrono::day{1};
    interval.to = (m.month + std::chrono::months{1}) / std::chrono::day{1};
    interval.consumption = m.quantity;
    interval.estimated = m.estimated;
    interval.meter = "monthly";
    usage.intervals.push_back(interval);
  }
  return usage;
}

// Reads one usage of a case (its [usage], or one meter's [usage.NAME]).
void read_case_usage(const BillCase& c, const CaseUsage& u, const RateGraph& graph, const UsageReadOptions& options,
                     std::optional<IntervalUsage>& intervals, std::optional<RegisterUsage>& reads, std::vector<Diagnostic>& all_diagnostics) {
  std::vector<Diagnostic> usage_diagnostics;   // this usage's: their places move into the case alone
  try {
    using Kind = CaseUsage::Kind;
    switch (u.kind) {
      case Kind::interval_file: {
        auto r = read_interval_csv_file(u.path, options);
        intervals = std::move(r.usage);
        usage_diagnostics = std::move(r.diagnostics);
        break;
      }
      case Kind::intervals: {
        auto r = read_interval_csv(u.text, c.source->path(), options);
        intervals = std::move(r.usage);
        usage_diagnostics = std::move(r.diagnostics);
        move_into_case(usage_diagnostics, c, u);
        break;
      }
      case Kind::reads_file: {
        auto r = read_register_reads_file(u.path, register_unit(graph));
        reads = std::move(r.usage);
        usage_diagnostics = std::move(r.diagnostics);
        break;
      }
      case Kind::register_reads: {
        auto r = read_register_reads(u.text, c.source->path(), register_unit(graph));
        reads = std::move(r.usage);
        usage_diagnostics = std::move(r.diagnostics);
        move_into_case(usage_diagnostics, c, u);
        break;
      }
      case Kind::monthly: reads = monthly_usage(c, u, register_unit(graph)); break;
    }
  } catch (const std::exception& e) {
    Diagnostic d;
    d.code = "T0007";
    d.message = std::string("cannot read the usage: ") + e.what();
    usage_diagnostics.push_back(d);
  }
  all_diagnostics.insert(all_diagnostics.end(), usage_diagnostics.begin(), usage_diagnostics.end());
}

// A case of a tariff of several services: each meter's usage under [usage.NAME].
CaseRun run_services_case(const BillCase& c, const std::string& tariff) {
  CaseRun run;
  ServicesCompileResult compiled;
  try {
    compiled = compile_services_file(tariff);
  } catch (const std::exception& e) {
    Diagnostic d;
    d.code = "T0007";
    d.message = std::string("cannot read the tariff: ") + e.what();
    compiled.diagnostics.push_back(d);
  }
  run.diagnostics = compiled.diagnostics;
  if (compiled.services.empty()) {
    run.outcome = CaseRun::Outcome::not_billed;
    return run;
  }
  const UsageReadOptions options = usage_read_options(c.policies, compiled.services.front().graph);
  std::map<std::string, std::optional<IntervalUsage>> intervals;
  std::map<std::string, std::optional<RegisterUsage>> reads;
  std::map<std::string, MeterUsage> meters;
  std::vector<Diagnostic> usage_diagnostics;
  for (auto& [meter, u] : c.meters) {
    const RateGraph* graph = &compiled.services.front().graph;
    for (auto& s : compiled.services)
      if (s.meter == meter) graph = &s.graph;
    read_case_usage(c, u, *graph, options, intervals[meter], reads[meter], usage_diagnostics);
    if (intervals[meter]) meters[meter].intervals = &*intervals[meter];
    if (reads[meter]) meters[meter].reads = &*reads[meter];
  }
  for (auto& d : usage_diagnostics) d.hint = case_hint(d.hint);
  run.diagnostics.insert(run.diagnostics.end(), usage_diagnostics.begin(), usage_diagnostics.end());
  if (has_errors(usage_diagnostics)) {
    run.outcome = CaseRun::Outcome::broken;
    return run;
  }
  std::vector<BillingPeriod> periods = !c.cycle.empty() ? cycle_periods(c.period.from, c.period.to, cli::cycle_months(c.cycle)) : std::vector<BillingPeriod>{c.period};
  auto result = bill_services(compiled.services, meters, periods, c.account, bill_options(c.policies));
  for (auto& d : result.diagnostics) d.hint = case_hint(d.hint);
  run.diagnostics.insert(run.diagnostics.end(), result.diagnostics.begin(), result.diagnostics.end());
  if (result.series) {
    run.outcome = CaseRun::Outcome::billed;
    run.series = std::move(result.series);
    return run;
  }
  bool input_error = std::any_of(run.diagnostics.begin(), run.diagnostics.end(), is_input_error);
  run.outcome = input_error ? CaseRun::Outcome::broken : CaseRun::Outcome::not_billed;
  return run;
}

}  // namespace

const CompileResult& TariffCache::compile(const std::string& path) {
  auto found = compiled_.find(path);
  if (found != compiled_.end()) return found->second;
  CompileResult result;
  try {
    result = compile_tariff_file(path);
  } catch (const std::exception& e) {
    Diagnostic d;
    d.code = "T0007";
    d.message = std::string("cannot read the tariff: ") + e.what();
    result.diagnostics.push_back(d);
  }
  return compiled_.emplace(path, std::move(result)).first->second;
}

CaseRun run_case(const BillCase& c, TariffCache& tariffs, const std::string& tariff_override) {
  if (!c.meters.empty()) return run_services_case(c, tariff_override.empty() ? c.tariff : tariff_override);
  CaseRun run;
  const auto& compiled = tariffs.compile(tariff_override.empty() ? c.tariff : tariff_override);
  run.diagnostics = compiled.diagnostics;
  if (!compiled.graph) {
    run.outcome = CaseRun::Outcome::not_billed;
    return run;
  }
  const RateGraph& graph = *compiled.graph;

  const UsageReadOptions options = usage_read_options(c.policies, graph);

  std::optional<IntervalUsage> intervals;
  std::optional<RegisterUsage> reads;
  std::vector<Diagnostic> usage_diagnostics;
  read_case_usage(c, c.usage, graph, options, intervals, reads, usage_diagnostics);
  for (auto& d : usage_diagnostics) d.hint = case_hint(d.hint);
  run.diagnostics.insert(run.diagnostics.end(), usage_diagnostics.begin(), usage_diagnostics.end());
  if (has_errors(usage_diagnostics) || (!intervals && !reads)) {
    run.outcome = CaseRun::Outcome::broken;
    return run;
  }

  std::vector<BillingPeriod> periods = !c.cycle.empty() ? cycle_periods(c.period.from, c.period.to, cli::cycle_months(c.cycle)) : std::vector<BillingPeriod>{c.period};
  auto result = reads ? bill_periods(graph, *reads, periods, c.account, bill_options(c.policies))
                      : bill_periods(graph, *intervals, periods, c.account, bill_options(c.policies));
  for (auto& d : result.diagnostics) d.hint = case_hint(d.hint);
  run.diagnostics.insert(run.diagnostics.end(), result.diagnostics.begin(), result.diagnostics.end());
  if (result.series) {
    run.outcome = CaseRun::Outcome::billed;
    run.series = std::move(result.series);
    return run;
  }
  bool input_error = false;
  for (auto& d : run.diagnostics)
    if (is_input_error(d)) {
      input_error = true;
      // The biller knows no file; the case's `from` is where the period is stated.
      if (!d.span.file) d.span = Span{c.source, c.period_span.begin, c.period_span.end};
    }
  run.outcome = input_error ? CaseRun::Outcome::broken : CaseRun::Outcome::not_billed;
  return run;
}

}  // namespace rateline::cli
