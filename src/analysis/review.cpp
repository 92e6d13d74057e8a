// Reviewing bills before they go out (rateline/review.hpp): each bill against the account's
// earlier bills (history, then the earlier bills of the same run), through the rule table.
#include "analysis/review_rules.hpp"
#include "analysis/text_util.hpp"
#include "rateline/review.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace rateline {

using analysis_detail::csv_field;
using analysis_detail::format_day;

namespace {

bool earlier_than(const BillRecord* a, const BillRecord* b) {
  return std::chrono::sys_days{a->period.from} < std::chrono::sys_days{b->period.from};
}

}  // namespace

ReviewResult review_bills(const std::vector<ReviewAccount>& accounts, const std::vector<BillRecord>& history,
                          const std::vector<BillRecord>& bills, const ReviewConfig& config) {
  ReviewResult out;
  std::map<std::string, const ReviewAccount*> by_id;
  for (const auto& a : accounts) by_id[a.id] = &a;
  std::map<std::string, std::vector<const BillRecord*>> known;   // every bill of an account, oldest first
  for (const auto& b : history) known[b.account].push_back(&b);
  for (const auto& b : bills) known[b.account].push_back(&b);
  for (auto& [id, list] : known) std::stable_sort(list.begin(), list.end(), earlier_than);
  std::set<std::string> reported;
  for (const auto& bill : bills) {
    auto account = by_id.find(bill.account);
    if (account == by_id.end()) {
      if (reported.insert(bill.account).second) out.problems.emplace_back(bill.account, "not in the accounts table: its bills were not reviewed");
      continue;
    }
    std::vector<const BillRecord*> earlier;
    for (const BillRecord* b : known[bill.account])
      if (b != &bill && std::chrono::sys_days{b->period.to} <= std::chrono::sys_days{bill.period.from}) earlier.push_back(b);
    const ReviewThresholds& limits = config.for_class(account->second->rate_class);
    const analysis_detail::RuleContext context{bill, *account->second, earlier, limits};
    ++out.bills;
    bool flagged = false;
    for (const auto& rule : analysis_detail::rule_table())
      for (auto& reason : rule.check(context)) {
        out.flags.push_back({bill.account, bill.period, bill.total, std::string(rule.code), std::move(reason)});
        flagged = true;
      }
    if (flagged) ++out.flagged_bills;
  }
  return out;
}

std::string format_review_csv(const ReviewResult& result) {
  std::string out = "account,from,to,total,rule,reason\n";
  for (const auto& f : result.flags)
    out += csv_field(f.account) + "," + format_day(f.period.from) + "," + format_day(f.period.to) + "," + f.total.to_string() + "," + f.rule + "," +
           csv_field(f.reason) + "\n";
  return out;
}

HtmlReport review_html_report(const ReviewResult& result, const std::vector<ReviewAccount>& accounts, const std::string& title,
                              const std::string& subtitle) {
  HtmlReport r;
  r.title = title;
  r.subtitle = subtitle;
  r.facts = {{"Bills reviewed", std::to_string(result.bills)},
             {"Bills flagged", std::to_string(result.flagged_bills)},
             {"Flags", std::to_string(result.flags.size())},
             {"Accounts not reviewed", std::to_string(result.problems.size()) + (result.problems.empty() ? "" : " (listed below)")}};
  std::map<std::string, std::string> class_of;
  for (const auto& a : accounts) class_of[a.id] = a.rate_class;
  BarChart by_rule{"Flags by rule", "rule", "flags", {}, {{"flags", {}}}};
  for (const auto& rule : review_rules()) {
    by_rule.categories.emplace_back(rule.code);
    by_rule.series[0].values.push_back(Decimal(static_cast<std::int64_t>(
        std::count_if(result.flags.begin(), result.flags.end(), [&](const ReviewFlag& f) { return f.rule == rule.code; }))));
  }
  r.blocks.push_back(by_rule);
  std::map<std::string, std::int64_t> per_class;
  for (const auto& f : result.flags) ++per_class[class_of[f.account]];
  BarChart by_class{"Flags by rate class", "rate class", "flags", {}, {{"flags", {}}}};
  for (const auto& [name, n] : per_class) {
    by_class.categories.push_back(name);
    by_class.series[0].values.push_back(Decimal(n));
  }
  r.blocks.push_back(by_class);
  ReportTable flags{"Bills to look at before they go out", {"Account", "Rate class", "From", "To", "Total", "Rule", "Reason"}, {},
                    {false, false, false, false, true, false, false}};
  for (const auto& f : result.flags)
    flags.rows.push_back({f.account, class_of[f.account], format_day(f.period.from), format_day(f.period.to), f.total.to_string(), f.rule, f.reason});
  r.blocks.push_back(flags);
  ReportTable problems{"Accounts not reviewed", {"Account", "Problem"}, {}, {}};
  for (const auto& [id, why] : result.problems) problems.rows.push_back({id, why});
  r.blocks.push_back(problems);
  return r;
}

}  // namespace rateline
