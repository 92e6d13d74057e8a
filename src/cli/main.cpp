// rateline — the command line. Uses only the public headers (include/rateline/).
//
//   rateline check TARIFF...
//   rateline bill TARIFF --usage FILE --from DATE --to DATE [--format table|json|csv] [--cycle monthly]
//   rateline explain TARIFF --usage FILE --from DATE --to DATE
//   (bill and explain: [--past-due AMOUNT --due-date DATE [--paid-on DATE]] for a late fee)
//   rateline graph TARIFF [--format dot|text]
//   rateline test CASES... [--junit FILE] [--update] [--tariff NEW --expect-changes]  (test_command.hpp)
//
// Exit codes: 0 success, 1 the inputs have errors (diagnostics on stderr), 2 bad command line.
#include "rateline/report.hpp"
#include "rateline/tariff.hpp"
#include "batch_command.hpp"
#include "bill_command.hpp"
#include "compare_command.hpp"
#include "review_command.hpp"
#include "diagnostic_output.hpp"
#include "import_command.hpp"
#include "process_heap.hpp"
#include "test_command.hpp"
#include "table_output.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  using namespace rateline::cli;
  CLI::App app{"rateline: a rate-schedule language and rating library for utilities"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "rateline 0.1.0");

  std::vector<std::string> check_files;
  auto* check = app.add_subcommand("check", "check tariff files and report mistakes");
  check->add_option("files", check_files, "tariff files")->required();
  add_size_option(check, nullptr);

  BillArgs bill_args;
  auto* bill = app.add_subcommand("bill", "bill usage under a tariff");
  add_bill_options(bill, bill_args, true);

  BillArgs explain_args;
  auto* explain = app.add_subcommand("explain", "show how each line item of a bill is computed");
  add_bill_options(explain, explain_args, false);

  std::string graph_file, graph_format = "dot";
  auto* graph = app.add_subcommand("graph", "print the rate graph (Graphviz DOT, or text)");
  graph->add_option("tariff", graph_file, "tariff file")->required();
  graph->add_option("--format", graph_format, "dot or text")->check(CLI::IsMember({"dot", "text"}));
  add_size_option(graph, nullptr);

  auto import_command = rateline::cli::add_import_command(app);
  auto test_command = rateline::cli::add_test_command(app);
  auto batch_command = rateline::cli::add_batch_command(app);
  auto compare_command = rateline::cli::add_compare_command(app);
  auto review_command = rateline::cli::add_review_command(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (!batch_command->parsed()) rateline::cli::prepare_one_shot_heap();

  if (check->parsed()) {
    int status = 0;
    for (auto& f : check_files) {
      try {
        auto result = rateline::compile_services_file(f);
        if (print_diagnostics(result.diagnostics)) status = 1;
        else std::cerr << f << ": ok\n";
      } catch (const std::exception& e) {
        std::cerr << "rateline: " << e.what() << "\n";
        status = 1;
      }
    }
    return status;
  }
  if (bill->parsed()) return run_bill(bill_args, false);
  if (explain->parsed()) return run_bill(explain_args, true);
  if (import_command->parsed()) return import_command->run();
  if (test_command->parsed()) return test_command->run();
  if (batch_command->parsed()) return batch_command->run();
  if (compare_command->parsed()) return compare_command->run();
  if (review_command->parsed()) return review_command->run();
  if (graph->parsed()) {
    auto services = compile_services(graph_file);
    if (!services) return 1;
    // Several services: one graph each, one after another (Graphviz draws every graph of a file).
    for (auto& service : *services) {
      if (graph_format == "dot") std::cout << rateline::format_dot(service.graph);
      else std::cout << (service.id.empty() ? "" : "service " + service.id + " (" + service.label + ")\n") << rateline::describe(service.graph);
    }
    return 0;
  }
  return 2;
}
