// check/volume_conversion.hpp — whether a price's unit can bill the metered usage, and how.
//
// The metered unit and the priced unit must measure the same thing for the service, and the
// conversion must be exact: kWh → MWh (÷ 1000), gal → kgal (÷ 1000), CCF → MCF (÷ 10) are;
// gallons ↔ cubic feet are not (1 ft³ = 1728/231 gal), so they need the factor the sheet
// states (`convert 1 CCF = 748 gal`), and a division by such a factor needs the sheet's
// rounding of quantities. Therms are CCF × the tariff's therm factor.
#pragma once

#include "graph/billed_quantity.hpp"
#include "rateline/decimal.hpp"
#include "rateline/diagnostic.hpp"
#include "rateline/unit.hpp"
#include "syntax/ast.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rateline::check {

/// `convert 1 CCF = 748 gal`: `from_amount` of `from` is `to_amount` of `to`.
struct StatedConversion {
  Decimal from_amount;
  Unit from = Unit::CCF;
  Decimal to_amount;
  Unit to = Unit::gal;
};

struct ConversionPlan {
  std::optional<graph::BilledQuantity> billed;   ///< set when the conversion is possible
  std::string code;                              ///< else E0301 / E0330 / E0331 ...
  std::string message;
  std::string hint;
};

/// The units a service's usage can be metered and priced in (electric: kWh, MWh; gas: therm,
/// CCF, MCF; water and sewer: gal, kgal, CCF, MCF).
bool fits_service(Unit unit, std::string_view service);

/// How `metered` usage becomes a quantity in `priced` (both units of the tariff's service).
ConversionPlan plan_conversion(Unit metered, Unit priced, const std::vector<StatedConversion>& stated,
                               bool has_therm_factor, bool rounds_quantities);

/// The `convert` statements, checked (E0333): two different volume units, positive amounts.
std::vector<StatedConversion> stated_conversions(const std::vector<syntax::ConversionDecl>& decls, std::vector<Diagnostic>& diags);

/// The first price in money (not a percentage) of a pricing tree: the unit a charge is priced in.
/// Named tables (`table NAME`) are looked up in `tables`.
const syntax::Price* first_money_price(const syntax::Pricing& pricing, const std::map<std::string, const syntax::ByTable*>& tables);

}  // namespace rateline::check
