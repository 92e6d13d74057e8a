// Rounding: `rounding line_items|quantities|therms|limits|total STEP MODE` (or `none`), and
// the step-and-mode reader that a charge's own `rounded STEP MODE` shares.
#include "check/rounding_rules.hpp"

#include "check/rules.hpp"

namespace rateline::check {

std::optional<graph::QuantityRounding> step_and_mode(CheckContext& cx, const syntax::RoundingDecl& r, const std::string& how) {
  // the step must be a power of ten: 1, 0.1, 0.01 ...
  auto n = r.step.normalized();
  if (n.coefficient() != 1) {
    cx.error("E0601", "rounding step must be a power of ten such as 0.01", r.span);
    return std::nullopt;
  }
  if (!r.mode) {
    cx.error("E0602", "the rounding mode is not stated", r.span, "say how ties round, e.g. `" + how + " " + r.step.to_string() + " half_up`");
    return std::nullopt;
  }
  auto mode = parse_rounding_mode(r.mode->text);
  if (!mode) {
    cx.error("E0601", "unknown rounding mode `" + r.mode->text + "`", r.mode->span,
             "use half_up, half_even, half_down, toward_zero, away_from_zero, floor or ceiling");
    return std::nullopt;
  }
  return graph::QuantityRounding{n, *mode};
}

void check_rounding(CheckContext& cx) {
  const auto& body = cx.tariff.body;
  for (auto& r : body.rounding) {
    if (r.none) { cx.out.rounding = graph::Rounding{}; continue; }
    const auto& target = r.target.text;
    if (target != "line_items" && target != "quantities" && target != "therms" && target != "total" && target != "limits") {
      cx.error("E0601", "unknown rounding target `" + target + "`", r.target.span,
               "write `rounding line_items 0.01 half_up`, `rounding quantities 1 half_up`, `rounding therms 1 half_up`, "
               "`rounding limits 1 half_up`, `rounding total 1 half_up` or `rounding none`");
      continue;
    }
    auto checked = step_and_mode(cx, r, "rounding " + target);
    if (!checked) continue;
    if (target == "line_items") {
      cx.out.rounding.line_items = true;
      cx.out.rounding.step = checked->step;
      cx.out.rounding.mode = checked->mode;
      continue;
    }
    auto& slot = target == "quantities" ? cx.out.quantity_rounding
                 : target == "therms"   ? cx.out.therm_rounding
                 : target == "limits"   ? cx.out.limit_rounding
                                        : cx.out.total_rounding;
    if (slot) cx.error("E0601", "`rounding " + target + "` is given twice", r.target.span, "keep one");
    slot = checked;
  }
}

}  // namespace rateline::check
