// eval/context.hpp — Context: which part of a segment a line prices (a season part, a group's TOU periods) and how its line item is labelled.
#pragma once

#include "eval/share.hpp"

#include <boost/container/small_vector.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace rateline::eval {

/// What a context adds to a line's label or id after the charge's own, as pieces that
/// point into the tariff (", ", "On-peak") or into text the caller keeps alive while it
/// prices the context (a season part's day count). Joined once, into the line item: a
/// bill builds no label text of its own for a context.
using TextPieces = boost::container::small_vector<std::string_view, 6>;

struct Context {
  Context() {}   // provided: `Context{}` would zero-fill the in-place pieces before building them
  int season = -1;                          ///< -1: the whole billing period
  std::uint32_t group = 0;                  ///< TOU period group `periods` refers to
  std::uint64_t periods = ~0ull;            ///< periods of the group that count
  bool part = false;                        ///< a season part of a period that spans seasons
  Share share;                              ///< ... its share of the segment's days
  TextPieces label;                         ///< ", summer, on-peak" in pieces
  TextPieces id;                            ///< ".summer.on_peak" in pieces
  std::string_view season_name, period_name;   ///< names in the tariff
  std::string table_note;                   ///< which case of a table applies, for the trace

  /// The season index of a season part (call only when season >= 0).
  std::size_t season_index() const { return static_cast<std::size_t>(season); }
};

}  // namespace rateline::eval
