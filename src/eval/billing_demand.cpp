// eval/billing_demand.cpp — the billing demand rule and the demand history (eval/billing_demand.hpp).
#include "eval/billing_demand.hpp"

#include "core/plural.hpp"

#include "eval/bill_run.hpp"

#include <algorithm>

namespace rateline::eval {

using namespace std::chrono;

void BillingDemand::start(const BillRun& run) {
  for (auto& h : run.account.demand_history) {
    auto key = month_key(h.month);
    auto it = history_.find(key);
    if (it == history_.end() || h.kw > it->second) history_[key] = h.kw;
  }
}

Decimal BillingDemand::kw(BillRun& run, const Segment& c, const Context& ctx, std::vector<std::string>& steps,
                          std::optional<Decimal> measured) {
  const auto& t = run.t;
  Decimal best;
  std::string best_term;
  auto consider = [&](const Decimal& kw, std::string term) {
    run.trace.demand_term(steps, term, kw);
    if (best_term.empty() || kw > best) {
      best = kw;
      best_term = std::move(term);
    }
  };
  auto this_month = bill_month(c.period);
  for (auto& term : t.billing_demand) {
    using K = graph::BillingDemandTerm::Kind;
    switch (term.kind) {
      case K::demand: {
        if (measured) {   // kWh/kW limits take the measured maximum, not adjusted for power factor
          consider(*measured, "maximum demand this period");
          break;
        }
        auto kw = run.source->demand(c, ctx);
        auto adjusted = run.source->adjusted_demand(c, kw, steps);
        consider(adjusted, adjusted == kw ? "maximum demand this period" : "maximum demand this period, adjusted for power factor");
        break;
      }
      case K::floor: consider(term.kw, "floor"); break;
      case K::attribute: {
        auto it = run.account.attributes.find(term.attribute);
        std::optional<Decimal> kw = it == run.account.attributes.end() ? std::nullopt : Decimal::parse(it->second);
        if (!kw) {
          run.findings.error("B0012", "the billing demand needs the account attribute `" + term.attribute + "` in kW" +
                                          (it == run.account.attributes.end() ? "" : ", not `" + it->second + "`"),
                             "pass it, e.g. --attribute " + term.attribute + "=250");
          break;
        }
        consider(*kw, term.attribute);
        break;
      }
      case K::ratchet: {
        std::optional<Decimal> highest;
        std::string from;
        for (int back = 1; back <= term.months; ++back) {
          auto month = this_month - months{back};
          auto it = history_.find(month_key(month));
          if (it == history_.end()) continue;
          if (!((term.month_mask >> (static_cast<unsigned>(month.month()) - 1)) & 1u)) continue;
          if (!t.season_names.empty()) {
            auto season = season_of(t, year_month_day{month / 15d});
            if (!((term.season_mask >> season) & 1u)) continue;
          }
          if (!highest || it->second > *highest) {
            highest = it->second;
            from = format_month(month);
          }
        }
        if (!highest) {
          run.trace.no_ratchet_history(steps, term.months);
          break;
        }
        auto kw = (*highest * term.percent).divided_by(Decimal(100), highest->scale() + term.percent.scale() + 2, RoundingMode::half_even);
        consider(kw, term.percent.to_string() + " % of the " + highest->to_string() + " kW of " + from + " (ratchet, " +
                         count_of(term.months, "month") + ")");
        break;
      }
    }
  }
  run.trace.billing_demand(steps, t.billing_demand_label, best, best_term);
  return best;
}

void BillingDemand::record(BillRun& run, const Segment& c) {
  if (!run.source->measures_demand()) return;
  // only a ratchet reads the history: a tariff without one keeps none (a map node a bill)
  const auto& terms = run.t.billing_demand;
  if (std::none_of(terms.begin(), terms.end(), [](const graph::BillingDemandTerm& term) { return term.kind == graph::BillingDemandTerm::Kind::ratchet; }))
    return;
  Context all;
  // a ratchet `of billing_demand` looks back at what each month billed (after its own
  // ratchet); an invalid rule has been reported while billing, and records nothing
  if (run.t.ratchet_of_billing_demand && has_errors(run.findings.diagnostics)) return;
  std::vector<std::string> unused;
  auto kw = run.t.ratchet_of_billing_demand ? this->kw(run, c, all, unused) : run.source->demand(c, all);
  auto key = month_key(bill_month(c.period));
  auto it = history_.find(key);
  if (it == history_.end() || kw > it->second) history_[key] = kw;
}

}  // namespace rateline::eval
