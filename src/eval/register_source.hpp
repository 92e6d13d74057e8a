// eval/register_source.hpp — RegisterSource: the DeterminantSource over meter register reads: one consumption per segment, shared by days; every interval measure is B0021.
#pragma once

#include "eval/determinant_source.hpp"
#include "eval/determinants.hpp"
#include "eval/findings.hpp"
#include "rateline/bill.hpp"
#include "rateline/register_reads.hpp"

#include <optional>

#include <vector>

namespace rateline::eval {

class RegisterSource final : public DeterminantSource {
 public:
  RegisterSource(const RegisterUsage& reads, RawUnits units, Findings& findings) : reads_(reads), units_(units), findings_(findings) {}

  /// The consumption of a billing period; nullopt after B0020 when it does not start and end on read dates.
  std::optional<PeriodConsumption> consumption(const BillingPeriod& period);
  /// A segment of that period: its share of the consumption, by days (a read gives no time of day).
  void add(const Segment& s, const PeriodConsumption& consumption);

  Measured energy(const Segment& s, const Context& ctx) override;
  Measured channel(const Segment&, const Context&, graph::Measure) override;
  Decimal demand(const Segment&, const Context&) override;
  Decimal bill_demand(const Segment&) override;
  Decimal adjusted_demand(const Segment&, const Decimal& kw, std::vector<std::string>&) override { return kw; }
  Decimal kva_demand(const Segment&, const Context&, std::vector<std::string>&) override;
  std::size_t interval_count(const Segment&, const Context&) const override { return 1; }
  bool measures_demand() const override { return false; }
  void chronological(const Segment&, const Context&, const std::vector<std::uint32_t>&, const TierLimits&,
                     TierShares&) override {}   // no intervals: energy by TOU period has been refused
  bool estimated(const Segment& s) const override { return reads_of_[s.index].estimated; }
  std::string peak_when(const Segment&, const Context&) const override { return ""; }

  /// B0021 (once per run): the tariff bills `what`, which reads cannot give.
  void needs_intervals(const std::string& what);

 private:
  struct Read {
    Decimal energy;
    bool estimated = false;
  };

  const RegisterUsage& reads_;
  RawUnits units_;   // of no intervals: what demand is when reads cannot give it
  Findings& findings_;
  std::vector<Read> reads_of_;   // per segment
  bool needs_intervals_reported_ = false;
};

}  // namespace rateline::eval
