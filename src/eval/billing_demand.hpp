// eval/billing_demand.hpp — BillingDemand: the tariff's `billing_demand: greatest of {...}` for a bill (measured demand adjusted for power factor, ratchets over the demand history, an account's contract demand, floors), and the history later bills' ratchets look back at.
#pragma once

#include "eval/context.hpp"
#include "eval/segments.hpp"
#include "rateline/decimal.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rateline::eval {

struct BillRun;

class BillingDemand {
 public:
  /// The account's demand history before the run (its highest kW per month).
  void start(const BillRun& run);
  /// The billing demand (kW) of a segment in a context. `measured`, when given, is the
  /// `demand` term (kWh/kW limits: the whole bill's maximum, not adjusted for power factor).
  Decimal kw(BillRun& run, const Segment& s, const Context& ctx, std::vector<std::string>& steps,
             std::optional<Decimal> measured = std::nullopt);
  /// Records a bill's maximum demand (its billing demand, for ratchets `of billing_demand`) as its month's.
  void record(BillRun& run, const Segment& s);

 private:
  std::map<int, Decimal> history_;   // month key -> maximum demand (kW)
};

}  // namespace rateline::eval
