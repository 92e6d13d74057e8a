// rateline/analysis.hpp — comparing rates: the cheapest rate for one customer, and what a
// proposed rate does to every customer of a population (bill impact, revenue).
//
// Every figure is an exact Decimal. Percentages are computed exactly and rounded once,
// half-even, to the places stated next to each one; percentiles are nearest-rank, so a
// percentile is always one of the accounts' own figures (docs/compare-and-review.md).
//
//   // one customer, several rates: bill each, then rank
//   std::vector<rateline::RateBills> rates;
//   for (auto& path : paths) rates.push_back({path, bill_periods(graph, usage, periods, account, options)...});
//   auto ranking = rateline::rank_rates(std::move(rates));
//   std::cout << rateline::format_ranking_table(ranking);
//
//   // a population, old rate against new: one ComparedAccount per account, then summarize
//   auto summary = rateline::summarize_impacts(accounts, rateline::ImpactOptions{});
//   std::cout << rateline::format_impacts_csv(accounts) << rateline::format_impact_summary_text(summary);
#pragma once

#include "rateline/bill.hpp"
#include "rateline/decimal.hpp"
#include "rateline/diagnostic.hpp"
#include "rateline/html_report.hpp"
#include "rateline/population.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rateline {

// ---- exact statistics -------------------------------------------------------------------

/// (after − before) / |before| × 100, rounded half-even to 2 places. None when before is 0.
std::optional<Decimal> percent_change(const Decimal& before, const Decimal& after);
/// part / whole × 100, rounded half-even to `places`. None when whole is 0.
std::optional<Decimal> percent_of(const Decimal& part, const Decimal& whole, int places);
/// Nearest-rank percentile of ascending `sorted` values (not empty), p in 0..100: the value
/// at 1-based rank ceil(p × n / 100), rank 1 for p = 0.
Decimal percentile(const std::vector<Decimal>& sorted, int p);

// ---- cheapest rate for one customer ------------------------------------------------------

/// One rate billed over the customer's periods, or why it could not be.
struct RateBills {
  std::string tariff;                    ///< as the user named it
  std::optional<BillSeries> series;      ///< absent: the rate could not bill this usage
  std::vector<Diagnostic> diagnostics;   ///< why not (compile or billing errors)
};

struct RateRank {
  std::size_t rate = 0;                  ///< index into RateRanking::rates
  Decimal total;
  Decimal above_cheapest;                ///< total − the cheapest total
  std::optional<Decimal> percent_above;  ///< above_cheapest / cheapest × 100, 2 places half-even
};

/// One billing period across the rates.
struct MonthAcross {
  BillingPeriod period;
  std::vector<std::optional<Decimal>> totals;  ///< per rate, in RateRanking::rates order (absent: not billed)
  std::optional<Decimal> difference;           ///< runner-up − cheapest in this period
  std::optional<Decimal> share;                ///< difference / annual difference × 100, 1 place half-even
  bool driver = false;                         ///< among the periods that make half the difference
};

struct RateRanking {
  std::vector<RateBills> rates;          ///< as given
  std::vector<RateRank> ranked;          ///< billed rates, cheapest first (ties: the order given)
  std::vector<std::size_t> unbilled;     ///< indices of rates that could not bill
  std::vector<MonthAcross> months;       ///< the periods of the billed rates
  bool same_periods = true;              ///< false: the rates billed different periods (no per-month drivers)
};

/// Ranks the rates by total. The months that drive the difference between the cheapest and
/// the runner-up are the fewest periods, largest difference first, that make at least half
/// of the annual difference.
RateRanking rank_rates(std::vector<RateBills> rates);
std::string format_ranking_table(const RateRanking& ranking);
std::string format_ranking_json(const RateRanking& ranking);

// ---- a population under an old and a new rate --------------------------------------------

/// One side (old or new) of one account: its bills' totals and line items over [from, to).
struct AccountSide {
  bool present = false;                  ///< the account was billed on this side at all
  std::optional<Decimal> total;          ///< absent when it failed
  std::optional<Decimal> usage;          ///< metered quantity over the bills (for the scatter chart)
  std::map<std::string, Decimal> items;  ///< line item label -> amount summed over the bills
  std::string error;                     ///< why it failed (empty when billed)
};

