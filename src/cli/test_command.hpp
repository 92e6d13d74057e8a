// `rateline test PATH... [--junit FILE] [--update] [--tariff NEW.tariff [--expect-changes]]`:
// runs golden bill cases (docs/bill-tests.md), files or folders (every *.toml below them).
//
// Prints PASS/FAIL per case with a line-item diff for a failure; in rate-change mode
// (--tariff) SAME/CHANGED per case with what changes and by how much.
// Exit codes: 0 every case passed (or changed only as --expect-changes allows), 1 a case
// failed, 2 a case file is broken (file:line:col) or the command line is wrong.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

namespace rateline::cli {

class TestCommand {
 public:
  /// Registers `test` on the application.
  explicit TestCommand(CLI::App& app);
  bool parsed() const;
  int run() const;

 private:
  CLI::App* test_ = nullptr;
  std::vector<std::string> paths_;
  std::string junit_, tariff_;
  bool update_ = false, expect_changes_ = false;
};

/// For main(): `auto test_command = rateline::cli::add_test_command(app);`
std::unique_ptr<TestCommand> add_test_command(CLI::App& app);

}  // namespace rateline::cli
