// expected-error: use of deleted function .*rateline::Decimal::Decimal\(
// Binary floating point never becomes money: 0.1 is not 1/10 in binary.
#include "rateline/decimal.hpp"

int main() {
  rateline::Decimal price(0.1);
  (void)price;
}