struct ComparedAccount {
  std::string id;
  std::string rate_class;                          ///< attribute rate_class, else the table's tariff
  std::map<std::string, std::string> attributes;
  AccountSide before, after;
};

enum class AccountStatus { compared, missing_before, missing_after, failed_before, failed_after };
AccountStatus status(const ComparedAccount& account);
/// "compared", "missing_old", "missing_new", "failed_old", "failed_new".
std::string to_string(AccountStatus status);

struct ImpactOptions {
  std::optional<Decimal> revenue_target;   ///< percent, e.g. 3.5 for "+3.5%"
  /// Accounts the new rate should not touch: {"", CLASS} names a rate class, {NAME, VALUE}
  /// an attribute value.
  std::vector<std::pair<std::string, std::string>> unchanged_for;
  std::size_t top = 10;                    ///< largest increases and decreases listed
  Decimal bin_width = Decimal(1);          ///< histogram bin, in percentage points
};

struct ClassRevenue {
  std::string rate_class;
  std::size_t accounts = 0;                ///< compared accounts of the class (the figures cover these)
  Decimal before, after, change;
  std::optional<Decimal> percent;          ///< 2 places half-even
};

struct HistogramBin {
  std::optional<Decimal> from, to;         ///< [from, to) percent change; absent = open (the tails of a wide spread)
  std::size_t accounts = 0;
};

struct AccountImpact {
  std::string id, rate_class;
  Decimal before, after, change;
  std::optional<Decimal> percent;
};

struct ImpactSummary {
  std::size_t accounts = 0;                ///< every account seen on either side
  std::size_t compared = 0;                ///< billed on both sides: every figure below covers these
  std::size_t with_percent = 0;            ///< compared with a non-zero old bill: the percentiles cover these
  std::map<AccountStatus, std::size_t> by_status;
  Decimal before, after, change;
  std::optional<Decimal> percent;          ///< revenue change, 2 places half-even
  std::optional<Decimal> target;           ///< the stated revenue target, percent
  std::optional<Decimal> target_revenue;   ///< before × (1 + target/100), rounded half-even to cents
  std::optional<Decimal> from_target;      ///< after − target_revenue
  std::vector<ClassRevenue> by_class;      ///< by rate class, sorted by name
  std::map<int, Decimal> percentiles;      ///< of percent change: 0, 5, 25, 50, 75, 95, 100
  std::vector<HistogramBin> histogram;
  std::vector<AccountImpact> increases, decreases;   ///< largest first (by change, then id)
  std::vector<AccountImpact> unexpected;   ///< changed although unchanged_for names them
  std::vector<std::pair<std::string, std::string>> problems;  ///< account id, what is wrong (in input order)
};

/// Both rates over a population with the population billing of rateline/population.hpp:
/// every account of `table` is billed under `old_tariff`, then `new_tariff` (paths as
/// PopulationOptions resolves them), line items included. Accounts with no rows on either
/// side (not in service over the periods) are left out; `not_in_service` counts them.
struct PopulationComparison {
  std::vector<ComparedAccount> accounts;   ///< in the accounts table's order
  PopulationSummary before_run, after_run;
  std::size_t not_in_service = 0;
};
PopulationComparison compare_population(const AccountsTable& table, const std::string& old_tariff, const std::string& new_tariff,
                                        PopulationOptions options);

ImpactSummary summarize_impacts(const std::vector<ComparedAccount>& accounts, const ImpactOptions& options);
/// account,rate_class,status,old,new,change,percent,usage,changed_items,problem
std::string format_impacts_csv(const std::vector<ComparedAccount>& accounts);
std::string format_impact_summary_text(const ImpactSummary& summary);
std::string format_impact_summary_json(const ImpactSummary& summary);
/// The HTML report: key figures, impact histogram, revenue by class, bill-vs-usage scatter
/// (old and new), largest changes, unexpected changes and the accounts not compared.
HtmlReport impact_html_report(const ImpactSummary& summary, const std::vector<ComparedAccount>& accounts, const std::string& title,
                              const std::string& subtitle);

}  // namespace rateline
