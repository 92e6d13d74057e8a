// The Reader's parts of the bill (import/urdb_reader.hpp): energy, TOU and flat demand,
// fixed charges, minimums, fuel adjustments, the demand ratchet and the demand window.
#include "import/urdb_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

namespace rateline::urdb::read {

using namespace std::chrono;

void Reader::energy() {
  if (auto s = structure("energyratestructure", false)) rate_.energy = std::move(*s);
  if (!rate_.energy.empty())
    schedules("energyweekdayschedule", "energyweekendschedule", rate_.energy.size(), rate_.energy_weekday, rate_.energy_weekend);
}

void Reader::demand() {
  if (auto s = structure("demandratestructure", true)) rate_.demand = std::move(*s);
  if (!rate_.demand.empty())
    schedules("demandweekdayschedule", "demandweekendschedule", rate_.demand.size(), rate_.demand_weekday, rate_.demand_weekend);
}

void Reader::flat_demand() {
  if (auto s = structure("flatdemandstructure", true)) rate_.flat = std::move(*s);
  if (rate_.flat.empty()) return;
  auto* months = get("flatdemandmonths");
  if (!months || months->is_null()) {
    if (rate_.flat.size() == 1) {
      report_.warning("I0110", "`flatdemandmonths` is missing: the one flat demand structure applies to every month", "flatdemandstructure");
      rate_.flat_months.fill(0);
      return;
    }
    report_.error("I0011", "`flatdemandmonths` is missing, so the months of the " + std::to_string(rate_.flat.size()) + " flat demand structures are unknown",
                  "flatdemandstructure");
    return;
  }
  if (!months->is_array() || months->items.size() != 12) {
    report_.error("I0011", "`flatdemandmonths` is not 12 numbers", "flatdemandmonths");
    return;
  }
  for (std::size_t m = 0; m < 12; ++m) {
    auto d = months->items[m].decimal();
    auto n = d ? d->normalized() : Decimal(-1);
    if (!d || n.scale() != 0 || n.is_negative() || n >= Decimal(static_cast<std::int64_t>(rate_.flat.size()))) {
      report_.error("I0011", "`flatdemandmonths` month " + std::to_string(m + 1) + " names structure `" + months->items[m].text +
                                 "`, which `flatdemandstructure` does not have (" + std::to_string(rate_.flat.size()) + ", numbered from 0)",
                    "flatdemandmonths");
      return;
    }
    rate_.flat_months[m] = static_cast<int>(n.coefficient());
  }
}

void Reader::fixed() {
  auto first = number("fixedchargefirstmeter");
  auto monthly = number("fixedmonthlycharge");
  if (first) {
    auto units = text_of(get("fixedchargeunits"));
    auto u = lower(units);
    if (u.empty() || u == "$/month") {
      rate_.fixed_per = "month";
    } else if (u == "$/day") {
      rate_.fixed_per = "day";
      report_.warning("I0106", "the fixed charge is $/day: rateline bills it per day; NREL SAM cannot, so its bills leave it out", "fixedchargeunits");
    } else {
      report_.error("I0006", "fixed charge units `" + units + "` (`fixedchargeunits`) cannot be imported", "fixedchargeunits",
                    "rateline imports $/month and $/day customer charges");
      return;
    }
    if (monthly && *monthly != *first)
      report_.warning("I0109", "`fixedmonthlycharge` (" + monthly->to_string() + ") differs from `fixedchargefirstmeter` (" + first->to_string() +
                                   "): the latter is used",
                      "fixedmonthlycharge");
    if (!first->is_zero()) rate_.fixed = *first;
  } else if (monthly && !monthly->is_zero()) {
    rate_.fixed = *monthly;
  }
}

void Reader::minimums() {
  if (auto m = number("mincharge")) {
    auto units = text_of(get("minchargeunits"));
    auto u = lower(units);
    if (u.empty() || u == "$/month") {
      if (!m->is_zero()) rate_.min_monthly = *m;
    } else if (u == "$/year") {
      if (!m->is_zero()) rate_.min_annual = *m;
    } else {
      report_.error("I0007", "minimum charge units `" + units + "` (`minchargeunits`) cannot be imported", "minchargeunits",
                    "rateline imports $/month and $/year minimums");
    }
  }
  auto older = [&](const char* key, std::optional<Decimal>& into) {
    auto v = number(key);
    if (!v || v->is_zero()) return;
    if (into && *into != *v)
      report_.warning("I0109", std::string("`") + key + "` (" + v->to_string() + ") differs from `mincharge` (" + into->to_string() + "): the latter is used", key);
    if (!into) into = *v;
  };
  older("minmonthlycharge", rate_.min_monthly);
  older("annualmincharge", rate_.min_annual);
}

void Reader::fuel() {
  auto* v = get("fueladjustmentsmonthly");
  if (!v || v->is_null()) return;
  if (!v->is_array() || v->items.size() != 12) {
    report_.error("I0013", "`fueladjustmentsmonthly` is not 12 numbers ($/kWh by month)", "fueladjustmentsmonthly");
    return;
  }
  std::array<Decimal, 12> values;
  bool any = false;
  for (std::size_t m = 0; m < 12; ++m) {
    auto d = v->items[m].decimal();
    if (!d) {
      report_.error("I0013", "`fueladjustmentsmonthly` month " + std::to_string(m + 1) + " is not a number", "fueladjustmentsmonthly");
      return;
    }
    values[m] = *d;
    any |= !d->is_zero();
  }
  if (any) rate_.fuel = values;
}

void Reader::lookback() {
  auto percent = number("lookbackpercent");
  if (!percent || percent->sign() <= 0) return;
  if (*percent > Decimal(1)) {
    report_.error("I0017", "`lookbackpercent` " + percent->to_string() + " is not a fraction between 0 and 1", "lookbackpercent",
                  "URDB gives the ratchet as a fraction: 0.8 for 80 %");
    return;
  }
  if (!get("flatdemandstructure")) {
    report_.error("I0005", "a demand ratchet (`lookbackpercent`) needs the flat demand charge it applies to; this rate has none",
                  "lookbackpercent", "rateline applies URDB lookback ratchets to `flatdemandstructure`");
    return;
  }
  Rate::Ratchet r;
  r.percent = (*percent * Decimal(100)).normalized();
  r.included.fill(true);
  if (auto range = number("lookbackrange")) {
    auto n = range->normalized();
    if (n.scale() != 0 || n < Decimal(1) || n > Decimal(36)) {
      report_.error("I0017", "`lookbackrange` " + range->to_string() + " is not 1 to 36 months", "lookbackrange");
      return;
    }
    r.months = static_cast<int>(n.coefficient());
  } else {
    report_.warning("I0109", "`lookbackpercent` without `lookbackrange`: the previous 12 months are used", "lookbackpercent");
  }
  if (auto* months = get("lookbackmonths"); months && months->is_array() && months->items.size() == 12) {
    bool any = false;
    for (std::size_t m = 0; m < 12; ++m) {
      const auto& item = months->items[m];
      auto d = item.decimal();
      bool on = item.kind == JsonValue::Kind::boolean ? item.flag : (d && !d->is_zero());
      r.included[m] = on;
      any |= on;
    }
    if (!any) r.included.fill(true);
  }
  rate_.ratchet = r;
}

void Reader::window() {
  auto w = number("demandwindow");
  if (!w) return;
  auto n = w->normalized();
  if (n.scale() == 0 && n.sign() > 0 && n <= Decimal(1440) && (1440 % static_cast<int>(n.coefficient())) == 0) {
    rate_.demand_window = static_cast<int>(n.coefficient());
    return;
  }
  report_.warning("I0108", "cannot use the demand window `" + w->to_string() + "` minutes: left out", "demandwindow",
                  "a demand window divides the day into equal blocks (15, 30, 60 minutes)");
}

}  // namespace rateline::urdb::read
