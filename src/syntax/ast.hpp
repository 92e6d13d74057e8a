// syntax/ast.hpp — the tariff language as written, with a source span on every node.
//
// The AST says what the file says and nothing more: names are not resolved, units not
// checked, tiers not validated. src/check does that and reports Diagnostics; src/lower
// turns a checked AST into a RateGraph.
#pragma once

#include "rateline/decimal.hpp"
#include "rateline/diagnostic.hpp"

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace rateline::syntax {

struct Name {
  std::string text;
  Span span;
};

/// A price as written: "9.43 ¢/kWh" has amount 9.43, cents = true, per = {"kWh"};
/// "2.5 %" has percent = true; "30.00 $" has an empty `per`.
struct Price {
  Decimal amount;             ///< the number as written
  bool cents = false;         ///< written in cents (¢ or `cents`)
  bool percent = false;
  std::vector<Name> per;      ///< the units after `$/`: {"kWh"}, {"month"}, {"kW", "month"}
  /// A fractional percentage "33 1/3 %": amount is the whole over the denominator (100 for
  /// 100/3 %); the fraction as written is kept for its checks. 1 and 0 when none.
  Decimal denominator = Decimal(1);
  Decimal numerator = Decimal(0);
  Span span;
  Span unit_span;

  /// The value in whole currency units (cents / 100, exactly).
  Decimal dollars() const { return cents ? amount.divided_by(Decimal(100), amount.scale() + 2, RoundingMode::half_up) : amount; }
};

/// "800 kWh", "10 kWh/day", "150 kWh/kW", "100 kW"
struct Quantity {
  Decimal amount;
  std::vector<Name> unit;     ///< {"kWh"}, {"kWh", "day"}, {"kWh", "kW"}
  Span span;
};

struct Tiers;

struct TierRow {
  enum class Bound { first, next, up_to, over, rest };
  Bound bound = Bound::rest;
  std::optional<Quantity> quantity;   ///< absent for `above` / `rest`
  /// One price, or one per TOU period column ("on_peak 0.25 $/kWh, off_peak 0.08 $/kWh").
  std::vector<std::pair<std::optional<Name>, Price>> prices;
  /// Instead of prices: steps inside this block (hours-use blocks with kWh steps).
  std::shared_ptr<Tiers> nested;
  Span span;
};

struct Tiers {
  std::optional<Name> allocation;     ///< proportional | chronological (needed with period columns)
  std::vector<TierRow> rows;
  Span span;
};

struct Pricing;

struct ByCase {
  std::vector<Name> keys;             ///< empty for `otherwise`
  bool otherwise = false;
  std::unique_ptr<Pricing> pricing;
  Span span;
};

/// `by season { summer: ... winter: ... }`
struct ByTable {
  Name axis;
  std::vector<ByCase> cases;
  Span span;
};

/// `table fuel_2024`: a table defined with `table NAME: by ...` in this or an imported file.
struct TableRef {
  Name name;
  Span span;
};

struct Pricing {
  std::variant<Price, Tiers, ByTable, TableRef> node;
  Span span;
};

/// What a charge is on: `energy`, `demand in on_peak`, `billing_demand`.
struct Determinant {
  Name name;
  std::vector<Name> periods;
  std::optional<Name> cap;            ///< `capped at winter_average`: an account attribute
  // Derived quantities (src/syntax/parse_quantities.cpp)
  std::optional<Decimal> share;       ///< `90 % of usage`: the percent of the usage billed
  Span share_span;
  bool average = false;               ///< `average of usage in Dec, Jan`: the average of those months' use
  std::vector<Name> average_months;   ///< as written (checked as months by the checker)
  Span average_span;
  std::optional<Name> beyond;         ///< `usage beyond base`: above what the fixed charge `base` includes
  Span span;
};

enum class ChargeKind { charge, rider, tax, credit, minimum, late_fee, adjustment };

struct RoundingDecl {
  bool none = false;
  Name target;                        ///< line_items | total
  Decimal step;                       ///< 0.01
  std::optional<Name> mode;           ///< half_up, half_even, ...
  Span span;
};

struct ChargeDecl {
  ChargeKind kind = ChargeKind::charge;
  Name id;
  std::optional<std::string> label;
  Span label_span;
  std::optional<Determinant> on;
  Pricing pricing;
  std::vector<Name> of;               ///< `of energy, basic`: the base of a percentage or minimum
  Span of_span;
  std::vector<Name> except;           ///< `of all except fuel`: lines left out of the base
  bool gross_up = false;              ///< `2.5 % grossed up of ...`: base × r / (1 − r)
  Span gross_up_span;
  std::optional<Price> at_most;       ///< `at most 1.75 $`: the amount's size is capped
  std::optional<Price> at_least;      ///< `at least 5.00 $`: ... and floored
  std::optional<Name> unless;         ///< `unless tax_exempt`: not billed when the attribute is yes
  std::optional<Decimal> grace_days;  ///< late fee: `after 20 days` past the due date
  Span grace_span;
  std::optional<Price> not_under;     ///< late fee: `not under 10.00 $`: smaller balances pay none
  std::optional<RoundingDecl> rounded;  ///< `rounded 0.01 toward_zero`: this charge's line items round so
  std::optional<Quantity> includes;   ///< `15.00 $/month includes 2 kgal`: usage the fixed charge covers
  Span includes_span;
  Span span;
};

struct MonthDayLit {
  unsigned month = 1;
  std::optional<unsigned> day;        ///< `Jun` alone means the whole month (from: 1st, to: last)
  Span span;
};

struct SeasonDecl {
  Name id;
  std::optional<std::string> label;
  std::vector<std::pair<MonthDayLit, MonthDayLit>> ranges;   ///< `Jun 1 - Sep 30` or `Jan - Mar, Nov - Dec`
  Span span;
};

struct TimeRange {
  unsigned from = 0, to = 0;          ///< minutes of the day as written (24:00 = 1440)
  Span span;
};

struct PeriodRule {
  bool otherwise = false;
  std::vector<Name> words;            ///< seasons, day types, day sets: resolved by the checker
  std::vector<TimeRange> times;       ///< empty = all day
  Span span;
};

struct PeriodDecl {
  std::string group;                  ///< "" for top-level periods, else the `time_of_use` group
  Span group_span;
  Name id;
  std::optional<std::string> label;
  std::vector<PeriodRule> rules;
  Span span;
};

struct DaySetDecl {
  Name id;
  std::vector<Name> days;
  Span span;
};


struct MetaValue {
  enum class Kind { string, date, number, word } kind = Kind::word;
  std::string text;                   ///< unquoted string, date text, number text or word
  Span span;
};

struct MetaDecl {
  Name key;
  MetaValue value;
  Span span;
};

struct HolidayDecl {
  enum class Kind { fixed, nth_weekday, last_weekday, date, range } kind = Kind::fixed;
  std::string name;
  unsigned month = 1, day = 1;
  unsigned nth = 1;
  Name weekday;
  bool observed = false;
  std::optional<Name> observance;     ///< `observed nerc` / `observed nearest_weekday`
  std::string date, until;            ///< YYYY-MM-DD for date and range
  Span span;
};

struct CalendarDecl {
  Name id;
  std::vector<HolidayDecl> holidays;
  Span span;
};

/// One candidate of `billing_demand: greatest of { ... }`.
struct BillingDemandTerm {
  enum class Kind { demand, ratchet, floor, attribute } kind = Kind::demand;
  Decimal percent;                    ///< ratchet: 80 (%)
  Decimal months;                     ///< ratchet: the previous N months
  std::vector<Name> seasons;          ///< ratchet: only months of these seasons
  bool of_billing_demand = false;     ///< ratchet: of earlier billing demands (`of billing_demand`), not maximum demands
  std::optional<Quantity> floor;      ///< floor: 50 kW
  Name attribute;                     ///< attribute: an account attribute in kW
  Span span;
};

struct BillingDemandDecl {
  std::optional<std::string> label;
  std::vector<BillingDemandTerm> terms;
  Span span;
};

/// `convert 1 CCF = 748 gal`: a conversion the sheet states.
struct ConversionDecl {
  Quantity from, to;
  Span span;
};

/// `therm_factor: by month { Jan: 1.037 ... }`, `by billing_month { 2024-01: 1.037 }` or `1.037`.
struct ThermFactorDecl {
  struct Case {
    std::vector<Name> keys;           ///< Jan .. Dec, or 2024-01 ...
    Decimal value;
    Span value_span;
    Span span;
  };
  std::optional<std::string> label;
  std::optional<Name> axis;           ///< month | billing_month; absent for one factor
  std::optional<Decimal> constant;
  Span constant_span;
  std::vector<Case> cases;
  std::optional<Name> ref;            ///< `therm_factor: btu_2024`: a named table of an imported file
  Span span;
};

/// `therm_factor btu_2024 "BTU Factor": by billing_month { ... }` at the top of a factor file.
struct NamedThermFactor {
  Name id;
  ThermFactorDecl factor;
};

/// `power_factor "Label": adjust demand below 90 %, pf rounded 0.01 half_up`
struct PowerFactorDecl {
  std::optional<std::string> label;
  Decimal percent;                    ///< 90: the threshold, and the factor demand is brought to
  Span percent_span;
  Decimal step;                       ///< 0.01: how finely the PF is determined
  Span step_span;
  Name mode;                          ///< half_up ...
  Span span;
};

/// `kva_demand: rounded 0.01 half_up`: how finely kVA demand is determined
struct KvaDecl {
  Decimal step;
  Span step_span;
  Name mode;
  Span span;
};

/// `metering_adjustment "Label": add 1 % to energy, demand when low_side_metering`
struct MeteringAdjustmentDecl {
  std::optional<std::string> label;
  Decimal percent;
  Span percent_span;
  std::vector<Name> targets;          ///< energy, demand (checked)
  std::optional<Name> when;           ///< an account attribute: applies when it is `yes`
  Span span;
};

struct TariffBody {
  std::vector<MetaDecl> meta;
  std::vector<SeasonDecl> seasons;
  std::vector<PeriodDecl> periods;
  std::vector<DaySetDecl> day_sets;
  std::vector<ChargeDecl> charges;    ///< in the order written: the order of line items
  std::vector<RoundingDecl> rounding;
  std::vector<BillingDemandDecl> billing_demand;   ///< at most one (checked)
  std::vector<ConversionDecl> conversions;
  std::vector<ThermFactorDecl> therm_factors;      ///< at most one (checked)
  std::vector<PowerFactorDecl> power_factor;       ///< at most one (checked)
  std::vector<KvaDecl> kva_demand;                 ///< at most one (checked)
  std::vector<MeteringAdjustmentDecl> metering_adjustments;   ///< src/syntax/parse_quantities.cpp
};

/// `service water "Water" { ... }`: one service of a bill for several services; its body
/// joins the tariff's shared part to make that service's tariff (check/services.hpp).
struct ServiceDecl {
  Name id;
  std::optional<std::string> label;
  TariffBody body;
  Span span;
};

struct RevisionDecl {
  std::string date;                   ///< YYYY-MM-DD
  Span date_span;
  TariffBody body;                    ///< what the revision replaces or adds
  Span span;
};

struct TariffDecl {
  std::string name;
  Span name_span;
  TariffBody body;
  std::vector<RevisionDecl> revisions;
  std::vector<ServiceDecl> services;   ///< `service NAME { ... }` blocks, in written order
  Span span;
};

/// `table fuel_2024 "Fuel Factor": by billing_month { 2024-01: 0.0213 $/kWh ... }`
struct TableDecl {
  Name id;
  std::optional<std::string> label;
  ByTable table;
  Span span;
};

struct ImportDecl {
  std::string path;
  Span span;
};

struct File {
  std::shared_ptr<const SourceFile> source;
  std::vector<ImportDecl> imports;
  std::vector<CalendarDecl> calendars;
  std::vector<TableDecl> tables;
  std::vector<NamedThermFactor> therm_factors;
  std::vector<TariffDecl> tariffs;
};

struct ParseResult {
  std::optional<File> file;
  std::vector<Diagnostic> diagnostics;
};

/// Parses one source file. Syntax errors are diagnostics (code E0001) with the position
/// where the parser stopped and what it expected there.
ParseResult parse(std::shared_ptr<const SourceFile> source);

}  // namespace rateline::syntax
