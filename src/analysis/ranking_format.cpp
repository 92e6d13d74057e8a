// The cheapest-rate ranking as a table for people and JSON for programs (rateline/analysis.hpp).
#include "analysis/text_util.hpp"
#include "rateline/analysis.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace rateline {

using analysis_detail::format_day;
using analysis_detail::pad_left;
using analysis_detail::pad_right;
using analysis_detail::short_name;
using analysis_detail::signed_text;

namespace {

std::string month_label(const BillingPeriod& p) {
  const bool calendar_month = p.from.day() == std::chrono::day{1} && p.to.day() == std::chrono::day{1} &&
                              std::chrono::year_month{p.from.year(), p.from.month()} + std::chrono::months{1} ==
                                  std::chrono::year_month{p.to.year(), p.to.month()};
  return calendar_month ? format_day(p.from).substr(0, 7) : format_day(p.from) + ".." + format_day(p.to);
}

std::string first_error(const RateBills& r) {
  for (const auto& d : r.diagnostics)
    if (d.severity == Severity::error) return d.code + ": " + d.message;
  return "no bills";
}

}  // namespace

std::string format_ranking_table(const RateRanking& ranking) {
  std::string out;
  std::size_t name_width = 4;
  for (const auto& r : ranking.rates) name_width = std::max(name_width, r.tariff.size());
  if (!ranking.ranked.empty()) {
    out += "Rates ranked by the total of their bills, cheapest first:\n\n";
    out += "   #  " + pad_right("Rate", name_width) + pad_left("Total", 12) + "  Above cheapest\n";
    for (std::size_t i = 0; i < ranking.ranked.size(); ++i) {
      const auto& r = ranking.ranked[i];
      std::string above = i == 0 ? "cheapest" : signed_text(r.above_cheapest.to_string());
      if (i > 0 && r.percent_above) above += " (" + signed_text(r.percent_above->to_string()) + "%)";
      out += pad_left(std::to_string(i + 1), 4) + "  " + pad_right(ranking.rates[r.rate].tariff, name_width) +
             pad_left(r.total.to_string(), 12) + "  " + above + "\n";
    }
  }
  if (!ranking.months.empty()) {
    out += "\nBills side by side:\n\n  " + pad_right("Period", 22);
    std::vector<std::size_t> widths;
    for (const auto& r : ranking.ranked) {
      const std::string name = short_name(ranking.rates[r.rate].tariff);
      widths.push_back(std::max<std::size_t>(name.size(), 10) + 2);
      out += pad_left(name, widths.back());
    }
    const bool drivers = ranking.ranked.size() >= 2 && ranking.same_periods;
    if (drivers) out += pad_left("#2 - #1", 12) + pad_left("Share", 9);
    out += "\n";
    for (const auto& m : ranking.months) {
      out += "  " + pad_right(month_label(m.period), 22);
      for (std::size_t i = 0; i < ranking.ranked.size(); ++i) {
        const auto& t = m.totals[ranking.ranked[i].rate];
        out += pad_left(t ? t->to_string() : "-", widths[i]);
      }
      if (drivers && m.difference) {
        out += pad_left(signed_text(m.difference->to_string()), 12) + pad_left(m.share ? m.share->to_string() + "%" : "-", 9);
        if (m.driver) out += "  *";
      }
      out += "\n";
    }
    if (drivers) {
      const auto any = std::any_of(ranking.months.begin(), ranking.months.end(), [](const MonthAcross& m) { return m.driver; });
      out += any ? "\n  * the months that make at least half of the difference between #1 and #2.\n"
                 : "\n  #1 and #2 cost the same over the periods.\n";
    } else if (ranking.ranked.size() >= 2) {
      out += "\n  The rates billed different periods: no per-month comparison.\n";
    }
  }
  if (!ranking.unbilled.empty()) {
    out += "\nNot ranked (could not bill this usage):\n";
    for (auto i : ranking.unbilled) out += "  " + ranking.rates[i].tariff + ": " + first_error(ranking.rates[i]) + "\n";
  }
  return out;
}

std::string format_ranking_json(const RateRanking& ranking) {
  nlohmann::ordered_json out;
  out["ranked"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < ranking.ranked.size(); ++i) {
    const auto& r = ranking.ranked[i];
    nlohmann::ordered_json row;
    row["rank"] = i + 1;
    row["tariff"] = ranking.rates[r.rate].tariff;
    row["total"] = r.total.to_string();
    row["above_cheapest"] = r.above_cheapest.to_string();
    row["percent_above"] = r.percent_above ? nlohmann::ordered_json(r.percent_above->to_string()) : nlohmann::ordered_json(nullptr);
    out["ranked"].push_back(row);
  }
  out["periods"] = nlohmann::ordered_json::array();
  for (const auto& m : ranking.months) {
    nlohmann::ordered_json row;
    row["from"] = format_day(m.period.from);
    row["to"] = format_day(m.period.to);
    nlohmann::ordered_json totals = nlohmann::ordered_json::object();
    for (const auto& r : ranking.ranked) totals[ranking.rates[r.rate].tariff] =
          m.totals[r.rate] ? nlohmann::ordered_json(m.totals[r.rate]->to_string()) : nlohmann::ordered_json(nullptr);
    row["totals"] = totals;
    if (m.difference) {
      row["difference"] = m.difference->to_string();
      row["share_percent"] = m.share ? nlohmann::ordered_json(m.share->to_string()) : nlohmann::ordered_json(nullptr);
      row["driver"] = m.driver;
    }
    out["periods"].push_back(row);
  }
  out["not_ranked"] = nlohmann::ordered_json::array();
  for (auto i : ranking.unbilled) {
    nlohmann::ordered_json row;
    row["tariff"] = ranking.rates[i].tariff;
    row["errors"] = nlohmann::ordered_json::array();
    for (const auto& d : ranking.rates[i].diagnostics)
      if (d.severity == Severity::error) row["errors"].push_back({{"code", d.code}, {"message", d.message}});
    out["not_ranked"].push_back(row);
  }
  return out.dump(2) + "\n";
}

}  // namespace rateline
