// check/charge_rules.hpp — the checks of one charge and its pricing tree, shared by the
// charges section, the tier and price checks, and revisions (which restate charges).
//
//   ChargeContext ctx;  ctx.charge = &decl;  ...   // what the charge is on, found so far
//   check_pricing(cx, decl.pricing, ctx);          // flat price, tiers or `by` tables
#pragma once

#include "check/check_context.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rateline::check {

/// What the prices of one charge apply to, learned while walking its pricing tree.
struct ChargeContext {
  const syntax::ChargeDecl* charge = nullptr;
  Dimension dimension = Dimension::count;   ///< of the determinant
  Unit unit = Unit::month;
  bool fixed = false;                       ///< no `on`: per month/day/bill
  bool percentage = false;                  ///< percent of `of`
  std::optional<std::uint32_t> group;       ///< period group seen so far
};

/// A charge with no `on` priced or tiered in a quantity's unit: reports it once (E0306),
/// and says true; its prices and tier limits are then not checked (they would only repeat it).
bool missing_on(CheckContext& cx, const syntax::ChargeDecl& c);

/// One charge of the tariff or of a revision: its `on`, limits, late-fee terms and pricing.
void check_charge(CheckContext& cx, const syntax::ChargeDecl& c);

void check_pricing(CheckContext& cx, const syntax::Pricing& pricing, ChargeContext& ctx);   ///< price_rules.cpp
void check_price(CheckContext& cx, const syntax::Price& price, ChargeContext& ctx);         ///< price_rules.cpp
void check_by(CheckContext& cx, const syntax::ByTable& table, ChargeContext& ctx);         ///< price_rules.cpp

/// Checks a tier table (tier_rules.cpp); returns its period columns (empty for one price column).
std::vector<std::string> check_tiers(CheckContext& cx, const syntax::Tiers& tiers, ChargeContext& ctx, bool nested = false);

/// "did you mean ..." or the list of the tariff's periods, for a name that is not a period.
std::string period_hint(const CheckContext& cx, const std::string& name);

/// A charge on usage priced in another unit of the service (kgal on gallons, therms on CCF):
/// records its BilledQuantity in cx.out.billed and the priced unit in ctx.
void plan_billed_quantity(CheckContext& cx, const syntax::ChargeDecl& c, ChargeContext& ctx);

/// Whether the charge's quantity is capped, converted or rounded before pricing.
bool transforms_quantity(const CheckContext& cx, const syntax::ChargeDecl* c);

}  // namespace rateline::check
