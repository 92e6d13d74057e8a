// Reading a URDB rate object: every field is either used, copied into a comment, known to
// be informational, or refused with an error naming it (docs/urdb-import.md).
#include "import/urdb_model.hpp"

#include "rateline/calendar.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

namespace rateline::urdb {

namespace {

using namespace std::chrono;

// Fields that do not change a bill: kept in comments or ignored.
const std::set<std::string, std::less<>> kInformational = {
    "_id", "approved", "basicinformationcomments", "country", "demandattrs", "demandcomments", "description",
    "dgrules", "eiaid", "enddate", "energyattrs", "energycomments", "fixedattrs", "fixedkeyvals", "energykeyvals",
    "demandkeyvals", "is_default", "isdefault", "label", "latest_update", "name", "peakkwcapacityhistory",
    "peakkwcapacitymax", "peakkwcapacitymin", "peakkwhusagehistory", "peakkwhusagemax", "peakkwhusagemin",
    "phasewiring", "revisions", "sector", "servicetype", "source", "sourceparent", "startdate", "supersedes", "uri",
    "usenetmetering", "utility", "utility_id", "voltagecategory", "voltagemaximum", "voltageminimum", "owner",
    "demandunits", "fixedchargeeaaddl", "lookbackmonths", "coincidentrateschedule", "coincidentrateunit",
    "energyratestructure", "energyweekdayschedule", "energyweekendschedule", "demandratestructure",
    "demandweekdayschedule", "demandweekendschedule", "demandrateunit", "flatdemandstructure", "flatdemandmonths",
    "flatdemandunit", "fixedchargefirstmeter", "fixedchargeunits", "fixedmonthlycharge", "mincharge",
    "minchargeunits", "minmonthlycharge", "annualmincharge", "fueladjustmentsmonthly", "demandwindow",
    "coincidentratestructure", "lookbackpercent", "lookbackrange", "demandratchetpercentage",
    "demandreactivepowercharge", "is_approved"};

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

/// 1e37: a URDB limit at or above it means "no limit" (SAM uses 1e38).
const Decimal& unlimited_threshold() {
  static const Decimal v = Decimal::parse("1e37").value();
  return v;
}

std::string text_of(const JsonValue* v) {
  if (!v) return "";
  if (v->is_string() || v->is_number()) return trim(v->text);
  return "";
}

class Reader {
 public:
  Reader(const JsonValue& root, const UrdbImportOptions& options, Reporter& report) : root_(root), options_(options), report_(report) {}

  std::optional<Rate> run() {
    for (auto& [key, value] : root_.members)
      if (!kInformational.count(key))
        report_.warning("I0102", "URDB field `" + key + "` is not read by the importer", key,
                        "check that it does not change the bill; if it does, add it to the tariff by hand");
    header();
    refusals();
    energy();
    demand();
    flat_demand();
    fixed();
    minimums();
    fuel();
    window();
    lookback();
    if (has_errors(report_.diagnostics)) return std::nullopt;
    return std::move(rate_);
  }

 private:
  const JsonValue* get(std::string_view key) const { return root_.find(key); }

  std::optional<Decimal> number(std::string_view key) {
    auto* v = get(key);
    if (!v || v->is_null()) return std::nullopt;
    auto d = v->decimal();
    if (!d) report_.error("I0016", "`" + std::string(key) + "` is not a number", key);
    return d;
  }

