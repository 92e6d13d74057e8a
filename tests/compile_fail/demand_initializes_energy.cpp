// expected-error: conversion from .*Unit::kW>.* to non-scalar type .*Unit::kWh>.* requested
// Copy-initialising an Energy from a Demand.
#include "rateline/quantity.hpp"

int main() {
  rateline::Demand demand{rateline::Decimal(5)};
  rateline::Energy energy = demand;
  (void)energy;
}
