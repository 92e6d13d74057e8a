// Metering adjustments: metered energy or demand × the tariff's factors (eval/metering_adjustment.hpp).
#include "eval/metering_adjustment.hpp"

namespace rateline::eval {

Decimal metered(BillRun& run, Metered what, const Decimal& q, Steps& steps) {
  Decimal out = q;
  for (auto& m : run.t.metering_adjustments) {
    if (what == Metered::energy ? !m.energy : !m.demand) continue;
    if (!m.when.empty()) {
      auto it = run.account.attributes.find(m.when);
      if (it == run.account.attributes.end() || (it->second != "yes" && it->second != "no")) {
        run.findings.error("B0061",
                           "the metering adjustment `" + m.label + "` applies when the account attribute `" + m.when + "` is yes; " +
                               (it == run.account.attributes.end() ? "the account does not give it" : "the account gives `" + it->second + "`"),
                           "pass it, e.g. --attribute " + m.when + "=yes (or =no)");
        continue;
      }
      if (it->second != "yes") continue;
    }
    Decimal adjusted = (out * m.factor).normalized();
    run.trace.metering_adjusted(steps, m.label, m.percent, out, adjusted, what == Metered::energy);
    out = adjusted;
  }
  return out;
}

}  // namespace rateline::eval
