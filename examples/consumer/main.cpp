// Bills one period with the installed rateline library:
//   consumer TARIFF USAGE.csv FROM TO      (dates YYYY-MM-DD)
#include <rateline/bill.hpp>
#include <rateline/report.hpp>
#include <rateline/tariff.hpp>
#include <rateline/usage.hpp>

#include <iostream>

static std::chrono::year_month_day date(const std::string& s) {
  return std::chrono::year_month_day{std::chrono::year{std::stoi(s.substr(0, 4))}, std::chrono::month{static_cast<unsigned>(std::stoi(s.substr(5, 2)))},
                                     std::chrono::day{static_cast<unsigned>(std::stoi(s.substr(8, 2)))}};
}

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: consumer TARIFF USAGE FROM TO\n";
    return 2;
  }
  auto compiled = rateline::compile_tariff_file(argv[1]);
  for (auto& d : compiled.diagnostics) std::cerr << rateline::render(d);
  if (!compiled.graph) return 1;
  rateline::UsageReadOptions options;
  options.time_zone = compiled.graph->info().time_zone;
  auto usage = rateline::read_interval_csv_file(argv[2], options);
  for (auto& d : usage.diagnostics) std::cerr << rateline::render(d);
  if (!usage.usage) return 1;
  auto result = rateline::bill(*compiled.graph, *usage.usage, {date(argv[3]), date(argv[4])}, rateline::Account{}, rateline::BillOptions{});
  for (auto& d : result.diagnostics) std::cerr << rateline::render(d);
  if (!result.bill) return 1;
  std::cout << rateline::format_table(*result.bill);
  return 0;
}
