// tests/reference/tariff_model.hpp — a plain C++ model of a (random) rateline tariff.
//
// The random generator (generator.hpp) builds one of these and writes it out as tariff
// text; the reference biller (reference_biller.hpp) bills usage from the model directly,
// with plain loops, without going through the parser, checker, rate graph or fast biller.
// Only the public headers of rateline are used (Decimal, TimeZone, usage and bill types).
#pragma once

#include "rateline/decimal.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rateline::reference {

/// An inclusive range of month/days, wrapping past Dec 31 when `to` comes before `from`.
struct DayRange {
  unsigned from_month = 1, from_day = 1;
  unsigned to_month = 12, to_day = 31;
  std::string text;  ///< as written: "Jun 1 - Sep 30", "Oct - May"
};

struct SeasonDef {
  std::string name;
  std::vector<DayRange> ranges;
};

/// One rule of a TOU period: seasons (none listed = all), days of the week, minutes.
struct PeriodRule {
  std::vector<std::size_t> seasons;                 ///< season indices; empty = every season
  std::uint8_t days = 0x7f;                         ///< bit 0 = Monday ... bit 6 = Sunday
  std::vector<std::string> day_words;               ///< as written: {"weekday"}, {"Sat", "Sun"}, {}
  std::vector<std::pair<int, int>> minutes;         ///< [from, to) minutes; to < from wraps; 1440 = 24:00; empty = all day
  std::vector<std::string> minute_texts;            ///< "13:00-18:00" per range
};

struct PeriodDef {
  std::string name;
  std::size_t group = 0;                            ///< 0: the tariff's periods; else a `time_of_use` group
  std::string label;                                ///< "" = none written
  bool otherwise = false;
  std::vector<PeriodRule> rules;
};

/// What a priced charge is measured on: `$/month`, `$/day`, `$/bill`, `$/meter` (no `on`),
/// `on energy`, `on demand`, `on billing_demand`, and the other meter channels:
/// `on received_energy`, `on reactive_energy`, `on kva_demand`.
enum class Measure { month, day, energy, demand, bill, meter, billing_demand, received_energy, reactive_energy, kva_demand };

/// `net_metering ...`: how received energy offsets delivered energy (none: not netted).
enum class Netting { none, per_period, per_tou_period, per_interval };

/// `power_factor "...": adjust demand below T %, pf rounded STEP MODE`.
struct PowerFactor {
  Decimal threshold;                                ///< T, in percent
  Decimal step;                                     ///< 0.01, 0.001, ...
  RoundingMode mode = RoundingMode::half_up;
  std::string text;                                 ///< the whole statement as written
};

/// `late_fee ID: N % of past_due [, at least A $] [, at most A $], after D days [, not under A $]`
/// or `late_fee ID: A $/bill, after D days [, not under A $]`.
struct LateFee {
  bool percent = true;                              ///< N % of past_due; else a flat amount per bill
  Decimal value;                                    ///< N (percent) or the amount in dollars
  std::optional<Decimal> at_least, at_most, not_under;
  int after_days = 0;
};

/// A term of `billing_demand: greatest of { ... }`.
struct BillingDemandTerm {
  enum class Kind { demand, floor, attribute, ratchet } kind = Kind::demand;
  Decimal kw;                                       ///< floor
  std::string attribute;                            ///< attribute: the account attribute holding kW
  Decimal percent;                                  ///< ratchet: percent of the highest earlier month
  int months = 11;                                  ///< ratchet: how many months back
  std::vector<std::size_t> seasons;                 ///< ratchet `in summer`: months whose 15th is in these seasons
  std::vector<unsigned> month_list;                 ///< ratchet `in Jun, Jul`: only these months (1..12)
  std::string text;                                 ///< as written
};

/// A price as written and its value in dollars ("11.23 ¢/kWh" -> 0.1123).
struct Money {
  Decimal dollars;
  std::string text;
  /// A fractional percentage (`33 1/3 %`): the percent is dollars / denominator exactly
  /// (dollars holds the numerator, 100 for 33 1/3); 1 for every other price.
  std::int64_t denominator = 1;
};

struct TierTable;

