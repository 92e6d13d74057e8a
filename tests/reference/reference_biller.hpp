// tests/reference/reference_biller.hpp — a slow, obvious biller to check the fast one.
//
// It bills a TariffModel (not a RateGraph) with one TimeZone::to_local call and a few
// Decimal operations per interval, and follows the billing rules written in the header of
// src/eval/biller.cpp without sharing any of its code:
//  - each interval counts in the local billing day, season and TOU period of its START;
//    energy is kWh (kW × minutes / 60 for kW data); demand is the average kW over the
//    demand window holding the interval (fixed blocks from the start of the usage) or
//    ending with it (sliding), by default the interval itself;
//  - tiers split the determinant at cumulative limits (kWh/day limits × days, kWh/kW
//    limits × the billing demand, not prorated: the tariff's billing_demand rule with the
//    highest demand of the whole billing period as its `demand` term, or without a rule
//    that highest demand itself); an hours-use
//    block with kWh steps prices each stretch of energy that is both in the block and in a
//    step at that step's price;
//  - `tiers proportional`: every period column gets E_p × tier / T of every tier, at 12
//    decimal places half_even, times its price; `tiers chronological`: the intervals fill
//    the tiers in time order, each priced at its own period's column;
//  - `by month` prices by the month of the period's last day, `by ATTRIBUTE` by the
//    account's attribute (or `otherwise`); $/bill and $/meter are one per bill;
//  - per-bill limits (kWh, kW, and kWh steps) follow the tariff's `proration`;
//  - a revision taking effect inside the period cuts it into segments billed at their
//    own version of the charges: the segment's energy and days, its share (segment days /
//    period days) of a month, of per-bill limits and of its maximum demand; percentages
//    and minimums per segment (a $/month minimum × the share);
//  - a charge priced `by season` in a period (segment) that spans seasons is split into
//    season parts: energy of the part's days, $/day × the part's days, $/month, per-bill
//    tier limits and the part's maximum demand × part days / segment days;
//  - every share or proration is kept to 12 places, half_even; a fixed charge's amount is
//    its price × part days / period days (or / month days with a proration) in one
//    division, to the price's places + 12;
//  - percentages apply to the ROUNDED line amounts of the charges they name; a minimum
//    tops the named charges up; a percentage or minimum `by season` takes the season of
//    the billing period's last day; every line amount is rounded as the tariff says;
//  - `billing_demand`: the greatest of its terms (the part's maximum demand, a floor, an
//    account attribute, a percent of the highest earlier month within the ratchet's
//    months, seasons and months); prorated to segments and season parts like demand;
//  - `season_split days`: a season part's energy is the period's (segment's) energy × part
//    days / days;
//  - net metering (docs/language.md, "Net metering"): in each netting cell net =
//    delivered − received; positive nets are the energy `on energy` bills, negative ones
//    the excess `on received_energy` bills. Cells: the segment (`per_period`), each season
//    × main TOU period (`per_tou_period`), each interval (`per_interval`). Without netting
//    `on energy` is delivered energy and `on received_energy` the received channel;
//  - `on reactive_energy` sums the kVARh channel like energy;
//  - `on kva_demand`: per demand window kW and kVAR (the kVARh channel over the same
//    window), the highest kW² + kVAR² of the context (compared exactly), its square root
//    once, by bisection on exact squares, to the `kva_demand: rounded` step and mode; then
//    prorated to segments and season parts like demand;
//  - the power factor of a segment, kWh / sqrt(kWh² + kVARh²) rounded to its step and
//    mode, adjusts `on demand` charges and the billing demand's `demand` term to
//    demand × T/100 / PF (12 places, half_even; before any proration) when kWh² <
//    (T/100)² × (kWh² + kVARh²); kWh/kW limits and the ratchet history stay unadjusted;
//  - a late fee: once per bill, in the segment that ends with the bill, from the
//    account's past-due state (a balance > 0, not under `not under`, paid — or unpaid on
//    the period's `to` — more than `after` days after the due date): balance × N / 100,
//    floored and capped, or the flat amount; not in `all` and the groups;
//  - a charge's own `rounded STEP MODE` rounds its line items in place of `rounding
//    line_items` (also where the tariff rounds nothing); `rounding limits STEP MODE` rounds
//    every tier limit the bill computes (× days, × the billing demand, a per-bill limit
//    prorated or shared out to a revision segment or season part; the cumulative limit, not
//    each tier's width) before the tiers fill, a limit as written stays as it is;
//  - `on usage capped at ATTRIBUTE`: the energy, at most the attribute (a revision segment
//    or season part: attribute × part days / period days, 12 places half_even);
//  - `rounding quantities STEP MODE` rounds the quantity of an `on energy` charge (after
//    the cap and the MWh conversion; per segment, season part and period), not received
//    or reactive energy;
//  - `by billing_month` prices by the year and month of the period's last day;
//  - energy priced in $/MWh is kWh ÷ 1000 (exact), after the cap, before the price;
//  - `$/meter` is × the account's `meters` (1 when not given); `unless ATTRIBUTE` drops a
//    charge (no line, $0 in percentages and minimums) when the attribute is yes or true;
//  - `billing_cycle quarterly|annual`: a $/month, $/quarter or $/year fixed charge or
//    minimum and a tier limit per month, quarter or year are the cycle's share of it (a
//    quarterly bill: 3, 1, 1/4), then shared out to segments and season parts as a month
//    is; a $/year minimum compares a whole year of bills (1 annual, 4 quarterly) with the
//    yearly amount, a top-up on the year's last bill (apply_yearly_minimums);
//  - a fractional percentage n/d %: base × n / (100 d), grossed up base × n / (100 d − n),
//    one division to 12 places half even; a decimal percentage stays exact;
//  - several services (reference_service_bills): each block billed as a tariff of its own
//    (the shared part and the block's charges) on its meter's usage, a block without a
//    meter on no usage; join_services lists them in order and rounds the total once;
//  - the total is the sum of the line amounts; `rounding total STEP MODE` then rounds it,
//    for the whole bill (after the segments are joined), with the difference as a line of
//    its own, id `rounding` (none when the total is on the step).
#pragma once

