// The checks of check/power_factor_rules.hpp; the adjustment is in eval/power_factor.cpp.
#include "check/power_factor_rules.hpp"

#include "check/rules.hpp"
#include "graph/measures.hpp"

namespace rateline::check {

void check_power_factor(CheckContext& cx) {
  const auto& body = cx.tariff.body;
  std::vector<Diagnostic> out;
  auto error = [&](std::string message, Span span, std::string hint = "") {
    out.push_back({Severity::error, "E0930", std::move(message), std::move(span), std::move(hint)});
  };
  if (body.power_factor.empty()) return;
  if (body.power_factor.size() > 1) error("the power factor adjustment is stated twice", body.power_factor[1].span, "a tariff has one");
  const auto& pf = body.power_factor.front();
  if (pf.percent.sign() <= 0 || pf.percent > Decimal(100))
    error("a power factor threshold is above 0 and at most 100 %", pf.percent_span);
  const auto step = pf.step.normalized();
  if (step.coefficient() != 1 || step.scale() < 1 || step.scale() > 6)
    error("the power factor is determined to a power of ten from 0.1 to 0.000001", pf.step_span,
          "write it as the sheet does: `pf rounded 0.01 half_up` (\"to the nearest whole percent\")");
  auto mode = parse_rounding_mode(pf.mode.text);
  if (!mode)
    error("unknown rounding mode `" + pf.mode.text + "`", pf.mode.span,
          "use half_up, half_even, half_down, toward_zero, away_from_zero, floor or ceiling");
  bool bills_demand = false;
  auto on_demand = [&](const syntax::TariffBody& b) {
    for (auto& c : b.charges) {
      const auto* measure = c.on ? graph::measure_named(c.on->name.text) : nullptr;
      if (measure && (measure->measure == graph::Measure::demand || measure->measure == graph::Measure::billing_demand)) bills_demand = true;
    }
  };
  on_demand(body);
  // a tariff of several services: the blocks hold the charges (check/services.hpp gives
  // the adjustment to the blocks that bill demand)
  for (auto& service : cx.tariff.services) on_demand(service.body);
  if (!bills_demand)
    error("the power factor adjusts demand, but no charge is on demand", pf.span, "add the demand charge it adjusts, or remove the statement");
  if (out.empty())
    cx.out.power_factor = graph::Tariff::PowerFactor{
        pf.percent.divided_by(Decimal(100), pf.percent.scale() + 2, RoundingMode::half_even).normalized(), step.scale(), *mode,
        pf.label.value_or("Power Factor Adjustment")};
  cx.add(std::move(out));
}

}  // namespace rateline::check
