// eval/tier_values.hpp — TierLimits, TierAmounts and TierShares: a bill's tier limits, its quantity split into tiers, and that split per TOU column, on the stack for tables of up to six tiers.
//
// Every tiered charge of every bill makes these; in a heap-allocated std::vector they were
// three allocations and frees per charge per bill.
#pragma once

#include "rateline/decimal.hpp"

#include <boost/container/small_vector.hpp>

#include <optional>

namespace rateline::eval {

/// Upper limit of each tier in the determinant's unit; none for the last, unlimited one.
using TierLimits = boost::container::small_vector<std::optional<Decimal>, 6>;
/// One amount per tier.
using TierAmounts = boost::container::small_vector<Decimal, 6>;
/// [column][tier]: a tiered total shared out among TOU period columns.
using TierShares = boost::container::small_vector<TierAmounts, 4>;

}  // namespace rateline::eval
