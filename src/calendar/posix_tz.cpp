// POSIX TZ rules: parsing and evaluation (see posix_tz.hpp for why this exists).
#include "calendar/posix_tz.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <iterator>

namespace rateline::calendar_detail {

namespace {

using namespace std::chrono;

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// A cursor over the rule text; every reader returns false on a malformed piece.
struct Reader {
  std::string_view s;
  std::size_t i = 0;

  bool done() const { return i == s.size(); }
  bool peek(char c) const { return i < s.size() && s[i] == c; }
  bool take(char c) {
    if (!peek(c)) return false;
    ++i;
    return true;
  }

  // A zone abbreviation: 3+ letters, or <...> quoted (e.g. "<+0530>", "<-03>").
  bool name() {
    if (take('<')) {
      const auto close = s.find('>', i);
      if (close == std::string_view::npos || close - i < 3) return false;
      i = close + 1;
      return true;
    }
    const auto start = i;
    while (i < s.size() && is_alpha(s[i])) ++i;
    return i - start >= 3;
  }

  bool number(unsigned max, unsigned max_digits, unsigned& out) {
    const auto start = i;
    out = 0;
    while (i < s.size() && is_digit(s[i]) && i - start < max_digits) {
      out = out * 10 + static_cast<unsigned>(s[i] - '0');
      ++i;
    }
    return i > start && out <= max;
  }

  // [+-]hh[:mm[:ss]] with hh up to max_hours.
  bool time(unsigned max_hours, seconds& out) {
    bool negative = false;
    if (take('-')) {
      negative = true;
    } else {
      take('+');
    }
    unsigned h = 0, m = 0, sec = 0;
    if (!number(max_hours, 3, h)) return false;
    if (take(':')) {
      if (!number(59, 2, m)) return false;
      if (take(':') && !number(59, 2, sec)) return false;
    }
    out = hours{h} + minutes{m} + seconds{sec};
    if (negative) out = -out;
    return true;
  }

