// rateline/unit.hpp — the units a rate schedule bills in.
//
// A Unit names what a quantity counts (kWh, kW, therm, gal, day...). Units belong to a
// Dimension; a price applies only to quantities of its own unit ("$/kW" never prices kWh).
// The tariff checker compares runtime Units; typed code uses rateline::Quantity<Unit>
// (rateline/quantity.hpp) so that mixing dimensions does not compile.
//
//   auto u = rateline::parse_unit("kWh");   // Unit::kWh
//   rateline::dimension_of(*u);            // Dimension::energy
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace rateline {

enum class Dimension : std::uint8_t {
  energy,           // kWh, MWh
  power,            // kW (demand)
  reactive_energy,  // kVARh
  apparent_power,   // kVA
  gas,              // therm, CF, CCF, MCF (gas is billed by volume or heat content)
  water,            // gal, kgal, CCF of water
  time,             // day, month, quarter, year
  count,            // bill, meter
  ratio,            // percent
};

enum class Unit : std::uint8_t {
  kWh, MWh, kW, kVARh, kVA,
  therm, CCF, MCF, gal, kgal,
  day, month, bill, meter,
  percent,
  CF,               // cubic feet (gas or water, as the service says); 100 CF = 1 CCF
  quarter, year,    // fixed charges and tier limits of a quarterly or annual billing cycle
};

std::optional<Unit> parse_unit(std::string_view text);
std::string_view to_string(Unit unit);
Dimension dimension_of(Unit unit);
std::string_view to_string(Dimension dimension);

}  // namespace rateline