struct TierRow {
  enum class Bound { first, next, up_to, over, rest } bound = Bound::first;
  Decimal amount;                                   ///< first/next/up_to/over: the number written
  bool rest_word = false;                           ///< rest: written `rest` (else `above`)
  std::vector<Money> prices;                        ///< one per column (one for a single-column table)
  /// An hours-use block's own steps in cumulative kWh of the bill (then `prices` is empty).
  std::shared_ptr<const TierTable> nested;
  /// This row's limit unit when it differs from the table's (`up to 2 kWh/month` then `up to
  /// 30 kWh/quarter`); "" = the table's.
  std::string unit;
};

/// How tiers combine with TOU period columns.
enum class Allocation {
  single,          ///< one price column: tiers on the determinant
  proportional,    ///< tiers on the columns' total; each column gets its share of every tier
  chronological,   ///< tiers filled in time order; each interval priced at its own period's column
};

struct TierTable {
  Allocation allocation = Allocation::single;
  std::vector<std::size_t> columns;                 ///< period index per column (not single)
  std::string unit;                                 ///< "kWh", "kWh/day", "kWh/kW", "kWh/kW/day" or "kW"
  std::vector<TierRow> rows;
};

struct Pricing;

/// One case of a `by season` / `by period` / `by month` / `by ATTRIBUTE` table: keys
/// (season or period indices, months 0..11; attribute values) or otherwise.
struct PricingCase {
  std::vector<std::size_t> keys;
  std::vector<std::string> values;                  ///< by_attribute
  bool otherwise = false;
  std::shared_ptr<const Pricing> pricing;
};

struct Pricing {
  /// by_billing_month: keys are year × 12 + month − 1 (`2024-07` is 2024 × 12 + 6)
  enum class Kind { flat, tiers, by_season, by_period, by_month, by_attribute, by_billing_month } kind = Kind::flat;
  Money price;                                      ///< flat (a percentage: dollars holds the percent)
  TierTable tiers;                                  ///< tiers
  std::string attribute;                            ///< by_attribute: the account attribute
  std::vector<PricingCase> cases;                   ///< the by_ tables
};

struct Rounding {
  Decimal step;                                     ///< 0.01, 0.1, 1, 0.001
  RoundingMode mode = RoundingMode::half_up;
};

enum class ChargeKind { charge, rider, tax, minimum, credit, adjustment, late_fee };

/// How a charge's amount comes about.
enum class Form {
  priced,          ///< quantity × price
  percentage,      ///< percent × the rounded amounts of the charges it is `of`
  minimum,         ///< tops the charges it is `of` up to an amount
  late_fee,        ///< from the account's past-due state (ChargeDef::late)
};

struct ChargeDef {
  std::string id;
  std::string label;
  ChargeKind kind = ChargeKind::charge;
  Form form = Form::priced;
  Measure measure = Measure::month;                 ///< priced
  std::size_t group = 0;                            ///< the TOU period group its periods belong to
  std::vector<std::size_t> in_periods;              ///< `on energy in p1, p2`; empty = all periods
  /// priced: the pricing; percentage: flat percents ("2.5 %") or a table of them by month,
  /// season or attribute; minimum: the amount ("25.00 $/month"), flat or such a table
  std::shared_ptr<const Pricing> pricing;
  std::vector<std::string> of;                      ///< charge ids, or "charges" / "riders" / "taxes" / "credits" / "all"
  std::vector<std::string> except;                  ///< `of all except fuel`: charge ids left out of the base
  bool gross_up = false;                            ///< percentage `grossed up`: base × p / (100 − p)
  bool minimum_per_day = false;                     ///< a `$/day` minimum
  LateFee late;                                     ///< late_fee
  std::string on_word;                              ///< the `on` word when it has a synonym ("exported_energy", "demand_kva"); "" = the usual one
  std::string unless;                               ///< `unless ATTRIBUTE`: "" = never exempt
  bool mwh = false;                                 ///< energy priced in $/MWh (the prices' dollars are per MWh; no tiers)
  std::string cap;                                  ///< `on usage capped at ATTRIBUTE` (energy only): "" = not capped
  std::optional<Decimal> share;                     ///< `on 90 % of energy` (energy only): the percent billed
  std::string beyond;                               ///< `on energy beyond ID` (energy only): less what charge ID includes
  std::optional<Decimal> includes;                  ///< a `$/month` charge's `includes N kWh`
  std::optional<Rounding> rounded;                  ///< `, rounded STEP MODE`: this charge's line items round so (not as `rounding line_items`)
  /// A fixed charge's or a (not per-day) minimum's price unit: "month", "quarter" or "year"
  /// (`billing_cycle`: billed as its share of the cycle; a `$/year` minimum compares a year of bills).
  std::string per = "month";
};

