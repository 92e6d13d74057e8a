// rateline/register_reads.hpp — usage from meter register reads (the dials a meter reader
// writes down once a month), as opposed to interval data.
//
// A register read file lists cumulative readings; consumption between two reads of one
// meter is (later − earlier) × multiplier, with the register's rollover at 10^dials and
// meter exchanges (a `final` read of the old meter, an `initial` read of the new one)
// taken into account. Reads are dated: consumption between reads dated d1 and d2 belongs
// to the days [d1, d2). Every number is an exact Decimal; every problem is a Diagnostic
// (codes U0100..U0149, docs/usage-format.md, "Register reads") naming file:line.
//
//   auto result = rateline::read_register_reads_file("reads.csv", rateline::Unit::kWh);
//   for (auto& d : result.diagnostics) std::cerr << rateline::render(d);
//   if (result.usage)
//     if (auto june = rateline::consumption_between(*result.usage, 2024y/6/3, 2024y/7/2))
//       use(june->consumption, june->estimated);
#pragma once

#include "rateline/decimal.hpp"
#include "rateline/diagnostic.hpp"
#include "rateline/unit.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rateline {

/// One row of a register read file, as read.
struct MeterRead {
  std::string meter;                       ///< meter id (serial number), as written
  std::chrono::year_month_day date{};      ///< the read is taken at the start of this local day
  Decimal reading;                         ///< register value, exactly as written ("00120" = 120)
  int dials = 0;                           ///< whole-number dials: the register rolls over at 10^dials
  Decimal multiplier;                      ///< meter constant (> 0)
  bool estimated = false;                  ///< type = estimated
  enum class Event { none, initial, final } event = Event::none;
  std::uint32_t line = 0;                  ///< 1-based line in the file
};

/// Consumption between two consecutive reads of one meter, covering the days [from, to).
struct ReadInterval {
  std::chrono::year_month_day from{}, to{};
  Decimal consumption;      ///< (reading difference, with rollover) × multiplier, in the usage unit
  bool estimated = false;   ///< either end read is estimated (the bill marks it)
  std::string meter;
  std::string note;         ///< rollover / meter exchange remarks, "" when there is none
};

struct RegisterUsage {
  /// Contiguous in dates (each interval's `to` is the next one's `from`), oldest first,
  /// across meter exchanges.
  std::vector<ReadInterval> intervals;
  /// Every read, grouped by meter in the order the meters were in service, by date.
  std::vector<MeterRead> reads;
  std::string source;       ///< file name or description, for messages
  Unit unit = Unit::kWh;
};

struct RegisterReadResult {
  std::optional<RegisterUsage> usage;   ///< present when there are no errors
  std::vector<Diagnostic> diagnostics;  ///< errors and warnings in file order (U0100..U0149)
};

/// Reads register-read CSV text. Header (any order, any letter case):
/// `meter,read_date,reading,dials,multiplier,type` and optionally `event`
/// (docs/usage-format.md). `unit` is the unit the registers count (kWh, CCF, gal, therm...).
RegisterReadResult read_register_reads(std::string_view text, const std::string& path, Unit unit);
/// Reads a file (throws std::runtime_error if it cannot be opened) and calls read_register_reads.
/// A file larger than max_file_bytes is refused unread (L0001, docs/limits.md).
RegisterReadResult read_register_reads_file(const std::string& path, Unit unit,
                                            std::uint64_t max_file_bytes = std::uint64_t{1} << 30);

/// Consumption over the days [from, to).
struct PeriodConsumption {
  std::chrono::year_month_day from{}, to{};
  Decimal consumption;
  bool estimated = false;       ///< any interval summed is estimated
  std::size_t intervals = 0;    ///< how many intervals were summed
};

/// Consumption for [from, to): `from` must be the start and `to` the end of intervals of
/// `usage` (read dates), with from < to; otherwise nullopt (and the caller reports: there
/// is no read on that date). Sums the intervals between; estimated if any of them is.
std::optional<PeriodConsumption> consumption_between(const RegisterUsage& usage, std::chrono::year_month_day from,
                                                     std::chrono::year_month_day to);

}  // namespace rateline
