// Running a golden bill case: compile its tariff (once per file per run), read its usage,
// bill its period(s) with its account and policies, exactly as `rateline bill` would.
//
//   TariffCache tariffs;
//   auto run = run_case(bill_case, tariffs);       // or run_case(bill_case, tariffs, "new.tariff")
//   if (run.outcome == CaseRun::Outcome::billed) compare(bill_case.expected, *run.series);
#pragma once

#include "bill_case.hpp"

#include "rateline/bill.hpp"
#include "rateline/tariff.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rateline::cli {

/// Tariffs compiled in this run, by path: a suite of many cases per tariff compiles it once.
class TariffCache {
 public:
  const CompileResult& compile(const std::string& path);

 private:
  std::map<std::string, CompileResult> compiled_;
};

struct CaseRun {
  enum class Outcome {
    billed,       ///< `series` holds the bills
    not_billed,   ///< the tariff does not compile or the biller refused: the case fails
    broken,       ///< the case's inputs are wrong (usage unreadable, period not covered): exit 2
  };
  Outcome outcome = Outcome::broken;
  std::optional<BillSeries> series;
  std::vector<Diagnostic> diagnostics;   ///< tariff, usage and bill diagnostics, in that order
};

/// Bills the case under its own tariff, or under `tariff_override` (rate-change mode).
CaseRun run_case(const BillCase& bill_case, TariffCache& tariffs, const std::string& tariff_override = {});

}  // namespace rateline::cli
