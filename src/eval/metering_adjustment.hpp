// eval/metering_adjustment.hpp — metered(run, what, q, steps): metered energy or demand with
// the tariff's metering adjustments applied ("add 1 % to metered kWh and kW for metering on
// the low side of the transformer": q × 1.01, exact), for accounts they apply to.
#pragma once

#include "eval/bill_run.hpp"
#include "eval/trace.hpp"

namespace rateline::eval {

enum class Metered : std::uint8_t { energy, demand };

/// q with every adjustment of `what` applied, told to the trace. An adjustment `when ATTRIBUTE`
/// applies when the account's attribute is `yes`; one the account does not give, or gives as
/// neither yes nor no, is B0061 (q is returned unadjusted, and the bill refused).
Decimal metered(BillRun& run, Metered what, const Decimal& q, Steps& steps);

}  // namespace rateline::eval
