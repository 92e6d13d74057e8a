// The review thresholds file: `[default]` and `[CLASS]` sections of `key = value` lines
// (rateline/review.hpp). A class section changes only the keys it names; the rest are the
// [default] section's, which are the documented defaults unless it changes them.
#include "rateline/review.hpp"

#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace rateline {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::optional<Decimal> non_negative(std::string_view v) {
  auto d = Decimal::parse(v);
  return d && !d->is_negative() ? d : std::nullopt;
}

std::optional<int> small_count(std::string_view v) {
  auto d = Decimal::parse(v);
  if (!d || d->is_negative() || d->normalized().scale() != 0 || *d > Decimal(1000)) return std::nullopt;
  return d->normalized().coefficient().convert_to<int>();
}

// One row per key: its name and how a value sets it (false = the value is not valid).
using Setter = std::function<bool(ReviewThresholds&, std::string_view)>;
struct Key {
  std::string_view name, expects;
  Setter set;
};

const std::vector<Key>& keys() {
  static const std::vector<Key> table = {
      {"high_percent", "a percentage >= 0", [](ReviewThresholds& t, std::string_view v) { auto d = non_negative(v); if (d) t.high_percent = *d; return d.has_value(); }},
      {"low_percent", "a percentage >= 0", [](ReviewThresholds& t, std::string_view v) { auto d = non_negative(v); if (d) t.low_percent = *d; return d.has_value(); }},
      {"min_amount", "an amount >= 0", [](ReviewThresholds& t, std::string_view v) { auto d = non_negative(v); if (d) t.min_amount = *d; return d.has_value(); }},
      {"demand_tolerance_percent", "a percentage >= 0", [](ReviewThresholds& t, std::string_view v) { auto d = non_negative(v); if (d) t.demand_tolerance = *d; return d.has_value(); }},
      {"average_of", "a count of bills, 1..1000", [](ReviewThresholds& t, std::string_view v) { auto n = small_count(v); if (n && *n > 0) t.average_of = *n; return n && *n > 0; }},
      {"min_history", "a count of bills, 0..1000", [](ReviewThresholds& t, std::string_view v) { auto n = small_count(v); if (n) t.min_history = *n; return n.has_value(); }},
      {"estimated_after", "a count of bills, 0..1000", [](ReviewThresholds& t, std::string_view v) { auto n = small_count(v); if (n) t.estimated_after = *n; return n.has_value(); }},
      {"same_month_last_year", "true or false", [](ReviewThresholds& t, std::string_view v) {
         if (v != "true" && v != "false") return false;
         t.same_month_last_year = v == "true";
         return true;
       }},
  };
  return table;
}

struct Setting {
  const Key* key;
  std::string value;
};

}  // namespace

const ReviewThresholds& ReviewConfig::for_class(const std::string& rate_class) const {
  auto it = by_class.find(rate_class);
  return it == by_class.end() ? defaults : it->second;
}

ReviewConfigResult read_review_config(std::string_view text, const std::string& path) {
  ReviewConfigResult out;
  auto file = std::make_shared<const SourceFile>(path, std::string(text));
  auto error = [&](std::size_t offset, std::size_t length, std::string code, std::string message, std::string hint = "") {
    out.diagnostics.push_back(Diagnostic{Severity::error, std::move(code), std::move(message),
                                         Span{file, static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(offset + length)}, std::move(hint)});
  };
  std::map<std::string, std::vector<Setting>> sections;   // "" = [default]
  std::vector<std::string> order;
  std::string section;
  std::size_t offset = 0;
  while (offset < text.size()) {
    std::size_t end = text.find('\n', offset);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(offset, end - offset);
    const std::size_t start = offset;
    offset = end + 1;
    auto hash = raw.find('#');
    std::string_view line = trim(hash == std::string_view::npos ? raw : raw.substr(0, hash));
    if (line.empty()) continue;
    const std::size_t at = start + static_cast<std::size_t>(line.data() - raw.data());
    if (line.front() == '[') {
      if (line.back() != ']' || line.size() < 3) {
        error(at, line.size(), "A0011", "a section is `[default]` or `[RATE_CLASS]`");
        continue;
      }
      section = std::string(trim(line.substr(1, line.size() - 2)));
      if (section == "default") section.clear();
      if (!sections.count(section)) order.push_back(section);
      sections[section];
      continue;
    }
    auto eq = line.find('=');
    if (eq == std::string_view::npos) {
      error(at, line.size(), "A0011", "expected `key = value`");
      continue;
    }
    const std::string_view name = trim(line.substr(0, eq)), value = trim(line.substr(eq + 1));
    const Key* key = nullptr;
    for (const auto& k : keys())
      if (k.name == name) key = &k;
    if (!key) {
      std::string known;
      for (const auto& k : keys()) known += (known.empty() ? "" : ", ") + std::string(k.name);
      error(at, name.size(), "A0012", "unknown threshold `" + std::string(name) + "`", "known: " + known);
      continue;
    }
    ReviewThresholds probe;
    if (!key->set(probe, value)) {
      error(at + static_cast<std::size_t>(value.data() - line.data()), value.size(), "A0013",
            "`" + std::string(value) + "` is not valid for " + std::string(name) + ": expected " + std::string(key->expects));
      continue;
    }
    sections[section].push_back({key, std::string(value)});
  }
  if (has_errors(out.diagnostics)) return out;
  ReviewConfig config;
  for (const auto& s : sections[""]) s.key->set(config.defaults, s.value);
  for (const auto& name : order) {
    if (name.empty()) continue;
    ReviewThresholds t = config.defaults;
    for (const auto& s : sections[name]) s.key->set(t, s.value);
    config.by_class[name] = t;
  }
  out.config = std::move(config);
  return out;
}

ReviewConfigResult read_review_config_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return read_review_config(text.str(), path);
}

}  // namespace rateline
