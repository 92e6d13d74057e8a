// fuzz_entries.hpp — what each fuzz target does with one input, shared by the libFuzzer
// programs (tests/fuzz/fuzz_*.cpp) and the regression test that replays every finding
// (tests/unit/hardening/fuzz_regressions_test.cpp).
//
//   rateline::fuzz::tariff(data, size);   // text -> check -> compile -> bill (+ report)
//   rateline::fuzz::usage(data, size);    // interval CSV / SAM load, every policy
//   rateline::fuzz::reads(data, size);    // register reads -> bill
//   rateline::fuzz::urdb(data, size);     // URDB JSON -> tariff text, which must compile
//
// Each returns normally for any input; a broken promise (an emitted tariff that does not
// compile, a total that is not the sum of its line items) aborts, so the fuzzer reports it.
#pragma once

#include "rateline/bill.hpp"
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
#include <memory>
#include <string>
#include <string_view>

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

inline void usage(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return;
  const std::uint8_t policy = data[0];   // the first byte picks the options
  UsageReadOptions options;
  options.gaps = (policy & 1) ? GapPolicy::zero : GapPolicy::error;
  options.local_time = (policy & 6) == 2 ? LocalTimePolicy::earliest : (policy & 6) == 4 ? LocalTimePolicy::latest : LocalTimePolicy::error;
  options.time_zone = (policy & 8) ? "America/New_York" : "";
  if (policy & 16) options.interval_minutes = (policy & 32) ? 15 : 60;
  if (policy & 64) options.sam_start = local_seconds{local_days{2024y / March / 10}.time_since_epoch()};
  auto result = read_interval_csv(text_of(data + 1, size - 1), "fuzz.csv", options);
  for (auto& d : result.diagnostics) (void)render(d);
  if (result.usage) require(!result.usage->delivered.empty(), "usage read without errors has intervals");
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

}  // namespace rateline::fuzz
