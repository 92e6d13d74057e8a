// rateline/population.hpp — billing a whole population: accounts table, long-format usage,
// and a run that bills every account on a pool of threads, in input order.
//
// The formats are described in docs/accounts-format.md. An accounts table names each
// account's tariff, service dates and attributes; usage comes in long form (one row per
// account and interval, or per account and register read). A run reads the usage as a
// stream, bills each account on worker threads (one compiled graph per tariff, shared),
// and hands the output rows to a sink in the accounts table's order, so the bytes do not
// depend on the thread count. A bad account becomes an exception row; the others are billed.
//
//   auto table = rateline::read_accounts_csv_file("accounts.csv");
//   if (!table.accounts) { for (auto& d : table.diagnostics) std::cerr << rateline::render(d); }
//   rateline::PopulationOptions options;
//   options.usage_files = {"usage.csv"};
//   options.periods = rateline::monthly_periods(2024y/January/1d, 2025y/January/1d);
//   MySink sink;                                    // receives bill rows and exception rows
//   auto summary = rateline::bill_population(*table.accounts, options, sink);
//
// Memory is bounded by the work in flight: at most `in_flight` accounts (their usage text,
// parsed series and formatted bills) are held at once, plus the accounts table itself.
#pragma once

#include "rateline/account.hpp"
#include "rateline/bill.hpp"
#include "rateline/diagnostic.hpp"
#include "rateline/usage.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rateline {

/// One row of the accounts table.
struct AccountRecord {
  Account account;                                         ///< id, attributes, past-due state
  std::string tariff;                                      ///< as written: a path or a name
  std::optional<std::chrono::year_month_day> service_start;  ///< first day of service (move-in)
  std::optional<std::chrono::year_month_day> service_end;    ///< first day without service (final bill ends here)
  std::uint32_t line = 0;                                  ///< line in the accounts file
};

struct AccountsTable {
  std::string path;
  std::vector<AccountRecord> accounts;  ///< in file order
};

struct AccountsReadResult {
  std::optional<AccountsTable> table;     ///< present when there are no errors
  std::vector<Diagnostic> diagnostics;    ///< P0001..P0019 (docs/accounts-format.md)
};

/// Reads an accounts table (CSV with a header: account, tariff, optional service_start,
/// service_end, past_due, due_date, paid_on, and attribute columns `attr:NAME`).
AccountsReadResult read_accounts_csv(std::string_view text, const std::string& path);
/// Reads a file (throws std::runtime_error if it cannot be read) and calls read_accounts_csv.
AccountsReadResult read_accounts_csv_file(const std::string& path);

/// The billing periods of one account: `periods` clipped to its service dates. A period
/// that service covers only in part becomes a shorter (first or final) bill, which the
/// tariff prorates as its `proration` says; a period outside service is left out.
std::vector<BillingPeriod> service_periods(const AccountRecord& record, const std::vector<BillingPeriod>& periods);

enum class PopulationFormat { csv, jsonl };
/// table: the usage lists accounts in the accounts table's order (grouped); streamed.
/// any: any order, rows of an account may be scattered; the files are indexed first
/// (mapped into memory, plus 16 bytes per run of consecutive rows of one account).
enum class UsageOrder { table, any };

struct PopulationOptions {
  std::vector<std::string> usage_files;   ///< long-format interval CSV (account,start,kwh...)
  std::vector<std::string> reads_files;   ///< or long-format register reads (account,meter,read_date,...)
  UsageOrder usage_order = UsageOrder::table;
  std::string tariff_dir = "tariffs";     ///< where a tariff name (not a path) is looked up
  std::vector<BillingPeriod> periods;     ///< e.g. monthly_periods(from, to)
  UsageReadOptions usage;                 ///< gaps, local time; the time zone is each tariff's
  BillOptions bill;
  PopulationFormat format = PopulationFormat::csv;
  bool line_items = false;                ///< one row per line item instead of one per bill
  unsigned threads = 0;                   ///< 0 = the machine's cores
  std::size_t in_flight = 0;              ///< accounts held at once; 0 = 4 × threads
  const std::atomic<bool>* cancel = nullptr;  ///< set it to stop early (the run returns cancelled)
  /// Usage per meter for tariffs of several services (`--usage electric=FILE --reads
  /// water=FILE`): each meter's long-format files, interval or register reads. These files
  /// are indexed (as UsageOrder::any), so their rows may come in any order.
  struct MeterFiles {
    std::string meter;                    ///< the meter's name in the tariff (`meter NAME`, else the service's id)
    bool reads = false;                   ///< register reads instead of interval usage
    std::vector<std::string> files;
  };
  std::vector<MeterFiles> meter_files;
};

