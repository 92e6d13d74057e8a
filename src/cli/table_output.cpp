// The table options of `rateline bill` (cli/table_output.hpp).
#include "table_output.hpp"

namespace rateline::cli {

void add_table_flags(CLI::App* cmd, bool* show_zero_lines) {
  cmd->add_flag("--show-zero-lines", *show_zero_lines,
                "table: also show the tier, period and season lines with quantity 0 and amount $0 (JSON and CSV always have them)");
}

TableOptions table_options_of(const std::vector<ServiceGraph>& services, bool show_zero_lines) {
  auto options = table_options(services);
  options.show_zero_lines = show_zero_lines;
  return options;
}

}  // namespace rateline::cli