  bool date(PosixRule::Date& d) {
    using Kind = PosixRule::Date::Kind;
    if (take('J')) {
      d.kind = Kind::julian_no_leap;
      return number(365, 3, d.n) && d.n >= 1;
    }
    if (take('M')) {
      d.kind = Kind::month_week_day;
      return number(12, 2, d.month) && d.month >= 1 && take('.') && number(5, 1, d.week) && d.week >= 1 &&
             take('.') && number(6, 1, d.weekday);
    }
    d.kind = Kind::zero_based;
    return number(365, 3, d.n);
  }
};

sys_days day_of(const PosixRule::Date& d, int y) {
  const year yr{y};
  const sys_days jan1{yr / January / 1};
  switch (d.kind) {
    case PosixRule::Date::Kind::julian_no_leap:
      // Jn never counts Feb 29: J60 is March 1 in every year.
      return jan1 + days{d.n - 1 + ((yr.is_leap() && d.n >= 60) ? 1 : 0)};
    case PosixRule::Date::Kind::zero_based:
      return jan1 + days{d.n};
    case PosixRule::Date::Kind::month_week_day:
      break;
  }
  const month m{d.month};
  const weekday wd{d.weekday};
  if (d.week == 5) return sys_days{yr / m / wd[last]};
  return sys_days{yr / m / wd[d.week]};
}

}  // namespace

std::optional<PosixRule> PosixRule::parse(std::string_view text) {
  PosixRule rule;
  Reader r{text};
  seconds posix_offset{};
  // POSIX offsets count hours WEST of Greenwich: "EST5" is UTC-5.
  if (!r.name() || !r.time(24, posix_offset)) return std::nullopt;
  rule.std_offset_ = -posix_offset;
  if (r.done()) return rule;

  if (!r.name()) return std::nullopt;
  rule.has_dst_ = true;
  rule.dst_offset_ = rule.std_offset_ + hours{1};
  if (!r.peek(',')) {
    if (!r.time(24, posix_offset)) return std::nullopt;
    rule.dst_offset_ = -posix_offset;
  }
  // A DST name without dates leaves the dates to the implementation: not used by tzdata.
  if (!r.take(',') || !r.date(rule.start_)) return std::nullopt;
  if (r.take('/') && !r.time(167, rule.start_time_)) return std::nullopt;
  if (!r.take(',') || !r.date(rule.end_)) return std::nullopt;
  if (r.take('/') && !r.time(167, rule.end_time_)) return std::nullopt;
  if (!r.done()) return std::nullopt;
  return rule;
}

PosixRule::Span PosixRule::at(sys_seconds t) const {
  if (!has_dst_) return {std_offset_, sys_seconds::min(), sys_seconds::max()};

  // The transitions of the year of t and the years around it, in time order. Where a DST
  // end and the next DST start fall on one instant (how "DST all year" is written,
  // e.g. "<+01>0<+02>-1,0/0,J365/25"), the start goes last and wins.
  const int y = static_cast<int>(year_month_day{floor<days>(t)}.year());
  struct Transition {
    sys_seconds at;
    int order;  // 0 = DST ends, 1 = DST starts
    seconds offset;
  };
  std::array<Transition, 6> transitions{};
  std::size_t n = 0;
  for (int yy = y - 1; yy <= y + 1; ++yy) {
    transitions[n++] = {sys_seconds{day_of(start_, yy)} + start_time_ - std_offset_, 1, dst_offset_};
    transitions[n++] = {sys_seconds{day_of(end_, yy)} + end_time_ - dst_offset_, 0, std_offset_};
  }
  std::sort(transitions.begin(), transitions.end(),
            [](const Transition& a, const Transition& b) { return a.at != b.at ? a.at < b.at : a.order < b.order; });

  Span span{transitions[0].order == 1 ? std_offset_ : dst_offset_, sys_seconds{sys_days{year{y - 1} / January / 1}},
            sys_seconds{sys_days{year{y + 2} / January / 1}}};
  for (const auto& tr : transitions) {
    if (tr.offset == span.offset) continue;  // no change of offset: not a boundary
    if (tr.at <= t) {
      span.offset = tr.offset;
      span.begin = tr.at;
    } else {
      span.end = tr.at;
      break;
    }
  }
  return span;
}

PosixRule::Local PosixRule::place(local_seconds t) const {
  Local out;
  if (!has_dst_) {
    out.matches = 1;
    out.first = sys_seconds{t.time_since_epoch() - std_offset_};
    return out;
  }
  // Read the clock with each offset; a reading is right if that offset is in force then.
  const sys_seconds as_std{t.time_since_epoch() - std_offset_};
  const sys_seconds as_dst{t.time_since_epoch() - dst_offset_};
  const bool std_ok = at(as_std).offset == std_offset_;
  const bool dst_ok = at(as_dst).offset == dst_offset_;
  const sys_seconds earlier = std::min(as_std, as_dst);
  if (std_ok && dst_ok) {
    out.matches = 2;
    out.first = earlier;
    out.second = std::max(as_std, as_dst);
  } else if (std_ok || dst_ok) {
    out.matches = 1;
    out.first = std_ok ? as_std : as_dst;
  } else {
    // Skipped: the clock jumped over t somewhere between the two readings.
    out.first = at(earlier).end;
  }
  return out;
}

std::optional<std::string> tzif_footer(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  const std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  // "TZif", then the version: '\0' for version 1 (no footer), '2', '3', '4'.
  if (data.size() < 6 || data.compare(0, 4, "TZif") != 0 || data[4] < '2' || data.back() != '\n') {
    return std::nullopt;
  }
  // The footer is the last line, after a newline that ends the binary part.
  const auto start = data.rfind('\n', data.size() - 2);
  if (start == std::string::npos || start + 2 >= data.size()) return std::nullopt;
  return data.substr(start + 1, data.size() - start - 2);
}

}  // namespace rateline::calendar_detail
