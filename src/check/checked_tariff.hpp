// check/checked_tariff.hpp — a tariff whose names, units, tiers and calendar are proven.
//
// check_tariff() walks the AST once, reports every mistake as a Diagnostic (codes are
// listed in docs/diagnostics.md) and, when there are none, returns the resolution tables
// that `lower` needs: which season, period group and charge each name denotes, the
// compiled TOU tables, and the order in which charges must be evaluated. Checked facts are
// typed (the graph's enums and values), so lowering never reads a word of the source again.
#pragma once

#include "graph/billed_quantity.hpp"
#include "graph/tariff_graph.hpp"
#include "rateline/calendar.hpp"
#include "rateline/rate_graph.hpp"
#include "rateline/time_zone.hpp"
#include "rateline/unit.hpp"
#include "syntax/ast.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rateline::check {

struct PeriodRef {
  std::uint32_t group = 0;
  std::uint32_t index = 0;
};

struct Group {
  std::string name;
  std::vector<const syntax::PeriodDecl*> periods;
  TouSchedule schedule;
};

struct CheckedTariff {
  const syntax::TariffDecl* decl = nullptr;
  TariffInfo info;
  std::optional<TimeZone> zone;
  Unit usage_unit = Unit::kWh;                     ///< what `energy` is measured in for this service

  std::vector<std::string> season_names;
  std::vector<std::string> season_labels;
  std::vector<Season> calendar_seasons;            ///< one per season range
  std::vector<std::uint8_t> calendar_to_season;    ///< range -> season
  HolidayCalendar holidays;

  std::vector<Group> groups;                       ///< at least one
  std::map<std::string, std::uint32_t> season_index;
  std::map<std::string, PeriodRef> period_index;
  std::map<std::string, std::uint32_t> charge_index;
  std::vector<std::uint32_t> evaluation_order;
  std::vector<std::vector<std::uint32_t>> bases;   ///< per charge: the charges its `of` names
  std::vector<std::chrono::year_month_day> revision_dates;  ///< one per `revision`, in order

  graph::Rounding rounding;                        ///< `rounding line_items STEP MODE` (or none)
  graph::Proration proration = graph::Proration::none;
  int cycle_months = 1;                            ///< `billing_cycle`: months one bill covers (1, 3, 12)
  bool has_billing_demand = false;
  bool season_split_days = false;
  std::optional<graph::Tariff::PowerFactor> power_factor;   ///< from `power_factor: ...`, checked
  std::vector<graph::Tariff::MeteringAdjustment> metering_adjustments;   ///< derived_quantity_rules.cpp
  std::optional<graph::Tariff::KvaRounding> kva_rounding;   ///< from `kva_demand: rounded ...`, checked
  graph::NetMetering net_metering = graph::NetMetering::none;
  Span net_metering_span;
  std::int32_t demand_window = 0;
  bool demand_sliding = false;

  std::map<const syntax::ChargeDecl*, graph::BilledQuantity> billed;   ///< charges on usage
  std::map<const syntax::ChargeDecl*, graph::QuantityRounding> charge_rounding;   ///< `rounded STEP MODE`
  std::map<const syntax::Tiers*, graph::Allocation> allocations;   ///< `tiers proportional|chronological`
  std::map<std::string, const syntax::ByTable*> tables;   ///< `table NAME: by ...` of this file and its imports
  std::optional<graph::FactorTable> therm_factor;
  std::optional<graph::QuantityRounding> therm_rounding;
  std::optional<graph::QuantityRounding> quantity_rounding;
  std::optional<graph::QuantityRounding> total_rounding;
  std::optional<graph::QuantityRounding> limit_rounding;   ///< `rounding limits 1 half_up`: tier limits of a bill
};

struct CheckResult {
  std::optional<CheckedTariff> tariff;
  std::vector<Diagnostic> diagnostics;
};

/// Checks the first tariff of `file`. `imported` are the files it imports (calendars).
CheckResult check_tariff(const syntax::File& file, const std::vector<const syntax::File*>& imported);

/// The unit a `$/unit` price word denotes, in the tariff's terms ("kWh", "kW", "month").
std::optional<Unit> price_unit(const syntax::Price& price);

}  // namespace rateline::check
