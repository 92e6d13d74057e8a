// eval/charge_forms.hpp — charge_form(graph::Form) -> ChargeForm: how a charge of each form makes its lines on a segment, from one table (eval/charge_forms.cpp); a new form is a file with its function and a row.
#pragma once

#include "eval/bill_run.hpp"

#include <span>
#include <vector>

namespace rateline::eval {

/// Adds a charge's lines for a segment to `lines.out`.
using ChargeForm = void (*)(ChargeLines& lines);

ChargeForm charge_form(graph::Form form);

// The forms, one file each (eval/form_*.cpp).
void bill_priced(ChargeLines& lines);       ///< quantity × price, by season part, TOU period, tier
void bill_percentage(ChargeLines& lines);   ///< percent × the sum of the named line items
void bill_minimum(ChargeLines& lines);      ///< tops the named line items up to a minimum
void bill_late_fee(ChargeLines& lines);     ///< a percentage of the past-due balance, or an amount

/// Annual minimums: within each run of 12 consecutive bills, the charges a `$/year`
/// minimum covers are summed; a shortfall is added to the run's last bill (eval/form_minimum.cpp).
/// `charge_sums`, when not empty, is [bill × charges]: each charge's amount in each bill
/// (a run without revisions, whose bills bill the tariff's own charges), so that the
/// covered charges are summed from it, not found line by line by their ids.
void apply_annual_minimums(BillRun& run, std::vector<Bill>& bills, const std::vector<const Segment*>& first_segment,
                           std::span<const Decimal> charge_sums = {});

}  // namespace rateline::eval
