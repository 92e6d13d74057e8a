// `rateline import urdb RATE.json [-o OUT.tariff] [--tiers proportional|chronological]
//  [--time-zone ZONE] [--label LABEL] [--effective YYYY-MM-DD]`: a URDB rate as tariff text.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

namespace rateline::cli {

class ImportCommand {
 public:
  /// Registers `import` (with its `urdb` subcommand) on the application.
  explicit ImportCommand(CLI::App& app);
  bool parsed() const;
  /// Exit code: 0 written, 1 the input has errors (diagnostics on stderr), 2 bad command line.
  int run() const;

 private:
  CLI::App* import_ = nullptr;
  CLI::App* urdb_ = nullptr;
  std::string input_, output_, tiers_ = "proportional", time_zone_ = "UTC", label_, effective_, max_input_size_;
};

/// For main(): `auto import_command = rateline::cli::add_import_command(app);`
std::unique_ptr<ImportCommand> add_import_command(CLI::App& app);

}  // namespace rateline::cli
