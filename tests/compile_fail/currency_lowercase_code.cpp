// expected-error: in 'constexpr' expansion of .*Currency::Currency\("usd"\)
// expected-error: is not a constant expression
// Currency codes written in code are checked when compiling: "usd" is not ISO 4217.
#include "rateline/quantity.hpp"

int main() {
  rateline::Currency currency("usd");
  (void)currency;
}
