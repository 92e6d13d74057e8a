// meter_files.hpp — `--usage [METER=]FILE` and `--reads [METER=]FILE` of `rateline batch` and
// `rateline compare --accounts`: a file given with a meter's name is that meter's usage for
// tariffs of several services; a file without one is the usage of one-service tariffs.
//
//   if (!rateline::cli::split_meter_files(usage_, reads_, options)) return 2;
#pragma once

#include "rateline/population.hpp"

#include <string>
#include <vector>

namespace rateline::cli {

/// Fills options.usage_files / reads_files (no meter name) and options.meter_files (named,
/// in the order first given). False, with a message on stderr, for a bad command line:
/// unnamed interval and register-read files together, or one meter given as both.
bool split_meter_files(const std::vector<std::string>& usage, const std::vector<std::string>& reads, PopulationOptions& options);

}  // namespace rateline::cli
