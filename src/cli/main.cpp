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

#include <algorithm>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr std::string_view kSubcommands[] = {"check", "bill", "explain", "graph", "import", "test", "batch", "compare", "review"};

}  // namespace

int main(int argc, char** argv) {
  using namespace rateline::cli;
  CLI::App app{"rateline: a rate-schedule language and rating library for utilities"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "rateline 0.1.0");

  // CLI11 builds every option of a subcommand when it is added: for all nine, 6 % of the
  // instructions of a whole `rateline bill` (bench/README.md). When the first argument names a
  // subcommand only that one is built; otherwise (--help, --version, a typo) all are, so
  // help and errors list every subcommand as before.
  const std::string_view first = argc > 1 ? argv[1] : "";
  const bool named = std::find(std::begin(kSubcommands), std::end(kSubcommands), first) != std::end(kSubcommands);
  auto wanted = [&](std::string_view name) { return !named || first == name; };

  std::vector<std::string> check_files;
  CLI::App* check = nullptr;
  if (wanted("check")) {
    check = app.add_subcommand("check", "check tariff files and report mistakes");
    check->add_option("files", check_files, "tariff files")->required();
    add_size_option(check, nullptr);
  }

  BillArgs bill_args;
  CLI::App* bill = nullptr;
  if (wanted("bill")) {
    bill = app.add_subcommand("bill", "bill usage under a tariff");
    add_bill_options(bill, bill_args, true);
  }

  BillArgs explain_args;
  CLI::App* explain = nullptr;
  if (wanted("explain")) {
    explain = app.add_subcommand("explain", "show how each line item of a bill is computed");
    add_bill_options(explain, explain_args, false);
  }

  std::string graph_file, graph_format = "dot";
  CLI::App* graph = nullptr;
  if (wanted("graph")) {
    graph = app.add_subcommand("graph", "print the rate graph (Graphviz DOT, or text)");
    graph->add_option("tariff", graph_file, "tariff file")->required();
    graph->add_option("--format", graph_format, "dot or text")->check(CLI::IsMember({"dot", "text"}));
    add_size_option(graph, nullptr);
  }

  auto import_command = wanted("import") ? rateline::cli::add_import_command(app) : nullptr;
  auto test_command = wanted("test") ? rateline::cli::add_test_command(app) : nullptr;
  auto batch_command = wanted("batch") ? rateline::cli::add_batch_command(app) : nullptr;
  auto compare_command = wanted("compare") ? rateline::cli::add_compare_command(app) : nullptr;
  auto review_command = wanted("review") ? rateline::cli::add_review_command(app) : nullptr;
  auto ran = [](const auto& command) { return command && command->parsed(); };

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (ran(batch_command)) rateline::cli::prepare_batch_heap();
  else rateline::cli::prepare_one_shot_heap();

  if (ran(check)) {
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
  if (ran(bill)) return run_bill(bill_args, false);
  if (ran(explain)) return run_bill(explain_args, true);
  if (ran(import_command)) return import_command->run();
  if (ran(test_command)) return test_command->run();
  if (ran(batch_command)) return batch_command->run();
  if (ran(compare_command)) return compare_command->run();
  if (ran(review_command)) return review_command->run();
  if (ran(graph)) {
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
