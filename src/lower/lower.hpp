// lower/lower.hpp — turns a checked tariff into the rate graph the biller runs.
#pragma once

#include "check/checked_tariff.hpp"
#include "graph/tariff_graph.hpp"

#include <memory>

namespace rateline::lower {

/// Builds the graph. The tariff must have passed check_tariff without errors.
std::shared_ptr<const graph::Tariff> lower_tariff(const check::CheckedTariff& checked);

}  // namespace rateline::lower
