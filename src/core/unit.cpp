// Unit names as written in rate sheets.
#include "rateline/unit.hpp"

#include <array>
#include <utility>

namespace rateline {

namespace {
struct UnitInfo { Unit unit; std::string_view name; Dimension dimension; };
constexpr std::array<UnitInfo, 18> kUnits{{
    {Unit::kWh, "kWh", Dimension::energy},       {Unit::MWh, "MWh", Dimension::energy},
    {Unit::kW, "kW", Dimension::power},          {Unit::kVARh, "kVARh", Dimension::reactive_energy},
    {Unit::kVA, "kVA", Dimension::apparent_power},
    {Unit::therm, "therm", Dimension::gas},      {Unit::CCF, "CCF", Dimension::gas},
    {Unit::MCF, "MCF", Dimension::gas},          {Unit::gal, "gal", Dimension::water},
    {Unit::kgal, "kgal", Dimension::water},      {Unit::day, "day", Dimension::time},
    {Unit::month, "month", Dimension::time},     {Unit::bill, "bill", Dimension::count},
    {Unit::meter, "meter", Dimension::count},    {Unit::percent, "%", Dimension::ratio},
    {Unit::CF, "CF", Dimension::gas},
    {Unit::quarter, "quarter", Dimension::time}, {Unit::year, "year", Dimension::time},
}};
}  // namespace

std::optional<Unit> parse_unit(std::string_view text) {
  for (auto& u : kUnits)
    if (u.name == text) return u.unit;
  if (text == "therms") return Unit::therm;
  if (text == "days") return Unit::day;
  if (text == "months") return Unit::month;
  if (text == "quarters") return Unit::quarter;
  if (text == "years") return Unit::year;
  if (text == "bills") return Unit::bill;
  if (text == "meters") return Unit::meter;
  if (text == "gallons") return Unit::gal;
  if (text == "kvarh" || text == "kVArh") return Unit::kVARh;
  return std::nullopt;
}

std::string_view to_string(Unit unit) {
  for (auto& u : kUnits)
    if (u.unit == unit) return u.name;
  return "?";
}

Dimension dimension_of(Unit unit) {
  for (auto& u : kUnits)
    if (u.unit == unit) return u.dimension;
  return Dimension::count;
}

std::string_view to_string(Dimension dimension) {
  switch (dimension) {
    case Dimension::energy: return "energy";
    case Dimension::power: return "demand";
    case Dimension::reactive_energy: return "reactive energy";
    case Dimension::apparent_power: return "apparent power";
    case Dimension::gas: return "gas volume";
    case Dimension::water: return "water volume";
    case Dimension::time: return "time";
    case Dimension::count: return "count";
    case Dimension::ratio: return "ratio";
  }
  return "?";
}

}  // namespace rateline
