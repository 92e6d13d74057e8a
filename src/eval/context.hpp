// eval/context.hpp — Context: which part of a segment a line prices (a season part, a group's TOU periods) and how its line item is labelled.
#pragma once

#include "eval/share.hpp"

#include <cstdint>
#include <string>

namespace rateline::eval {

struct Context {
  int season = -1;                          ///< -1: the whole billing period
  std::uint32_t group = 0;                  ///< TOU period group `periods` refers to
  std::uint64_t periods = ~0ull;            ///< periods of the group that count
  bool part = false;                        ///< a season part of a period that spans seasons
  Share share;                              ///< ... its share of the segment's days
  std::string label;                        ///< ", summer, on-peak"
  std::string id;                           ///< ".summer.on_peak"
  std::string season_name, period_name;
  std::string table_note;                   ///< which case of a table applies, for the trace

  /// The season index of a season part (call only when season >= 0).
  std::size_t season_index() const { return static_cast<std::size_t>(season); }
};

}  // namespace rateline::eval
