// The checks of check/kva_demand_rules.hpp; kVA demand is computed in eval/kva_demand.cpp.
#include "check/kva_demand_rules.hpp"

#include "check/rules.hpp"
#include "graph/measures.hpp"

namespace rateline::check {

void check_kva_demand(CheckContext& cx) {
  const auto& body = cx.tariff.body;
  std::vector<Diagnostic> out;
  auto error = [&](std::string message, Span span, std::string hint = "") {
    out.push_back({Severity::error, "E0940", std::move(message), std::move(span), std::move(hint)});
  };
  const syntax::ChargeDecl* first = nullptr;
  for (auto& c : body.charges) {
    const auto* measure = c.on ? graph::measure_named(c.on->name.text) : nullptr;
    if (!first && measure && measure->measure == graph::Measure::kva_demand) first = &c;
  }
  if (body.kva_demand.empty()) {
    if (first)
      error("kVA demand is a square root, and the tariff does not say how it is rounded", first->on->name.span,
            "state it as the sheet does, e.g. `kva_demand: rounded 0.01 half_up`");
    return cx.add(std::move(out));
  }
  if (body.kva_demand.size() > 1) error("`kva_demand` is stated twice", body.kva_demand[1].span, "a tariff has one");
  const auto& kva = body.kva_demand.front();
  const auto step = kva.step.normalized();
  if (step.coefficient() != 1 || step.scale() > 6)
    error("kVA demand is determined to a power of ten from 1 to 0.000001", kva.step_span, "e.g. `kva_demand: rounded 0.01 half_up`");
  auto mode = parse_rounding_mode(kva.mode.text);
  if (!mode)
    error("unknown rounding mode `" + kva.mode.text + "`", kva.mode.span,
          "use half_up, half_even, half_down, toward_zero, away_from_zero, floor or ceiling");
  if (out.empty()) cx.out.kva_rounding = graph::Tariff::KvaRounding{step.scale(), *mode};
  cx.add(std::move(out));
}

}  // namespace rateline::check
