// rateline/review.hpp — high/low bill review: flag the bills a supervisor must look at
// before they go out, each with its rule and reason.
//
// Bills and history are rows as `rateline batch` writes them (account, from, to, usage,
// total; optional columns estimated, demand). Thresholds come per rate class from a small
// config file; every rule is a row of the rule table (src/analysis/review_rules.cpp) and a
// file of its own. docs/compare-and-review.md lists the rules and their defaults.
//
//   auto config = rateline::read_review_config_file("review.conf");      // or ReviewConfig{}
//   auto bills = rateline::read_bill_records_file("bills.csv");
//   auto history = rateline::read_bill_records_file("history.csv");
//   auto result = rateline::review_bills(accounts, *history.records, *bills.records, *config.config);
//   std::cout << rateline::format_review_csv(result);
#pragma once

#include "rateline/bill.hpp"
#include "rateline/decimal.hpp"
#include "rateline/diagnostic.hpp"
#include "rateline/html_report.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rateline {

/// One bill: a row of a bills file.
struct BillRecord {
  std::string account;
  BillingPeriod period;
  Decimal total;
  std::optional<Decimal> usage;
  bool estimated = false;
  std::optional<Decimal> demand;   ///< maximum demand billed, kW
  std::uint32_t line = 0;          ///< in its file
};

struct BillRecordsResult {
  std::optional<std::vector<BillRecord>> records;   ///< present when there are no errors
  std::vector<Diagnostic> diagnostics;              ///< A0001..A0009
};
/// CSV with a header naming at least account, from, to, total; optional usage, estimated
/// (true/false/1/0/yes/no/E/A), demand. Other columns (tariff, unit, ...) are ignored.
BillRecordsResult read_bill_records(std::string_view text, const std::string& path);
BillRecordsResult read_bill_records_file(const std::string& path);

/// What review knows about an account beyond its bills.
struct ReviewAccount {
  std::string id;
  std::string rate_class;
  bool active = true;                        ///< in service over the bill
  std::optional<Decimal> contract_demand;    ///< kW
};

/// Thresholds of one rate class. Defaults are the documented ones.
struct ReviewThresholds {
  Decimal high_percent = Decimal(50);        ///< flag a bill this % above the comparison
  Decimal low_percent = Decimal(50);         ///< ... or this % below it
  int average_of = 6;                        ///< N: average of the account's last N bills
  int min_history = 3;                       ///< fewer earlier bills than this: no average comparison
  bool same_month_last_year = true;          ///< also compare with the bill a year earlier
  Decimal min_amount = Decimal(10);          ///< changes smaller than this many $ are not flagged
  int estimated_after = 2;                   ///< flag an estimated bill after this many estimated in a row
  Decimal demand_tolerance = Decimal(0);     ///< % over contract demand allowed
};

struct ReviewConfig {
  ReviewThresholds defaults;
  std::map<std::string, ReviewThresholds> by_class;
  const ReviewThresholds& for_class(const std::string& rate_class) const;
};

struct ReviewConfigResult {
  std::optional<ReviewConfig> config;
  std::vector<Diagnostic> diagnostics;       ///< A0011..A0015
};
/// `[default]` then `[CLASS]` sections of `key = value` lines, `#` comments. A class section
/// starts from the [default] values.
ReviewConfigResult read_review_config(std::string_view text, const std::string& path);
ReviewConfigResult read_review_config_file(const std::string& path);

struct ReviewFlag {
  std::string account;
  BillingPeriod period;
  Decimal total;
  std::string rule;                          ///< the rule's code: high_amount, zero_usage, ...
  std::string reason;                        ///< with the figures: "total 412.50 is 180.3% above ..."
};

struct ReviewResult {
  std::size_t bills = 0;                     ///< reviewed
  std::size_t flagged_bills = 0;             ///< with at least one flag
  std::vector<ReviewFlag> flags;             ///< in bill order, then rule-table order
  std::vector<std::pair<std::string, std::string>> problems;   ///< account, what is wrong (not reviewed)
};

ReviewResult review_bills(const std::vector<ReviewAccount>& accounts, const std::vector<BillRecord>& history,
                          const std::vector<BillRecord>& bills, const ReviewConfig& config);
/// account,from,to,total,rule,reason — one line per flag.
std::string format_review_csv(const ReviewResult& result);
/// The review as an HTML report: key figures, flags by rule and by rate class, the flags.
HtmlReport review_html_report(const ReviewResult& result, const std::vector<ReviewAccount>& accounts, const std::string& title,
                              const std::string& subtitle);

/// The rule table, for documentation and --list-rules: code and what it flags.
struct ReviewRuleInfo {
  std::string_view code;
  std::string_view description;
};
std::vector<ReviewRuleInfo> review_rules();

}  // namespace rateline
