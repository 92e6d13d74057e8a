// `rateline review` (review_command.hpp): reads the accounts table, the bills and their
// history, and the thresholds; the review itself is rateline/review.hpp.
#include "review_command.hpp"

#include "compare_command.hpp"
#include "rateline/population.hpp"
#include "rateline/review.hpp"

#include <iostream>

namespace rateline::cli {

namespace {

// Rate class: attribute rate_class, else the tariff; contract demand: attribute
// contract_demand (kW); active: no end of service in the table.
std::optional<std::vector<ReviewAccount>> review_accounts(const AccountsTable& table) {
  std::vector<ReviewAccount> out;
  bool ok = true;
  for (const auto& r : table.accounts) {
    ReviewAccount a;
    a.id = r.account.id;
    const auto& attrs = r.account.attributes;
    a.rate_class = attrs.count("rate_class") ? attrs.at("rate_class") : r.tariff;
    a.active = !r.service_end.has_value();
    if (attrs.count("contract_demand") && !attrs.at("contract_demand").empty()) {
      a.contract_demand = Decimal::parse(attrs.at("contract_demand"));
      if (!a.contract_demand) {
        std::cerr << table.path << ":" << r.line << ": error[A0021]: contract_demand `" << attrs.at("contract_demand") << "` is not a number of kW\n";
        ok = false;
      }
    }
    out.push_back(std::move(a));
  }
  if (!ok) return std::nullopt;
  return out;
}

template <class Result>
bool report(const Result& result) {
  for (const auto& d : result.diagnostics) std::cerr << render(d);
  return !has_errors(result.diagnostics);
}

}  // namespace

ReviewCommand::ReviewCommand(CLI::App& app) {
  review_ = app.add_subcommand("review", "flag bills to look at before they go out (high/low, zero usage, negative, estimated, demand)");
  review_->add_option("--accounts", accounts_, "accounts table (docs/accounts-format.md): rate class, contract demand, service end");
  review_->add_option("--bills", bills_, "the bills to review: CSV as `rateline batch` writes (account,from,to,usage,total[,estimated,demand])");
  review_->add_option("--history", history_, "the accounts' earlier bills, same columns");
  review_->add_option("--config", config_, "thresholds per rate class ([default] and [CLASS] sections; defaults in the docs)");
  review_->add_option("--out", out_, "flags CSV: account,from,to,total,rule,reason (default: stdout)");
  review_->add_option("--html", html_, "a self-contained HTML report");
  review_->add_flag("--list-rules", list_rules_, "print the rules and exit");
}

bool ReviewCommand::parsed() const { return review_->parsed(); }

int ReviewCommand::run() const {
  if (list_rules_) {
    for (const auto& r : review_rules()) std::cout << r.code << ": " << r.description << "\n";
    return 0;
  }
  if (accounts_.empty() || bills_.empty()) {
    std::cerr << "rateline: review needs --accounts ACCOUNTS.csv and --bills BILLS.csv\n";
    return 2;
  }
  try {
    auto table = read_accounts_csv_file(accounts_);
    if (!report(table) || !table.table) return 1;
    auto accounts = review_accounts(*table.table);
    auto bills = read_bill_records_file(bills_);
    BillRecordsResult history;
    if (!history_.empty()) history = read_bill_records_file(history_);
    else history.records.emplace();
    ReviewConfigResult config;
    if (!config_.empty()) config = read_review_config_file(config_);
    else config.config.emplace();
    // Every input's diagnostics are shown, not only the first failing one's.
    const bool bills_ok = report(bills), history_ok = report(history), config_ok = report(config);
    const bool ok = bills_ok && history_ok && config_ok;
    if (!ok || !accounts || !bills.records || !history.records || !config.config) return 1;
    const auto result = review_bills(*accounts, *history.records, *bills.records, *config.config);
    for (const auto& [id, why] : result.problems) std::cerr << "rateline: account " << id << ": " << why << "\n";
    const std::string csv = format_review_csv(result);
    if (out_.empty()) std::cout << csv;
    else if (!write_whole_file(out_, csv)) return 1;
    if (!html_.empty()) {
      const std::string subtitle = bills_ + (history_.empty() ? "" : " against the history in " + history_) + ", accounts " + accounts_;
      if (!write_whole_file(html_, render_html(review_html_report(result, *accounts, "Bills to review before they go out", subtitle)))) return 1;
    }
    std::cerr << "rateline: reviewed " << result.bills << (result.bills == 1 ? " bill: " : " bills: ") << result.flagged_bills << " flagged ("
              << result.flags.size() << (result.flags.size() == 1 ? " flag)\n" : " flags)\n");
    return result.problems.empty() ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "rateline: " << e.what() << "\n";
    return 1;
  }
}

std::unique_ptr<ReviewCommand> add_review_command(CLI::App& app) { return std::make_unique<ReviewCommand>(app); }

}  // namespace rateline::cli