  // ---------------------------------------------------------------- header
  void header() {
    rate_.name = text_of(get("name"));
    rate_.utility = text_of(get("utility"));
    rate_.label = text_of(get("label"));
    rate_.sector = text_of(get("sector"));
    rate_.source = text_of(get("source"));
    rate_.uri = text_of(get("uri"));
    if (rate_.uri.empty() && !rate_.label.empty()) rate_.uri = "https://apps.openei.org/USURDB/rate/view/" + rate_.label;
    if (rate_.name.empty()) rate_.name = rate_.label.empty() ? "URDB rate" : rate_.label;

    if (options_.effective) {
      rate_.effective = *options_.effective;
      rate_.effective_note = "set by the import (--effective)";
      if (auto start = start_date("startdate")) rate_.notes.push_back("URDB startdate: " + format_date(*start));
    } else if (auto start = start_date("startdate")) {
      rate_.effective = *start;
      rate_.effective_note = "URDB startdate";
    } else {
      rate_.effective = year{2000} / January / 1;
      rate_.effective_note = "URDB gives no startdate: 2000-01-01 assumed";
    }
    if (auto end = start_date("enddate")) rate_.notes.push_back("URDB enddate: " + format_date(*end) + " (the rate was superseded then)");
    for (auto* key : {"description", "basicinformationcomments", "energycomments", "demandcomments"})
      if (auto t = text_of(get(key)); !t.empty()) rate_.notes.push_back(std::string(key) + ": " + t);
    for (auto* key : {"fixedattrs", "energyattrs", "demandattrs"}) attributes(key);
    if (auto t = text_of(get("dgrules")); !t.empty()) rate_.notes.push_back("dgrules: " + t + " (not used: the bill is for load only)");
    for (auto* key : {"peakkwcapacitymin", "peakkwcapacitymax", "peakkwhusagemin", "peakkwhusagemax", "voltagecategory", "phasewiring"})
      if (auto t = text_of(get(key)); !t.empty()) rate_.notes.push_back(std::string(key) + ": " + t);
    if (auto v = number("fixedchargeeaaddl"); v && !v->is_zero())
      rate_.notes.push_back("fixedchargeeaaddl: " + v->to_string() + " per additional meter (not billed: one meter)");
  }

  void attributes(const char* key) {
    auto* v = get(key);
    if (!v || !v->is_array()) return;
    for (auto& item : v->items) {
      if (!item.is_object()) continue;
      for (auto& [k, value] : item.members) {
        auto t = value.is_string() || value.is_number() ? value.text : std::string();
        rate_.notes.push_back(std::string(key) + ": " + k + (t.empty() ? "" : " = " + t));
      }
    }
  }


  /// URDB dates: epoch seconds (integer or "1401580800.0"), or text "2017-01-01 00:00:00".
  std::optional<year_month_day> start_date(std::string_view key) {
    auto* v = get(key);
    if (!v || v->is_null()) return std::nullopt;
    auto t = trim(v->text);
    if (v->is_string() && t.size() >= 10 && t[4] == '-' && t[7] == '-') {
      int y = 0;
      unsigned m = 0, d = 0;
      bool ok = true;
      for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) ok &= std::isdigit(static_cast<unsigned char>(t[i])) != 0;
      if (ok) {
        y = std::stoi(t.substr(0, 4));
        m = static_cast<unsigned>(std::stoi(t.substr(5, 2)));
        d = static_cast<unsigned>(std::stoi(t.substr(8, 2)));
        year_month_day ymd{year{y}, month{m}, day{d}};
        if (ymd.ok()) return ymd;
      }
      report_.warning("I0107", "cannot read the date `" + t + "` in `" + std::string(key) + "`", key);
      return std::nullopt;
    }
    auto seconds = v->decimal();
    if (!seconds) {
      report_.warning("I0107", "cannot read the date `" + t + "` in `" + std::string(key) + "`", key);
      return std::nullopt;
    }
    Decimal::Int whole = seconds->rounded(0, RoundingMode::floor).coefficient();
    Decimal::Int days_since = whole / 86400;
    if (whole < 0 && whole % 86400 != 0) days_since -= 1;
    if (days_since > 1000000 || days_since < -1000000) {
      report_.warning("I0107", "the date in `" + std::string(key) + "` is out of range", key);
      return std::nullopt;
    }
    return year_month_day{sys_days{days{static_cast<long>(days_since)}}};
  }

  // ---------------------------------------------------------------- refusals
  bool any_nonzero_rate(const JsonValue* structure) const {
    if (!structure || !structure->is_array()) return false;
    for (auto& period : structure->items)
      for (auto& tier : period.items) {
        for (auto* key : {"rate", "adj"})
          if (auto* r = tier.find(key)) {
            auto d = r->decimal();
            if (!d || !d->is_zero()) return true;
          }
      }
    return false;
  }

  bool positive(std::string_view key) {
    auto* v = get(key);
    if (!v || v->is_null()) return false;
    if (v->is_array()) {
      for (auto& item : v->items) {
        auto d = item.decimal();
        if (item.is_array()) {
          for (auto& inner : item.items)
            if (auto e = inner.decimal(); e && e->sign() > 0) return true;
        } else if (d && d->sign() > 0) {
          return true;
        }
      }
      return false;
    }
    auto d = v->decimal();
    return d && d->sign() > 0;
  }

