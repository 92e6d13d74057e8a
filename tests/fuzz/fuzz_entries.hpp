// fuzz_entries.hpp — what each fuzz target does with one input, shared by the libFuzzer
// programs (tests/fuzz/fuzz_*.cpp) and the regression test that replays every finding
// (tests/unit/hardening/fuzz_regressions_test.cpp).
//
//   rateline::fuzz::tariff(data, size);   // text -> check -> compile -> bill (+ report)
//   rateline::fuzz::usage(data, size);    // interval CSV / SAM load, every policy
//   rateline::fuzz::reads(data, size);    // register reads -> bill
//   rateline::fuzz::urdb(data, size);     // URDB JSON -> tariff text, which must compile
//   rateline::fuzz::batch(data, size);    // accounts table + long-format usage -> bill_population
//
// Each returns normally for any input; a broken promise (an emitted tariff that does not
// compile, a total that is not the sum of its line items) aborts, so the fuzzer reports it.
#pragma once

#include "rateline/bill.hpp"
#include "rateline/population.hpp"
#include "rateline/register_reads.hpp"
#include "rateline/report.hpp"
#include "rateline/tariff.hpp"
#include "rateline/urdb.hpp"
#include "rateline/usage.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <unistd.h>

namespace rateline::fuzz {

using namespace std::chrono;

inline void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz: broken promise: %s\n", what);
    std::abort();
  }
}

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

inline void check_bill(const BillResult& result) {
  if (!result.bill) return;
  Decimal sum;
  for (auto& li : result.bill->line_items) sum = sum + li.amount;
  require(sum == result.bill->total, "the total is the sum of the line items");
  (void)format_json(*result.bill);
  (void)format_table(*result.bill);
}

/// July 2024, hourly, on every channel: enough for any tariff to bill something.
inline const IntervalUsage& july_usage() {
  static const IntervalUsage usage = [] {
    IntervalUsage u;
    u.delivered.start = sys_seconds{sys_days{2024y / July / 1}.time_since_epoch()};
    u.delivered.minutes = 60;
    u.delivered.scale = 1;
    for (int i = 0; i < 31 * 24; ++i) u.delivered.values.push_back(5 + (i * 7919) % 40);
    u.received = u.delivered;
    for (auto& v : u.received->values) v = v % 3;
    u.reactive = u.delivered;
    u.source = "fuzz";
    return u;
  }();
  return usage;
}

inline void tariff(const std::uint8_t* data, std::size_t size) {
  auto compiled = compile_tariff(std::make_shared<const SourceFile>("fuzz.tariff", std::string(text_of(data, size))));
  for (auto& d : compiled.diagnostics) (void)render(d);
  if (!compiled.graph) return;
  Account account;
  account.past_due = Decimal::parse("120.00");
  account.due_date = 2024y / June / 20;
  for (auto coverage : {CoveragePolicy::error, CoveragePolicy::bill_available}) {
    BillOptions options;
    options.coverage = coverage;
    options.trace = coverage == CoveragePolicy::bill_available;
    auto result = bill(*compiled.graph, july_usage(), BillingPeriod{2024y / July / 1, 2024y / August / 1}, account, options);
    check_bill(result);
    if (result.bill && options.trace) (void)format_explain(*result.bill);
  }
}

/// A folder of this process's own, for targets that need files (made once, removed with
/// what is in it when the process exits normally).
inline const std::filesystem::path& scratch_dir() {
  struct Folder {
    std::filesystem::path path;
    Folder() : path(std::filesystem::temp_directory_path() / ("rateline_fuzz_" + std::to_string(::getpid()))) {
      std::filesystem::create_directories(path);
    }
    ~Folder() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  };
  static const Folder folder;
  return folder.path;
}

