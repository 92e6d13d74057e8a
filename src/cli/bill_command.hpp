// `rateline bill TARIFF --usage FILE --from DATE --to DATE [--format table|json|csv|test] [--cycle ...]`
// and `rateline explain ...`: one account's bill. A tariff of several services takes each
// meter's usage by name (`--usage electric=FILE --reads water=FILE`).
//
//   BillArgs args;  add_bill_options(app.add_subcommand("bill", "..."), args, true);
//   ... app.parse(argc, argv) ...;  return run_bill(args, /*explain=*/false);
#pragma once

#include "rateline/rate_graph.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rateline::cli {

/// The command line of `bill` / `explain`.
struct BillArgs {
  std::vector<std::string> usage_args, reads_args;   // FILE, or METER=FILE for a tariff of several services
  std::string tariff, usage, reads, from, to, format = "table", cycle, interval_text, start, local_time = "error", demand_window = "tariff", as_of;
  std::vector<std::string> attributes;
  std::string demand_history;
  std::string usage_history;
  std::string past_due, due_date, paid_on;
  bool allow_gaps = false, allow_partial = false, show_zero_lines = false;
  std::uint64_t max_input_bytes = std::uint64_t{1} << 30;   // usage and reads (docs/limits.md)
};

/// The options of `bill` (with_format: --format and the table flags) or `explain` into `a`.
void add_bill_options(CLI::App* cmd, BillArgs& a, bool with_format);

/// --max-input-size for any command: raises the input size limits (docs/limits.md) and,
/// when usage_bytes is set, stores the size there for the usage readers.
void add_size_option(CLI::App* cmd, std::uint64_t* usage_bytes);

/// Bills (or explains) as `args` say; the exit status (0, 1 input errors, 2 bad command line).
int run_bill(const BillArgs& args, bool explain);

/// Compiles a tariff of one service or several, printing its diagnostics; nullopt when it
/// has errors or cannot be read.
std::optional<std::vector<ServiceGraph>> compile_services(const std::string& path);

}  // namespace rateline::cli
