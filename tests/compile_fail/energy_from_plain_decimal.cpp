// expected-error: conversion from .*Decimal.* to non-scalar type .*Quantity<rateline::Unit::kWh>.* requested
// A bare number does not silently become kWh: the constructor is explicit.
#include "rateline/quantity.hpp"

int main() {
  rateline::Energy energy = rateline::Decimal(100);
  (void)energy;
}
