// eval/bill_run.hpp — BillRun: one billing run (a tariff, an account, a DeterminantSource, a Trace observer) and what its steps share; ChargeLines: one charge being billed on one segment.
//
// The steps, each in its own file: segments (eval/segments.hpp) -> measures
// (eval/determinant_source.hpp) -> quantities (eval/quantities.hpp) -> pricing and tiers
// (eval/pricing.hpp, eval/tiers.hpp) -> the charge's form (eval/charge_forms.hpp) -> the
// segment's bill and the run's bills (eval/segment_bill.hpp).
#pragma once

#include "eval/bill_plan.hpp"
#include "eval/billing_demand.hpp"
#include "eval/determinant_source.hpp"
#include "eval/findings.hpp"
#include "eval/segments.hpp"
#include "eval/trace.hpp"
#include "graph/tariff_graph.hpp"
#include "rateline/account.hpp"
#include "rateline/bill.hpp"

#include <optional>
#include <string>
#include <vector>

namespace rateline::eval {

struct BillRun {
  BillRun(const graph::Tariff& tariff, const Account& for_account, Trace& observer)
      : t(tariff), plan(bill_plan(tariff)), account(for_account), trace(observer) {}

  const graph::Tariff& t;
  const BillPlan& plan;                     ///< what every bill of the tariff shares (eval/bill_plan.hpp)
  const Account& account;
  Trace& trace;
  Findings findings;
  DeterminantSource* source = nullptr;      ///< intervals or reads, set by the entry point
  std::vector<Segment> segments;            ///< every bill's version segments, in order
  std::size_t bills = 0;                    ///< bills the run makes
  BillingDemand billing_demand;             ///< the demand history ratchets look back at

  /// ".t1", ".t2" ... (ids of the tiers of a table without nested blocks), made once per run.
  /// The plan has as many as the tariff's longest table has tiers.
  const std::vector<std::string>& tier_ids() const { return plan.tier_ids; }

  /// The account's past-due state, checked once for the run when the tariff has a late fee.
  bool past_due_state_ok(std::size_t bill_count);
};

/// One charge of one segment being billed: where its lines go and how they round.
struct ChargeLines {
  BillRun& run;
  const Segment& segment;
  const graph::Charge& charge;
  std::optional<graph::QuantityRounding> rounding;   ///< its own rule, else the tariff's `rounding line_items`
  const std::vector<Decimal>& amounts;               ///< per charge of the version: the amounts billed so far
  std::vector<LineItem>& out;

  /// A new line item at the end of `out`, built in place (a LineItem is large to move).
  /// `tier_label_part` and `tier_id` end its label and id, separators included (", over
  /// 100 kWh", ".t2": eval/bill_plan.hpp).
  LineItem& add(const Context& ctx, std::string_view tier_label_part = {}, std::string_view tier_id = {});
  /// Sets the line's amount: `unrounded` rounded as the charge's lines round.
  void finish(LineItem& li, const Decimal& unrounded) const;
  /// The unit of the charge's quantity ("kWh", "kW", "month", ...).
  std::string_view unit() const;
};

/// Sets one of a line item's strings. A new line's are empty, and appending to an empty
/// string is a plain copy, where assigning goes through std::string's general replace
/// (most of what a line's unit, season and period cost).
inline void set_text(std::string& s, std::string_view value) {
  if (s.empty()) s.append(value);
  else s.assign(value);
}

/// Adds `steps` to a line's trace. Untraced runs have none: an empty range inserted was still
/// a call per line.
inline void append_steps(Steps& trace, const Steps& steps) {
  if (!steps.empty()) trace.insert(trace.end(), steps.begin(), steps.end());
}

/// The rule a charge's lines round by: its own (`rounded 0.01 toward_zero`), else the
/// tariff's `rounding line_items`; none when neither is stated.
std::optional<graph::QuantityRounding> line_rounding(const graph::Tariff& t, const graph::Charge& ch);

/// A line item started for a charge in a context (id, label, kind, season, period, the first trace steps).
void start_line(LineItem& li, Trace& trace, const graph::Charge& ch, const Context& ctx, std::string_view tier_label_part,
                std::string_view tier_id);

}  // namespace rateline::eval
