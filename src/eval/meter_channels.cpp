// The meter's other channels (eval/meter_channels.hpp).
#include "eval/meter_channels.hpp"

#include <algorithm>

namespace rateline::eval {

namespace {

using graph::Measure;
using graph::NetMetering;

bool bills(const graph::Tariff& t, Measure measure) {
  auto in = [&](const std::vector<graph::Charge>& charges) {
    return std::any_of(charges.begin(), charges.end(), [&](const graph::Charge& ch) { return ch.determinant.measure == measure; });
  };
  if (in(t.charges)) return true;
  return std::any_of(t.revisions.begin(), t.revisions.end(), [&](const graph::Revision& r) { return in(r.charges); });
}

void error(std::vector<Diagnostic>& out, std::string code, std::string message, std::string hint) {
  out.push_back({Severity::error, std::move(code), std::move(message), {}, std::move(hint)});
}

bool same_grid(const IntervalSeries& a, const IntervalSeries& b) {
  return a.start == b.start && a.minutes == b.minutes && a.values.size() == b.values.size();
}

std::int64_t pow10(int n) {
  std::int64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

std::string kwh(const Decimal& d) { return d.to_string() + " kWh"; }

Decimal positive(const Decimal& d) { return d.is_negative() ? Decimal(0) : d; }

}  // namespace

bool MeterChannels::needed(const graph::Tariff& t) {
  return t.net_metering != NetMetering::none || bills(t, Measure::received) || bills(t, Measure::reactive) || t.power_factor;
}

std::optional<MeterChannels> MeterChannels::prepare(const graph::Tariff& t, const IntervalUsage& usage, std::vector<Diagnostic>& errors) {
  MeterChannels m(usage, t.net_metering);
  m.received_ = t.net_metering != NetMetering::none || bills(t, Measure::received);
  m.reactive_ = bills(t, Measure::reactive) || t.power_factor;
  const auto& delivered = usage.delivered;
  const auto before = errors.size();
  if (m.received_ && !usage.received)
    error(errors, "B0040",
          std::string("the tariff bills received energy (") + (m.nets() ? "net metering" : "a charge on received_energy") + "), but the usage " +
              usage.source + " has no received channel",
          "add a kwh_received column with the energy sent to the grid in each interval");
  if (m.reactive_ && !usage.reactive)
    error(errors, "B0041",
          std::string("the tariff bills reactive energy") + (t.power_factor ? " (its power factor adjustment)" : "") + ", but the usage " +
              usage.source + " has no kvarh channel",
          "add a kvarh column with each interval's reactive energy");
  for (auto* channel : {m.received_ ? &usage.received : nullptr, m.reactive_ ? &usage.reactive : nullptr})
    if (channel && *channel && !same_grid(**channel, delivered))
      error(errors, "B0042", "a channel of the usage " + usage.source + " is not on the delivered energy's intervals",
            "give every channel one value per interval of the same grid");
  if (m.mode_ == NetMetering::per_interval && usage.received && (delivered.unit != Unit::kWh || usage.received->unit != Unit::kWh))
    error(errors, "B0043", "netting per interval needs delivered and received energy in kWh per interval",
          "give the usage as kWh per interval (a `kwh` column), not average kW");
  if (errors.size() != before) return std::nullopt;

  m.delivered_units_ = RawUnits::of(delivered, 0);
  if (m.received_) m.received_units_ = RawUnits::of(*usage.received, 0);
  if (m.reactive_) m.reactive_units_ = RawUnits::of(*usage.reactive, 0);
  if (m.mode_ == NetMetering::per_interval) {
    // each interval nets on its own, at the finer of the two channels' scales
    const auto& received = *usage.received;
    const int scale = std::max(delivered.scale, received.scale);
    const std::int64_t up_d = pow10(scale - delivered.scale), up_r = pow10(scale - received.scale);
    m.consumption_.resize(delivered.values.size());
    m.export_.resize(delivered.values.size());
    for (std::size_t i = 0; i < delivered.values.size(); ++i) {
      const std::int64_t net = delivered.values[i] * up_d - received.values[i] * up_r;
      m.consumption_[i] = net > 0 ? net : 0;
      m.export_[i] = net < 0 ? -net : 0;
    }
    m.net_units_ = m.delivered_units_;
    m.net_units_.scale = scale;
  }
  return m;
}

void MeterChannels::aggregate(const graph::IntervalSlots& slots, const std::vector<std::size_t>& slot_counts, std::size_t first,
                              std::size_t last, std::vector<ChannelAggregate>& out) const {
  out.resize(slot_counts.size());
  auto sum = [&](const std::vector<std::int64_t>& values, std::size_t g, std::vector<Wide>& into) {
    CycleAggregate a;
    a.energy.assign(slot_counts[g], 0);
    a.peak.assign(slot_counts[g], 0);
    a.count.assign(slot_counts[g], 0);
    const auto& runs = slots.runs[g];
    eval::aggregate(values.data(), nullptr, runs.data(), runs.size(), first, last, safe_run(values.data() + first, last - first), a);
    into.assign(a.energy.begin(), a.energy.end());
  };
  for (std::size_t g = 0; g < slot_counts.size(); ++g) {
    if (mode_ == NetMetering::per_interval) {
      sum(consumption_, g, out[g].consumption);
      sum(export_, g, out[g].received);
    } else if (received_) {
      sum(usage_->received->values, g, out[g].received);
    }
    if (reactive_) sum(usage_->reactive->values, g, out[g].reactive);
  }
}

Decimal MeterChannels::net(std::span<const Wide> delivered, const ChannelAggregate& a, std::size_t slot) const {
  return delivered_units_.energy(delivered[slot]) - received_units_.energy(a.received[slot]);
}

ChannelQuantity MeterChannels::energy(std::span<const Wide> delivered, const ChannelAggregate& a, const std::vector<std::size_t>& slots) const {
  Wide d = 0;
  for (auto s : slots) d += delivered[s];
  const Decimal delivered_kwh = delivered_units_.energy(d);
  switch (mode_) {
    case NetMetering::none: return {delivered_kwh, ""};
    case NetMetering::per_period: {
      Wide r = 0;
      for (auto s : slots) r += a.received[s];
      const Decimal net = delivered_kwh - received_units_.energy(r);
      return {positive(net), "net metering per billing period: delivered " + kwh(delivered_kwh) + " − received " +
                                 kwh(received_units_.energy(r)) + " = " + kwh(net) + "; billed " + kwh(positive(net))};
    }
    case NetMetering::per_tou_period: {
      Decimal billed;
      for (auto s : slots) billed += positive(net(delivered, a, s));
      return {billed, "net metering per TOU period: delivered " + kwh(delivered_kwh) + " less received energy within each period; " +
                          "the periods' net consumption is " + kwh(billed)};
    }
    case NetMetering::per_interval: {
      Wide c = 0;
      for (auto s : slots) c += a.consumption[s];
      const Decimal billed = net_units_.energy(c);
      return {billed, "net metering per interval: delivered " + kwh(delivered_kwh) + "; the intervals that took more than they sent add up to " +
                          kwh(billed) + " of net consumption"};
    }
  }
  return {delivered_kwh, ""};
}

ChannelQuantity MeterChannels::received(std::span<const Wide> delivered, const ChannelAggregate& a, const std::vector<std::size_t>& slots) const {
  switch (mode_) {
    case NetMetering::none: {
      Wide r = 0;
      for (auto s : slots) r += a.received[s];
      const Decimal q = received_units_.energy(r);
      return {q, "received energy " + kwh(q) + " as metered"};
    }
    case NetMetering::per_period: {
      Wide d = 0, r = 0;
      for (auto s : slots) d += delivered[s], r += a.received[s];
      const Decimal excess = received_units_.energy(r) - delivered_units_.energy(d);
      return {positive(excess), "net metering per billing period: received " + kwh(received_units_.energy(r)) + " − delivered " +
                                    kwh(delivered_units_.energy(d)) + " = " + kwh(excess) + "; excess " + kwh(positive(excess))};
    }
    case NetMetering::per_tou_period: {
      Decimal excess;
      for (auto s : slots) excess += positive(-net(delivered, a, s));
      return {excess, "net metering per TOU period: received energy beyond delivered within each period, " + kwh(excess) + " in all"};
    }
    case NetMetering::per_interval: {
      Wide e = 0;
      for (auto s : slots) e += a.received[s];
      const Decimal excess = net_units_.energy(e);
      return {excess, "net metering per interval: the intervals that sent more than they took add up to " + kwh(excess) + " of excess"};
    }
  }
  return {Decimal(0), ""};
}

Decimal MeterChannels::reactive(const ChannelAggregate& a, const std::vector<std::size_t>& slots) const {
  Wide r = 0;
  for (auto s : slots) r += a.reactive[s];
  return reactive_units_.energy(r);
}

}  // namespace rateline::eval
