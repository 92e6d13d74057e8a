// register_reads_detail.hpp — the register-read reader's internals: a row as parsed
// (with where its fields are, for messages) and the pass that turns rows into intervals.
#pragma once

#include "rateline/register_reads.hpp"
#include "usage/reporter.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rateline::usage_detail {

/// [begin, end) byte offsets of a field in the text.
using FieldSpan = std::pair<std::uint32_t, std::uint32_t>;

/// A row whose fields all parsed, with the positions of its fields.
struct ParsedRead {
  MeterRead read;
  FieldSpan line;        ///< the whole row
  FieldSpan date;
  FieldSpan reading;
  FieldSpan dials;
  FieldSpan multiplier;
  FieldSpan event;       ///< empty span at the line end when the file has no event column
  std::string_view reading_text;  ///< the reading as written ("00120"), for messages
};

/// "2024-07-15".
std::string format_date(std::chrono::year_month_day date);

/// Groups `reads` by meter, sorts each meter's reads by date and builds the intervals:
/// rollover, exchanges between meters, duplicates, reads going backwards (U0120..U0139).
/// `bad_meters` are meters with a row that did not parse: their chain checks are skipped
/// (the missing row would only cause follow-on errors); `unattributed` says a row's meter
/// is unknown, so the checks between meters are skipped too.
RegisterUsage build_register_usage(std::vector<ParsedRead> reads, const std::vector<std::string>& bad_meters,
                                   bool unattributed, Unit unit, Reporter& reporter);

}  // namespace rateline::usage_detail