inline void usage(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return;
  const std::uint8_t policy = data[0];   // the first byte picks the options
  UsageReadOptions options;
  options.gaps = (policy & 1) ? GapPolicy::zero : GapPolicy::error;
  options.local_time = (policy & 6) == 2 ? LocalTimePolicy::earliest : (policy & 6) == 4 ? LocalTimePolicy::latest : LocalTimePolicy::error;
  options.time_zone = (policy & 8) ? "America/New_York" : "";
  if (policy & 16) options.interval_minutes = (policy & 32) ? 15 : 60;
  if (policy & 64) options.sam_start = local_seconds{local_days{2024y / March / 10}.time_since_epoch()};
  const std::string path = (scratch_dir() / "usage.csv").string();
  auto result = read_interval_csv(text_of(data + 1, size - 1), path, options);
  for (auto& d : result.diagnostics) (void)render(d);
  if (result.usage) require(!result.usage->delivered.empty(), "usage read without errors has intervals");
  // The same text from a file (streamed when it is clean and in order) reads the same.
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
  }
  auto from_file = read_interval_csv_file(path, options);
  require(from_file.diagnostics.size() == result.diagnostics.size(), "a usage file reads as its text: diagnostics");
  for (std::size_t i = 0; i < result.diagnostics.size(); ++i)
    require(render(from_file.diagnostics[i]) == render(result.diagnostics[i]), "a usage file reads as its text: diagnostics");
  require(from_file.usage.has_value() == result.usage.has_value(), "a usage file reads as its text: usage");
  if (!result.usage) return;
  auto same = [](const IntervalSeries& a, const IntervalSeries& b) {
    return a.start == b.start && a.minutes == b.minutes && a.scale == b.scale && a.unit == b.unit && a.values == b.values &&
           a.missing == b.missing;
  };
  auto same_optional = [&](const std::optional<IntervalSeries>& a, const std::optional<IntervalSeries>& b) {
    return a.has_value() == b.has_value() && (!a || same(*a, *b));
  };
  require(same(from_file.usage->delivered, result.usage->delivered) && same_optional(from_file.usage->received, result.usage->received) &&
              same_optional(from_file.usage->reactive, result.usage->reactive),
          "a usage file reads as its text: series");
}

inline void reads(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return;
  const Unit unit = data[0] % 3 == 0 ? Unit::kWh : data[0] % 3 == 1 ? Unit::therm : Unit::gal;
  auto result = read_register_reads(text_of(data + 1, size - 1), "fuzz_reads.csv", unit);
  for (auto& d : result.diagnostics) (void)render(d);
  if (!result.usage || unit != Unit::kWh) return;
  static const auto graph = [] {
    auto c = compile_tariff(std::make_shared<const SourceFile>("flat.tariff",
        "tariff \"Flat\" {\n currency USD\n timezone \"UTC\"\n effective 2000-01-01\n rounding line_items 0.01 half_up\n"
        " charge basic \"Basic\": 10.00 $/month\n charge energy \"Energy\" on energy: 0.1 $/kWh\n}\n"));
    require(c.graph.has_value(), "the fixed reads tariff compiles");
    return *c.graph;
  }();
  auto series = bill_periods(graph, *result.usage, monthly_periods(2024y / July / 1, 2024y / September / 1), Account{}, BillOptions{});
  if (series.series) {
    Decimal sum;
    for (auto& b : series.series->bills) sum = sum + b.total;
    require(sum == series.series->total, "the series total is the sum of its bills");
  }
}

inline void urdb(const std::uint8_t* data, std::size_t size) {
  UrdbImportOptions options;
  if (size > 0 && (data[size - 1] & 1)) options.tier_allocation = UrdbTierAllocation::chronological;
  auto result = import_urdb(text_of(data, size), "fuzz.json", options);
  for (auto& d : result.diagnostics) {
    (void)render(d);
    require(d.code != "I0099", "an imported tariff checks");
  }
  if (!result.tariff_text) return;
  auto compiled = compile_tariff(std::make_shared<const SourceFile>("fuzz.json.tariff", *result.tariff_text));
  require(compiled.graph.has_value(), "an imported tariff compiles");
}

// ---- batch: the accounts table and long-format usage of `rateline batch` ----

/// The tariffs the accounts may name, and the usage file, in the scratch folder.
inline const std::filesystem::path& batch_dir() {
  static const std::filesystem::path dir = [] {
    auto d = scratch_dir() / "batch";
    std::filesystem::create_directories(d / "tariffs");
    std::ofstream(d / "tariffs/flat.tariff") << "tariff \"Flat\" {\n currency USD\n timezone \"America/New_York\"\n effective 2000-01-01\n"
                                                " proration days_over_days_in_month\n rounding line_items 0.01 half_up\n"
                                                " charge basic \"Basic\": 15.00 $/month\n charge energy \"Energy\" on energy: 0.1 $/kWh\n}\n";
    std::ofstream(d / "tariffs/tou.tariff")
        << "tariff \"TOU demand\" {\n currency USD\n timezone \"UTC\"\n effective 2000-01-01\n rounding line_items 0.01 half_up\n"
           " net_metering per_tou_period\n"
           " period on_peak \"On-Peak\": weekday 14:00-19:00\n period off_peak \"Off-Peak\": otherwise\n"
           " charge energy \"Energy\" on energy in on_peak: 0.2 $/kWh\n charge energy_off \"Energy off-peak\" on energy in off_peak: 0.08 $/kWh\n"
           " charge demand \"Demand\" on demand: tiers {\n  first 10 kW: 5.00 $/kW\n  above: 7.50 $/kW\n }\n"
           " credit export \"Export credit\" on received_energy: -0.05 $/kWh\n}\n";
    return d;
  }();
  return dir;
}

