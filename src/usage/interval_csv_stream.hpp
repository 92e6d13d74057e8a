// interval_csv_stream.hpp — a large clean interval CSV read in memory that does not grow
// with its text.
//
// read_interval_csv holds the whole file and 21 bytes per row besides (start, value, its
// digits, where the row begins) because a row may be out of order, a gap or a bad value
// that must be reported with its line after the last row is read. A meter export is
// almost always none of that: sorted starts one interval apart, every value a number. For
// such a file the streaming reader parses each chunk as it arrives and keeps only what the
// IntervalSeries keeps (8 bytes per interval per channel). The first row that is not of
// that kind ends the attempt, and the caller reads the file whole, so every diagnostic is
// exactly what the whole read reports (docs/limits.md, "Memory on a large valid usage file").
#pragma once

#include "rateline/usage.hpp"

#include <optional>
#include <string>

namespace rateline::usage_detail {

/// The result read_interval_csv would give for the regular file `path`, when the file is
/// one the streaming reader takes: an interval CSV (not SAM load) whose data rows all read
/// cleanly, in order and one interval apart, and whose only diagnostics are the header's
/// unread-column warnings (U0006). nullopt for any other file (a pipe, a file over the
/// size limits, a SAM load file, any error, a gap, rows out of order): read it whole.
std::optional<UsageReadResult> stream_interval_csv(const std::string& path, const UsageReadOptions& options);

}  // namespace rateline::usage_detail
