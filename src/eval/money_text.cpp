// eval/money_text.cpp — currency symbols and money as text (eval/money_text.hpp).
#include "eval/money_text.hpp"

#include <array>
#include <utility>

namespace rateline::eval {

std::string currency_symbol(std::string_view code) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> symbols{{
      {"USD", "$"}, {"CAD", "$"}, {"AUD", "$"}, {"NZD", "$"}, {"EUR", "€"}, {"GBP", "£"}, {"JPY", "¥"}}};
  for (auto& [iso, symbol] : symbols)
    if (iso == code) return std::string(symbol);
  return std::string(code) + " ";
}

std::string currency_unit(std::string_view code) { return code == "USD" ? "$" : std::string(code); }

}  // namespace rateline::eval
