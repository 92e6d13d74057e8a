// `rateline import urdb`: see import_command.hpp and docs/urdb-import.md.
#include "import_command.hpp"

#include "diagnostic_output.hpp"
#include "rateline/urdb.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

namespace rateline::cli {

namespace {

std::optional<std::chrono::year_month_day> parse_day(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  std::chrono::year_month_day d{std::chrono::year{std::stoi(s.substr(0, 4))}, std::chrono::month{static_cast<unsigned>(std::stoi(s.substr(5, 2)))},
                                std::chrono::day{static_cast<unsigned>(std::stoi(s.substr(8, 2)))}};
  if (!d.ok()) return std::nullopt;
  return d;
}

}  // namespace

ImportCommand::ImportCommand(CLI::App& app) {
  import_ = app.add_subcommand("import", "convert a rate from another format into tariff text");
  import_->require_subcommand(1);
  urdb_ = import_->add_subcommand("urdb", "a rate from the OpenEI Utility Rate Database (URDB JSON), billed as NREL SAM bills it");
  urdb_->add_option("rate", input_, "URDB rate JSON: one rate object, or {\"items\": [...]}")->required();
  urdb_->add_option("-o,--output", output_, "write the tariff here (default: standard output)");
  urdb_->add_option("--tiers", tiers_, "tiers shared by TOU periods: proportional (NREL SAM's default) or chronological")
      ->check(CLI::IsMember({"proportional", "chronological"}));
  urdb_->add_option("--time-zone", time_zone_, "the tariff's time zone (URDB gives none; default UTC, as SAM's calendar)");
  urdb_->add_option("--label", label_, "the URDB label of the rate to take from {\"items\": [...]} (default: the first)");
  urdb_->add_option("--effective", effective_, "effective date YYYY-MM-DD instead of the URDB startdate");
  urdb_->add_option("--max-input-size", max_input_size_, "largest JSON file read, e.g. 64M or 2G (default 64M; docs/limits.md)");
}

bool ImportCommand::parsed() const { return import_->parsed(); }

int ImportCommand::run() const {
  UrdbImportOptions options;
  options.time_zone = time_zone_;
  options.tier_allocation = tiers_ == "chronological" ? UrdbTierAllocation::chronological : UrdbTierAllocation::proportional;
  options.label = label_;
  if (!effective_.empty()) {
    options.effective = parse_day(effective_);
    if (!options.effective) {
      std::cerr << "rateline: --effective takes a date as YYYY-MM-DD\n";
      return 2;
    }
  }
  if (!max_input_size_.empty()) {
    auto bytes = parse_size(max_input_size_);
    if (!bytes) {
      std::cerr << "rateline: --max-input-size takes a size such as 64M or 2G, got `" << max_input_size_ << "`\n";
      return 2;
    }
    options.max_file_bytes = *bytes;
  }
  UrdbImportResult result;
  try {
    result = import_urdb_file(input_, options);
  } catch (const std::exception& e) {
    std::cerr << "rateline: " << e.what() << "\n";
    return 1;
  }
  print_diagnostics(result.diagnostics);
  if (!result.tariff_text) return 1;
  if (output_.empty()) {
    std::cout << *result.tariff_text;
    return 0;
  }
  // Written beside the target and renamed: a failed write leaves no partial tariff.
  const std::string partial = output_ + ".partial";
  std::ofstream out(partial, std::ios::binary);
  out << *result.tariff_text;
  out.close();
  if (!out || std::rename(partial.c_str(), output_.c_str()) != 0) {
    std::remove(partial.c_str());
    std::cerr << "rateline: cannot write " << output_ << "\n";
    return 1;
  }
  std::cerr << output_ << ": written\n";
  return 0;
}

std::unique_ptr<ImportCommand> add_import_command(CLI::App& app) { return std::make_unique<ImportCommand>(app); }

}  // namespace rateline::cli
