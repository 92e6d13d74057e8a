// Cutting a tariff of several services into one tariff per service (check/services.hpp).
#include "check/services.hpp"

#include "graph/measures.hpp"

#include <algorithm>
#include <set>

namespace rateline::check {

namespace {

const std::set<std::string> kKinds = {"electric", "gas", "water", "sewer"};

const syntax::MetaDecl* field(const syntax::TariffBody& body, const std::string& key) {
  for (auto& m : body.meta)
    if (m.key.text == key) return &m;
  return nullptr;
}

template <typename T>
void append(std::vector<T>& to, std::vector<T>&& from) {
  for (auto& x : from) to.push_back(std::move(x));
}

}  // namespace

std::string service_kind(const syntax::ServiceDecl& s) {
  if (auto* m = field(s.body, "service")) return m->value.text;
  return kKinds.count(s.id.text) ? s.id.text : "";
}

bool needs_usage(const syntax::TariffBody& body) {
  return std::any_of(body.charges.begin(), body.charges.end(), [](const syntax::ChargeDecl& c) { return c.on && c.on->name.text != "days"; });
}

std::vector<ServicePart> split_services(syntax::File& whole) {
  std::vector<ServicePart> parts;
  auto& t = whole.tariffs.front();
  for (auto& s : t.services) {
    ServicePart part;
    part.id = s.id.text;
    part.label = s.label.value_or(s.id.text);
    auto* meter = field(s.body, "meter");
    part.meter = meter ? meter->value.text : s.id.text;
    part.needs_usage = needs_usage(s.body);

    syntax::TariffDecl sub;
    sub.name = t.name;
    sub.name_span = t.name_span;
    sub.span = s.span;
    auto& b = sub.body;
    const auto kind = service_kind(s);
    // The shared part is copied (charges are not shared: E1000), the block's own moved. A
    // service without a meter (solid waste) takes none of the meter's rules (net metering,
    // power factor, kVA demand): it is billed on no usage, which has no channels for them.
    for (auto& m : t.body.meta)
      if (!kind.empty() || m.key.text != "net_metering") b.meta.push_back(m);
    b.seasons = t.body.seasons;
    b.periods = t.body.periods;
    b.day_sets = t.body.day_sets;
    b.rounding = t.body.rounding;
    b.billing_demand = t.body.billing_demand;
    b.conversions = t.body.conversions;
    b.therm_factors = t.body.therm_factors;
    if (!kind.empty()) {
      // the power factor adjusts demand: a block that bills none has nothing to adjust (E0930)
      bool demand = false;
      for (auto& c : s.body.charges)
        if (const auto* m = c.on ? graph::measure_named(c.on->name.text) : nullptr)
          demand |= m->measure == graph::Measure::demand || m->measure == graph::Measure::billing_demand;
      if (demand) b.power_factor = t.body.power_factor;
      b.kva_demand = t.body.kva_demand;
    }
    for (auto& m : s.body.meta)
      if (m.key.text != "meter" && m.key.text != "service") b.meta.push_back(std::move(m));
    if (!kind.empty()) {
      syntax::MetaDecl m;
      m.key = {"service", s.id.span};
      m.value = {syntax::MetaValue::Kind::word, kind, s.id.span};
      m.span = s.id.span;
      b.meta.push_back(std::move(m));
    }
    append(b.seasons, std::move(s.body.seasons));
    append(b.periods, std::move(s.body.periods));
    append(b.day_sets, std::move(s.body.day_sets));
    append(b.charges, std::move(s.body.charges));
    append(b.rounding, std::move(s.body.rounding));
    append(b.billing_demand, std::move(s.body.billing_demand));
    append(b.conversions, std::move(s.body.conversions));
    append(b.therm_factors, std::move(s.body.therm_factors));
    append(b.power_factor, std::move(s.body.power_factor));
    append(b.kva_demand, std::move(s.body.kva_demand));

    part.file = std::make_unique<syntax::File>();
    part.file->source = whole.source;
    part.file->tariffs.push_back(std::move(sub));
    parts.push_back(std::move(part));
  }
  return parts;
}

}  // namespace rateline::check
