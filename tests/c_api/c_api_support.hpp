// Helpers for the C API tests: owning wrappers that free handles with the API's own free
// calls, paths into the source tree, usage built from arrays, exact sums of amounts.
#pragma once

#include <rateline/rateline.h>

#include "test_paths.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace c_api_test {

struct TariffFree { void operator()(rl_tariff* t) const { rl_tariff_free(t); } };
struct UsageFree { void operator()(rl_usage* u) const { rl_usage_free(u); } };
struct BillFree { void operator()(rl_bill* b) const { rl_bill_free(b); } };
using Tariff = std::unique_ptr<rl_tariff, TariffFree>;
using Usage = std::unique_ptr<rl_usage, UsageFree>;
using Bill = std::unique_ptr<rl_bill, BillFree>;

inline std::string path(const std::string& relative) { return std::string(RATELINE_SOURCE_DIR) + "/" + relative; }

inline std::string read(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline Tariff compile(const std::string& file) {
  rl_tariff* t = nullptr;
  rl_diagnostics* d = nullptr;
  rl_status status = rl_compile_file(file.c_str(), &t, &d);
  INFO(file << ": " << rl_diagnostics_text(d));
  CHECK(status == RL_OK);
  rl_diagnostics_free(d);
  return Tariff(t);
}

/// Starts of the 744 hours of July 2024 in New York (2024-07-01T04:00Z ...).
inline std::vector<int64_t> july_hours() {
  std::vector<int64_t> starts;
  for (int64_t i = 0; i < 744; ++i) starts.push_back(1719806400 + i * 3600);
  return starts;
}

/// 1 kWh in each hour of July 2024 (New York).
inline Usage july_usage() {
  auto starts = july_hours();
  std::vector<int64_t> values(starts.size(), 1);
  rl_usage* u = nullptr;
  CHECK(rl_usage_from_scaled(starts.data(), starts.size(), values.data(), values.size(), 0, 60, "kWh", RL_GAPS_ERROR, &u) == RL_OK);
  return Usage(u);
}

inline Usage csv_usage(const std::string& file, const rl_tariff* tariff) {
  rl_usage* u = nullptr;
  rl_diagnostics* d = nullptr;
  rl_status status = rl_usage_from_csv(file.c_str(), rl_tariff_time_zone(tariff), &u, &d);
  INFO(file << ": " << rl_diagnostics_text(d));
  CHECK(status == RL_OK);
  rl_diagnostics_free(d);
  return Usage(u);
}

inline Bill bill(const rl_tariff* t, const rl_usage* u, rl_date from, rl_date to, const rl_account* account, const rl_bill_options* options) {
  rl_bill* b = nullptr;
  rl_diagnostics* d = nullptr;
  rl_status status = rl_bill_period(t, u, from, to, account, options, &b, &d);
  INFO(rl_last_error() << "\n" << (d ? rl_diagnostics_text(d) : ""));
  CHECK(status == RL_OK);
  rl_diagnostics_free(d);
  return Bill(b);
}

inline std::string json(const rl_bill* b) {
  char* text = nullptr;
  if (rl_bill_format(b, RL_FORMAT_JSON, &text) != RL_OK) return "";
  std::string out = text;
  rl_string_free(text);
  return out;
}

/// The sum of the line items' amounts, exactly, written with the total's number of decimals.
inline std::string sum_of_amounts(const rl_bill* b) {
  const int scale = 8;
  long long sum = 0;  // in 10^-scale units: enough for these test bills
  for (size_t i = 0; i < rl_bill_line_item_count(b); ++i) {
    rl_line_item item;
    rl_bill_line_item(b, i, &item);
    std::string a = item.amount;
    bool negative = !a.empty() && a[0] == '-';
    if (negative) a.erase(0, 1);
    auto dot = a.find('.');
    std::string whole = a.substr(0, dot), fraction = dot == std::string::npos ? "" : a.substr(dot + 1);
    fraction.resize(scale, '0');
    long long v = std::stoll(whole + fraction);
    sum += negative ? -v : v;
  }
  std::string total = rl_bill_total(b);
  auto dot = total.find('.');
  int decimals = dot == std::string::npos ? 0 : static_cast<int>(total.size() - dot - 1);
  bool negative = sum < 0;
  std::string digits = std::to_string(negative ? -sum : sum);
  if (digits.size() <= static_cast<size_t>(scale)) digits.insert(0, static_cast<size_t>(scale) + 1 - digits.size(), '0');
  std::string out = digits.substr(0, digits.size() - scale);
  if (decimals > 0) out += "." + digits.substr(digits.size() - scale, static_cast<size_t>(decimals));
  return (negative ? "-" : "") + out;
}

}  // namespace c_api_test