  void refusals() {
    if (any_nonzero_rate(get("coincidentratestructure")))
      report_.error("I0003", "coincident-peak demand charges (`coincidentratestructure`) cannot be imported", "coincidentratestructure",
                    "the charge depends on the utility's system peak, which interval usage does not give; add it by hand if you know the peak hours");
    for (auto* key : {"demandratchetpercentage"})
      if (positive(key))
        report_.error("I0005", std::string("demand ratchets (`") + key + "`) cannot be imported", key,
                      "per-month ratchet percentages are not carried; lookbackpercent/lookbackrange/lookbackmonths are");
    if (positive("demandreactivepowercharge"))
      report_.error("I0014", "reactive power demand charges (`demandreactivepowercharge`) cannot be imported", "demandreactivepowercharge",
                    "the charge needs kVAR demand, which the usage does not give");
    // kVA demand is carried (the usage then needs kvarh); other units are refused
    auto unit_ok = [&](std::string_view key, bool used, bool& kva) {
      auto t = lower(text_of(get(key)));
      if (t.empty() || t == "kw" || !used) return;
      if (t == "kva") {
        kva = true;
        return;
      }
      report_.error("I0004", "demand in `" + text_of(get(key)) + "` (`" + std::string(key) + "`) cannot be imported", key,
                    "rateline bills demand in kW, or in kVA from kW and kVAR; hp needs other meter data");
    };
    bool tou = get("demandratestructure") != nullptr, flat = get("flatdemandstructure") != nullptr;
    unit_ok("demandrateunit", tou, rate_.demand_kva);
    unit_ok("flatdemandunit", flat, rate_.flat_kva);
    bool both = false;
    unit_ok("demandunits", tou || flat, both);
    if (both) rate_.demand_kva = rate_.demand_kva || tou, rate_.flat_kva = rate_.flat_kva || flat;
  }

  // ---------------------------------------------------------------- structures and schedules
  std::optional<Structure> structure(std::string_view key, bool demand) {
    auto* v = get(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_array()) {
      report_.error("I0009", "`" + std::string(key) + "` is not a list of periods", key);
      return std::nullopt;
    }
    Structure out;
    bool ok = true;
    for (std::size_t p = 0; p < v->items.size(); ++p) {
      auto& period = v->items[p];
      std::vector<Tier> tiers;
      if (!period.is_array() || period.items.empty()) {
        report_.error("I0009", "period " + std::to_string(p) + " of `" + std::string(key) + "` is not a list of tiers", key);
        ok = false;
        continue;
      }
      for (std::size_t k = 0; k < period.items.size(); ++k) {
        auto& t = period.items[k];
        std::string where = "tier " + std::to_string(k + 1) + " of period " + std::to_string(p) + " in `" + std::string(key) + "`";
        if (!t.is_object()) {
          report_.error("I0009", where + " is not an object", key);
          ok = false;
          continue;
        }
        Tier tier;
        auto* rate = t.find("rate");
        if (!rate || rate->is_null()) {
          report_.warning("I0101", where + " has no `rate`: $0 assumed", key);
        } else if (auto d = rate->decimal()) {
          tier.price = *d;
        } else {
          report_.error("I0009", where + ": `rate` is not a number", key);
          ok = false;
        }
        if (auto* adj = t.find("adj"); adj && !adj->is_null()) {
          if (auto d = adj->decimal()) tier.price += *d;
          else {
            report_.error("I0009", where + ": `adj` is not a number", key);
            ok = false;
          }
        }
        if (auto* max = t.find("max"); max && !max->is_null()) {
          auto d = max->decimal();
          if (!d || d->is_negative()) {
            report_.error("I0009", where + ": `max` is not a non-negative number", key);
            ok = false;
          } else if (*d < unlimited_threshold()) {
            tier.max = d->normalized();
          }
        }
        auto unit = text_of(t.find("unit"));
        if (demand) {
          const bool kva = key == "flatdemandstructure" ? rate_.flat_kva : rate_.demand_kva;
          const std::string expected = kva ? "kva" : "kw";
          if (!unit.empty() && lower(unit) != expected) {
            report_.error("I0004", where + " is in `" + unit + "`", key,
                          std::string("the structure's demand is in ") + (kva ? "kVA" : "kW") + " (its `...unit` field)");
            ok = false;
          }
          tier.unit = kva ? "kVA" : "kW";
        } else {
          if (unit.empty()) unit = "kWh";
          auto u = lower(unit);
          if (u == "kwh") tier.unit = "kWh";
          else if (u == "kwh daily") tier.unit = "kWh daily";
          else if (u == "kwh/kw") tier.unit = "kWh/kW";
          else if (u == "kwh/kw daily") tier.unit = "kWh/kW daily";
          else {
            report_.error("I0009", where + " has the unknown unit `" + unit + "`", key, "URDB tier units are kWh, kWh daily, kWh/kW and kWh/kW daily");
            ok = false;
          }
        }
        tiers.push_back(std::move(tier));
      }
      out.push_back(std::move(tiers));
    }
    if (!ok) return std::nullopt;
    return out;
  }

