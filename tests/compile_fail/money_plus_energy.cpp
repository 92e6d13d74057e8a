// expected-error: no match for .operator\+.
// Dollars plus kilowatt-hours.
#include "rateline/quantity.hpp"

int main() {
  rateline::Money money{rateline::Decimal(10), rateline::Currency("USD")};
  rateline::Energy energy{rateline::Decimal(100)};
  auto sum = money + energy;
  (void)sum;
}
