// expected-error: use of deleted function .*rateline::Decimal::Decimal\(
// Scaling a quantity by a binary floating-point factor is the same mistake one step removed.
#include "rateline/quantity.hpp"

int main() {
  rateline::Energy energy{rateline::Decimal(100)};
  auto scaled = energy * 1.05;
  (void)scaled;
}
