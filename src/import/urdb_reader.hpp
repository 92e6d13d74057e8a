// import/urdb_reader.hpp — the parts of reading a URDB rate object (urdb_read*.cpp): the
// Reader, whose steps live in one file each: the whole read, header fields and refusals
// (urdb_read.cpp), rate structures and schedules (urdb_read_structures.cpp), and the parts
// of the bill (urdb_read_charges.cpp: energy, demand, fixed, minimums, fuel, ratchet, window).
#pragma once

#include "import/urdb_model.hpp"
#include "rateline/calendar.hpp"   // format_date

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace rateline::urdb::read {

/// Fields that do not change a bill: kept in comments or ignored.
extern const std::set<std::string, std::less<>> kInformational;

std::string lower(std::string_view s);
std::string trim(std::string_view s);
/// 1e37: a URDB limit at or above it means "no limit" (SAM uses 1e38).
const Decimal& unlimited_threshold();
/// A string or number field as written (trimmed), or "".
std::string text_of(const JsonValue* v);

/// Reads one rate object: `Reader(root, options, report).run()`.
class Reader {
 public:
  Reader(const JsonValue& root, const UrdbImportOptions& options, Reporter& report) : root_(root), options_(options), report_(report) {}

  std::optional<Rate> run();

 private:
  const JsonValue* get(std::string_view key) const { return root_.find(key); }
  std::optional<Decimal> number(std::string_view key);
  void header();
  void attributes(const char* key);
  /// URDB dates: epoch seconds (integer or "1401580800.0"), or text "2017-01-01 00:00:00".
  std::optional<std::chrono::year_month_day> start_date(std::string_view key);
  bool any_nonzero_rate(const JsonValue* structure) const;
  bool positive(std::string_view key);
  void refusals();
  std::optional<Structure> structure(std::string_view key, bool demand);
  std::optional<Schedule> schedule(std::string_view key, std::size_t periods);
  void schedules(std::string_view weekday_key, std::string_view weekend_key, std::size_t periods, Schedule& weekday, Schedule& weekend);
  void energy();
  void demand();
  void flat_demand();
  void fixed();
  void minimums();
  void fuel();
  // lookbackpercent (a fraction: 0.8 = 80 %), lookbackrange (months), lookbackmonths (12 flags)
  void lookback();
  void window();

  const JsonValue& root_;
  const UrdbImportOptions& options_;
  Reporter& report_;
  Rate rate_;
};

}  // namespace rateline::urdb::read
