// `rateline compare` (compare_command.hpp): bills with the public API, compares and ranks
// with rateline/analysis.hpp, writes the outputs whole or not at all.
#include "compare_command.hpp"

#include "meter_files.hpp"

#include "rateline/analysis.hpp"
#include "rateline/bill.hpp"
#include "rateline/html_report.hpp"
#include "rateline/population.hpp"
#include "rateline/register_reads.hpp"
#include "rateline/tariff.hpp"
#include "rateline/usage.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

namespace rateline::cli {

namespace {

std::optional<std::chrono::year_month_day> parse_day(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  std::chrono::year_month_day d{std::chrono::year{std::stoi(s.substr(0, 4))}, std::chrono::month{static_cast<unsigned>(std::stoi(s.substr(5, 2)))},
                                std::chrono::day{static_cast<unsigned>(std::stoi(s.substr(8, 2)))}};
  if (!d.ok()) return std::nullopt;
  return d;
}

// The unit register reads of a rate's meter are in: the service's metered unit.
Unit reads_unit(const RateGraph& graph) {
  const auto& service = graph.info().service;
  return service == "gas" ? Unit::therm : (service == "water" || service == "sewer") ? Unit::gal : Unit::kWh;
}

// One meter's usage: interval usage or register reads. The loaded usage lives in `intervals`
// or `reads` (map nodes do not move).
struct LoadedUsage {
  std::map<std::string, IntervalUsage> intervals;
  std::map<std::string, RegisterUsage> reads;
};

// Reads `file` as `meter`'s usage (intervals in the rate's time zone, reads in `unit`) into
// `loaded`; false with the reader's diagnostics when it cannot be read.
bool load_meter(const std::string& meter, const std::string& file, bool is_reads, Unit unit, const std::string& time_zone,
                LoadedUsage& loaded, MeterUsage& into, std::vector<Diagnostic>& diagnostics) {
  if (is_reads) {
    auto reads = read_register_reads_file(file, unit);
    if (!reads.usage) {
      diagnostics = std::move(reads.diagnostics);
      return false;
    }
    into.reads = &loaded.reads.insert_or_assign(meter, std::move(*reads.usage)).first->second;
    return true;
  }
  UsageReadOptions options;
  options.time_zone = time_zone;
  auto usage = read_interval_csv_file(file, options);
  if (!usage.usage) {
    diagnostics = std::move(usage.diagnostics);
    return false;
  }
  into.intervals = &loaded.intervals.insert_or_assign(meter, std::move(*usage.usage)).first->second;
  return true;
}

// Bills one rate over the periods, or says why it cannot. `files` holds either one file
// without a meter name (usage_files / reads_files) or files named by meter (meter_files):
// a rate of several services takes each service's meter; a rate of one service takes the
// one unnamed file, or the file named after its service (`electric=...`).
RateBills bill_one_rate(const std::string& tariff, const PopulationOptions& files, const Account& account,
                        const std::vector<BillingPeriod>& periods) {
  RateBills out{tariff, std::nullopt, {}};
  try {
    auto compiled = compile_services_file(tariff);
    if (compiled.services.empty()) {
      out.diagnostics = std::move(compiled.diagnostics);
      return out;
    }
    const auto& services = compiled.services;
    const RateGraph& first = services.front().graph;
    const bool several = !services.front().id.empty();
    LoadedUsage loaded;
    BillSeriesResult result;
    if (several) {
      if (files.meter_files.empty()) {
        std::string meters;
        for (const auto& sv : services)
          if (sv.needs_usage && meters.find(sv.meter) == std::string::npos) meters += (meters.empty() ? "" : ", ") + sv.meter;
        out.diagnostics.push_back({Severity::error, "A0022",
                                   "`" + first.info().name + "` bills " + std::to_string(services.size()) + " services, and the usage names no meter",
                                   {}, "name the meter of each usage file: --usage NAME=FILE or --reads NAME=FILE, NAME one of: " + meters});
        return out;
      }
      std::map<std::string, MeterUsage> meters;
      for (const auto& m : files.meter_files) {
        Unit unit = Unit::kWh;
        for (const auto& sv : services)
          if (sv.meter == m.meter) unit = reads_unit(sv.graph);
        if (!load_meter(m.meter, m.files.front(), m.reads, unit, first.info().time_zone, loaded, meters[m.meter], out.diagnostics)) return out;
      }
      result = bill_services(services, meters, periods, account, BillOptions{});
    } else {
      std::string file;
      bool is_reads = !files.reads_files.empty();
      if (!files.usage_files.empty() || !files.reads_files.empty()) {
        file = is_reads ? files.reads_files.front() : files.usage_files.front();
      } else {
        const std::string& service = first.info().service;
        for (const auto& m : files.meter_files)
          if (m.meter == service || files.meter_files.size() == 1) file = m.files.front(), is_reads = m.reads;
        if (file.empty()) {
          out.diagnostics.push_back({Severity::error, "A0022", "`" + first.info().name + "` bills one service (" + service +
                                     "), and no usage file is named for it", {},
                                     "name its usage " + service + "=FILE, or give one file without a meter name"});
          return out;
        }
      }
      MeterUsage usage;
      if (!load_meter("", file, is_reads, reads_unit(first), first.info().time_zone, loaded, usage, out.diagnostics)) return out;
      result = usage.reads ? bill_periods(first, *usage.reads, periods, account, BillOptions{})
                           : bill_periods(first, *usage.intervals, periods, account, BillOptions{});
    }
    out.series = std::move(result.series);
    out.diagnostics = std::move(result.diagnostics);
  } catch (const std::exception& e) {
    out.series.reset();
    out.diagnostics.push_back(Diagnostic{Severity::error, "A0020", e.what(), {}, ""});
  }
  return out;
}

}  // namespace

CompareCommand::CompareCommand(CLI::App& app) {
  compare_ = app.add_subcommand("compare", "rank rates for one customer (--rates), or compare an old and a new rate over a population (--accounts)");
  compare_->add_option("tariffs", tariffs_, "OLD.tariff NEW.tariff (with --accounts)")->expected(0, 2);
  compare_->add_option("--rates", rates_, "the rates to rank for one customer's usage")->expected(1, -1);
  compare_->add_option("--usage", usage_, "interval usage (one customer: CSV start,kwh; --accounts: long format; METER=FILE for a meter "
                                          "of tariffs of several services, repeatable)");
  compare_->add_option("--reads", reads_, "meter register reads instead of intervals (one customer; --accounts: long format, METER=FILE as --usage)");
  compare_->add_option("--accounts", accounts_, "accounts table (docs/accounts-format.md)");
  compare_->add_option("--from", from_, "first day billed, YYYY-MM-DD")->required();
  compare_->add_option("--to", to_, "day after the last day billed, YYYY-MM-DD")->required();
  compare_->add_option("--cycle", cycle_, "bill each calendar month of [from, to) (default), or one bill: none")->check(CLI::IsMember({"monthly", "none"}));
  compare_->add_option("--format", format_, "--rates: table or json; --accounts: text or json (the summary on stdout)")
      ->check(CLI::IsMember({"table", "text", "json"}));
  compare_->add_option("--attribute", attributes_, "account attribute NAME=VALUE (--rates; repeatable)");
  compare_->add_option("--out", out_, "--accounts: per-account CSV (old, new, change, percent, changed line items)");
  compare_->add_option("--html", html_, "--accounts: a self-contained HTML report");
  compare_->add_option("--revenue-target", revenue_target_, "--accounts: the revenue change the new rate aims at, e.g. +3.5%");
  compare_->add_option("--unchanged-for", unchanged_for_, "--accounts: a rate class (CLASS) or attribute (NAME=VALUE) the new rate must not change");
  compare_->add_option("--tariffs", tariff_dir_, "--accounts: folder a tariff name is looked up in (default: tariffs)");
  compare_->add_option("--usage-order", usage_order_, "--accounts: table (usage grouped in the accounts table's order, default) or any")
      ->check(CLI::IsMember({"table", "any"}));
  compare_->add_option("--threads", threads_, "--accounts: worker threads (0 = all cores)");
}

bool CompareCommand::parsed() const { return compare_->parsed(); }

int CompareCommand::run() const {
  if (!rates_.empty() && !tariffs_.empty()) {
    std::cerr << "rateline: compare takes either --rates A B ... or OLD NEW --accounts, not both\n";
    return 2;
  }
  if (!rates_.empty()) return run_ranking();
  if (tariffs_.size() == 2 && !accounts_.empty()) return run_population();
  std::cerr << "rateline: compare needs --rates A.tariff B.tariff ... (one customer) or OLD.tariff NEW.tariff --accounts A.csv (a population)\n";
  return 2;
}

int CompareCommand::run_ranking() const {
  auto from = parse_day(from_), to = parse_day(to_);
  if (!from || !to || std::chrono::sys_days{*to} <= std::chrono::sys_days{*from}) {
    std::cerr << "rateline: --from and --to take dates as YYYY-MM-DD, --to after --from\n";
    return 2;
  }
  PopulationOptions files;  // only its usage fields: the files of this one customer
  if (!split_meter_files(usage_, reads_, files)) return 2;
  const std::size_t unnamed = files.usage_files.size() + files.reads_files.size();
  if (files.meter_files.empty() ? unnamed != 1 : unnamed != 0) {
    std::cerr << "rateline: give the usage: --usage INTERVALS.csv or --reads READS.csv, or for rates of several services one file per meter "
                 "(--usage electric=FILE --reads water=FILE)\n";
    return 2;
  }
  for (const auto& m : files.meter_files)
    if (m.files.size() != 1) {
      std::cerr << "rateline: meter `" << m.meter << "` is given " << m.files.size() << " files; compare --rates takes one per meter\n";
      return 2;
    }
  if (format_ == "text") {
    std::cerr << "rateline: compare --rates prints a table or json\n";
    return 2;
  }
  Account account;
  for (const auto& kv : attributes_) {
    auto eq = kv.find('=');
    if (eq == std::string::npos) {
      std::cerr << "rateline: --attribute takes NAME=VALUE\n";
      return 2;
    }
    account.attributes[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  const auto periods = cycle_ == "monthly" ? monthly_periods(*from, *to) : std::vector<BillingPeriod>{{*from, *to}};
  std::vector<RateBills> rates;
  for (const auto& tariff : rates_) rates.push_back(bill_one_rate(tariff, files, account, periods));
  for (const auto& r : rates)
    if (!r.series)
      for (const auto& d : r.diagnostics) std::cerr << render(d);
  const auto ranking = rank_rates(std::move(rates));
  std::cout << (format_ == "json" ? format_ranking_json(ranking) : format_ranking_table(ranking));
  return ranking.unbilled.empty() ? 0 : 1;
}

// "+3.5%", "3.5", "-1%" -> the percentage.
std::optional<Decimal> parse_percent(std::string text) {
  if (!text.empty() && text.back() == '%') text.pop_back();
  if (!text.empty() && text.front() == '+') text.erase(0, 1);
  return Decimal::parse(text);
}

int CompareCommand::run_population() const {
  auto from = parse_day(from_), to = parse_day(to_);
  if (!from || !to || std::chrono::sys_days{*to} <= std::chrono::sys_days{*from}) {
    std::cerr << "rateline: --from and --to take dates as YYYY-MM-DD, --to after --from\n";
    return 2;
  }
  if (usage_.empty() && reads_.empty()) {
    std::cerr << "rateline: give the usage: --usage USAGE.csv or --reads READS.csv (long format)\n";
    return 2;
  }
  if (format_ == "table") {
    std::cerr << "rateline: compare --accounts prints its summary as text or json\n";
    return 2;
  }
  ImpactOptions impact;
  if (!revenue_target_.empty()) {
    impact.revenue_target = parse_percent(revenue_target_);
    if (!impact.revenue_target) {
      std::cerr << "rateline: --revenue-target takes a percentage such as +3.5%\n";
      return 2;
    }
  }
  for (const auto& u : unchanged_for_) {
    auto eq = u.find('=');
    impact.unchanged_for.emplace_back(eq == std::string::npos ? std::pair<std::string, std::string>{"", u}
                                                              : std::pair<std::string, std::string>{u.substr(0, eq), u.substr(eq + 1)});
  }
  AccountsReadResult table;
  try {
    table = read_accounts_csv_file(accounts_);
  } catch (const std::exception& e) {
    std::cerr << "rateline: " << e.what() << "\n";
    return 1;
  }
  for (const auto& d : table.diagnostics) std::cerr << render(d);
  if (!table.table) return 1;
  // Compile each rate once here to show its mistakes once; the run names them per account.
  std::vector<std::string> paths;
  for (const auto& t : tariffs_) {
    paths.push_back(std::filesystem::absolute(t).lexically_normal().string());
    try {
      for (const auto& d : compile_services_file(t).diagnostics)  // either side may bill several services
        if (d.severity == Severity::error) std::cerr << render(d);
    } catch (const std::exception& e) {
      std::cerr << "rateline: " << e.what() << "\n";
    }
  }
  PopulationOptions options;
  if (!split_meter_files(usage_, reads_, options)) return 2;
  options.usage_order = usage_order_ == "any" ? UsageOrder::any : UsageOrder::table;
  options.tariff_dir = tariff_dir_;
  options.periods = cycle_ == "monthly" ? monthly_periods(*from, *to) : std::vector<BillingPeriod>{{*from, *to}};
  options.threads = threads_;
  const auto comparison = compare_population(*table.table, paths[0], paths[1], options);
  for (const auto* run : {&comparison.before_run, &comparison.after_run})
    for (const auto& d : run->errors) std::cerr << render(d);
  if (!comparison.before_run.errors.empty() || !comparison.after_run.errors.empty()) return 1;
  const auto summary = summarize_impacts(comparison.accounts, impact);
  if (!out_.empty() && !write_whole_file(out_, format_impacts_csv(comparison.accounts))) return 1;
  if (!html_.empty()) {
    const std::string subtitle = tariffs_[0] + " (old) against " + tariffs_[1] + " (new), " + from_ + " to " + to_ + ", " + accounts_;
    if (!write_whole_file(html_, render_html(impact_html_report(summary, comparison.accounts, "Rate change impact", subtitle)))) return 1;
  }
  std::cout << (format_ == "json" ? format_impact_summary_json(summary) : format_impact_summary_text(summary));
  if (comparison.not_in_service)
    std::cerr << "rateline: " << comparison.not_in_service << (comparison.not_in_service == 1 ? " account was" : " accounts were")
              << " not in service over the period\n";
  return summary.compared == summary.accounts ? 0 : 1;
}

bool write_whole_file(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      std::cerr << "rateline: cannot write " << path << "\n";
      std::filesystem::remove(temporary);
      return false;
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::cerr << "rateline: cannot write " << path << ": " << error.message() << "\n";
    std::filesystem::remove(temporary, error);
    return false;
  }
  return true;
}

std::unique_ptr<CompareCommand> add_compare_command(CLI::App& app) { return std::make_unique<CompareCommand>(app); }

}  // namespace rateline::cli