/// `revision DATE { ... }`: from DATE on, these charges replace the ones with their ids
/// (same kind, `on` and `of`; new prices).
struct Revision {
  std::chrono::year_month_day effective{};
  std::vector<ChargeDef> charges;
};

enum class Proration { none, days_over_30, days_over_days_in_month };

/// `service ID "Label" { ... }` (docs/language.md, "Several services on one bill"): a block
/// of charges billed as a tariff of its own (the shared header plus the block) on its meter.
struct ServiceDef {
  std::string id;                                   ///< "electric", "lighting", "solid_waste"
  std::string label;
  std::string kind;                                 ///< `service electric` written in the block; "" = none written
  std::string meter;                                ///< `meter NAME` written; "" = the id (or no meter at all)
  bool metered = true;                              ///< false: fixed charges only, billed without usage
  std::vector<ChargeDef> charges;
};

struct TariffModel {
  std::string name;
  std::string zone;                                 ///< "America/New_York"
  std::chrono::year_month_day effective{};
  std::vector<SeasonDef> seasons;
  std::vector<PeriodDef> periods;                   ///< of every group; empty = no TOU (one period, all time)
  std::vector<std::string> groups{""};              ///< group names: "" (the tariff's own periods), then `time_of_use` groups
  struct DaySet {
    std::string name;
    std::vector<std::string> days;                  ///< "Mon", "Tue", ...
  };
  std::vector<DaySet> day_sets;                     ///< `days NAME: Mon, Tue`
  std::vector<ChargeDef> charges;                   ///< in written order
  std::vector<Revision> revisions;                  ///< in date order
  std::optional<Rounding> rounding;                 ///< nullopt = amounts are not rounded
  bool write_rounding_none = false;                 ///< `rounding none` (vs. no rounding statement)
  std::optional<Rounding> rounding_limits;          ///< `rounding limits STEP MODE`: computed tier limits rounded before the tiers fill
  std::optional<Rounding> rounding_quantities;      ///< `rounding quantities STEP MODE`: usage quantities rounded in the priced unit before pricing
  std::optional<Rounding> rounding_total;           ///< `rounding total STEP MODE`: a Rounding Adjustment line (id `rounding`)
  Proration proration = Proration::none;
  bool write_proration = false;
  bool season_split_days = false;                   ///< `season_split days`: season parts get the period's energy × their share of the days
  std::string season_split_text;                    ///< "" (not written), "intervals" or "days"
  std::vector<BillingDemandTerm> billing_demand;    ///< `billing_demand: greatest of { ... }` (empty: none)
  int demand_window = 0;                            ///< minutes; 0 = the data interval
  bool demand_sliding = false;
  std::string demand_window_text;                   ///< "30min", "60min_sliding"
  Netting netting = Netting::none;
  std::optional<Rounding> kva_rounding;             ///< `kva_demand: rounded STEP MODE`
  std::optional<PowerFactor> power_factor;
  int cycle_months = 1;                             ///< `billing_cycle`: 1 (monthly, not written), 3 (quarterly) or 12 (annual)
  /// Several services: the charges are in the blocks (then `charges` is empty and there are
  /// no revisions, E1006); empty = a tariff of one service.
  std::vector<ServiceDef> services;
};

/// The tariff one service is billed by: the shared part with the block's charges.
TariffModel service_tariff(const TariffModel& tariff, std::size_t service);
/// The meter a service reads: `meter NAME`, else its id.
std::string meter_of(const ServiceDef& service);

/// The tariff in the rateline language.
std::string to_text(const TariffModel& tariff);

}  // namespace rateline::reference
