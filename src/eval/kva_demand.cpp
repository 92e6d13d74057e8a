// kVA demand (eval/kva_demand.hpp).
#include "eval/kva_demand.hpp"

#include "eval/power_factor.hpp"

#include <algorithm>
#include <numeric>

namespace rateline::eval {

namespace {

Decimal::Int to_int(UWide u) {
  Decimal::Int out = static_cast<std::uint64_t>(u >> 64);
  out <<= 64;
  out += static_cast<std::uint64_t>(u);
  return out;
}

void error(std::vector<Diagnostic>& out, std::string code, std::string message, std::string hint) {
  out.push_back({Severity::error, std::move(code), std::move(message), {}, std::move(hint)});
}

UWide square_sum(std::int64_t a, std::int64_t b) {
  const UWide ua = static_cast<UWide>(a < 0 ? -a : a), ub = static_cast<UWide>(b < 0 ? -b : b);
  return ua * ua + ub * ub;
}

}  // namespace

bool KvaDemand::needed(const graph::Tariff& t) {
  auto in = [](const std::vector<graph::Charge>& charges) {
    return std::any_of(charges.begin(), charges.end(), [](const graph::Charge& ch) { return ch.determinant.measure == graph::Measure::kva_demand; });
  };
  return in(t.charges) || std::any_of(t.revisions.begin(), t.revisions.end(), [&](const graph::Revision& r) { return in(r.charges); });
}

std::optional<KvaDemand> KvaDemand::prepare(const IntervalUsage& usage, std::int32_t window, bool sliding, std::vector<Diagnostic>& errors) {
  const auto& delivered = usage.delivered;
  if (!usage.reactive) {
    error(errors, "B0041", "the tariff bills reactive energy (its kVA demand), but the usage " + usage.source + " has no kvarh channel",
          "add a kvarh column with each interval's reactive energy");
    return std::nullopt;
  }
  const auto& reactive = *usage.reactive;
  if (delivered.unit != Unit::kWh || reactive.unit != Unit::kVARh || reactive.start != delivered.start || reactive.minutes != delivered.minutes ||
      reactive.values.size() != delivered.values.size()) {
    error(errors, "B0045", "kVA demand needs kWh and kVARh per interval on the same intervals",
          "give the usage as energy per interval (`kwh` and `kvarh` columns), not average kW");
    return std::nullopt;
  }
  KvaDemand k;
  k.scale_ = std::max(delivered.scale, reactive.scale);
  auto rescaled = [&](const IntervalSeries& s) {
    IntervalSeries out = s;
    std::int64_t up = 1;
    for (int i = s.scale; i < k.scale_; ++i) up *= 10;
    for (auto& v : out.values) v *= up;
    out.scale = k.scale_;
    return out;
  };
  const auto d = rescaled(delivered), r = rescaled(reactive);
  k.kw_ = demand_series(d, window, sliding);
  k.kvar_ = demand_series(r, window, sliding);
  if (k.kw_.empty()) k.kw_ = d.values, k.kvar_ = r.values;   // the window is the interval
  const auto units = RawUnits::of(d, window);
  k.num_ = units.demand_num, k.den_ = units.demand_den;
  return k;
}

void KvaDemand::aggregate(const graph::IntervalSlots& slots, const std::vector<std::size_t>& slot_counts, std::size_t first, std::size_t last,
                          std::vector<std::vector<UWide>>& out) const {
  out.resize(slot_counts.size());
  for (std::size_t g = 0; g < slot_counts.size(); ++g) {
    auto& peak = out[g];
    peak.assign(slot_counts[g], 0);
    for (const auto& run : slots.runs[g]) {
      if (run.end <= first || run.start >= last) continue;
      auto& p = peak[run.slot];
      for (std::size_t i = std::max<std::size_t>(first, run.start), end = std::min<std::size_t>(last, run.end); i < end; ++i)
        p = std::max(p, square_sum(kw_[i], kvar_[i]));
    }
  }
}

Decimal KvaDemand::kva(UWide squares, const graph::Tariff::KvaRounding& rounding) const {
  // kVA = sqrt(squares) × 10^-scale × num / den = sqrt(squares × num² / (den² × 10^(2 scale)))
  Decimal::Int top = to_int(squares);
  top *= num_;
  top *= num_;
  Decimal::Int bottom = Decimal::pow10(2 * scale_);
  bottom *= den_;
  bottom *= den_;
  return rounded_square_root(Decimal(top, 0), Decimal(bottom, 0), rounding.scale, rounding.mode);
}

std::optional<std::pair<Decimal, Decimal>> KvaDemand::window_of(const graph::IntervalSlots& slots, std::size_t group, std::size_t slot,
                                                                std::size_t first, std::size_t last, UWide squares) const {
  const std::size_t i = slots.find_interval(group, first, last, [&](std::size_t k, std::uint16_t s) {
    return s == slot && square_sum(kw_[k], kvar_[k]) == squares;
  });
  if (i == last) return std::nullopt;
  auto value = [&](std::int64_t raw) {
    return (Decimal(Decimal::Int(raw), scale_) * Decimal(num_)).divided_by(Decimal(den_), scale_ + 6, RoundingMode::half_even).normalized();
  };
  return std::pair{value(kw_[i]), value(kvar_[i])};
}

}  // namespace rateline::eval
