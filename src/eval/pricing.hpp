// eval/pricing.hpp — price(lines, pricing, ctx): a charge's pricing tree walked for one context (flat, by season, period, month, billing month, account attribute; tiers in eval/tiers.hpp), and flat_price(): the one price a percentage, minimum or late fee has in a bill.
#pragma once

#include "eval/bill_run.hpp"

#include <cstdint>
#include <optional>

namespace rateline::eval {

/// Adds the lines of pricing node `id` for the context to `lines.out`.
void price(ChargeLines& lines, std::uint32_t id, const Context& ctx);

/// Tables by month, season (of the period's last day), billing month or account attribute
/// resolved to a flat price. nullopt when the table has no price for this bill (the charge
/// does not apply); an account attribute the table needs and the account lacks is an error.
std::optional<Decimal> flat_price(BillRun& run, const Segment& s, const graph::Charge& ch);
/// The same, as the flat pricing node picked (for what else the node says of its price).
std::optional<std::uint32_t> flat_pricing(BillRun& run, const Segment& s, const graph::Charge& ch);

/// Whether a pricing tree has a `by season` table anywhere (the charge is split into season parts).
bool has_by_season(const graph::Tariff& t, std::uint32_t id);

}  // namespace rateline::eval
