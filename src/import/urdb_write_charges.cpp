// The Writer's charges (import/urdb_writer.hpp): one per URDB part (energy, fuel, TOU
// demand, flat demand with its ratchet, fixed, minimums).
#include "import/urdb_writer.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace rateline::urdb::write {

using namespace std::chrono;

void Writer::charge(Lines& body, const std::string& head, const Lines& pricing) {
  body.push_back("");
  append(body, keyed(head, pricing));
}

void Writer::charges(Lines& body) {
  if (!r_.energy.empty()) {
    std::vector<Lines> per_season;
    for (auto& s : seasons_) {
      auto periods = periods_in(r_.energy_weekday, r_.energy_weekend, s.months);
      per_season.push_back(energy_pricing(periods, seasons_.size() > 1 ? " (" + s.name + ")" : ""));
    }
    charge(body, "charge energy \"Energy Charge\" on energy", by_season(per_season));
  }
  if (r_.fuel) {
    std::array<Lines, 12> per_month;
    for (std::size_t m = 0; m < 12; ++m) per_month[m] = {(*r_.fuel)[m].to_string() + " $/kWh"};
    charge(body, "rider fuel \"Fuel Adjustment\" on energy", by_month(per_month));
  }
  if (demand_used_) {
    std::vector<Lines> per_season;
    for (auto& s : seasons_) {
      auto periods = periods_in(r_.demand_weekday, r_.demand_weekend, s.months);
      per_season.push_back(demand_pricing(periods, seasons_.size() > 1 ? " (" + s.name + ")" : ""));
    }
    charge(body, r_.demand_kva ? "charge tou_demand \"TOU Demand Charge\" on kva_demand" : "charge tou_demand \"TOU Demand Charge\" on demand",
           by_season(per_season));
  } else if (!r_.demand.empty()) {
    body.push_back("");
    body.push_back("# demandratestructure: every price is 0, so there is no TOU demand charge");
  }
  if (flat_used_) {
    std::array<Lines, 12> per_month;
    for (std::size_t m = 0; m < 12; ++m) {
      int index = r_.flat_months[m];
      auto& tiers = r_.flat[static_cast<std::size_t>(index)];
      per_month[m] = tier_pricing(tiers, price_columns(r_.flat, {index}), {}, r_.flat_kva ? "$/kVA" : "$/kW",
                                  "flatdemandstructure, structure " + std::to_string(index), "");
    }
    if (r_.flat_kva && r_.ratchet)
      report_.error("I0004", "a demand ratchet (`lookbackpercent`) on kVA demand cannot be imported", "lookbackpercent",
                    "rateline's billing demand rules are in kW");
    if (r_.ratchet) {
      static const char* names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
      std::string months;
      bool all = true;
      for (std::size_t m = 0; m < 12; ++m) {
        all = all && r_.ratchet->included[m];
        if (r_.ratchet->included[m]) months += (months.empty() ? "" : ", ") + std::string(names[m]);
      }
      body.push_back("");
      body.push_back("# lookbackpercent, lookbackrange" + std::string(all ? "" : ", lookbackmonths") + ": a demand ratchet on the flat demand charge");
      body.push_back("billing_demand \"Billing Demand\": greatest of {");
      body.push_back("  demand");
      body.push_back("  " + r_.ratchet->percent.to_string() + " % of ratchet " + std::to_string(r_.ratchet->months) + (r_.ratchet->months == 1 ? " month" : " months") +
                     (all ? "" : " in " + months));
      body.push_back("}");
    }
    charge(body, r_.ratchet ? "charge flat_demand \"Demand Charge\" on billing_demand"
                 : r_.flat_kva ? "charge flat_demand \"Demand Charge\" on kva_demand"
                               : "charge flat_demand \"Demand Charge\" on demand",
           by_month(per_month));
  }
  if (r_.fixed) {
    bool daily = r_.fixed_per == "day";
    charge(body, daily ? "charge fixed \"Fixed Daily Charge\"" : "charge fixed \"Fixed Monthly Charge\"",
           {r_.fixed->to_string() + (daily ? " $/day" : " $/month")});
  }
  std::string base = r_.fuel ? " of charges, fuel" : " of charges";
  if (r_.min_monthly) {
    body.push_back("");
    body.push_back("# tops the month's charges up to the minimum (SAM: energy + demand + fixed)");
    body.push_back("minimum min_monthly \"Minimum Charge\": " + r_.min_monthly->to_string() + " $/month" + base);
  }
  if (r_.min_annual) {
    body.push_back("");
    body.push_back("# compares the sum of each 12 bills (before monthly minimums) and tops up the last");
    body.push_back("minimum min_annual \"Annual Minimum\": " + r_.min_annual->to_string() + " $/year" + base);
  }
}

}  // namespace rateline::urdb::write
