// `rateline bill` and `rateline explain` (bill_command.hpp): one account's usage read, billed
// under one tariff (or a tariff of several services, each on its meter's usage) and printed.
#include "bill_command.hpp"

#include "rateline/bill.hpp"
#include "rateline/register_reads.hpp"
#include "rateline/report.hpp"
#include "rateline/tariff.hpp"
#include "rateline/usage.hpp"
#include "bill_policies.hpp"
#include "case_record.hpp"
#include "diagnostic_output.hpp"
#include "table_output.hpp"

#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <tuple>

namespace rateline::cli {

using namespace std::chrono;

namespace {

std::optional<year_month_day> parse_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  year_month_day d{year{std::stoi(s.substr(0, 4))}, month{static_cast<unsigned>(std::stoi(s.substr(5, 2)))},
                   day{static_cast<unsigned>(std::stoi(s.substr(8, 2)))}};
  if (!d.ok()) return std::nullopt;
  return d;
}

// "2018-01-01" or "2018-01-01T00:00" as a local time
std::optional<local_seconds> parse_local(const std::string& s) {
  auto d = parse_date(s.substr(0, 10));
  if (!d) return std::nullopt;
  local_seconds t{local_days{*d}.time_since_epoch()};
  if (s.size() == 10) return t;
  if (s.size() != 16 || (s[10] != 'T' && s[10] != ' ') || s[13] != ':') return std::nullopt;
  for (std::size_t i : {11, 12, 14, 15})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  const int h = (s[11] - '0') * 10 + (s[12] - '0'), m = (s[14] - '0') * 10 + (s[15] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return t + hours{h} + minutes{m};
}

// "15": whole minutes, digits only (std::stoi would take "60abc" as 60).
std::optional<int> parse_minutes(const std::string& s) {
  if (s.empty() || s.size() > 4) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v < 1 || v > 1440) return std::nullopt;
  return v;
}

// "2024-06,212.4" per line (month, a non-negative figure: a month's maximum kW, or its usage
// in the tariff's metered unit); a header line and blank lines are skipped. `what` names the
// figure in the error ("kW", "usage"); each month goes into `into` (Account's demand or
// usage history).
template <class History>
bool read_monthly_history(const std::string& path, const char* what, History& into) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "rateline: cannot read " << path << "\n";
    return false;
  }
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.rfind("month", 0) == 0) continue;
    auto comma = line.find(',');
    auto date = comma == 7 ? parse_date(line.substr(0, comma) + "-01") : std::nullopt;
    auto value = comma == std::string::npos ? std::nullopt : rateline::Decimal::parse(line.substr(comma + 1));
    if (!date || !value || value->is_negative()) {
      std::cerr << path << ":" << number << ": expected YYYY-MM," << what << ", got `" << line << "`\n";
      return false;
    }
    into.push_back({date->year() / date->month(), *value});
  }
  return true;
}

}  // namespace

std::optional<std::vector<rateline::ServiceGraph>> compile_services(const std::string& path) {
  try {
    auto result = rateline::compile_services_file(path);
    print_diagnostics(result.diagnostics);
    if (result.services.empty()) return std::nullopt;
    return std::move(result.services);
  } catch (const std::exception& e) {
    std::cerr << "rateline: " << e.what() << "\n";
    return std::nullopt;
  }
}

// --max-input-size: raises the size limits on every input file of a command (docs/limits.md).
void add_size_option(CLI::App* cmd, std::uint64_t* usage_bytes) {
  cmd->add_option_function<std::string>(
         "--max-input-size",
         [usage_bytes](const std::string& text) {
           auto bytes = rateline::cli::parse_size(text);
           if (!bytes) throw CLI::ValidationError("--max-input-size", "takes a size such as 64M or 2G, got `" + text + "`");
           rateline::SourceFile::set_max_load_bytes(*bytes);
           if (usage_bytes) *usage_bytes = *bytes;
         },
         "largest input file read, e.g. 64M or 2G (defaults: tariffs 16M, usage and reads 1G)");
}

