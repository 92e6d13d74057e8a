// check/derived_quantity_rules.hpp — quantities derived from other quantities: a share of the
// usage (`on 90 % of usage`), the average of named months (`on average of usage in Dec, Jan,
// Feb`), usage beyond what a fixed charge includes (`on usage beyond base`, `includes 2 kgal`).
#pragma once

#include "check/check_context.hpp"
#include "graph/billed_quantity.hpp"

namespace rateline::check {

/// A charge on usage: checks its share, average months and allowance (E0340-E0345) and
/// records them in `billed`. Called while its billed quantity is planned.
void plan_derived_quantity(CheckContext& cx, const syntax::ChargeDecl& c, graph::BilledQuantity& billed);

/// Whether the charge's `on` derives its quantity (share, average, allowance).
bool derives_quantity(const syntax::ChargeDecl& c);

}  // namespace rateline::check
