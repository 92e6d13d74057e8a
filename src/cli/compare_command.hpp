// `rateline compare`: which rate is cheapest for one customer, and what a new rate does to
// a population (docs/compare-and-review.md).
//
//   rateline compare --rates A.tariff B.tariff ... --usage U.csv --from D1 --to D2 [--cycle monthly] [--format table|json]
//   rateline compare OLD.tariff NEW.tariff --accounts A.csv --usage U.csv --from D1 --to D2 [--cycle monthly]
//            [--revenue-target +3.5%] [--unchanged-for CLASS|ATTR=VALUE] [--out IMPACTS.csv] [--format text|json] [--html FILE]
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

namespace rateline::cli {

class CompareCommand {
 public:
  explicit CompareCommand(CLI::App& app);
  bool parsed() const;
  /// Exit code: 0 done, 1 the inputs have errors (named on stderr and in the output), 2 bad command line.
  int run() const;

 private:
  int run_ranking() const;
  int run_population() const;

  CLI::App* compare_ = nullptr;
  std::vector<std::string> tariffs_, rates_, attributes_, unchanged_for_;
  std::vector<std::string> usage_, reads_;  // --accounts: [METER=]FILE, repeatable; --rates: one file
  std::string accounts_, from_, to_, cycle_ = "monthly", format_, out_, html_, revenue_target_, tariff_dir_ = "tariffs", usage_order_ = "table";
  unsigned threads_ = 0;
};

/// Writes `text` to `path` whole (a temporary file renamed over it) or not at all; false
/// (with a message on stderr) when it cannot.
bool write_whole_file(const std::string& path, const std::string& text);

/// For main(): `auto compare_command = rateline::cli::add_compare_command(app);`
std::unique_ptr<CompareCommand> add_compare_command(CLI::App& app);

}  // namespace rateline::cli
