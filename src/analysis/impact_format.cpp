// A population comparison as text: the per-account CSV, the summary for people and the
// summary as JSON (rateline/analysis.hpp). Every number is a decimal string.
#include "analysis/text_util.hpp"
#include "core/plural.hpp"
#include "rateline/analysis.hpp"

#include <nlohmann/json.hpp>

#include <set>

namespace rateline {

using analysis_detail::csv_field;
using analysis_detail::pad_left;
using analysis_detail::pad_right;
using analysis_detail::signed_text;

namespace {

using Json = nlohmann::ordered_json;

std::string text_or_empty(const std::optional<Decimal>& d) { return d ? d->to_string() : ""; }
Json json_or_null(const std::optional<Decimal>& d) { return d ? Json(d->to_string()) : Json(nullptr); }

// "Energy Charge: 80.00 -> 92.00; Fuel Adjustment: 3.10 -> 0" for the labels whose amounts differ.
std::string changed_items(const ComparedAccount& a) {
  std::set<std::string> labels;
  for (const auto& [label, amount] : a.before.items) labels.insert(label);
  for (const auto& [label, amount] : a.after.items) labels.insert(label);
  std::string out;
  for (const auto& label : labels) {
    auto b = a.before.items.find(label), n = a.after.items.find(label);
    const Decimal before = b == a.before.items.end() ? Decimal() : b->second, after = n == a.after.items.end() ? Decimal() : n->second;
    if (before == after) continue;
    if (!out.empty()) out += "; ";
    out += label + ": " + (b == a.before.items.end() ? "-" : before.to_string()) + " -> " + (n == a.after.items.end() ? "-" : after.to_string());
  }
  return out;
}

Json impact_json(const AccountImpact& i) {
  return Json{{"account", i.id}, {"rate_class", i.rate_class}, {"old", i.before.to_string()}, {"new", i.after.to_string()},
              {"change", i.change.to_string()}, {"percent", json_or_null(i.percent)}};
}

std::string bin_label(const HistogramBin& b) {
  if (!b.from) return "< " + b.to->to_string() + "%";
  if (!b.to) return ">= " + b.from->to_string() + "%";
  return b.from->to_string() + "% to " + b.to->to_string() + "%";
}

}  // namespace

std::string format_impacts_csv(const std::vector<ComparedAccount>& accounts) {
  std::string out = "account,rate_class,status,old,new,change,percent,usage,changed_items,problem\n";
  for (const auto& a : accounts) {
    const AccountStatus s = status(a);
    const bool compared = s == AccountStatus::compared;
    const auto usage = a.before.usage ? a.before.usage : a.after.usage;
    std::string problem = s == AccountStatus::failed_before ? a.before.error : s == AccountStatus::failed_after ? a.after.error : "";
    out += csv_field(a.id) + "," + csv_field(a.rate_class) + "," + to_string(s) + "," + text_or_empty(a.before.total) + "," +
           text_or_empty(a.after.total) + "," + (compared ? (*a.after.total - *a.before.total).to_string() : "") + "," +
           (compared ? text_or_empty(percent_change(*a.before.total, *a.after.total)) : "") + "," + text_or_empty(usage) + "," +
           csv_field(compared ? changed_items(a) : "") + "," + csv_field(problem) + "\n";
  }
  return out;
}

std::string format_impact_summary_text(const ImpactSummary& s) {
  std::string out = "Accounts: " + std::to_string(s.accounts) + ", compared (billed under both rates): " + std::to_string(s.compared) + "\n";
  for (const auto& [status, n] : s.by_status)
    if (status != AccountStatus::compared) out += "  " + to_string(status) + ": " + std::to_string(n) + " (named in the CSV, not in any figure)\n";
  out += "\nRevenue over the " + count_of(static_cast<long long>(s.compared), "compared account") + ":\n";
  out += "  old " + s.before.to_string() + ", new " + s.after.to_string() + ", change " + signed_text(s.change.to_string());
  out += s.percent ? " (" + signed_text(s.percent->to_string()) + "%)\n" : "\n";
  if (s.target)
    out += "  target " + signed_text(s.target->to_string()) + "%: " + s.target_revenue->to_string() + "; the new rate is " +
           signed_text(s.from_target->to_string()) + " from it\n";
  out += "\n  " + pad_right("Rate class", 24) + pad_left("Accounts", 9) + pad_left("Old", 16) + pad_left("New", 16) + pad_left("Change", 10) + "\n";
  for (const auto& c : s.by_class)
    out += "  " + pad_right(c.rate_class, 24) + pad_left(std::to_string(c.accounts), 9) + pad_left(c.before.to_string(), 16) +
           pad_left(c.after.to_string(), 16) + pad_left(c.percent ? signed_text(c.percent->to_string()) + "%" : "-", 10) + "\n";
  out += "\nBill impact (percent change, nearest rank) over " + count_of(static_cast<long long>(s.with_percent), "account") + " with an old bill other than 0:\n ";
  for (const auto& [p, v] : s.percentiles) out += " p" + std::to_string(p) + " " + signed_text(v.to_string()) + "%";
  out += s.percentiles.empty() ? " none\n" : "\n";
  auto list = [&out](const char* heading, const std::vector<AccountImpact>& rows) {
    if (rows.empty()) return;
    out += std::string("\n") + heading + ":\n";
    for (const auto& i : rows)
      out += "  " + pad_right(i.id, 16) + pad_left(i.before.to_string(), 12) + " -> " + pad_left(i.after.to_string(), 12) + "  " +
             signed_text(i.change.to_string()) + (i.percent ? " (" + signed_text(i.percent->to_string()) + "%)" : "") + "\n";
  };
  list("Largest increases", s.increases);
  list("Largest decreases", s.decreases);
  list("Changed although --unchanged-for names them", s.unexpected);
  return out;
}

std::string format_impact_summary_json(const ImpactSummary& s) {
  Json out;
  out["accounts"] = s.accounts;
  out["compared"] = s.compared;
  Json statuses = Json::object();
  for (const auto& [status, n] : s.by_status) statuses[to_string(status)] = n;
  out["by_status"] = statuses;
  out["revenue"] = Json{{"accounts", s.compared}, {"old", s.before.to_string()}, {"new", s.after.to_string()},
                        {"change", s.change.to_string()}, {"percent", json_or_null(s.percent)}};
  if (s.target)
    out["revenue_target"] = Json{{"percent", s.target->to_string()}, {"revenue", s.target_revenue->to_string()},
                                 {"new_minus_target", s.from_target->to_string()}};
  out["by_class"] = Json::array();
  for (const auto& c : s.by_class)
    out["by_class"].push_back(Json{{"rate_class", c.rate_class}, {"accounts", c.accounts}, {"old", c.before.to_string()},
                                   {"new", c.after.to_string()}, {"change", c.change.to_string()}, {"percent", json_or_null(c.percent)}});
  Json percentiles = Json::object();
  for (const auto& [p, v] : s.percentiles) percentiles["p" + std::to_string(p)] = v.to_string();
  out["impact_percent"] = Json{{"accounts", s.with_percent}, {"method", "nearest-rank"}, {"percentiles", percentiles}};
  out["histogram"] = Json::array();
  for (const auto& b : s.histogram)
    out["histogram"].push_back(Json{{"from", json_or_null(b.from)}, {"to", json_or_null(b.to)}, {"label", bin_label(b)}, {"accounts", b.accounts}});
  for (auto [key, rows] : {std::pair{"largest_increases", &s.increases}, std::pair{"largest_decreases", &s.decreases},
                           std::pair{"unexpected_changes", &s.unexpected}}) {
    out[key] = Json::array();
    for (const auto& i : *rows) out[key].push_back(impact_json(i));
  }
  out["not_compared"] = Json::array();
  for (const auto& [id, why] : s.problems) out["not_compared"].push_back(Json{{"account", id}, {"problem", why}});
  return out.dump(2) + "\n";
}

}  // namespace rateline