/// Where a run's output goes, in order. Called from the calling thread only.
class PopulationSink {
 public:
  virtual ~PopulationSink() = default;
  virtual void bills(std::string_view text) = 0;       ///< rows of bills (after the header)
  virtual void exceptions(std::string_view text) = 0;  ///< rows of the exceptions file
  /// Accounts finished so far, and bills written; called now and then.
  virtual void progress(std::size_t /*accounts_done*/, std::size_t /*bills*/) {}
};

struct PopulationSummary {
  std::size_t accounts = 0;             ///< in the accounts table
  std::size_t billed = 0;               ///< accounts with every bill made
  std::size_t failed = 0;               ///< accounts in the exceptions file
  std::size_t not_in_service = 0;       ///< accounts whose service misses [from, to) entirely
  std::size_t bills = 0;
  std::size_t usage_rows = 0;           ///< data rows read
  std::size_t unknown_accounts = 0;     ///< accounts in the usage but not in the table
  std::size_t unknown_rows = 0;         ///< their rows (not billed)
  std::string first_unknown;            ///< the first of them, with file:line
  double read_seconds = 0;              ///< the reading thread: reading the files, cutting them into accounts
  double parse_seconds = 0;             ///< the workers, summed: the exact readers on each account's rows
  double bill_seconds = 0;              ///< the workers, summed: billing and formatting the rows
  bool cancelled = false;
  /// Problems that stopped the run (an unreadable file, usage out of order). A stopped run
  /// has no output: the rows its sink was given are to be discarded (how many it was given
  /// depends on the thread count), as `rateline batch` does.
  std::vector<Diagnostic> errors;
};

/// The header line (with "\n") of the bills output and of the exceptions file.
std::string population_bills_header(const PopulationOptions& options);
std::string population_exceptions_header();

/// Bills every account. Throws std::runtime_error only for I/O failures of the sink's
/// caller's files; input problems are rows of the exceptions file or summary.errors.
PopulationSummary bill_population(const AccountsTable& table, const PopulationOptions& options, PopulationSink& sink);

// ---- One partition of a population, for a cluster (rateline.dask, docs/scale-out.md) ----
// A cluster task bills the accounts whose usage lies in one partition (a few usage files),
// with the same per-account code as bill_population, so its rows are the same bytes. The
// tariffs arrive as text (no shared disk needed); the caller puts the rows of all
// partitions back in the accounts table's order.

/// Tariff files' text by the path a tariff of the table resolves to (and imported files by
/// their path relative to the importing file). A path not listed is read from disk.
using TariffTexts = std::map<std::string, std::string>;

/// Reads the tariff files `table` names (resolved as bill_population does) and the files
/// they import. A file that cannot be read is left out: billing then reports it per account.
TariffTexts read_tariff_texts(const AccountsTable& table, const std::string& tariff_dir);

/// One account's output rows in a partial run.
struct AccountRows {
  std::size_t index = 0;     ///< position in the accounts table
  std::string bills;         ///< rows of the bills output
  std::string exceptions;    ///< rows of the exceptions file
  std::size_t bill_count = 0;
  bool failed = false;
  bool not_in_service = false;
};

struct PartitionResult {
  std::vector<AccountRows> accounts;  ///< in table order
  PopulationSummary summary;          ///< usage_rows, unknown accounts, timings, errors (order, header)
};

/// Holds an accounts table and its tariffs compiled once; bills partitions of it. The bill
/// calls are const and may run on several threads at once.
class PopulationBiller {
 public:
  PopulationBiller(AccountsTable table, PopulationOptions options, const TariffTexts& tariffs);
  ~PopulationBiller();
  PopulationBiller(const PopulationBiller&) = delete;
  PopulationBiller& operator=(const PopulationBiller&) = delete;

  const AccountsTable& table() const;
  /// Bills the accounts whose usage is in `files` (interval or register-read files as the
  /// options say). Throws std::runtime_error when a file cannot be read.
  PartitionResult bill_usage(const std::vector<std::string>& files) const;
  /// Bills accounts found in no partition (not in service, or a "no usage" exception row).
  PartitionResult bill_without_usage(const std::vector<std::size_t>& positions) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace rateline
