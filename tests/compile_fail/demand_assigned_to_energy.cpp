// expected-error: no match for .operator=.
// A Demand (kW) is not an Energy (kWh): no conversion, no assignment.
#include "rateline/quantity.hpp"

int main() {
  rateline::Energy energy{rateline::Decimal(100)};
  rateline::Demand demand{rateline::Decimal(5)};
  energy = demand;
  (void)energy;
}
