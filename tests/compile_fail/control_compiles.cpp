// The control: the same includes and flags as the compile-fail programs, and only valid
// operations. It must compile, so a broken include path or a header that no longer
// compiles cannot make every compile-fail test "pass".
#include "rateline/decimal.hpp"
#include "rateline/quantity.hpp"
#include "rateline/text.hpp"

int main() {
  using namespace rateline;
  Energy energy{Decimal(100)};
  Demand demand{Decimal(5)};
  EnergyPrice energy_price{Decimal(1), Currency("USD")};
  DemandPrice demand_price{Decimal(8), Currency("USD")};
  Energy more = energy + Energy{Decimal(2)};
  Money total = more * energy_price + demand * demand_price;
  total += Money{Decimal(10), Currency("USD")};
  Energy scaled = energy * Decimal::parse("1.05").value();
  EnergyPerDay average = scaled.per(Days{30}, 3, RoundingMode::half_up);
  Decimal price(14);
  Text label("Energy Charge");
  label += ", first 800 kWh";
  std::string_view shown = label;
  (void)shown;
  (void)average;
  (void)price;
  return total.is_negative() ? 1 : 0;
}
