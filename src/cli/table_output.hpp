// cli/table_output.hpp — `rateline bill --show-zero-lines` and the table a bill prints:
// quantities at the tariff's `rounding quantities` step, zero part lines left off unless asked.
//
//   add_table_flags(bill_cmd, &args.show_zero_lines);
//   std::cout << bill_table(bill, table_options_of(services, args.show_zero_lines));
#pragma once

#include "rateline/report.hpp"

#include <CLI/CLI.hpp>

#include <vector>

namespace rateline::cli {

void add_table_flags(CLI::App* cmd, bool* show_zero_lines);
TableOptions table_options_of(const std::vector<ServiceGraph>& services, bool show_zero_lines);

}  // namespace rateline::cli
