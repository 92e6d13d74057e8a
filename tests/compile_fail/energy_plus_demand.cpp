// expected-error: no match for .operator\+.
// kWh + kW is meaningless: energy and demand are different dimensions.
#include "rateline/quantity.hpp"

int main() {
  rateline::Energy energy{rateline::Decimal(100)};
  rateline::Demand demand{rateline::Decimal(5)};
  auto sum = energy + demand;
  (void)sum;
}
