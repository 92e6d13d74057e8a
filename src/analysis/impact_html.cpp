// The rate-change impact as an HTML report (rateline/analysis.hpp): the figures of an
// ImpactSummary laid out as facts, charts and tables for rendering by render_html().
#include "analysis/text_util.hpp"
#include "core/plural.hpp"
#include "rateline/analysis.hpp"

namespace rateline {

using analysis_detail::signed_text;

namespace {

std::string percent_text(const std::optional<Decimal>& p) { return p ? signed_text(p->to_string()) + "%" : "-"; }

std::string bin_text(const HistogramBin& b) {
  if (!b.from) return "< " + b.to->to_string();
  if (!b.to) return ">= " + b.from->to_string();
  return b.from->to_string();
}

ReportTable impact_table(const std::string& caption, const std::vector<AccountImpact>& rows) {
  ReportTable t{caption, {"Account", "Rate class", "Old", "New", "Change", "Change %"}, {}, {false, false, true, true, true, true}};
  for (const auto& i : rows)
    t.rows.push_back({i.id, i.rate_class, i.before.to_string(), i.after.to_string(), signed_text(i.change.to_string()), percent_text(i.percent)});
  return t;
}

}  // namespace

HtmlReport impact_html_report(const ImpactSummary& s, const std::vector<ComparedAccount>& accounts, const std::string& title,
                              const std::string& subtitle) {
  HtmlReport r;
  r.title = title;
  r.subtitle = subtitle;
  r.facts = {{"Accounts", std::to_string(s.accounts)},
             {"Compared (billed under both)", std::to_string(s.compared)},
             {"Not compared", std::to_string(s.accounts - s.compared) + (s.accounts == s.compared ? "" : " (listed below)")},
             {"Revenue, old rate", s.before.to_string()},
             {"Revenue, new rate", s.after.to_string()},
             {"Revenue change", signed_text(s.change.to_string()) + " (" + percent_text(s.percent) + ")"}};
  if (s.target)
    r.facts.push_back({"Revenue target " + signed_text(s.target->to_string()) + "%",
                       s.target_revenue->to_string() + "; new rate is " + signed_text(s.from_target->to_string()) + " from it"});
  std::string pct;
  for (const auto& [p, v] : s.percentiles) pct += (pct.empty() ? "p" : ", p") + std::to_string(p) + " " + percent_text(v);
  r.facts.push_back({"Bill impact (" + count_of(static_cast<long long>(s.with_percent), "account") + ", nearest rank)", pct.empty() ? "-" : pct});

  BarChart hist{"Bill impact: accounts by percent change", "percent change (bin start)", "accounts", {}, {{"accounts", {}}}};
  for (const auto& b : s.histogram) {
    hist.categories.push_back(bin_text(b));
    hist.series[0].values.push_back(Decimal(static_cast<std::int64_t>(b.accounts)));
  }
  r.blocks.push_back(hist);

  BarChart revenue{"Revenue by rate class", "rate class", "revenue", {}, {{"old rate", {}}, {"new rate", {}}}};
  ReportTable classes{"Revenue by rate class (compared accounts)", {"Rate class", "Accounts", "Old", "New", "Change", "Change %"}, {},
                      {false, true, true, true, true, true}};
  for (const auto& c : s.by_class) {
    revenue.categories.push_back(c.rate_class);
    revenue.series[0].values.push_back(c.before);
    revenue.series[1].values.push_back(c.after);
    classes.rows.push_back({c.rate_class, std::to_string(c.accounts), c.before.to_string(), c.after.to_string(), signed_text(c.change.to_string()),
                            percent_text(c.percent)});
  }
  r.blocks.push_back(revenue);
  r.blocks.push_back(classes);

  ScatterChart scatter{"Bill against usage, old and new rate", "usage over the period", "bill", {{"old rate", {}}, {"new rate", {}}}};
  for (const auto& a : accounts) {
    if (status(a) != AccountStatus::compared || !a.before.usage) continue;
    scatter.series[0].points.emplace_back(*a.before.usage, *a.before.total);
    scatter.series[1].points.emplace_back(*a.before.usage, *a.after.total);
  }
  r.blocks.push_back(scatter);

  r.blocks.push_back(impact_table("Largest increases", s.increases));
  r.blocks.push_back(impact_table("Largest decreases", s.decreases));
  r.blocks.push_back(impact_table("Changed although --unchanged-for names them", s.unexpected));
  ReportTable problems{"Accounts not compared (in no figure above)", {"Account", "Problem"}, {}, {}};
  for (const auto& [id, why] : s.problems) problems.rows.push_back({id, why});
  r.blocks.push_back(problems);
  return r;
}

}  // namespace rateline