  std::optional<Schedule> schedule(std::string_view key, std::size_t periods) {
    auto* v = get(key);
    if (!v || v->is_null()) return std::nullopt;
    Schedule s{};
    bool shape = v->is_array() && v->items.size() == 12;
    for (std::size_t m = 0; shape && m < 12; ++m) shape = v->items[m].is_array() && v->items[m].items.size() == 24;
    if (!shape) {
      report_.error("I0008", "`" + std::string(key) + "` is not 12 months × 24 hours", key);
      return std::nullopt;
    }
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (std::size_t m = 0; m < 12; ++m)
      for (std::size_t h = 0; h < 24; ++h) {
        auto d = v->items[m].items[h].decimal();
        auto n = d ? d->normalized() : Decimal(-1);
        if (!d || n.scale() != 0 || n.is_negative() || n >= Decimal(static_cast<std::int64_t>(std::max<std::size_t>(periods, 1)))) {
          report_.error("I0008", "`" + std::string(key) + "` " + months[m] + " " + std::to_string(h) + ":00 names period `" +
                                     v->items[m].items[h].text + "`, which the rate structure does not have (" + std::to_string(periods) + " periods, numbered from 0)",
                        key);
          return std::nullopt;
        }
        s[m][h] = static_cast<int>(n.coefficient());
      }
    return s;
  }

  void schedules(std::string_view weekday_key, std::string_view weekend_key, std::size_t periods, Schedule& weekday, Schedule& weekend) {
    auto wd = schedule(weekday_key, periods);
    auto we = schedule(weekend_key, periods);
    if (wd && !we && !get(weekend_key)) {
      report_.warning("I0111", "`" + std::string(weekend_key) + "` is missing: the weekday schedule applies on weekends too", weekday_key);
      we = wd;
    }
    if (we && !wd && !get(weekday_key)) {
      report_.warning("I0111", "`" + std::string(weekday_key) + "` is missing: the weekend schedule applies on weekdays too", weekend_key);
      wd = we;
    }
    if (wd) weekday = *wd;
    if (we) weekend = *we;
  }

  void energy() {
    if (auto s = structure("energyratestructure", false)) rate_.energy = std::move(*s);
    if (!rate_.energy.empty())
      schedules("energyweekdayschedule", "energyweekendschedule", rate_.energy.size(), rate_.energy_weekday, rate_.energy_weekend);
  }

  void demand() {
    if (auto s = structure("demandratestructure", true)) rate_.demand = std::move(*s);
    if (!rate_.demand.empty())
      schedules("demandweekdayschedule", "demandweekendschedule", rate_.demand.size(), rate_.demand_weekday, rate_.demand_weekend);
  }

  void flat_demand() {
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

  void fixed() {
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

  void minimums() {
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

  void fuel() {
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

  // lookbackpercent (a fraction: 0.8 = 80 %), lookbackrange (months), lookbackmonths (12 flags)
  void lookback() {
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

  void window() {
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

  const JsonValue& root_;
  const UrdbImportOptions& options_;
  Reporter& report_;
  Rate rate_;
};

}  // namespace

void Reporter::error(std::string code, std::string message, std::string_view field, std::string hint) {
  diagnostics.push_back({Severity::error, std::move(code), std::move(message), span_of(field), std::move(hint)});
}

void Reporter::warning(std::string code, std::string message, std::string_view field, std::string hint) {
  diagnostics.push_back({Severity::warning, std::move(code), std::move(message), span_of(field), std::move(hint)});
}

Span Reporter::span_of(std::string_view field) const {
  if (!source_) return {};
  if (field.empty()) return Span{source_, 0, 0};
  std::string quoted = "\"" + std::string(field) + "\"";
  auto at = source_->text().find(quoted);
  if (at == std::string::npos) return Span{source_, 0, 0};
  return Span{source_, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + quoted.size())};
}

std::optional<Rate> read_rate(const JsonValue& rate, const UrdbImportOptions& options, Reporter& report) {
  return Reader(rate, options, report).run();
}

}  // namespace rateline::urdb
