// Helpers for the tests of the real tariffs in tariffs/: compile a tariff file, read a
// usage file from examples/usage/, bill a period and compare every line item with the
// amounts worked out by hand in the test's comments.
#pragma once

#include "rateline/bill.hpp"
#include "rateline/decimal.hpp"
#include "rateline/diagnostic.hpp"
#include "rateline/tariff.hpp"
#include "rateline/usage.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <initializer_list>
#include <map>
#include <sstream>
#include <string>
#include <vector>
#include "test_paths.hpp"

namespace tariff_test {

inline std::string render_all(const std::vector<rateline::Diagnostic>& diagnostics) {
  std::string out;
  for (auto& d : diagnostics) out += rateline::render(d) + "\n";
  return out;
}

/// Compiles tariffs/<file>; the test fails if it does not compile or if its warnings are
/// not exactly `warnings` (codes, in order).
inline rateline::RateGraph compile(const std::string& file, std::vector<std::string> warnings = {}) {
  auto result = rateline::compile_tariff_file(std::string(RATELINE_SOURCE_DIR) + "/tariffs/" + file);
  INFO(render_all(result.diagnostics));
  REQUIRE(result.graph);
  std::vector<std::string> codes;
  for (auto& d : result.diagnostics) codes.push_back(d.code);
  CHECK(codes == warnings);
  return *result.graph;
}

/// Reads examples/usage/<file> (timestamps carry their offsets; the zone is for the reader).
inline rateline::IntervalUsage usage(const std::string& file, const std::string& zone) {
  rateline::UsageReadOptions options;
  options.time_zone = zone;
  auto result = rateline::read_interval_csv_file(std::string(RATELINE_SOURCE_DIR) + "/examples/usage/" + file, options);
  INFO(render_all(result.diagnostics));
  REQUIRE(result.usage);
  CHECK_FALSE(rateline::has_errors(result.diagnostics));
  return *result.usage;
}

inline std::chrono::year_month_day ymd(int y, unsigned m, unsigned d) {
  return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

/// Bills [from, to) for an account with the given attributes; the test fails on any diagnostic.
inline rateline::Bill bill(const rateline::RateGraph& graph, const rateline::IntervalUsage& usage,
                           std::chrono::year_month_day from, std::chrono::year_month_day to,
                           std::map<std::string, std::string> attributes = {}) {
  rateline::Account account;
  account.attributes = std::move(attributes);
  auto result = rateline::bill(graph, usage, rateline::BillingPeriod{from, to}, account, rateline::BillOptions{});
  INFO(render_all(result.diagnostics));
  REQUIRE(result.bill);
  CHECK(result.diagnostics.empty());
  return *result.bill;
}

inline rateline::Decimal dec(const char* text) {
  auto d = rateline::Decimal::parse(text);
  REQUIRE(d);
  return *d;
}

/// One expected line item: its id, quantity, rate and amount (as the sheet and the hand
/// arithmetic give them; compared by value, so "80" equals "80.00").
struct Line {
  const char* id;
  const char* quantity;
  const char* rate;
  const char* amount;
};

inline std::string listing(const rateline::Bill& b) {
  std::ostringstream out;
  for (auto& li : b.line_items)
    out << li.id << " | " << li.label << " | " << li.quantity << " " << li.unit << " x " << li.rate << " "
        << li.rate_unit << " = " << li.amount << "\n";
  out << "total " << b.total << "\n";
  return out.str();
}

/// The bill has exactly these line items, in this order, and this total.
inline void check_bill(const rateline::Bill& b, std::initializer_list<Line> lines, const char* total) {
  INFO(listing(b));
  REQUIRE(b.line_items.size() == lines.size());
  std::size_t i = 0;
  for (auto& want : lines) {
    const auto& li = b.line_items[i++];
    CAPTURE(want.id);
    CHECK(li.id == want.id);
    CHECK(li.quantity == dec(want.quantity));
    CHECK(li.rate == dec(want.rate));
    CHECK(li.amount == dec(want.amount));
  }
  CHECK(b.total == dec(total));
}

/// The line item's trace (as `rateline explain` prints it) has this step.
inline bool traced(const rateline::RateGraph& graph, const rateline::IntervalUsage& usage, std::chrono::year_month_day from,
            std::chrono::year_month_day to, std::map<std::string, std::string> attributes, const std::string& id,
            const std::string& step) {
  rateline::Account account;
  account.attributes = std::move(attributes);
  rateline::BillOptions options;
  options.trace = true;
  auto result = rateline::bill(graph, usage, rateline::BillingPeriod{from, to}, account, options);
  if (!result.bill) return false;
  for (auto& li : result.bill->line_items)
    if (li.id == id)
      for (auto& t : li.trace)
        if (t == step) return true;
  return false;
}

}  // namespace tariff_test
