// eval/money_text.hpp — money as a bill shows it: currency_symbol("USD") is "$" (explain writes "$12.34"); currency_unit() is the unit of a line priced in money ("$", or the ISO code).
#pragma once

#include <string>
#include <string_view>

namespace rateline::eval {

/// The symbol an amount is written with: "$" for the dollars of USD and CAD (a Canadian
/// utility's bill writes "$"), "€", "£"; otherwise the ISO code and a space ("CHF ").
std::string currency_symbol(std::string_view iso_code);

/// The unit of a quantity of money on a line item (a percentage's base): "$" for USD, else
/// the ISO code, as the tariff's rate units are written (lower.cpp: "$/kWh", "CAD/kWh").
std::string currency_unit(std::string_view iso_code);

}  // namespace rateline::eval
