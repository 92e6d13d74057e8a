// Text helpers of import/urdb_writer.hpp: quoting, dates, comments, indented and keyed
// blocks of lines, month runs and hour ranges, and how URDB tier limits are written.
#include "import/urdb_writer.hpp"

#include <cstdio>
#include <sstream>

namespace rateline::urdb::write {

using namespace std::chrono;

const char* const kMonth[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* const kMonthLower[12] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {   // control characters end no string
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "\"";
}

/// Comment lines of at most ~92 characters, each starting with "# ".
void comment(Lines& out, std::string_view text, const std::string& indent) {
  std::string clean;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    // URDB comments often hold line breaks, some of them as the two characters \r or \n
    if (c == '\\' && i + 1 < text.size() && (text[i + 1] == 'r' || text[i + 1] == 'n' || text[i + 1] == 't')) {
      clean += ' ';
      ++i;
      continue;
    }
    clean += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  std::istringstream words(clean);
  std::string word, line;
  auto put = [&](std::string_view w) {
    if (!line.empty() && line.size() + 1 + w.size() > 90) {
      out.push_back(indent + "# " + line);
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += w;
  };
  while (words >> word) {
    // A "word" longer than a line (a long URL, or text without spaces) is cut at UTF-8
    // character boundaries: a tariff line holds at most 10,000 bytes (found by fuzz_urdb).
    std::string_view rest = word;
    while (rest.size() > 90) {
      std::size_t cut = 90;
      while (cut > 0 && (static_cast<unsigned char>(rest[cut]) & 0xC0) == 0x80) --cut;
      if (cut == 0) cut = 90;
      put(rest.substr(0, cut));
      rest.remove_prefix(cut);
    }
    put(rest);
  }
  if (!line.empty()) out.push_back(indent + "# " + line);
}

Lines indented(const Lines& lines, std::size_t from) {
  Lines out;
  for (std::size_t i = from; i < lines.size(); ++i) out.push_back(lines[i].empty() ? "" : "  " + lines[i]);
  return out;
}

/// "key: body" where body may be a block: its first line follows the key, the rest is indented.
Lines keyed(const std::string& key, const Lines& body) {
  Lines out{key + ": " + body.front()};
  for (std::size_t i = 1; i < body.size(); ++i) out.push_back(body[i]);
  return out;
}

void append(Lines& out, const Lines& more) { out.insert(out.end(), more.begin(), more.end()); }

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (auto& i : items) {
    if (!out.empty()) out += sep;
    out += i;
  }
  return out;
}

std::string text_of(const Lines& lines) { return join(lines, "\n"); }

bool per_kw(const std::string& unit) { return unit == "kWh/kW" || unit == "kWh/kW daily"; }

std::string bound_unit(const std::string& urdb_unit) {
  if (urdb_unit == "kWh daily") return "kWh/day";
  if (urdb_unit == "kWh/kW daily") return "kWh/kW/day";
  return urdb_unit;   // kWh, kWh/kW, kW
}

std::string bound(const Tier& t) { return t.max ? "up to " + t.max->to_string() + " " + bound_unit(t.unit) : "above"; }

bool single_unlimited(const std::vector<Tier>& tiers) { return tiers.size() == 1 && !tiers[0].max; }

bool all_zero(const Structure& s) {
  for (auto& p : s)
    for (auto& t : p)
      if (!t.price.is_zero()) return false;
  return true;
}

/// Cyclic runs of a set of months: {Oct..Dec, Jan..May} is one run Oct - May.
std::vector<std::pair<int, int>> month_runs(const std::vector<int>& months) {
  std::array<bool, 12> in{};
  for (int m : months) in[static_cast<std::size_t>(m)] = true;
  if (months.size() == 12) return {{0, 11}};
  // start after a month that is not in the set, so a run never starts mid-way
  int start = 0;
  while (in[static_cast<std::size_t>(start)]) ++start;
  std::vector<std::pair<int, int>> runs;
  for (int k = 1; k <= 12; ++k) {
    int m = (start + k) % 12;
    if (!in[static_cast<std::size_t>(m)]) continue;
    int prev = (m + 11) % 12;
    if (!runs.empty() && in[static_cast<std::size_t>(prev)] && k > 1) runs.back().second = m;
    else runs.push_back({m, m});
  }
  std::sort(runs.begin(), runs.end(), [](auto& a, auto& b) { return a.first < b.first; });
  return runs;
}

std::string clock(int hour) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:00", hour);
  return buf;
}

/// "13:00-19:00, 22:00-06:00" for the hours in a 24-bit mask (not full, not empty).
std::string hour_ranges(std::uint32_t mask) {
  std::vector<std::pair<int, int>> runs;   // [from, to)
  for (int h = 0; h < 24;) {
    if (!((mask >> h) & 1u)) { ++h; continue; }
    int from = h;
    while (h < 24 && ((mask >> h) & 1u)) ++h;
    runs.push_back({from, h});
  }
  if (runs.size() > 1 && runs.front().first == 0 && runs.back().second == 24) {
    runs.back().second = runs.front().second;   // past midnight: 22:00-06:00
    runs.erase(runs.begin());
  }
  std::vector<std::string> out;
  for (auto& [from, to] : runs) out.push_back(clock(from) + "-" + clock(to));
  return join(out, ", ");
}

}  // namespace rateline::urdb::write
