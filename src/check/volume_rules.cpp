// Volumes and therms: the `convert` statements, and the therm factor table a gas tariff
// states or names (from a factor file it imports), with the rounding of therms it needs.
#include "check/rules.hpp"
#include "check/therm_factor.hpp"
#include "check/words.hpp"

namespace rateline::check {

void check_volumes(CheckContext& cx) {
  const auto& body = cx.tariff.body;
  cx.stated = stated_conversions(body.conversions, cx.diags);
  if (body.therm_factors.size() > 1)
    cx.error("E0332", "the therm factor is stated twice", body.therm_factors[1].span, "a tariff has one therm factor table");
  if (body.therm_factors.empty()) return;
  const auto& decl = body.therm_factors.front();
  const syntax::ThermFactorDecl* stated = &decl;
  if (decl.ref) {
    // `therm_factor: btu_2024`: a table kept in a factor file the tariff imports
    std::vector<std::string> names;
    stated = nullptr;
    auto look = [&](const syntax::File& f) {
      for (auto& named : f.therm_factors) {
        names.push_back(named.id.text);
        if (named.id.text == decl.ref->text) stated = &named.factor;
      }
    };
    look(cx.file);
    for (auto* f : cx.imported) look(*f);
    if (!stated || stated->ref) {
      cx.error("E0332", stated ? "therm factor table `" + decl.ref->text + "` names another table instead of stating factors"
                            : "no therm factor table named `" + decl.ref->text + "`",
               decl.ref->span,
               names.empty() ? "define `therm_factor " + decl.ref->text + ": by billing_month { ... }` in a file the tariff imports"
                          : "known therm factor tables: " + join(names));
      return;
    }
  }
  cx.out.therm_factor = therm_factor_table(*stated, cx.diags);
  if (decl.label) cx.out.therm_factor->label = *decl.label;
  if (cx.out.info.service != "gas")
    cx.error("E0332", "a therm factor is for gas service", decl.span, "add `service gas` and `meter_unit CCF`");
  else if (!cx.out.therm_rounding)
    cx.error("E0332", "the rounding of therms is not stated", decl.span,
             "say how the sheet rounds CCF × factor, e.g. `rounding therms 1 half_up` (whole therms)");
}

}  // namespace rateline::check
