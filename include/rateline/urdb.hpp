// rateline/urdb.hpp — import a rate from the OpenEI Utility Rate Database (URDB).
//
// A URDB rate (JSON, API v7/v8 field names) becomes tariff text a person can read and
// edit: seasons named after their months, TOU periods as rules ("jun_sep weekday
// 13:00-19:00"), tiers, demand charges by period or by month, fixed charges, minimums.
// Bills of the imported tariff equal NREL SAM's (utilityrate5) for the same load: SAM's
// proportional tier allocation, monthly flat demand, minimums as top-ups, no rounding.
// Prices are URDB `rate + adj`, computed exactly from the numbers as written in the file.
// A field that changes the bill and cannot be carried (coincident demand, kVA demand,
// ratchets, ...) is an error naming the field, never silently dropped. docs/urdb-import.md.
//
//   auto result = rateline::import_urdb(json_text, "rate.json", rateline::UrdbImportOptions{});
//   for (auto& d : result.diagnostics) std::cerr << rateline::render(d);
//   if (result.tariff_text) std::cout << *result.tariff_text;
#pragma once

#include "rateline/diagnostic.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rateline {

/// How tiers shared by several TOU periods split a month's usage (docs/urdb-import.md).
enum class UrdbTierAllocation {
  proportional,   ///< each period gets its share of every tier (NREL SAM's default, metering options 0/1)
  chronological,  ///< tiers fill in time order, each interval at its own period's price (SAM option 2)
};

struct UrdbImportOptions {
  /// URDB rates carry no time zone and SAM's calendar has no daylight-saving time.
  std::string time_zone = "UTC";
  UrdbTierAllocation tier_allocation = UrdbTierAllocation::proportional;
  /// For `{"items": [...]}` (the URDB API's answer): the item whose `label` this is;
  /// empty = the first item.
  std::string label;
  /// Replaces the URDB `startdate` as the tariff's effective date (e.g. to bill a load
  /// year that precedes the rate's entry in URDB).
  std::optional<std::chrono::year_month_day> effective;
  /// import_urdb_file refuses a larger file (L0001) before reading it (docs/limits.md).
  std::uint64_t max_file_bytes = std::uint64_t{64} << 20;
};

struct UrdbImportResult {
  std::optional<std::string> tariff_text;  ///< present when there are no errors
  std::vector<Diagnostic> diagnostics;     ///< errors (I0001..I0099) and warnings (I0101..)
};

/// Converts URDB JSON text (a rate object, or `{"items": [...]}`) into tariff text.
/// `path` names the JSON in diagnostics.
UrdbImportResult import_urdb(std::string_view json_text, const std::string& path, const UrdbImportOptions& options);
/// Reads a file (throws std::runtime_error if it cannot be read) and calls import_urdb.
UrdbImportResult import_urdb_file(const std::string& path, const UrdbImportOptions& options);

}  // namespace rateline
