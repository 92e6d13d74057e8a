// eval/run_setup.hpp — prepare_intervals / prepare_reads(run, source, periods, options) -> bool: a run's periods checked and cut into segments, each covered by its source (false after an error in run.findings).
#pragma once

#include "eval/bill_run.hpp"
#include "eval/interval_source.hpp"
#include "eval/register_source.hpp"

namespace rateline::eval {

bool prepare_intervals(BillRun& run, IntervalSource& source, const std::vector<BillingPeriod>& periods, const BillOptions& options);

/// Each period must run from a read date to a read date.
bool prepare_reads(BillRun& run, RegisterSource& source, const std::vector<BillingPeriod>& periods, const BillOptions& options);

}  // namespace rateline::eval
