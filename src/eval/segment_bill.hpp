// eval/segment_bill.hpp — SegmentBiller: bill_segment(segment) -> Bill (the charges in dependency order, their lines in written order) and bill_all() -> the run's Bills (segments merged into their bills, annual minimums, total rounding).
#pragma once

#include "eval/bill_run.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace rateline::eval {

class SegmentBiller {
 public:
  explicit SegmentBiller(BillRun& run) : run_(run) {}

  /// Every segment of the run billed, merged into one Bill per billing period.
  std::vector<Bill> bill_all();

 private:
  Bill bill_segment(const Segment& s);

  BillRun& run_;
  // Charges are evaluated in dependency order but listed in written order. When the two
  // differ, each charge's lines go to one scratch list (kept across bills, so it stops
  // allocating) and `lines_of_` remembers where, to move them into the bill in written order.
  const bool in_written_order_ = std::is_sorted(run_.t.evaluation_order.begin(), run_.t.evaluation_order.end());
  std::vector<LineItem> scratch_;
  std::vector<std::pair<std::size_t, std::size_t>> lines_of_;   // per charge: its lines in scratch_
  std::vector<Decimal> charge_amounts_;                         // per charge: the amounts billed so far
  // the most lines a bill of the tariff has had (+ 1), here or on an earlier run: one allocation per bill
  std::size_t lines_hint_ = std::max<std::size_t>(8, run_.t.plan_cache.most_lines.load(std::memory_order_relaxed));
};

}  // namespace rateline::eval
