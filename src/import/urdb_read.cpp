// Reading a URDB rate object: every field is either used, copied into a comment, known to
// be informational, or refused with an error naming it (docs/urdb-import.md). This file:
// the whole read, header fields and refusals; structures and schedules are in
// urdb_read_structures.cpp, the parts of the bill in urdb_read_charges.cpp.
#include "import/urdb_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

namespace rateline::urdb::read {

/// Bytes in a text field the tariff writes on one line (name, utility, label, sector,
/// source, uri; the longest in the 28 corpus rates is a 189-byte source). docs/limits.md, I0020.
constexpr std::size_t kMaxTextField = 1000;

using namespace std::chrono;

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

const Decimal& unlimited_threshold() {
  static const Decimal v = Decimal::parse("1e37").value();
  return v;
}

std::string text_of(const JsonValue* v) {
  if (!v) return "";
  if (v->is_string() || v->is_number()) return trim(v->text);
  return "";
}

std::optional<Rate> Reader::run() {
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

std::optional<Decimal> Reader::number(std::string_view key) {
  auto* v = get(key);
  if (!v || v->is_null()) return std::nullopt;
  auto d = v->decimal();
  if (!d) report_.error("I0016", "`" + std::string(key) + "` is not a number", key);
  return d;
}

void Reader::header() {
  rate_.name = text_of(get("name"));
  rate_.utility = text_of(get("utility"));
  rate_.label = text_of(get("label"));
  rate_.sector = text_of(get("sector"));
  rate_.source = text_of(get("source"));
  rate_.uri = text_of(get("uri"));
  // Each is written as a one-line string of the tariff (`tariff "NAME" {`, `utility "..."`)
  // and a tariff line holds at most 10,000 bytes (L0002): a longer field is the rate's
  // data at fault, said here with its name, not an importer bug (found by fuzz_urdb).
  for (auto [key, text] : {std::pair{"name", &rate_.name}, {"utility", &rate_.utility}, {"label", &rate_.label},
                           {"sector", &rate_.sector}, {"source", &rate_.source}, {"uri", &rate_.uri}})
    if (text->size() > kMaxTextField)
      report_.error("I0020", "`" + std::string(key) + "` is " + std::to_string(text->size()) + " bytes long, more than the " +
                                 std::to_string(kMaxTextField) + " a tariff's text may hold (docs/limits.md)",
                    key, "shorten it");
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

void Reader::attributes(const char* key) {
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

std::optional<year_month_day> Reader::start_date(std::string_view key) {
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

bool Reader::any_nonzero_rate(const JsonValue* structure) const {
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

bool Reader::positive(std::string_view key) {
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

void Reader::refusals() {
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

}  // namespace rateline::urdb::read

namespace rateline::urdb {

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
  return read::Reader(rate, options, report).run();
}

}  // namespace rateline::urdb
