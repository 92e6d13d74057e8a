// eval/interval_source.hpp — IntervalSource: the DeterminantSource over interval usage: the grid classified against the calendar, one integer pass per segment (eval/determinants.hpp), the meter's channels and kVA, and power factor as a demand adjuster.
#pragma once

#include "eval/determinant_source.hpp"
#include "eval/determinants.hpp"
#include "eval/findings.hpp"
#include "eval/kva_demand.hpp"
#include "eval/meter_channels.hpp"
#include "eval/trace.hpp"
#include "eval/usage_window.hpp"
#include "graph/interval_slots.hpp"
#include "rateline/bill.hpp"

#include <boost/container/small_vector.hpp>

#include <memory>
#include <optional>
#include <vector>

namespace rateline::eval {

class IntervalSource final : public DeterminantSource {
 public:
  IntervalSource(const graph::Tariff& tariff, const IntervalUsage& usage, std::int32_t window, Findings& findings, Trace& trace)
      : t_(tariff), usage_(usage), window_(window), findings_(findings), trace_(trace), units_(RawUnits::of(usage.delivered, window)) {}

  /// Checks the usage against the tariff (B0001, B0002; the channels' B0040..) and classifies
  /// the part of its grid a run over the days [from, to) reads (eval/usage_window.hpp).
  bool open(std::chrono::sys_days from, std::chrono::sys_days to);
  /// Finds the segment's intervals and checks the usage covers it (B0005; notes B0006, B0007).
  bool cover(const Segment& s, const BillOptions& options);
  /// Room for this many segments' sums (a run knows its bills before it covers them).
  void reserve(std::size_t segments) { sums_.reserve(segments); }
  /// After every segment is covered: the note on misaligned intervals and the integer pass.
  void aggregate();

  Measured energy(const Segment& s, const Context& ctx) override;
  Measured channel(const Segment& s, const Context& ctx, graph::Measure measure) override;
  Decimal demand(const Segment& s, const Context& ctx) override { return units_.demand(peak_raw(s.index, ctx)); }
  Decimal bill_demand(const Segment& s) override;
  Decimal adjusted_demand(const Segment& s, const Decimal& kw, std::vector<std::string>& steps) override;
  Decimal kva_demand(const Segment& s, const Context& ctx, std::vector<std::string>& steps) override;
  std::size_t interval_count(const Segment& s, const Context& ctx) const override;
  bool measures_demand() const override { return true; }
  void chronological(const Segment& s, const Context& all, const std::vector<std::uint32_t>& column_period,
                     const TierLimits& upper, TierShares& share) override;
  bool estimated(const Segment&) const override { return false; }
  std::string peak_when(const Segment& s, const Context& ctx) const override;

 private:
  /// A segment's intervals and their sums per period group.
  struct Sums {
    Sums() {}   // provided: value-initializing (resize) would zero-fill the in-place groups first
    std::size_t bill = 0;
    std::size_t first = 0, last = 0;                 ///< interval range [first, last)
    boost::container::small_vector<CycleAggregate, 2> groups;   ///< per period group (in place for two: no allocation a bill)
    std::vector<ChannelAggregate> channels;          ///< per period group: received, reactive (when billed)
    std::vector<std::vector<UWide>> kva;             ///< per period group and slot: the highest kW² + kVAR² (when billed)
  };

  bool slot_matches(std::size_t slot, const Context& ctx) const;
  /// Calls f(slot) for each of the first slot_count slots of ctx's group that ctx selects:
  /// slot_matches without a division per slot (a bill asks this a few hundred times).
  template <class F>
  void each_matching_slot(std::size_t slot_count, const Context& ctx, F&& f) const {
    const std::size_t periods = t_.groups[ctx.group].period_names.size();
    std::size_t season = 0, period = 0;
    for (std::size_t s = 0; s < slot_count; ++s) {
      if ((ctx.season < 0 || season == ctx.season_index()) && ((ctx.periods >> period) & 1u)) f(s);
      if (++period == periods) period = 0, ++season;
    }
  }
  std::vector<std::size_t> selected_slots(std::size_t segment, const Context& ctx) const;
  std::int64_t peak_raw(std::size_t segment, const Context& ctx) const;
  bool uses_demand() const;

  const graph::Tariff& t_;
  const IntervalUsage& usage_;                       ///< as given: its whole range and misaligned count are in messages
  std::optional<IntervalUsage> cut_;                 ///< the part a run reads, unless that is all of it
  const IntervalUsage* used_ = &usage_;              ///< cut_ or usage_: what every interval index below is into
  std::int32_t window_;
  Findings& findings_;
  Trace& trace_;
  RawUnits units_;
  std::shared_ptr<const graph::IntervalSlots> slots_;
  std::optional<MeterChannels> channels_;
  std::optional<KvaDemand> kva_;
  std::vector<std::int64_t> demand_;
  std::vector<Sums> sums_;                           ///< per segment (Segment::index)
  bool power_factor_reported_ = false;
};

}  // namespace rateline::eval
