// account_billing.hpp — billing one account of a population: read its usage block with the
// single-account readers, bill its service periods, and format its output rows.
//
//   TariffShelf shelf(options.tariff_dir, table.path);
//   const TariffEntry& tariff = shelf.get(record.tariff);   // compiled once, shared by threads
//   AccountOutcome out = bill_account(record, tariff, block, options, table.path);
//   sink.bills(out.bills); sink.exceptions(out.exceptions);
#pragma once

#include "population/usage_blocks.hpp"
#include "rateline/population.hpp"
#include "rateline/tariff.hpp"
#include "rateline/time_zone.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rateline::population_detail {

/// A compiled tariff, or why there is none. Immutable once made: shared by the workers.
struct TariffEntry {
  std::string path;                       ///< the file it came from
  std::optional<RateGraph> graph;
  std::vector<Diagnostic> diagnostics;    ///< errors when there is no graph
  std::optional<TimeZone> zone;
  std::string unit;                       ///< what the usage column counts: kWh, therm, gal
  Unit register_unit = Unit::kWh;
  /// A tariff of several services (`service` blocks): one graph per service, `graph` empty.
  std::vector<ServiceGraph> services;
};

/// One meter's rows of an account, from the files named for that meter (`--usage water=FILE`).
struct MeterBlock {
  std::string meter;
  bool reads = false;
  UsageBlock block;
};

/// Compiles the tariff at `path` from `texts` (its imports too, relative to the importing
/// file); a path not in `texts` is compiled from disk, as compile_tariff_file does.
CompileResult compile_tariff_text(const std::string& path, const TariffTexts& texts);
/// The same for a tariff of several services (compile_services).
ServicesCompileResult compile_services_text(const std::string& path, const TariffTexts& texts);

/// One graph per tariff file, compiled on first use (from the calling thread only).
class TariffShelf {
 public:
  /// `texts` (optional, kept by the caller): tariff files' text by path, read instead of the disk.
  TariffShelf(std::string tariff_dir, const std::string& accounts_path, const TariffTexts* texts = nullptr);
  const TariffEntry& get(const std::string& tariff);
  /// The file a tariff of the accounts table names.
  std::string resolve(const std::string& tariff) const;

 private:
  const TariffTexts* texts_ = nullptr;
  std::string tariff_dir_;
  std::string accounts_dir_;
  std::map<std::string, TariffEntry> entries_;  // by resolved path (nodes: references stay valid)
};

struct AccountOutcome {
  std::string bills;        ///< rows of the bills output
  std::string exceptions;   ///< rows of the exceptions file
  std::size_t bill_count = 0;
  bool failed = false;
  bool not_in_service = false;
  double parse_seconds = 0;  ///< reading the usage block (the exact readers)
  double bill_seconds = 0;   ///< billing and formatting
};

/// Bills one account; every problem becomes exception rows naming a file and line.
/// `meters`: the account's rows in files named for a meter (PopulationOptions::meter_files).
AccountOutcome bill_account(const AccountRecord& record, const TariffEntry& tariff, const std::optional<UsageBlock>& usage,
                            const PopulationOptions& options, const std::string& accounts_path,
                            const std::vector<MeterBlock>& meters = {});

/// Bills one account of a tariff of several services (service_account_billing.cpp).
AccountOutcome bill_services_account(const AccountRecord& record, const TariffEntry& tariff, const std::optional<UsageBlock>& usage,
                                     const std::vector<MeterBlock>& meters, const PopulationOptions& options,
                                     const std::string& accounts_path);

/// The unit a service's meter counts (from its `service` kind): kWh, therm or gal.
Unit meter_unit_of(const RateGraph& graph);
/// Its name in the bills output: "kWh", "therm", "gal".
std::string meter_unit_name(const RateGraph& graph);

/// Exception rows for the errors of `diagnostics`; a diagnostic in one of `blocks` is placed
/// at that file's line. Marks the account failed.
void add_exceptions(AccountOutcome& out, const std::vector<Diagnostic>& diagnostics, const std::vector<const UsageBlock*>& blocks,
                    const AccountRecord& record, const std::string& accounts_path);

/// One exceptions-file row (CSV, "\n"-terminated).
std::string exception_row(const std::string& account, const std::string& location, const std::string& code,
                          const std::string& message, const std::string& hint);

}  // namespace rateline::population_detail
