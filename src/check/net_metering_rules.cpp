// The checks of check/net_metering_rules.hpp; the netting rules themselves are in
// docs/language.md, "Net metering", and eval/meter_channels.cpp.
#include "check/net_metering_rules.hpp"

#include "check/rules.hpp"
#include "graph/measures.hpp"

#include <variant>

namespace rateline::check {

namespace {

struct Rules {
  const CheckedTariff& t;
  std::vector<Diagnostic> out;

  void error(std::string message, Span span, std::string hint = "") {
    out.push_back({Severity::error, "E0920", std::move(message), std::move(span), std::move(hint)});
  }

  bool per_period() const { return t.net_metering == graph::NetMetering::per_period; }
  bool per_tou_period() const { return t.net_metering == graph::NetMetering::per_tou_period; }

  // a TOU period named where a charge on a netted quantity prices it
  void period_named(const syntax::Name& period, const std::string& quantity) {
    if (per_period()) {
      error("with `net_metering per_period` " + quantity + " is netted over the whole billing period and has no share in `" + period.text + "`",
            period.span, "net within each TOU period with `net_metering per_tou_period`, or within each interval with `net_metering per_interval`");
      return;
    }
    auto it = t.period_index.find(period.text);
    if (per_tou_period() && it != t.period_index.end() && it->second.group != 0)
      error("with `net_metering per_tou_period` " + quantity + " is netted within the tariff's main TOU periods; `" + period.text +
                "` belongs to the group `" + t.groups[it->second.group].name + "`",
            period.span, "price it by the main periods, or net within each interval with `net_metering per_interval`");
  }

  void pricing(const syntax::Pricing& p, const std::string& quantity, bool netted) {
    if (auto* tiers = std::get_if<syntax::Tiers>(&p.node)) {
      if (tiers->allocation && tiers->allocation->text == "chronological")
        error("chronological tiers fill with each interval's delivered energy and cannot bill " + quantity, tiers->allocation->span,
              "use `tiers proportional`");
      if (netted)
        for (auto& row : tiers->rows)
          for (auto& [period, _] : row.prices)
            if (period) period_named(*period, quantity);
      return;
    }
    auto* by = std::get_if<syntax::ByTable>(&p.node);
    if (!by) return;
    if (netted && by->axis.text == "season" && per_period())
      error("with `net_metering per_period` " + quantity + " is netted over the whole billing period and has no season parts", by->axis.span,
            "net within each season and TOU period with `net_metering per_tou_period`, or within each interval with `net_metering per_interval`");
    for (auto& c : by->cases) {
      if (netted && by->axis.text == "period")
        for (auto& k : c.keys) period_named(k, quantity);
      pricing(*c.pricing, quantity, netted);
    }
  }
};

}  // namespace

std::vector<Diagnostic> net_metering_diagnostics(const syntax::TariffBody& body, const CheckedTariff& t) {
  Rules rules{t, {}};
  const bool netting = t.net_metering != graph::NetMetering::none;
  for (auto& c : body.charges) {
    if (!c.on) continue;
    const auto* measure = graph::measure_named(c.on->name.text);
    if (!measure) continue;
    const bool received = measure->measure == graph::Measure::received;
    const bool energy = measure->measure == graph::Measure::energy;
    if (!received && !energy && measure->measure != graph::Measure::reactive) continue;
    const bool netted = netting && (received || energy);
    const std::string quantity = received ? (netting ? "the excess received energy" : "received energy")
                               : energy   ? "net energy"
                                          : "reactive energy";
    if (netted)
      for (auto& p : c.on->periods) rules.period_named(p, quantity);
    // chronological tiers on delivered energy stay right when nothing is netted
    if (netted || !energy) rules.pricing(c.pricing, quantity, netted);
  }
  return rules.out;
}

void check_net_metering(CheckContext& cx) { cx.add(net_metering_diagnostics(cx.tariff.body, cx.out)); }

}  // namespace rateline::check
