// check/net_metering_rules.hpp — what a tariff's `net_metering` rule lets its charges price.
//
// Netting decides the cells in which received energy offsets delivered energy: the whole
// billing period, each season × TOU period of the main period group, or each interval.
// A charge on energy or received energy must not price a finer cell than the netting makes
// (a per-period net has no on-peak share), and chronological tiers, which fill with each
// interval's delivered energy, cannot bill a netted or received quantity.
#pragma once

#include "check/check_context.hpp"
#include "check/checked_tariff.hpp"
#include "rateline/diagnostic.hpp"
#include "syntax/ast.hpp"

#include <vector>

namespace rateline::check {

/// Diagnostics (E0920) for the charges of `body` (the tariff's or a revision's) under the
/// tariff's netting rule.
std::vector<Diagnostic> net_metering_diagnostics(const syntax::TariffBody& body, const CheckedTariff& tariff);

/// A rule (check/rules.hpp): net_metering_diagnostics of the tariff's own charges.
void check_net_metering(CheckContext& cx);

}  // namespace rateline::check
