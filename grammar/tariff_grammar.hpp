// grammar/tariff_grammar.hpp — the PEGTL grammar of rateline tariff files.
//
// The language reference is docs/language.md; this file is its executable form. The
// grammar is free-form (newlines are whitespace, `#` and `//` start comments) and every
// statement starts with a keyword, so a rate analyst can lay a tariff out like its sheet:
//
//   tariff "Residential Service RS" {
//     utility "Duke Energy Carolinas, LLC"   currency USD   timezone "America/New_York"
//     effective 2024-01-01
//     season summer: Jun 1 - Sep 30
//     period on_peak: summer weekday 13:00-18:00
//     period off_peak: otherwise
//     charge basic "Basic Customer Charge": 14.00 $/month
//     charge energy "Energy Charge" on energy: tiers { first 800 kWh: 9.43 ¢/kWh  over 800 kWh: 8.23 ¢/kWh }
//   }
//
// Only src/syntax includes this file (the architecture test enforces it). Rules that the
// parse tree keeps are listed in src/syntax/parser.cpp; error messages for `must<>`
// points are in `errors` at the end of this file.
#pragma once

#include <tao/pegtl.hpp>

namespace rateline::grammar {

namespace pegtl = tao::pegtl;
using namespace pegtl;

// ---------------------------------------------------------------- lexical
struct line_comment : seq<sor<one<'#'>, two<'/'>>, until<eolf>> {};
struct block_comment : seq<string<'/', '*'>, until<string<'*', '/'>>> {};
struct ws : star<sor<space, line_comment, block_comment>> {};

template <typename R>
struct tok : seq<R, ws> {};

struct ident_first : ranges<'a', 'z', 'A', 'Z', '_'> {};
struct ident_other : ranges<'a', 'z', 'A', 'Z', '0', '9', '_'> {};

#define RATELINE_KEYWORD(name, text) \
  struct name : seq<TAO_PEGTL_STRING(text), not_at<ident_other>> {};
RATELINE_KEYWORD(kw_tariff, "tariff")
RATELINE_KEYWORD(kw_calendar, "calendar")
RATELINE_KEYWORD(kw_import, "import")
RATELINE_KEYWORD(kw_season, "season")
RATELINE_KEYWORD(kw_period, "period")
RATELINE_KEYWORD(kw_days, "days")
RATELINE_KEYWORD(kw_charge, "charge")
RATELINE_KEYWORD(kw_rider, "rider")
RATELINE_KEYWORD(kw_tax, "tax")
RATELINE_KEYWORD(kw_credit, "credit")
RATELINE_KEYWORD(kw_minimum, "minimum")
RATELINE_KEYWORD(kw_late_fee, "late_fee")
RATELINE_KEYWORD(kw_adjustment, "adjustment")
RATELINE_KEYWORD(kw_rounding, "rounding")
RATELINE_KEYWORD(kw_on, "on")
RATELINE_KEYWORD(kw_in, "in")
RATELINE_KEYWORD(kw_of, "of")
RATELINE_KEYWORD(kw_by, "by")
RATELINE_KEYWORD(kw_tiers, "tiers")
RATELINE_KEYWORD(kw_first, "first")
RATELINE_KEYWORD(kw_next, "next")
RATELINE_KEYWORD(kw_up, "up")
RATELINE_KEYWORD(kw_to, "to")
RATELINE_KEYWORD(kw_over, "over")
RATELINE_KEYWORD(kw_above, "above")
RATELINE_KEYWORD(kw_rest, "rest")
RATELINE_KEYWORD(kw_otherwise, "otherwise")
RATELINE_KEYWORD(kw_observed, "observed")
RATELINE_KEYWORD(kw_last, "last")
RATELINE_KEYWORD(kw_revision, "revision")
RATELINE_KEYWORD(kw_time_of_use, "time_of_use")
RATELINE_KEYWORD(kw_billing_demand, "billing_demand")
RATELINE_KEYWORD(kw_at, "at")
#undef RATELINE_KEYWORD

// Words that start statements or structure: never identifiers, so lists of names end
// where the next statement begins.
struct keyword
    : sor<kw_tariff, kw_calendar, kw_import, kw_season, kw_period, kw_days, kw_charge, kw_rider, kw_tax,
          kw_credit, kw_minimum, kw_late_fee, kw_adjustment, kw_rounding, kw_on, kw_in, kw_of, kw_by,
          kw_tiers, kw_first, kw_next, kw_up, kw_to, kw_over, kw_above, kw_rest, kw_otherwise, kw_revision,
          kw_time_of_use, kw_billing_demand, kw_at> {};

struct identifier : seq<not_at<keyword>, ident_first, star<ident_other>> {};

struct number : seq<opt<one<'-', '+'>>, plus<digit>, opt<one<'.'>, plus<digit>>> {};
struct string_char : sor<seq<one<'\\'>, any>, not_one<'"', '\n'>> {};
struct string_body : star<string_char> {};
struct string_literal : seq<one<'"'>, string_body, must<one<'"'>>> {};
struct date_literal : seq<rep<4, digit>, one<'-'>, rep<2, digit>, one<'-'>, rep<2, digit>> {};
struct clock_time : seq<rep_min_max<1, 2, digit>, one<':'>, rep<2, digit>> {};

struct month_name
    : sor<TAO_PEGTL_ISTRING("January"), TAO_PEGTL_ISTRING("February"), TAO_PEGTL_ISTRING("March"),
          TAO_PEGTL_ISTRING("April"), TAO_PEGTL_ISTRING("June"), TAO_PEGTL_ISTRING("July"),
          TAO_PEGTL_ISTRING("August"), TAO_PEGTL_ISTRING("September"), TAO_PEGTL_ISTRING("October"),
          TAO_PEGTL_ISTRING("November"), TAO_PEGTL_ISTRING("December"), TAO_PEGTL_ISTRING("Jan"),
          TAO_PEGTL_ISTRING("Feb"), TAO_PEGTL_ISTRING("Mar"), TAO_PEGTL_ISTRING("Apr"), TAO_PEGTL_ISTRING("May"),
          TAO_PEGTL_ISTRING("Jun"), TAO_PEGTL_ISTRING("Jul"), TAO_PEGTL_ISTRING("Aug"), TAO_PEGTL_ISTRING("Sep"),
          TAO_PEGTL_ISTRING("Oct"), TAO_PEGTL_ISTRING("Nov"), TAO_PEGTL_ISTRING("Dec")> {};
struct month_ident : seq<month_name, not_at<ident_other>> {};
struct day_of_month : rep_min_max<1, 2, digit> {};

// ---------------------------------------------------------------- prices and quantities
// "0.1123 $/kWh", "9.43 ¢/kWh", "14.00 $/month", "2.5 %", "30.00 $"
struct currency_symbol : sor<one<'$'>, TAO_PEGTL_STRING("¢"), TAO_PEGTL_KEYWORD("cents")> {};
struct unit_word : seq<ident_first, star<ident_other>> {};
struct per_unit : seq<one<'/'>, unit_word, star<one<'/'>, unit_word>> {};
struct money_unit : seq<currency_symbol, opt<per_unit>> {};
struct percent_sign : one<'%'> {};
// "33 1/3 %", "1/3 %": a percentage whose decimal repeats, kept as the fraction it is
struct percent_fraction : seq<plus<digit>, one<'/'>, plus<digit>> {};
struct price : sor<seq<percent_fraction, ws, percent_sign>,
                   seq<number, ws, sor<money_unit, seq<opt<percent_fraction, ws>, percent_sign>>>> {};

// A tier bound's quantity: "800 kWh", "10 kWh/day", "200 kWh/kW", "100 kW"
struct bound_unit : seq<unit_word, star<one<'/'>, unit_word>> {};
struct quantity : seq<number, ws, bound_unit> {};

// ---------------------------------------------------------------- pricing
struct pricing;

struct tier_first : seq<tok<kw_first>, quantity> {};
struct tier_next : seq<tok<kw_next>, quantity> {};
struct tier_up_to : seq<tok<kw_up>, tok<kw_to>, quantity> {};
struct tier_over : seq<tok<kw_over>, quantity> {};
struct tier_rest : sor<kw_above, kw_rest> {};
struct tier_bound : sor<tier_first, tier_next, tier_up_to, tier_over, tier_rest> {};
struct tier_column : seq<identifier, ws, must<price>> {};   // "on_peak 0.25 $/kWh"
// A block of an hours-use table may hold its own steps in kWh:
//   up to 200 kWh/kW: tiers { up to 3000 kWh: 0.10 $/kWh  above: 0.08 $/kWh }
struct tier_row;
struct nested_tiers : seq<tok<kw_tiers>, must<tok<one<'{'>>>, plus<tier_row>, must<tok<one<'}'>>>> {};
struct tier_prices : sor<nested_tiers, plus<tier_column, ws, opt<tok<one<','>>>>, seq<price, ws>> {};
struct tier_row : seq<tier_bound, ws, must<tok<one<':'>>>, must<tier_prices>> {};
struct tier_allocation : identifier {};   // proportional | chronological
struct tiers : seq<tok<kw_tiers>, opt<tier_allocation, ws>, must<tok<one<'{'>>>, plus<tier_row>, must<tok<one<'}'>>>> {};

struct year_month_key : seq<rep<4, digit>, one<'-'>, rep<2, digit>> {};   // a billing month: 2024-01
struct case_key : sor<year_month_key, identifier> {};
struct case_keys : list<case_key, tok<one<','>>, space> {};
struct case_otherwise : kw_otherwise {};
struct by_case : seq<sor<case_otherwise, case_keys>, ws, must<tok<one<':'>>>, must<pricing>> {};
struct by_axis : seq<ident_first, star<ident_other>> {};   // season and period are keywords elsewhere
struct by_table : seq<tok<kw_by>, must<by_axis>, ws, must<tok<one<'{'>>>, plus<by_case>, must<tok<one<'}'>>>> {};

// A table of prices defined at the top of this or an imported file: `table fuel_2024`
struct table_id : identifier {};
struct table_ref : seq<tok<TAO_PEGTL_KEYWORD("table")>, must<table_id>, ws> {};
struct pricing : sor<by_table, tiers, table_ref, seq<price, ws>> {};

// ---------------------------------------------------------------- charges
struct period_list : list<identifier, tok<one<','>>, space> {};
struct determinant_periods : seq<tok<kw_in>, must<period_list>> {};
struct determinant_name : seq<ident_first, star<ident_other>> {};   // billing_demand is a keyword elsewhere
// "on usage capped at winter_average": the quantity is at most an account attribute
struct cap_attribute : identifier {};
struct cap_clause : seq<tok<TAO_PEGTL_KEYWORD("capped")>, must<tok<kw_at>>, must<cap_attribute>, ws> {};
// Quantities derived from other quantities, as sheets state them (src/syntax/parse_quantities.cpp):
//   on 90 % of usage                         a share of the metered usage
//   on average of usage in Dec, Jan, Feb     the average of the account's use in those months
//   on usage beyond base                     usage above what the fixed charge `base` includes
//   charge base "Base": 15.00 $/month includes 2 kgal
struct determinant_share : seq<number, ws, percent_sign, ws, tok<kw_of>> {};
struct determinant_average : seq<TAO_PEGTL_KEYWORD("average"), ws, tok<kw_of>> {};
struct allowance_charge : identifier {};
struct beyond_clause : seq<tok<TAO_PEGTL_KEYWORD("beyond")>, must<allowance_charge>, ws> {};
struct includes_clause : seq<opt<tok<one<','>>>, tok<TAO_PEGTL_KEYWORD("includes")>, must<quantity>, ws> {};
struct determinant : seq<opt<determinant_share>, opt<determinant_average>, determinant_name, ws, opt<determinant_periods, ws>, opt<cap_clause>, opt<beyond_clause>> {};
struct on_clause : seq<tok<kw_on>, must<determinant>> {};

// `after` and `not` start a late fee's clauses and `rounded` a charge's rounding rule (below),
// so they end a list of base names
struct base_name : seq<not_at<sor<TAO_PEGTL_KEYWORD("after"), TAO_PEGTL_KEYWORD("not"), TAO_PEGTL_KEYWORD("rounded"), TAO_PEGTL_KEYWORD("except")>>, identifier> {};
struct base_list : list<base_name, tok<one<','>>, space> {};
// "of all except fuel": lines left out of the base the names before `except` make
struct except_list : list<base_name, tok<one<','>>, space> {};
struct except_clause : seq<tok<TAO_PEGTL_KEYWORD("except")>, must<except_list>, ws> {};
struct of_clause : seq<tok<kw_of>, must<base_list>, ws, opt<except_clause>> {};
// "2.5 % grossed up of all": the tax is charged on the base plus itself, base × r / (1 − r)
struct gross_up_clause : seq<tok<TAO_PEGTL_KEYWORD("grossed")>, must<tok<TAO_PEGTL_KEYWORD("up")>>> {};
// "3 % of energy, at most 1.75 $": a percentage's amount limited in size (caps and floors)
struct limit_kind : sor<TAO_PEGTL_KEYWORD("most"), TAO_PEGTL_KEYWORD("least")> {};
struct limit_clause : seq<opt<tok<one<','>>>, tok<kw_at>, must<limit_kind>, ws, must<price>, ws> {};
// A late fee's terms: "1.5 % of past_due, at least 5.00 $, after 20 days, not under 10.00 $":
// it applies when payment comes more than 20 days after the due date, on balances of 10.00 $ or more.
struct grace_days : number {};
struct grace_clause : seq<opt<tok<one<','>>>, tok<TAO_PEGTL_KEYWORD("after")>, must<grace_days>, ws,
                          must<tok<sor<TAO_PEGTL_KEYWORD("days"), TAO_PEGTL_KEYWORD("day")>>>> {};
struct exempt_clause : seq<opt<tok<one<','>>>, tok<TAO_PEGTL_KEYWORD("not")>, must<tok<TAO_PEGTL_KEYWORD("under")>>, must<price>, ws> {};
// "6 % of all, rounded 0.01 toward_zero": this charge's own rounding rule for its line items
struct rounding_step : number {};
struct rounding_mode : seq<ident_first, star<ident_other>> {};   // `up` is a keyword elsewhere
// the mode is on the step's line: a missing mode is reported, not taken from the next statement
struct rounded_clause : seq<opt<tok<one<','>>>, tok<TAO_PEGTL_KEYWORD("rounded")>, must<rounding_step>, star<blank>, must<rounding_mode>, ws> {};
// "6 % of all unless tax_exempt": the charge does not apply to accounts with the attribute `yes`
struct exemption_attribute : identifier {};
struct exemption_clause : seq<tok<TAO_PEGTL_KEYWORD("unless")>, must<exemption_attribute>, ws> {};
struct charge_body
    : seq<pricing, opt<gross_up_clause>, opt<of_clause>, star<sor<limit_clause, grace_clause, exempt_clause, rounded_clause, includes_clause>>, opt<exemption_clause>> {};

struct charge_kind
    : sor<kw_charge, kw_rider, kw_tax, kw_credit, kw_minimum, kw_late_fee, kw_adjustment> {};
struct charge_id : identifier {};
// `charge minimum ...`: a reserved word is reported as such, with another name to use
struct reserved_charge_id : keyword {};
struct label : string_literal {};
struct charge_decl : seq<charge_kind, ws, opt<at<keyword>, raise<reserved_charge_id>>, must<charge_id>, ws, opt<label, ws>, opt<on_clause>,
                         must<tok<one<':'>>>, must<charge_body>> {};

// ---------------------------------------------------------------- billing demand
//   billing_demand "Billing Demand": greatest of {
//     demand                                   the period's maximum demand
//     80 % of ratchet 11 months                of the highest demand of the previous 11 months
//     60 % of ratchet 11 months in summer      ... of those in summer only
//     contract_demand                          an account attribute, in kW
//     50 kW                                    a floor
//   }
struct ratchet_seasons : seq<tok<kw_in>, must<list<identifier, tok<one<','>>, space>>> {};
// "75 % of ratchet 11 months of billing_demand": the history is of billing demands, not maximum demands
struct ratchet_of_billing_demand : seq<tok<kw_of>, tok<kw_billing_demand>> {};
struct ratchet_term : seq<number, ws, percent_sign, ws, tok<kw_of>, tok<TAO_PEGTL_KEYWORD("ratchet")>, must<number>, ws,
                          must<tok<sor<TAO_PEGTL_KEYWORD("months"), TAO_PEGTL_KEYWORD("month")>>>, opt<ratchet_seasons>, opt<ratchet_of_billing_demand>> {};
struct measured_demand_term : TAO_PEGTL_KEYWORD("demand") {};
struct attribute_term : identifier {};
struct billing_demand_term : sor<ratchet_term, quantity, measured_demand_term, attribute_term> {};
struct billing_demand_decl : seq<tok<kw_billing_demand>, opt<label, ws>, must<tok<one<':'>>>, must<tok<TAO_PEGTL_KEYWORD("greatest")>>,
                                 must<tok<kw_of>>, must<tok<one<'{'>>>, plus<billing_demand_term, ws>, must<tok<one<'}'>>>> {};

// ---------------------------------------------------------------- power factor
//   power_factor "Power Factor Adjustment": adjust demand below 90 %, pf rounded 0.01 half_up
// When the billing period's PF = kWh / sqrt(kWh² + kVARh²) is below 90 %, demand is
// multiplied by 90 % and divided by the PF, rounded as stated.
struct pf_percent : number {};
struct pf_step : number {};
struct pf_mode : seq<ident_first, star<ident_other>> {};
struct pf_body : seq<tok<TAO_PEGTL_KEYWORD("adjust")>, tok<TAO_PEGTL_KEYWORD("demand")>, tok<TAO_PEGTL_KEYWORD("below")>, pf_percent, ws,
                     tok<percent_sign>, opt<tok<one<','>>>, tok<TAO_PEGTL_KEYWORD("pf")>, tok<TAO_PEGTL_KEYWORD("rounded")>, pf_step, ws,
                     pf_mode, ws> {};
struct power_factor_decl : seq<tok<TAO_PEGTL_KEYWORD("power_factor")>, opt<label, ws>, must<tok<one<':'>>>, must<pf_body>> {};

//   kva_demand: rounded 0.01 half_up
// kVA demand = sqrt(kW² + kVAR²) of the highest demand window, determined as stated.
struct kva_body : seq<tok<TAO_PEGTL_KEYWORD("rounded")>, pf_step, ws, pf_mode, ws> {};
struct kva_decl : seq<tok<TAO_PEGTL_KEYWORD("kva_demand")>, must<tok<one<':'>>>, must<kva_body>> {};

//   metering_adjustment "Low-side metering": add 1 % to energy, demand when low_side_metering
// Metered kWh and kW are increased by the percentage before billing (for accounts whose
// attribute is `yes`, with `when`): "add 1 % to metered kWh and kW for metering on the low
// side of the transformer". src/syntax/parse_quantities.cpp.
struct adjustment_percent : number {};
struct adjustment_target : identifier {};
struct adjustment_targets : list<adjustment_target, tok<one<','>>, space> {};
struct adjustment_condition : identifier {};
struct adjustment_when : seq<tok<TAO_PEGTL_KEYWORD("when")>, must<adjustment_condition>, ws> {};
struct metering_adjustment_body : seq<tok<TAO_PEGTL_KEYWORD("add")>, adjustment_percent, ws, tok<percent_sign>, tok<kw_to>, adjustment_targets, ws,
                                      opt<adjustment_when>> {};
struct metering_adjustment_decl
    : seq<tok<TAO_PEGTL_KEYWORD("metering_adjustment")>, opt<label, ws>, must<tok<one<':'>>>, must<metering_adjustment_body>> {};

// ---------------------------------------------------------------- calendar
struct month_day : seq<month_ident, ws, opt<day_of_month>> {};
struct season_range : seq<month_day, ws, must<sor<tok<one<'-'>>, tok<kw_to>>>, must<month_day>> {};
struct season_id : identifier {};
struct season_decl : seq<tok<kw_season>, must<season_id>, ws, opt<label, ws>, must<tok<one<':'>>>, must<season_range>, ws,
                         star<tok<one<','>>, must<season_range>, ws>> {};

struct time_range : seq<clock_time, ws, must<tok<one<'-'>>>, must<clock_time>> {};
struct time_ranges : list<time_range, tok<one<','>>, space> {};
// `service` is no keyword (`charge service`, the field `service gas`), so a rule's words end
// before a service block by looking for one: `... weekday` then `service water "Water" {`.
struct service_block_start : seq<TAO_PEGTL_KEYWORD("service"), ws, identifier, ws, opt<string_literal, ws>, one<'{'>> {};
struct rule_word : seq<not_at<service_block_start>, identifier> {};
struct period_rule_words : plus<rule_word, ws> {};
struct period_rule : sor<seq<kw_otherwise, ws>, seq<period_rule_words, opt<time_ranges, ws>>, seq<time_ranges, ws>> {};
struct period_id : identifier {};
struct period_decl : seq<tok<kw_period>, must<period_id>, ws, opt<label, ws>, must<tok<one<':'>>>,
                         must<period_rule>, star<tok<one<';'>>, must<period_rule>>> {};

// A named group of TOU periods that partitions time on its own (URDB's demand periods are
// independent of its energy periods): `time_of_use demand_periods { period ... }`.
struct group_id : identifier {};
struct tou_group : seq<tok<kw_time_of_use>, must<group_id>, ws, must<tok<one<'{'>>>, star<period_decl>, must<tok<one<'}'>>>> {};

struct day_set_id : identifier {};
struct day_set_decl : seq<tok<kw_days>, must<day_set_id>, ws, must<tok<one<':'>>>, must<list<rule_word, tok<one<','>>, space>>, ws> {};

// Holidays: "Independence Day": Jul 4 observed | "Thanksgiving": 4th Thu of Nov |
//           "Memorial Day": last Mon of May | "Storm day": 2025-01-21 | "Shutdown": 2025-12-24 - 2025-12-26
struct ordinal : seq<digit, sor<TAO_PEGTL_STRING("st"), TAO_PEGTL_STRING("nd"), TAO_PEGTL_STRING("rd"), TAO_PEGTL_STRING("th")>> {};
struct weekday_word : identifier {};
struct nth_weekday : seq<sor<kw_last, ordinal>, ws, must<weekday_word>, ws, must<tok<kw_of>>, must<month_ident>> {};
struct observance : identifier {};   // after `observed`: optional rule name
struct fixed_holiday : seq<month_ident, ws, must<day_of_month>, ws, opt<tok<kw_observed>, opt<observance, ws>>> {};
struct date_range : seq<date_literal, ws, opt<sor<tok<one<'-'>>, tok<kw_to>>, must<date_literal>>> {};
struct holiday_spec : sor<date_range, nth_weekday, fixed_holiday> {};
struct holiday_decl : seq<label, ws, must<tok<one<':'>>>, must<holiday_spec>, ws> {};
struct calendar_id : identifier {};
struct calendar_decl : seq<tok<kw_calendar>, must<calendar_id>, ws, must<tok<one<'{'>>>, star<holiday_decl>, must<tok<one<'}'>>>> {};

// ---------------------------------------------------------------- tariff
struct rounding_none : TAO_PEGTL_KEYWORD("none") {};
struct rounding_target : identifier {};    // line_items | total | ...
struct rounding_decl : seq<tok<kw_rounding>, must<sor<seq<rounding_none, ws>, seq<rounding_target, ws, must<rounding_step>, star<blank>, opt<rounding_mode>, ws>>>> {};

// Volumes and heat content, as the sheet states them:
//   convert 1 CCF = 748 gal
//   therm_factor "BTU Factor": by month { Jan: 1.037  Feb: 1.035 ... }
//   therm_factor: by billing_month { 2024-01: 1.037  2024-02: 1.035 }
struct conversion_decl : seq<tok<TAO_PEGTL_KEYWORD("convert")>, must<quantity>, ws, must<tok<one<'='>>>, must<quantity>, ws> {};
struct factor_key : sor<year_month_key, identifier> {};
struct factor_value : number {};
struct factor_case : seq<list<factor_key, tok<one<','>>, space>, ws, must<tok<one<':'>>>, must<factor_value>, ws> {};
struct factor_table : seq<tok<kw_by>, must<by_axis>, ws, must<tok<one<'{'>>>, plus<factor_case>, must<tok<one<'}'>>>> {};
struct factor_ref : identifier {};   // a therm factor table defined in an imported file
struct factor_body : sor<factor_table, seq<factor_value, ws>, seq<factor_ref, ws>> {};
struct therm_factor_decl : seq<tok<TAO_PEGTL_KEYWORD("therm_factor")>, opt<label, ws>, must<tok<one<':'>>>, must<factor_body>> {};
// At the top of a factor file: `therm_factor btu_2024 "BTU Factor": by billing_month { ... }`
struct factor_id : identifier {};
struct named_therm_factor : seq<tok<TAO_PEGTL_KEYWORD("therm_factor")>, must<factor_id>, ws, opt<label, ws>, must<tok<one<':'>>>, must<factor_body>> {};

struct meta_key : identifier {};
struct meta_word_with_digits : seq<plus<digit>, ident_first, star<ident_other>> {};   // 30min, 15min_sliding
struct meta_word : seq<ident_first, star<ident_other>> {};   // any word, keywords too: `season_split days`
struct meta_value : sor<string_literal, date_literal, seq<number, not_at<ident_other>>, meta_word_with_digits, meta_word> {};
// A field's value is on its line. A word alone on its line (`5 % of basic grossed`) is
// reported at that word, not where the next line's `}` fails to be a value.
struct stray_word : seq<meta_key, star<blank>, sor<eolf, at<one<'}', '#'>>, at<two<'/'>>>> {};
struct meta_decl : seq<opt<at<stray_word>, raise<stray_word>>, meta_key, star<blank>, must<meta_value>, ws> {};

struct revision_date : date_literal {};
struct revision_decl;
struct tariff_item : sor<season_decl, period_decl, tou_group, billing_demand_decl, power_factor_decl, kva_decl, day_set_decl, charge_decl, rounding_decl,
                         revision_decl, conversion_decl, therm_factor_decl, metering_adjustment_decl, meta_decl> {};
struct revision_decl : seq<tok<kw_revision>, must<revision_date>, ws, must<tok<one<'{'>>>, star<tariff_item>, must<tok<one<'}'>>>> {};
// `service water "Water" { ... }`: one service's part of a bill for several services
// (docs/language.md). Without its `{` the words are the header field `service water`.
struct service_id : identifier {};
struct service_item : sor<season_decl, period_decl, tou_group, billing_demand_decl, power_factor_decl, kva_decl, day_set_decl, charge_decl, rounding_decl,
                          conversion_decl, therm_factor_decl, meta_decl> {};
struct service_block : seq<TAO_PEGTL_KEYWORD("service"), ws, service_id, ws, opt<label, ws>, tok<one<'{'>>, star<service_item>, must<tok<one<'}'>>>> {};
struct tariff_name : string_literal {};
struct tariff_decl : seq<tok<kw_tariff>, must<tariff_name>, ws, must<tok<one<'{'>>>, star<sor<service_block, tariff_item>>, must<tok<one<'}'>>>> {};

struct import_path : string_literal {};
struct import_decl : seq<tok<kw_import>, must<import_path>, ws> {};

// A table of prices by billing month (or any `by` axis) kept apart from the tariff, e.g. in a
// factor file that changes every month: `table fuel_2024 "Fuel Factor": by billing_month { ... }`
struct table_decl : seq<tok<TAO_PEGTL_KEYWORD("table")>, must<table_id>, ws, opt<label, ws>, must<tok<one<':'>>>, must<by_table>> {};

struct top_item : sor<import_decl, calendar_decl, table_decl, named_therm_factor, tariff_decl> {};
struct file : seq<ws, star<top_item>, must<eof>> {};

// ---------------------------------------------------------------- error messages
template <typename Rule>
inline constexpr const char* error_message = nullptr;

// clang-format off
template <> inline constexpr const char* error_message<eof> = "expected `tariff \"Name\" { ... }`, `calendar NAME { ... }`, `table NAME: by ... { ... }` or `import \"file\"`";
template <> inline constexpr const char* error_message<one<'"'>> = "unterminated string: add the closing \"";
template <> inline constexpr const char* error_message<tariff_name> = "expected the tariff's name in quotes after `tariff`";
template <> inline constexpr const char* error_message<tok<one<'{'>>> = "expected `{`";
template <> inline constexpr const char* error_message<tok<one<'}'>>> = "expected `}` or another statement (season, period, charge, rider, tax, credit, minimum, rounding, or a field like `utility \"...\"`)";
template <> inline constexpr const char* error_message<tok<one<':'>>> = "expected `:`";
template <> inline constexpr const char* error_message<reserved_charge_id> = "`{word}` is a reserved word and cannot name a charge; choose another name, e.g. `{word}_charge`";
template <> inline constexpr const char* error_message<stray_word> = "unexpected word `{word}`: nothing before it on its line takes it, and no statement or field starts with it alone";
template <> inline constexpr const char* error_message<charge_id> = "expected a name for this charge (letters, digits, _), e.g. `charge energy \"Energy Charge\" ...`";
template <> inline constexpr const char* error_message<charge_body> = "expected a price such as `0.1123 $/kWh`, `14.00 $/month`, `2.5 %`, a `tiers { ... }` table or a `by season { ... }` table";
template <> inline constexpr const char* error_message<pricing> = "expected a price such as `0.1123 $/kWh`, a `tiers { ... }` table or a `by ... { ... }` table";
template <> inline constexpr const char* error_message<price> = "expected a price such as `0.1123 $/kWh` or `14.00 $/month`";
template <> inline constexpr const char* error_message<tier_prices> = "expected the tier's price, e.g. `0.1123 $/kWh`, or one price per period, e.g. `on_peak 0.25 $/kWh, off_peak 0.08 $/kWh`";
template <> inline constexpr const char* error_message<determinant> = "expected what the charge is on: `energy`, `demand`, `energy in on_peak`, ...";
template <> inline constexpr const char* error_message<period_list> = "expected one or more TOU period names after `in`";
template <> inline constexpr const char* error_message<except_list> = "expected the names of the lines left out of the base after `except`, e.g. `of all except fuel`";
template <> inline constexpr const char* error_message<base_list> = "expected the names of the charges this applies to, e.g. `of energy, basic` or `of charges`";
template <> inline constexpr const char* error_message<by_axis> = "expected what the table is by: `season`, `period`, `month` or an account attribute";
template <> inline constexpr const char* error_message<season_id> = "expected a season name after `season`";
template <> inline constexpr const char* error_message<season_range> = "expected a date range such as `Jun 1 - Sep 30`";
template <> inline constexpr const char* error_message<month_day> = "expected a month and day such as `Sep 30`";
template <> inline constexpr const char* error_message<sor<tok<one<'-'>>, tok<kw_to>>> = "expected `-` or `to` between the two dates";
template <> inline constexpr const char* error_message<period_id> = "expected a TOU period name after `period`";
template <> inline constexpr const char* error_message<period_rule> = "expected when the period applies, e.g. `summer weekday 13:00-18:00`, or `otherwise`";
template <> inline constexpr const char* error_message<tok<one<'-'>>> = "expected `-` between the two times, e.g. `13:00-18:00`";
template <> inline constexpr const char* error_message<clock_time> = "expected a time of day such as `18:00`";
template <> inline constexpr const char* error_message<tok<TAO_PEGTL_KEYWORD("greatest")>> = "expected `greatest of { ... }`";
template <> inline constexpr const char* error_message<tok<sor<TAO_PEGTL_KEYWORD("months"), TAO_PEGTL_KEYWORD("month")>>> = "expected `months`, e.g. `80 % of ratchet 11 months`";
template <> inline constexpr const char* error_message<number> = "expected a number";
template <> inline constexpr const char* error_message<list<identifier, tok<one<','>>, space>> = "expected season names";
template <> inline constexpr const char* error_message<grace_days> = "expected the days after the due date, e.g. `after 20 days`";
template <> inline constexpr const char* error_message<tok<sor<TAO_PEGTL_KEYWORD("days"), TAO_PEGTL_KEYWORD("day")>>> = "expected `days`, e.g. `after 20 days`";
template <> inline constexpr const char* error_message<tok<TAO_PEGTL_KEYWORD("under")>> = "expected `not under` and an amount, e.g. `not under 10.00 $`";
template <> inline constexpr const char* error_message<pf_body> = "expected the adjustment as the sheet states it: `adjust demand below 90 %, pf rounded 0.01 half_up`";
template <> inline constexpr const char* error_message<kva_body> = "expected how kVA demand is determined, e.g. `kva_demand: rounded 0.01 half_up`";
template <> inline constexpr const char* error_message<limit_kind> = "expected `at most` or `at least`";
template <> inline constexpr const char* error_message<group_id> = "expected a name for the group of TOU periods";
template <> inline constexpr const char* error_message<day_set_id> = "expected a name for the set of days";
template <> inline constexpr const char* error_message<list<rule_word, tok<one<','>>, space>> = "expected day names such as `Mon, Tue`";
template <> inline constexpr const char* error_message<calendar_id> = "expected a calendar name after `calendar`";
template <> inline constexpr const char* error_message<holiday_spec> = "expected a holiday rule: `Jul 4 observed`, `4th Thu of Nov`, `last Mon of May`, `2025-01-20` or `2025-12-24 - 2025-12-26`";
template <> inline constexpr const char* error_message<weekday_word> = "expected a day of the week such as `Mon`";
template <> inline constexpr const char* error_message<tok<kw_of>> = "expected `of` and a month, e.g. `4th Thu of Nov`";
template <> inline constexpr const char* error_message<month_ident> = "expected a month such as `Nov`";
template <> inline constexpr const char* error_message<day_of_month> = "expected a day of the month";
template <> inline constexpr const char* error_message<date_literal> = "expected a date as YYYY-MM-DD";
template <> inline constexpr const char* error_message<revision_date> = "expected the revision's effective date as YYYY-MM-DD";
template <> inline constexpr const char* error_message<import_path> = "expected the file to import, in quotes";
template <> inline constexpr const char* error_message<meta_value> = "expected a value: a \"string\", a date, a number or a word";
template <> inline constexpr const char* error_message<sor<seq<rounding_none, ws>, seq<rounding_target, ws, must<rounding_step>, star<blank>, opt<rounding_mode>, ws>>> = "expected `rounding none` or `rounding line_items 0.01 half_up`";
template <> inline constexpr const char* error_message<table_id> = "expected the table's name, e.g. `table fuel_2024`";
template <> inline constexpr const char* error_message<by_table> = "expected a table such as `by billing_month { 2024-01: 0.0213 $/kWh ... }`";
template <> inline constexpr const char* error_message<exemption_attribute> = "expected the account attribute that exempts the account, e.g. `unless tax_exempt`";
template <> inline constexpr const char* error_message<tok<kw_at>> = "expected `capped at` and an account attribute, e.g. `on usage capped at winter_average`";
template <> inline constexpr const char* error_message<cap_attribute> = "expected the account attribute that caps the quantity, e.g. `winter_average`";
template <> inline constexpr const char* error_message<quantity> = "expected a quantity such as `1 CCF` or `748 gal`";
template <> inline constexpr const char* error_message<tok<one<'='>>> = "expected `=`, e.g. `convert 1 CCF = 748 gal`";
template <> inline constexpr const char* error_message<factor_body> = "expected a factor such as `1.037`, a table `by month { Jan: 1.037 ... }` or the name of one in an imported file";
template <> inline constexpr const char* error_message<factor_id> = "expected the therm factor table's name, e.g. `therm_factor btu_2024: by billing_month { ... }`";
template <> inline constexpr const char* error_message<factor_value> = "expected the factor, a number such as `1.037`";
template <> inline constexpr const char* error_message<rounding_mode> = "expected the rounding mode, e.g. `half_up` (half_even, toward_zero, ...)";
template <> inline constexpr const char* error_message<rounding_step> = "expected the rounding step, e.g. `0.01`";
template <> inline constexpr const char* error_message<metering_adjustment_body> = "expected the adjustment as the sheet states it, e.g. `add 1 % to energy, demand when low_side_metering`";
template <> inline constexpr const char* error_message<adjustment_condition> = "expected the account attribute the adjustment applies to, e.g. `when low_side_metering`";
template <> inline constexpr const char* error_message<allowance_charge> = "expected the fixed charge whose allowance the usage is beyond, e.g. `on usage beyond base`";
// clang-format on

// Messages are used only where the grammar says `must<...>`; a rule with a message does
// not raise merely by failing inside a `sor<>`.
struct errors {
  template <typename Rule>
  static constexpr const char* message = error_message<Rule>;
  template <typename Rule>
  static constexpr bool raise_on_failure = false;
};

}  // namespace rateline::grammar
