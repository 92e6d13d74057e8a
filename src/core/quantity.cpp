// Currency codes and the out-of-line parts of Money (see rateline/quantity.hpp).
#include "rateline/quantity.hpp"

#include <ostream>
#include <stdexcept>
#include <string>

namespace rateline {

std::optional<Currency> Currency::parse(std::string_view code) {
  if (code.size() != 3) return std::nullopt;
  for (char c : code)
    if (!is_code_letter(c)) return std::nullopt;
  return Currency(code[0], code[1], code[2]);
}

namespace detail {
void throw_currency_mismatch(Currency a, Currency b, std::string_view operation) {
  throw std::logic_error("rateline: cannot " + std::string(operation) + " amounts in " + std::string(a.code()) +
                         " and " + std::string(b.code()) + " (a tariff bills in one currency)");
}
}  // namespace detail

std::string to_string(const Money& money) {
  return std::string(money.currency().code()) + " " + money.amount().to_string();
}

std::ostream& operator<<(std::ostream& out, const Money& money) { return out << to_string(money); }

}  // namespace rateline
