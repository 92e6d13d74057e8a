// tests/reference/generator.hpp — random tariffs (model + text) and random usage.
//
// generate_case(seed) is a pure function of the seed: the same seed gives the same
// tariff text, usage and billing period on every run, so a failing seed is a repro.
#pragma once

#include "reference/tariff_model.hpp"

#include "rateline/account.hpp"
#include "rateline/bill.hpp"
#include "rateline/usage.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace rateline::reference {

/// Knobs for a run; the defaults cover every feature.
struct GeneratorOptions {
  bool allow_kw_usage = true;   ///< some usage as average kW per interval (SAM style)
};

struct RandomCase {
  std::uint64_t seed = 0;
  TariffModel tariff;
  std::string text;             ///< to_text(tariff)
  IntervalUsage usage;
  Account account;                                       ///< attributes for `by ATTRIBUTE` tables, demand history, past-due state
  std::chrono::year_month_day usage_from{}, usage_to{};  ///< local days the usage covers: one or two calendar months
  BillingPeriod period;                                  ///< within [usage_from, usage_to)
  BillOptions options;                                   ///< coverage (usage cut short), demand window policy, as_of
  /// Several services: the usage of meters other than `electric` (which is `usage`).
  std::map<std::string, IntervalUsage> meters;
  /// Move-in and final bills: the account's first day of service and first day without it
  /// (docs/accounts-format.md); a series of calendar months is clipped to them.
  std::optional<std::chrono::year_month_day> service_start, service_end;
};

RandomCase generate_case(std::uint64_t seed, const GeneratorOptions& options = {});

/// The usage as interval CSV (`start,kwh` or `start,kw`, UTC starts) with its rows in a
/// random order and values written with a varying number of decimals.
std::string shuffled_csv(const IntervalSeries& series, std::uint64_t seed);
/// The same with the usage's received (`kwh_received`) and reactive (`kvarh`) channels as columns.
std::string shuffled_csv(const IntervalUsage& usage, std::uint64_t seed);

/// "2024-03-10 .. 2024-04-01, 15-min kWh from 2024-03-01T05:00Z, 2880 intervals"
std::string describe_usage(const RandomCase& c);

}  // namespace rateline::reference
