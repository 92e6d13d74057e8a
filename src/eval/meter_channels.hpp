// eval/meter_channels.hpp — the meter's channels beyond delivered energy: received
// (exported) energy, net metering, and reactive energy (kVARh).
//
// Like delivered energy, each channel is summed per (cycle, season × period) slot in
// integers by eval::aggregate, in a pass of its own that runs only when the tariff bills
// the channel: a delivered-only tariff pays nothing for it. Netting (docs/language.md,
// "Net metering") is done on those sums:
//   per_period      net = Σ delivered − Σ received over the slots a charge covers (all of them);
//   per_tou_period  each slot nets on its own; a charge adds its slots' positive nets (energy)
//                   or negative nets (excess received);
//   per_interval    each interval nets on its own, before the sums: the consumption and
//                   export series replace delivered and received.
#pragma once

#include "eval/determinants.hpp"
#include "graph/interval_slots.hpp"
#include "graph/tariff_graph.hpp"
#include "rateline/diagnostic.hpp"
#include "rateline/usage.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace rateline::eval {

/// Per-slot sums of one cycle and period group (empty vectors for channels not billed).
struct ChannelAggregate {
  std::vector<Wide> received;      ///< received energy as read; per_interval: each interval's export
  std::vector<Wide> consumption;   ///< per_interval: each interval's net consumption
  std::vector<Wide> reactive;      ///< kVARh
};

/// A quantity from the channels, with the steps that explain it.
struct ChannelQuantity {
  Decimal value;
  std::string how;   ///< for the trace
};

class MeterChannels {
 public:
  /// Whether the tariff bills anything beyond delivered energy.
  static bool needed(const graph::Tariff& tariff);
  /// Reads the channels the tariff bills from `usage`; errors B0040..B0043 when it lacks them.
  static std::optional<MeterChannels> prepare(const graph::Tariff& tariff, const IntervalUsage& usage, std::vector<Diagnostic>& errors);

  /// Sums intervals [first, last) into `out` (one per period group).
  void aggregate(const graph::IntervalSlots& slots, const std::vector<std::size_t>& slot_counts, std::size_t first, std::size_t last,
                 std::vector<ChannelAggregate>& out) const;

  bool nets() const { return mode_ != graph::NetMetering::none; }
  /// Energy billed `on energy` over `slots` of a group: delivered, netted as the tariff says.
  ChannelQuantity energy(std::span<const Wide> delivered, const ChannelAggregate& a, const std::vector<std::size_t>& slots) const;
  /// Energy billed `on received_energy`: as read, or the excess of received over delivered.
  ChannelQuantity received(std::span<const Wide> delivered, const ChannelAggregate& a, const std::vector<std::size_t>& slots) const;
  /// kVARh over `slots`.
  Decimal reactive(const ChannelAggregate& a, const std::vector<std::size_t>& slots) const;

 private:
  MeterChannels(const IntervalUsage& usage, graph::NetMetering mode) : usage_(&usage), mode_(mode) {}
  // delivered minus received in kWh over the slots: both sums converted exactly
  Decimal net(std::span<const Wide> delivered, const ChannelAggregate& a, std::size_t slot) const;

  const IntervalUsage* usage_;
  graph::NetMetering mode_;
  bool received_ = false, reactive_ = false;
  RawUnits delivered_units_, received_units_, reactive_units_, net_units_;
  std::vector<std::int64_t> consumption_, export_;   // per_interval: each interval's net, split by sign
};

}  // namespace rateline::eval