void add_bill_options(CLI::App* cmd, BillArgs& a, bool with_format) {
  cmd->add_option("tariff", a.tariff, "tariff file")->required();
  cmd->add_option("--usage", a.usage_args,
                  "interval usage: CSV (start,kwh) or SAM load file (kW_60min / kW_15min); METER=FILE for each meter of a tariff of several services");
  cmd->add_option("--reads", a.reads_args,
                  "meter register reads: CSV (meter,read_date,reading,dials,multiplier,type); METER=FILE for each meter of a tariff of several services");
  cmd->add_option("--from", a.from, "first day billed, YYYY-MM-DD (tariff local time)")->required();
  cmd->add_option("--to", a.to, "day after the last day billed, YYYY-MM-DD")->required();
  if (with_format) rateline::cli::add_table_flags(cmd, &a.show_zero_lines);
  if (with_format) cmd->add_option("--format", a.format, "table, json, csv, or test (a golden bill case: docs/bill-tests.md)")
                       ->check(CLI::IsMember({"table", "json", "csv", "test"}));
  cmd->add_option("--cycle", a.cycle, "bill each calendar month, quarter or year of [from, to): monthly, quarterly, annual")
      ->check(CLI::IsMember({"monthly", "quarterly", "annual"}));
  cmd->add_option("--as-of", a.as_of, "bill the whole period at the tariff version in effect on this date, YYYY-MM-DD");
  cmd->add_option("--interval", a.interval_text, "interval length in minutes (inferred from the data when absent)");
  cmd->add_option("--start", a.start, "local start of the first interval of a SAM load file, YYYY-MM-DD[THH:MM]");
  cmd->add_option("--attribute", a.attributes, "account attribute NAME=VALUE (repeatable)");
  cmd->add_option("--demand-history", a.demand_history, "earlier months' maximum demands for ratchets: CSV lines YYYY-MM,kW");
  cmd->add_option("--usage-history", a.usage_history, "earlier months' usage for a charge on an average of months: CSV lines YYYY-MM,usage");
  cmd->add_option("--past-due", a.past_due, "the account's unpaid balance from earlier bills, for a late fee, e.g. 120.00");
  cmd->add_option("--due-date", a.due_date, "the day the past-due balance was due, YYYY-MM-DD");
  cmd->add_option("--paid-on", a.paid_on, "the day the past-due balance was paid, YYYY-MM-DD (absent: unpaid on the bill's --to date)");
  cmd->add_option("--local-time", a.local_time, "ambiguous or missing local timestamps: error, earliest or latest")
      ->check(CLI::IsMember({"error", "earliest", "latest"}));
  cmd->add_option("--demand-window", a.demand_window, "maximum demand over the tariff's demand window, or over each data interval (as NREL SAM)")
      ->check(CLI::IsMember({"tariff", "data"}));
  cmd->add_flag("--allow-gaps", a.allow_gaps, "bill missing intervals as zero (reported on the bill)");
  cmd->add_flag("--allow-partial", a.allow_partial, "bill a period the usage covers only in part");
  add_size_option(cmd, &a.max_input_bytes);
}

