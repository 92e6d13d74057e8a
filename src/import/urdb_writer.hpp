// import/urdb_writer.hpp — the parts of writing a URDB rate as tariff text (urdb_write*.cpp):
// text helpers for indented lines (urdb_write_text.cpp) and the Writer, whose sections live
// in one file each: header, seasons and TOU periods (urdb_write.cpp), tier tables and
// pricing (urdb_write_tiers.cpp), charges (urdb_write_charges.cpp).
#pragma once

#include "import/urdb_model.hpp"
#include "rateline/calendar.hpp"   // format_date

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rateline::urdb::write {

using Lines = std::vector<std::string>;

extern const char* const kMonth[12];        ///< "Jan" .. "Dec"
extern const char* const kMonthLower[12];   ///< "jan" .. "dec"
constexpr std::uint32_t kFullDay = (1u << 24) - 1;

std::string quote(std::string_view s);
void comment(Lines& out, std::string_view text, const std::string& indent = "");
Lines indented(const Lines& lines, std::size_t from = 0);
Lines keyed(const std::string& key, const Lines& body);
void append(Lines& out, const Lines& more);
std::string join(const std::vector<std::string>& items, std::string_view sep);
std::string text_of(const Lines& lines);
bool per_kw(const std::string& unit);
std::string bound_unit(const std::string& urdb_unit);
std::string bound(const Tier& t);
bool single_unlimited(const std::vector<Tier>& tiers);
bool all_zero(const Structure& s);
std::vector<std::pair<int, int>> month_runs(const std::vector<int>& months);
std::string clock(int hour);
std::string hour_ranges(std::uint32_t mask);

/// Writes one rate: `Writer(rate, options, report).run()` is the tariff text.
class Writer {
 public:
  Writer(const Rate& rate, const UrdbImportOptions& options, Reporter& report) : r_(rate), options_(options), report_(report) {}

  std::string run();

 private:
  struct Season {
    std::string name;
    std::vector<int> months;
  };

  static std::vector<int> all_months();
  void preamble(Lines& out) const;
  void header(Lines& body) const;
  void make_seasons();
  void seasons(Lines& body) const;
  static std::vector<int> periods_in(const Schedule& weekday, const Schedule& weekend, const std::vector<int>& months);
  static std::uint32_t hours_of(const Schedule& s, int month, int period);
  /// The rules of one period: "jun_sep weekday 13:00-19:00; weekend".
  std::string rules(const Schedule& weekday, const Schedule& weekend, int period) const;
  std::string period_label(const Structure& structure, int period, const char* what, const char* unit) const;
  Lines period_block(const Schedule& weekday, const Schedule& weekend, const Structure& structure, const std::vector<int>& periods,
                     const char* prefix, const char* what, const char* unit) const;
  /// One row per URDB tier; kWh steps after a kWh/kW block become a nested table.
  /// `prices[col][tier]`, `columns` the period names (empty: one price).
  Lines tier_rows(const std::vector<Tier>& layout, const std::vector<std::vector<Decimal>>& prices, const std::vector<std::string>& columns,
                  const std::string& unit, const std::string& where);
  /// A tier table or, for one unlimited tier, the price itself.
  Lines tier_pricing(const std::vector<Tier>& layout, const std::vector<std::vector<Decimal>>& prices, const std::vector<std::string>& columns,
                     const std::string& unit, const std::string& where, const std::string& allocation);
  static std::vector<std::vector<Decimal>> price_columns(const Structure& s, const std::vector<int>& periods);
  /// Same number of tiers and the same limits within a relative 1e-7 (NREL SAM's test).
  static bool same_limits(const std::vector<Tier>& a, const std::vector<Tier>& b);
  /// The tier layout NREL SAM bills a month with: the first period's limits and units. SAM
  /// multiplies limits by the peak kW only when the first tier is kWh/kW; otherwise it
  /// reads later kWh/kW limits as plain kWh, and so does the import (with a warning).
  std::vector<Tier> sam_layout(const std::vector<Tier>& tiers, const std::string& where);
  std::string allocation() const;
  Lines one_period(const Structure& s, int p, const std::string& unit, const std::string& where);
  /// The energy pricing of a season whose months use `periods`.
  Lines energy_pricing(const std::vector<int>& periods, const std::string& season_where);
  Lines demand_pricing(const std::vector<int>& periods, const std::string& season_where);
  /// `by season { a, b: ... }` with seasons of equal pricing merged, or the pricing alone.
  Lines by_season(const std::vector<Lines>& per_season) const;
  /// `by month { Jan, Feb: ... }` with months of equal pricing merged, or the pricing alone.
  static Lines by_month(const std::array<Lines, 12>& per_month);
  void charge(Lines& body, const std::string& head, const Lines& pricing);
  void charges(Lines& body);

  const Rate& r_;
  const UrdbImportOptions& options_;
  Reporter& report_;
  bool demand_used_ = false, flat_used_ = false, energy_tou_ = false, demand_tou_ = false;
  std::vector<Season> seasons_;
  std::vector<int> energy_periods_, demand_periods_;
};

}  // namespace rateline::urdb::write
