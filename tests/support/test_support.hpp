// Helpers shared by the C++ tests: compile tariff text, build interval usage in memory,
// summarise diagnostics as "CODE line:col message".
#pragma once

#include "rateline/bill.hpp"
#include "rateline/tariff.hpp"
#include "rateline/time_zone.hpp"
#include "rateline/usage.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace rateline::test {

inline CompileResult compile_text(const std::string& text, const std::string& path = "test.tariff") {
  return compile_tariff(std::make_shared<SourceFile>(path, text));
}

/// "E0301 12:34 message" for each diagnostic (errors and warnings).
inline std::vector<std::string> summary(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (auto& d : diagnostics) {
    std::string where;
    if (d.span.file) {
      auto pos = d.span.file->position(d.span.begin);
      where = std::to_string(pos.line) + ":" + std::to_string(pos.column) + " ";
    }
    out.push_back(d.code + " " + where + d.message);
  }
  return out;
}

inline std::chrono::year_month_day ymd(int y, unsigned m, unsigned d) {
  return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

/// Intervals of `minutes` covering local days [from, to) in `zone`, each with the value
/// `value(i, local_start)` given as a scaled integer at `scale` decimals (kWh per interval).
template <typename F>
IntervalUsage usage_for(const std::string& zone_name, std::chrono::year_month_day from, std::chrono::year_month_day to,
                        int minutes, int scale, F value) {
  auto zone = TimeZone::locate(zone_name).value();
  IntervalUsage usage;
  auto& s = usage.delivered;
  s.start = zone.start_of_day(from);
  s.minutes = minutes;
  s.scale = scale;
  s.unit = Unit::kWh;
  auto end = zone.start_of_day(to);
  for (auto t = s.start; t < end; t += std::chrono::minutes(minutes))
    s.values.push_back(value(s.values.size(), zone.to_local(t)));
  usage.source = "test";
  return usage;
}

inline Bill bill_or_fail(const RateGraph& graph, const IntervalUsage& usage, std::chrono::year_month_day from,
                         std::chrono::year_month_day to, const Account& account = {}, const BillOptions& options = {}) {
  auto result = bill(graph, usage, BillingPeriod{from, to}, account, options);
  if (!result.bill) {
    std::string all;
    for (auto& d : result.diagnostics) all += render(d);
    throw std::runtime_error("bill failed: " + all);
  }
  return *result.bill;
}

/// The test tariff's text: `tariff "T" {`, the fields every tariff needs (currency USD,
/// timezone America/New_York, effective 2024-01-01) one a line, then `body` from line 5 on,
/// and `}`. Diagnostic positions in the tests count from these lines.
inline std::string tariff_text(const std::string& body) {
  return "tariff \"T\" {\n"                  // 1
         " currency USD\n"                    // 2
         " timezone \"America/New_York\"\n"   // 3
         " effective 2024-01-01\n" +          // 4
         body + "}\n";
}

/// tariff_text with ` rounding line_items 0.01 half_up` (line 5) and an empty line 6:
/// `body` starts on line 7.
inline std::string rounded_tariff_text(const std::string& body) { return tariff_text(" rounding line_items 0.01 half_up\n\n" + body); }

/// A tariff holding `body` (tariff_text, and `rounding`), compiled; throws with the
/// rendered diagnostics when it does not compile.
inline RateGraph graph_of(const std::string& body, const std::string& rounding = "rounding line_items 0.01 half_up") {
  auto result = compile_text(tariff_text(" " + rounding + "\n" + body + "\n"));
  if (!result.graph) {
    std::string all;
    for (auto& d : result.diagnostics) all += render(d);
    throw std::runtime_error("the tariff does not compile: " + all);
  }
  return *result.graph;
}

inline const LineItem* find_item(const Bill& bill, const std::string& id) {
  for (auto& li : bill.line_items)
    if (li.id == id) return &li;
  return nullptr;
}

}  // namespace rateline::test
