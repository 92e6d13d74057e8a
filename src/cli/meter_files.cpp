// `--usage [METER=]FILE` / `--reads [METER=]FILE`: see meter_files.hpp.
#include "meter_files.hpp"

#include <iostream>

namespace rateline::cli {

namespace {

// "water=reads.csv" names a meter; "data/a=b.csv" and "=x.csv" do not (a meter's name is
// a tariff id: letters, digits and _, not starting with a digit).
std::size_t meter_name_end(const std::string& arg) {
  const auto eq = arg.find('=');
  if (eq == std::string::npos || eq == 0) return std::string::npos;
  for (std::size_t i = 0; i < eq; ++i) {
    const char c = arg[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (!letter && !(i > 0 && c >= '0' && c <= '9')) return std::string::npos;
  }
  return eq;
}

}  // namespace

bool split_meter_files(const std::vector<std::string>& usage, const std::vector<std::string>& reads, PopulationOptions& options) {
  for (bool is_reads : {false, true}) {
    for (const std::string& arg : is_reads ? reads : usage) {
      const auto eq = meter_name_end(arg);
      if (eq == std::string::npos) {
        (is_reads ? options.reads_files : options.usage_files).push_back(arg);
        continue;
      }
      const std::string meter = arg.substr(0, eq);
      PopulationOptions::MeterFiles* found = nullptr;
      for (auto& m : options.meter_files)
        if (m.meter == meter) found = &m;
      if (found && found->reads != is_reads) {
        std::cerr << "rateline: meter `" << meter << "` is given both interval usage (--usage) and register reads (--reads); give one kind per meter\n";
        return false;
      }
      if (!found) found = &options.meter_files.emplace_back(PopulationOptions::MeterFiles{meter, is_reads, {}});
      found->files.push_back(arg.substr(eq + 1));
    }
  }
  if (!options.usage_files.empty() && !options.reads_files.empty()) {
    std::cerr << "rateline: give the usage without a meter name as interval usage (--usage) or register reads (--reads), not both\n";
    return false;
  }
  return true;
}

}  // namespace rateline::cli
