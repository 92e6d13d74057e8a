// `rateline batch --accounts A.csv --usage U.csv [--usage U2.csv...] --from D1 --to D2 --out bills.csv
//  [--cycle monthly|none] [--exceptions E.csv] [--threads N] [--format csv|jsonl] [--line-items]
//  [--tariffs DIR] [--usage-order table|any] [--reads R.csv...] [--allow-exceptions]`:
// bills a whole population (docs/accounts-format.md). Output files are written atomically.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

namespace rateline::cli {

class BatchCommand {
 public:
  explicit BatchCommand(CLI::App& app);
  bool parsed() const;
  /// Exit code: 0 every account billed (or --allow-exceptions), 1 exceptions or unreadable
  /// input, 2 bad command line, 130/143 interrupted by SIGINT/SIGTERM (no output left).
  int run() const;

 private:
  CLI::App* batch_ = nullptr;
  std::string accounts_, out_, exceptions_, from_, to_, cycle_ = "monthly", format_ = "csv", tariffs_ = "tariffs";
  std::string usage_order_ = "table", local_time_ = "error", demand_window_ = "tariff";
  std::vector<std::string> usage_, reads_;
  unsigned threads_ = 0;
  std::size_t in_flight_ = 0;
  bool line_items_ = false, allow_exceptions_ = false, allow_gaps_ = false, allow_partial_ = false;
};

/// For main(): `auto batch_command = rateline::cli::add_batch_command(app);`
std::unique_ptr<BatchCommand> add_batch_command(CLI::App& app);

}  // namespace rateline::cli
