// The URDB rate as the importer understands it: read from JSON (urdb_read.cpp) with every
// refusal reported, then written as tariff text (urdb_write.cpp).
#pragma once

#include "import/json_text.hpp"
#include "rateline/decimal.hpp"
#include "rateline/diagnostic.hpp"
#include "rateline/urdb.hpp"

#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rateline::urdb {

/// One tier of one period: its upper limit (none = unlimited), the unit of the limit as
/// URDB writes it ("kWh", "kWh daily", "kWh/kW", "kWh/kW daily"; "kW" for demand) and
/// the price rate + adj.
struct Tier {
  std::optional<Decimal> max;
  std::string unit;
  Decimal price;
};
using Structure = std::vector<std::vector<Tier>>;        ///< [period][tier]
using Schedule = std::array<std::array<int, 24>, 12>;   ///< [month][hour] -> period (0-based)

struct Rate {
  std::string name, utility, label, sector, source, uri;
  std::chrono::year_month_day effective{};
  std::string effective_note;                 ///< how the effective date was found
  std::vector<std::string> notes;             ///< comment lines for the header (informational fields)

  Structure energy;
  Schedule energy_weekday{}, energy_weekend{};
  Structure demand;
  Schedule demand_weekday{}, demand_weekend{};
  Structure flat;
  std::array<int, 12> flat_months{};
  /// `demandrateunit` / `flatdemandunit` (or `demandunits`) is kVA: the charge is on kVA demand
  bool demand_kva = false, flat_kva = false;

  std::optional<Decimal> fixed;
  std::string fixed_per = "month";            ///< "month" or "day"
  std::optional<Decimal> min_monthly, min_annual;
  std::optional<std::array<Decimal, 12>> fuel;
  std::optional<int> demand_window;           ///< minutes
  /// lookbackpercent / lookbackrange / lookbackmonths: billing demand is at least
  /// percent × the highest demand of the previous `months` months (of those marked).
  struct Ratchet {
    Decimal percent;                          ///< 0..100
    int months = 12;
    std::array<bool, 12> included{};          ///< lookbackmonths; all true when absent
  };
  std::optional<Ratchet> ratchet;
};

/// Collects diagnostics with a span in the JSON file.
class Reporter {
 public:
  explicit Reporter(std::shared_ptr<const SourceFile> source) : source_(std::move(source)) {}
  void error(std::string code, std::string message, std::string_view field = {}, std::string hint = "");
  void warning(std::string code, std::string message, std::string_view field = {}, std::string hint = "");
  Span span_of(std::string_view field) const;   ///< the first `"field"` in the file, or the file's start
  std::vector<Diagnostic> diagnostics;
  const std::shared_ptr<const SourceFile>& source() const { return source_; }

 private:
  std::shared_ptr<const SourceFile> source_;
};

/// Reads the rate object; returns nullopt after reporting errors.
std::optional<Rate> read_rate(const JsonValue& rate, const UrdbImportOptions& options, Reporter& report);

/// Writes the tariff text. Problems found while writing (tier tables SAM cannot bill the
/// same way) are reported too.
std::string write_tariff(const Rate& rate, const UrdbImportOptions& options, Reporter& report);

}  // namespace rateline::urdb