#include "reference/tariff_model.hpp"

#include "rateline/account.hpp"
#include "rateline/bill.hpp"
#include "rateline/usage.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rateline::reference {

struct RefLine {
  std::string service;     ///< the `service` block it belongs to ("" for a tariff without blocks)
  std::string charge;      ///< the charge's id
  std::string detail;      ///< "summer, on_peak, tier 2" (for messages only)
  Decimal quantity;
  Decimal rate;
  Decimal unrounded;
  Decimal amount;
};

struct RefBill {
  std::vector<RefLine> lines;
  Decimal total;
  std::chrono::year_month month;   ///< the month of the period's last day
  Decimal max_demand;              ///< the period's maximum demand, for later bills' ratchets
  std::optional<Decimal> power_factor;  ///< the power factor when it adjusted demand (of any segment)
};

/// Bills `usage` (delivered, received and reactive channels, all on the same intervals) for `period` under `tariff`. The usage must
/// cover the period (the caller makes sure); intervals outside it are ignored.
/// `options`: the demand window policy, `as_of` (one version for the whole period); the
/// coverage policy changes nothing here (the reference bills whatever intervals there are).
/// `earlier`: maximum demands of earlier bills of a series, for ratchets (added to the
/// account's demand history).
RefBill reference_bill(const TariffModel& tariff, const IntervalUsage& usage, const BillingPeriod& period, const Account& account = {},
                       const BillOptions& options = {}, const std::vector<MonthlyDemand>& earlier = {});

/// `$/year` minimums (docs/language.md, "Billing cycles": "a `$/year` minimum compares a year
/// of bills"): when `year` is a whole year of the tariff's bills (12 monthly, 4 quarterly
/// bills), the base charges' line amounts of all of them against the yearly amount; a
/// top-up line on the last bill. reference_bill applies it to an annual bill itself.
void apply_yearly_minimums(const TariffModel& tariff, const Account& account, const std::vector<RefBill*>& year);

/// A tariff of several services (docs/language.md, "Several services on one bill"): each
/// service billed by reference_bill as a tariff of its own (the shared part and its block,
/// service_tariff) on the usage of its meter (`meters`, by meter name; none for a service
/// without a meter), its lines tagged with its id; `earlier`: ratchet history per service.
/// `rounding total` is left to join_services.
std::vector<RefBill> reference_service_bills(const TariffModel& tariff, const std::map<std::string, const IntervalUsage*>& meters,
                                             const BillingPeriod& period, const Account& account = {}, const BillOptions& options = {},
                                             const std::vector<std::vector<MonthlyDemand>>& earlier = {});
/// The one bill of several services: their lines in the tariff's order, the total their
/// sum, then the tariff's `rounding total` once, for the whole bill (docs/language.md,
/// "Rounding": "applied last, to the whole bill").
RefBill join_services(const TariffModel& tariff, const std::vector<RefBill>& parts);

/// One line per item, for failure messages.
std::string describe(const RefBill& bill);
std::string describe(const Bill& bill);

}  // namespace rateline::reference
