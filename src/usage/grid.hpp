// grid.hpp — putting interval starts read in any order onto one grid of equal intervals.
#pragma once

#include "rateline/usage.hpp"
#include "usage/reporter.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace rateline::usage_detail {

/// Where every row's interval sits: row r covers interval (times[r] - start) / (minutes·60).
struct Grid {
  std::int64_t start = 0;  ///< UTC seconds of interval 0
  std::int32_t minutes = 0;
  std::size_t count = 0;                ///< intervals from the first start to the last, gaps included
  bool rows_in_order = false;           ///< row r is interval r (sorted input, no gaps): no scatter needed
  std::vector<std::uint32_t> missing;   ///< intervals no row covers (only under GapPolicy::zero)
};

/// [begin, end) of a row's start field, for messages; called only on the error path.
using RowSpan = std::function<std::pair<std::uint32_t, std::uint32_t>(std::size_t row)>;

/// Sorts the starts, settles the interval length (options.interval_minutes or the most
/// common step), and reports duplicates (U0042), overlaps (U0043), starts off the grid
/// (U0044) and gaps (U0045, or filled and warned as U0046 under GapPolicy::zero).
/// nullopt when no grid could be settled at all (U0040, U0041, U0047).
/// `rows_left_out`: some rows' starts could not be read (and were reported), so a gap may
/// be one of them; the gap's hint says so.
std::optional<Grid> place_on_grid(const std::vector<std::int64_t>& times, const UsageReadOptions& options,
                                  bool rows_left_out, Reporter& reporter, const RowSpan& start_span);

}  // namespace rateline::usage_detail
