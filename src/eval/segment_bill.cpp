// eval/segment_bill.cpp — a segment's bill and the run's bills (eval/segment_bill.hpp).
#include "eval/segment_bill.hpp"

#include "eval/charge_forms.hpp"
#include "eval/exemption.hpp"
#include "eval/total_rounding.hpp"
#include "rateline/calendar.hpp"

namespace rateline::eval {

using namespace std::chrono;

Bill SegmentBiller::bill_segment(const Segment& c) {
  const auto& t = run_.t;
  Bill bill;
  bill.tariff = t.info.name;
  bill.period = c.period;
  bill.currency = t.info.currency;
  bill.notes = run_.findings.notes;
  const auto& charges = *c.charges;
  charge_amounts_.assign(charges.size(), Decimal(0));
  auto& out = in_written_order_ ? bill.line_items : scratch_;
  out.clear();
  out.reserve(lines_hint_);   // one allocation per bill: the last bill's count is a good guess
  lines_of_.assign(charges.size(), {0, 0});
  for (auto index : t.evaluation_order) {
    const auto& ch = charges[index];
    if (!ch.exempt_if.empty()) {
      auto exempt = is_exempt(run_.account, ch.id, ch.exempt_if, run_.findings.diagnostics);
      if (exempt.value_or(true)) {   // exempt, or not known (an error): no lines
        if (exempt) bill.notes.push_back({Severity::warning, "B0054", ch.label + " is not billed: the account's " + ch.exempt_if + " is yes", {}, ""});
        continue;
      }
    }
    const auto first = out.size();
    ChargeLines lines{run_, c, ch, line_rounding(t, ch), charge_amounts_, out};
    charge_form(ch.form)(lines);
    lines_of_[index] = {first, out.size()};
    for (std::size_t line = first; line < out.size(); ++line) {
      auto& li = out[line];
      if (!ch.exempt_if.empty()) run_.trace.exempt_billed(li.trace, ch);
      set_text(li.version, c.version);
      if (c.split) {
        li.id += "@" + c.version;
        li.label += ", " + format_date(c.from) + " to " + format_date(sys_days{c.to} - days{1}) + " (rates of " + c.version + ")";
        run_.trace.revision_split(li.trace, c);
      }
    }
    // started from the first line, not from 0: an addition at one scale is the inline one
    if (first < out.size()) {
      Decimal sum = out[first].amount;
      for (std::size_t line = first + 1; line < out.size(); ++line) sum += out[line].amount;
      charge_amounts_[index] = std::move(sum);
    }
  }
  if (out.size() + 1 > lines_hint_) {   // + 1: room for an annual minimum
    lines_hint_ = out.size() + 1;
    auto& most = t.plan_cache.most_lines;
    for (auto seen = most.load(std::memory_order_relaxed); seen < lines_hint_ && !most.compare_exchange_weak(seen, lines_hint_, std::memory_order_relaxed);) {
    }
  }
  if (in_written_order_) {
    // the charges' sums hold every line once: the same exact total in fewer additions,
    // from the first (0 + it is it, at its scale; an addition across scales is not free)
    if (!charge_amounts_.empty()) bill.total = charge_amounts_.front();
    for (std::size_t k = 1; k < charge_amounts_.size(); ++k) bill.total += charge_amounts_[k];
  } else {
    bill.line_items.reserve(out.size());
    for (auto [first, last] : lines_of_)
      for (std::size_t line = first; line < last; ++line) {
        bill.total += out[line].amount;
        bill.line_items.push_back(std::move(out[line]));
      }
  }
  if (run_.source->estimated(c)) {
    bill.estimated = true;
    bill.notes.push_back({Severity::warning, "B0013", "the usage comes from an estimated meter read", {}, ""});
    for (auto& li : bill.line_items)
      if (li.kind == LineKind::energy || li.kind == LineKind::rider) li.label += " (estimated)";
  }
  return bill;
}

std::vector<Bill> SegmentBiller::bill_all() {
  std::vector<Bill> bills;
  bills.reserve(run_.bills);
  std::vector<const Segment*> first_segment;
  first_segment.reserve(run_.bills);
  run_.billing_demand.start(run_);
  // each bill's amount per charge, for an annual minimum to sum (a run without revisions:
  // every bill is one segment of the tariff's own charges)
  const auto& t = run_.t;
  const bool keep_sums = t.revisions.empty() && std::any_of(t.charges.begin(), t.charges.end(), [](const graph::Charge& ch) {
                           return ch.form == graph::Form::minimum && ch.minimum_per == graph::MinimumPer::year;
                         });
  std::vector<Decimal> charge_sums;
  if (keep_sums) charge_sums.reserve(run_.bills * t.charges.size());
  for (auto& c : run_.segments) {
    auto segment_bill = bill_segment(c);
    if (keep_sums) charge_sums.insert(charge_sums.end(), charge_amounts_.begin(), charge_amounts_.end());
    run_.billing_demand.record(run_, c);
    if (c.bill == bills.size()) {
      bills.push_back(std::move(segment_bill));
      first_segment.push_back(&c);
    } else {
      auto& b = bills[c.bill];
      b.total += segment_bill.total;
      b.estimated = b.estimated || segment_bill.estimated;
      for (auto& li : segment_bill.line_items) b.line_items.push_back(std::move(li));
    }
  }
  apply_annual_minimums(run_, bills, first_segment, charge_sums);
  if (run_.t.total_rounding)
    for (auto& b : bills) round_total(b, *run_.t.total_rounding, run_.trace.explains());
  return bills;
}

}  // namespace rateline::eval