namespace {

// How usage files are read (--interval, --start, --allow-gaps, --local-time); 0, or the exit status.
int usage_options(const BillArgs& a, const std::string& zone, rateline::UsageReadOptions& options) {
  options.time_zone = zone;
  options.gaps = a.allow_gaps ? rateline::GapPolicy::zero : rateline::GapPolicy::error;
  options.local_time = a.local_time == "earliest" ? rateline::LocalTimePolicy::earliest
                     : a.local_time == "latest"   ? rateline::LocalTimePolicy::latest
                                                  : rateline::LocalTimePolicy::error;
  if (!a.interval_text.empty()) {
    options.interval_minutes = parse_minutes(a.interval_text);
    if (!options.interval_minutes) {
      std::cerr << "rateline: --interval takes whole minutes from 1 to 1440, e.g. 15 (got `" << a.interval_text << "`)\n";
      return 2;
    }
  }
  if (!a.start.empty()) {
    options.sam_start = parse_local(a.start);
    if (!options.sam_start) {
      std::cerr << "rateline: --start takes YYYY-MM-DD or YYYY-MM-DDTHH:MM with hours 00-23 and minutes 00-59 (got `"
                << a.start << "`)\n";
      return 2;
    }
  }
  options.max_file_bytes = a.max_input_bytes;
  return 0;
}

// The account (--attribute, --demand-history, --past-due ...) and the bill options; 0, or the exit status.
int account_and_options(const BillArgs& a, bool explain, rateline::Account& account, rateline::BillOptions& bill_options) {
  for (auto& kv : a.attributes) {
    auto eq = kv.find('=');
    if (eq == std::string::npos) {
      std::cerr << "rateline: --attribute takes NAME=VALUE\n";
      return 2;
    }
    account.attributes[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  if (!a.demand_history.empty() && !read_monthly_history(a.demand_history, "kW", account.demand_history)) return 1;
  if (!a.usage_history.empty() && !read_monthly_history(a.usage_history, "usage", account.usage_history)) return 1;
  if (!a.past_due.empty()) {
    account.past_due = rateline::Decimal::parse(a.past_due);
    if (!account.past_due) {
      std::cerr << "rateline: --past-due takes an amount such as 120.00\n";
      return 2;
    }
  }
  for (auto [text, date, option] : {std::tuple{&a.due_date, &account.due_date, "--due-date"}, std::tuple{&a.paid_on, &account.paid_on, "--paid-on"}}) {
    if (text->empty()) continue;
    *date = parse_date(*text);
    if (!*date) {
      std::cerr << "rateline: " << option << " takes a date as YYYY-MM-DD\n";
      return 2;
    }
  }
  bill_options.trace = explain;
  bill_options.coverage = a.allow_partial ? rateline::CoveragePolicy::bill_available : rateline::CoveragePolicy::error;
  bill_options.demand_window = a.demand_window == "data" ? rateline::DemandWindowPolicy::data_interval : rateline::DemandWindowPolicy::tariff;
  if (!a.as_of.empty()) {
    bill_options.as_of = parse_date(a.as_of);
    if (!bill_options.as_of) {
      std::cerr << "rateline: --as-of takes a date as YYYY-MM-DD\n";
      return 2;
    }
  }
  return 0;
}

rateline::Unit meter_unit(const rateline::RateGraph& graph) {
  const auto& service = graph.info().service;
  return service == "gas" ? rateline::Unit::therm : (service == "water" || service == "sewer") ? rateline::Unit::gal : rateline::Unit::kWh;
}

// A bill for several services (docs/language.md, "Several services on one bill"): each
// meter's usage is named, `--usage electric=FILE --reads water=FILE`. Also a tariff of
// fixed charges only, billed without usage.
// One bill (no --cycle) or the series, in the format asked for; both bill paths print so.
void print_bills(const rateline::BillSeries& series, const BillArgs& a, const std::vector<rateline::ServiceGraph>& services) {
  const auto table = rateline::cli::table_options_of(services, a.show_zero_lines);
  if (a.cycle.empty()) {
    const auto& b = series.bills.front();
    std::cout << (a.format == "json" ? rateline::format_json(b) : a.format == "csv" ? rateline::format_csv(b) : rateline::format_table(b, table));
  } else {
    std::cout << (a.format == "json"  ? rateline::format_series_json(series)
                  : a.format == "csv" ? rateline::format_series_csv(series)
                                      : rateline::format_series_table(series, table));
  }
}

int run_services_bill(const std::vector<rateline::ServiceGraph>& services, const BillArgs& a, year_month_day from, year_month_day to, bool explain) {
  if (a.format == "test") {
    std::cerr << "rateline: --format test records a bill from one usage file; write the case of a tariff of several services, "
                 "or of fixed charges only, by hand (docs/bill-tests.md)\n";
    return 2;
  }
  rateline::UsageReadOptions options;
  if (int status = usage_options(a, services.front().graph.info().time_zone, options)) return status;
  std::map<std::string, rateline::IntervalUsage> intervals;
  std::map<std::string, rateline::RegisterUsage> reads;
  std::map<std::string, rateline::MeterUsage> meters;
  for (bool is_reads : {false, true}) {
    for (auto& arg : is_reads ? a.reads_args : a.usage_args) {
      auto eq = arg.find('=');
      if (eq == std::string::npos || eq == 0) {
        std::cerr << "rateline: this tariff bills several services: name the meter of each usage file, e.g. "
                  << (is_reads ? "--reads " : "--usage ") << services.front().meter << "=" << arg << "\n";
        return 2;
      }
      auto meter = arg.substr(0, eq), file = arg.substr(eq + 1);
      if (meters.count(meter)) {
        std::cerr << "rateline: meter `" << meter << "` is given usage twice\n";
        return 2;
      }
      try {
        if (is_reads) {
          auto unit = rateline::Unit::kWh;
          for (auto& sv : services)
            if (sv.meter == meter) unit = meter_unit(sv.graph);
          auto r = rateline::read_register_reads_file(file, unit, a.max_input_bytes);
          if (print_diagnostics(r.diagnostics) || !r.usage) return 1;
          meters[meter].reads = &reads.emplace(meter, std::move(*r.usage)).first->second;
        } else {
          auto r = rateline::read_interval_csv_file(file, options);
          if (print_diagnostics(r.diagnostics) || !r.usage) return 1;
          meters[meter].intervals = &intervals.emplace(meter, std::move(*r.usage)).first->second;
        }
      } catch (const std::exception& e) {
        std::cerr << "rateline: " << e.what() << "\n";
        return 1;
      }
    }
  }
  rateline::Account account;
  rateline::BillOptions bill_options;
  if (int status = account_and_options(a, explain, account, bill_options)) return status;
  std::vector<rateline::BillingPeriod> periods =
      !a.cycle.empty() ? rateline::cycle_periods(from, to, rateline::cli::cycle_months(a.cycle)) : std::vector<rateline::BillingPeriod>{{from, to}};
  auto result = rateline::bill_services(services, meters, periods, account, bill_options);
  if (print_diagnostics(result.diagnostics) || !result.series) return 1;
  const auto& series = *result.series;
  if (explain) {
    for (auto& b : series.bills) std::cout << rateline::format_explain(b) << "\n";
    return 0;
  }
  print_bills(series, a, services);
  return 0;
}

}  // namespace

int run_bill(const BillArgs& args, bool explain) {
  auto services = compile_services(args.tariff);
  if (!services) return 1;
  const bool several = !services->front().id.empty();
  const rateline::RateGraph* graph = &services->front().graph;
  BillArgs a = args;
  if (!several) {
    if (a.usage_args.size() > 1 || a.reads_args.size() > 1 || (!a.usage_args.empty() && !a.reads_args.empty())) {
      std::cerr << "rateline: give one usage: --usage INTERVALS.csv or --reads READS.csv\n";
      return 2;
    }
    if (!a.usage_args.empty()) a.usage = a.usage_args.front();
    if (!a.reads_args.empty()) a.reads = a.reads_args.front();
  }
  auto from = parse_date(a.from), to = parse_date(a.to);
  if (!from || !to) {
    std::cerr << "rateline: --from and --to take dates as YYYY-MM-DD\n";
    return 2;
  }
  if (several) return run_services_bill(*services, a, *from, *to, explain);
  if (a.usage.empty() && a.reads.empty()) {
    // Fixed charges only (a standby fee): billed on no usage, as such a service is.
    if (!services->front().needs_usage) return run_services_bill(*services, a, *from, *to, explain);
    std::cerr << "rateline: give the usage: --usage INTERVALS.csv or --reads READS.csv\n";
    return 2;
  }
  rateline::UsageReadOptions options;
  if (int status = usage_options(a, graph->info().time_zone, options)) return status;
  rateline::UsageReadResult usage;
  rateline::RegisterReadResult reads;
  try {
    if (!a.reads.empty()) {
      auto unit = graph->info().service == "gas" ? rateline::Unit::therm
                : (graph->info().service == "water" || graph->info().service == "sewer") ? rateline::Unit::gal
                                                                                          : rateline::Unit::kWh;
      reads = rateline::read_register_reads_file(a.reads, unit, a.max_input_bytes);
    } else {
      usage = rateline::read_interval_csv_file(a.usage, options);
    }
  } catch (const std::exception& e) {
    std::cerr << "rateline: " << e.what() << "\n";
    return 1;
  }
  if (!a.reads.empty() ? (print_diagnostics(reads.diagnostics) || !reads.usage) : (print_diagnostics(usage.diagnostics) || !usage.usage))
    return 1;
  rateline::Account account;
  rateline::BillOptions bill_options;
  if (int status = account_and_options(a, explain, account, bill_options)) return status;
  std::vector<rateline::BillingPeriod> periods =
      !a.cycle.empty() ? rateline::cycle_periods(*from, *to, rateline::cli::cycle_months(a.cycle)) : std::vector<rateline::BillingPeriod>{{*from, *to}};
  auto result = reads.usage ? rateline::bill_periods(*graph, *reads.usage, periods, account, bill_options)
                            : rateline::bill_periods(*graph, *usage.usage, periods, account, bill_options);
  if (print_diagnostics(result.diagnostics) || !result.series) return 1;
  const auto& series = *result.series;
  if (explain) {
    for (auto& b : series.bills) std::cout << rateline::format_explain(b) << "\n";
    return 0;
  }
  if (a.format == "test") {
    rateline::cli::RecordedInputs in{
        .tariff = a.tariff, .usage_file = a.usage, .reads_file = a.reads, .start = a.start, .period = {*from, *to},
        .cycle = a.cycle, .account = account,
        .policies = {a.allow_gaps, a.allow_partial, options.local_time, bill_options.demand_window, bill_options.as_of, options.interval_minutes, {}},
        .case_dir = rateline::cli::output_folder()};
    std::cout << rateline::cli::format_case(in, series);
    return 0;
  }
  print_bills(series, a, *services);
  return 0;
}

}  // namespace rateline::cli
