// expected-error: no match for .operator\*.
// A $/kW demand price never prices kWh of energy.
#include "rateline/quantity.hpp"

int main() {
  rateline::Energy energy{rateline::Decimal(100)};
  rateline::DemandPrice price{rateline::Decimal(8), rateline::Currency("USD")};
  auto charge = energy * price;
  (void)charge;
}
