// `rateline review --accounts A.csv --bills BILLS.csv [--history H.csv] [--config REVIEW.conf]
//  [--out FLAGS.csv] [--html FILE] [--list-rules]`: flags the bills a supervisor must look at
// before they go out, each with its rule and reason (docs/compare-and-review.md).
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

namespace rateline::cli {

class ReviewCommand {
 public:
  explicit ReviewCommand(CLI::App& app);
  bool parsed() const;
  /// Exit code: 0 reviewed (flags or not), 1 the inputs have errors, 2 bad command line.
  int run() const;

 private:
  CLI::App* review_ = nullptr;
  std::string accounts_, history_, bills_, config_, out_, html_;
  bool list_rules_ = false;
};

/// For main(): `auto review_command = rateline::cli::add_review_command(app);`
std::unique_ptr<ReviewCommand> add_review_command(CLI::App& app);

}  // namespace rateline::cli
