// sam_load.hpp — the SAM load format: a `kW_<n>min` line, then one average kW per line.
//
// NREL's System Advisor Model writes electric loads this way. The file has no
// timestamps, so the caller says where the first interval starts (options.sam_start).
#pragma once

#include "rateline/usage.hpp"
#include "usage/reader_support.hpp"
#include "usage/reporter.hpp"

#include <optional>
#include <string_view>

namespace rateline::usage_detail {

/// True for a first line like "kW_60min" / "kw_15min" (trimmed; case-insensitive). The
/// minutes are checked by read_sam_load, so "kW_7min" is SAM with a bad length, not CSV.
bool is_sam_header(std::string_view line);

/// Reads the value lines after `header` (the cursor stands just past it).
std::optional<IntervalUsage> read_sam_load(std::string_view text, const Line& header, LineCursor& lines,
                                           const UsageReadOptions& options, Reporter& reporter);

}  // namespace rateline::usage_detail