struct StringSink : PopulationSink {
  std::string bill_rows, exception_rows;
  void bills(std::string_view text) override { bill_rows += text; }
  void exceptions(std::string_view text) override { exception_rows += text; }
};

/// First byte: options (bit 0 register reads instead of intervals, 1 CSV/JSONL, 2 line items,
/// 3 gaps as zero, 4 local time earliest); the rest is the accounts table, a NUL byte, and
/// the usage file. Accounts may name only the tariffs `flat` and `tou` (a path is a file of
/// the machine, which is not the input). Promises: every account ends billed, failed or out
/// of service; the rows do not depend on the thread count; usage in table order bills the
/// same with --usage-order any.
inline void batch(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return;
  const std::uint8_t flags = data[0];
  const std::string_view rest = text_of(data + 1, size - 1);
  const std::size_t cut = rest.find('\0');
  const std::string_view accounts = rest.substr(0, cut);
  const std::string_view usage = cut == std::string_view::npos ? std::string_view{} : rest.substr(cut + 1);

  auto table = read_accounts_csv(accounts, (batch_dir() / "accounts.csv").string());
  for (auto& d : table.diagnostics) (void)render(d);
  if (!table.table) return;
  for (auto& record : table.table->accounts)
    if (record.tariff.find('/') != std::string::npos || record.tariff.find('\\') != std::string::npos ||
        record.tariff.ends_with(".tariff"))
      return;
  const auto usage_path = (batch_dir() / "usage.csv").string();
  {
    std::ofstream out(usage_path, std::ios::binary | std::ios::trunc);
    out.write(usage.data(), static_cast<std::streamsize>(usage.size()));
  }

  PopulationOptions options;
  if (flags & 1) options.reads_files = {usage_path};
  else options.usage_files = {usage_path};
  options.tariff_dir = (batch_dir() / "tariffs").string();
  options.periods = monthly_periods(2024y / July / 1, 2024y / September / 1);
  options.format = (flags & 2) ? PopulationFormat::jsonl : PopulationFormat::csv;
  options.line_items = (flags & 4) != 0;
  options.usage.gaps = (flags & 8) ? GapPolicy::zero : GapPolicy::error;
  options.usage.local_time = (flags & 16) ? LocalTimePolicy::earliest : LocalTimePolicy::error;

  struct Run {
    StringSink sink;
    PopulationSummary summary;
  };
  auto run = [&](unsigned threads, UsageOrder order) {
    Run r;
    options.threads = threads;
    options.in_flight = threads == 1 ? 1 : 0;
    options.usage_order = order;
    r.summary = bill_population(*table.table, options, r.sink);
    for (auto& d : r.summary.errors) (void)render(d);
    return r;
  };
  const Run one = run(1, UsageOrder::table);
  if (one.summary.errors.empty())
    require(one.summary.billed + one.summary.failed + one.summary.not_in_service == one.summary.accounts,
            "every account is billed, failed or out of service");
  const Run two = run(2, UsageOrder::table);
  // A run that stops (usage out of order, an unreadable file) writes no output: `rateline
  // batch` discards the rows its sink had by then, and how many it had depends on how far
  // the workers got. Its promise is the same errors.
  std::string errors_one, errors_two;
  for (auto& d : one.summary.errors) errors_one += render(d);
  for (auto& d : two.summary.errors) errors_two += render(d);
  require(errors_one == errors_two, "the errors that stop a run do not depend on the thread count");
  if (!one.summary.errors.empty()) return;
  require(one.sink.bill_rows == two.sink.bill_rows && one.sink.exception_rows == two.sink.exception_rows,
          "the rows do not depend on the thread count");
  const Run any = run(2, UsageOrder::any);
  require(any.summary.errors.empty() && one.sink.bill_rows == any.sink.bill_rows && one.sink.exception_rows == any.sink.exception_rows,
          "usage in table order bills the same with usage order any");
}

}  // namespace rateline::fuzz
