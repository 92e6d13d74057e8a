// Number and timestamp parsing for the usage readers (see usage_text.hpp).
#include "usage/usage_text.hpp"

#include <cstring>
#include <limits>

namespace rateline::usage_detail {

const std::int64_t kPow10[kMaxScale + 1] = {
    1LL,
    10LL,
    100LL,
    1'000LL,
    10'000LL,
    100'000LL,
    1'000'000LL,
    10'000'000LL,
    100'000'000LL,
    1'000'000'000LL,
    10'000'000'000LL,
    100'000'000'000LL,
    1'000'000'000'000LL,
    10'000'000'000'000LL,
    100'000'000'000'000LL,
    1'000'000'000'000'000LL,
    10'000'000'000'000'000LL,
    100'000'000'000'000'000LL,
    1'000'000'000'000'000'000LL,
};

namespace {

constexpr std::uint64_t kInt64Max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());

// Appends one decimal digit; false when the result would pass int64's range.
inline bool push_digit(std::uint64_t& m, unsigned digit) {
  if (m > (kInt64Max - digit) / 10) return false;
  m = m * 10 + digit;
  return true;
}

}  // namespace

Number parse_number_general(std::string_view text) {
  Number result;
  if (text.empty()) {
    result.status = NumberStatus::empty;
    return result;
  }
  const char* p = text.data();
  const char* const end = p + text.size();
  bool negative = false;
  if (*p == '+' || *p == '-') {
    negative = *p == '-';
    ++p;
  }

  std::uint64_t m = 0;
  bool overflow = false;
  int int_digits = 0;
  for (; p < end && is_digit(*p); ++p, ++int_digits)
    if (!overflow && !push_digit(m, static_cast<unsigned>(*p - '0'))) overflow = true;

  // Trailing zeros of the fraction widen the column's scale but are held back from the
  // mantissa, so "1.000000000000000000000" (more zeros than fit) is still exactly 1.
  int frac_digits = 0;
  int pending_zeros = 0;
  if (p < end && *p == '.') {
    for (++p; p < end && is_digit(*p); ++p, ++frac_digits) {
      if (*p == '0') {
        ++pending_zeros;
        continue;
      }
      for (; pending_zeros > 0 && !overflow; --pending_zeros)
        if (!push_digit(m, 0)) overflow = true;
      pending_zeros = 0;
      if (!overflow && !push_digit(m, static_cast<unsigned>(*p - '0'))) overflow = true;
    }
  }
  if (int_digits + frac_digits == 0) {
    result.status = NumberStatus::not_a_number;
    return result;
  }

  int exponent = 0;
  if (p < end && (*p == 'e' || *p == 'E')) {
    ++p;
    bool exponent_negative = false;
    if (p < end && (*p == '+' || *p == '-')) {
      exponent_negative = *p == '-';
      ++p;
    }
    if (p == end || !is_digit(*p)) {
      result.status = NumberStatus::not_a_number;
      return result;
    }
    for (; p < end && is_digit(*p); ++p)
      if (exponent < 100000) exponent = exponent * 10 + (*p - '0');  // saturate: huge is huge
    if (exponent_negative) exponent = -exponent;
  }
  if (p != end) {
    result.status = NumberStatus::not_a_number;
    return result;
  }
  if (negative && (m != 0 || overflow)) {
    result.status = NumberStatus::negative;
    return result;
  }
  if (overflow) {
    result.status = NumberStatus::too_large;
    return result;
  }

  // value = m × 10^-(frac_digits - pending_zeros - exponent)
  long long digits = static_cast<long long>(frac_digits) - pending_zeros - exponent;
  long long written = static_cast<long long>(frac_digits) - exponent;
  if (m == 0) digits = 0;
  for (; digits < 0; ++digits)
    if (!push_digit(m, 0)) {
      result.status = NumberStatus::too_large;
      return result;
    }
  for (; digits > kMaxScale && m % 10 == 0; --digits) m /= 10;  // "100e-20"
  if (digits > kMaxScale) {
    result.status = NumberStatus::too_precise;
    return result;
  }
  result.mantissa = static_cast<std::int64_t>(m);
  result.digits = static_cast<std::int32_t>(digits);
  result.written_digits = static_cast<std::int32_t>(written < 0 ? 0 : written > kMaxScale ? kMaxScale : written);
  if (result.written_digits < result.digits) result.written_digits = result.digits;
  return result;
}

std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
  // Howard Hinnant's algorithm: shift the year to start in March so Feb 29 is the last day.
  year -= month <= 2;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

namespace {

bool is_leap(std::int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

unsigned days_in_month(std::int64_t y, unsigned m) {
  static constexpr unsigned kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Two ASCII digits at s[i], s[i+1].
// Inlined: six calls a row cost more than the digits they read.
[[gnu::always_inline]] inline bool two_digits(std::string_view s, std::size_t i, unsigned& out) {
  if (i + 1 >= s.size() || !is_digit(s[i]) || !is_digit(s[i + 1])) return false;
  out = static_cast<unsigned>(s[i] - '0') * 10 + static_cast<unsigned>(s[i + 1] - '0');
  return true;
}

void append_2(std::string& out, std::int64_t v) {
  out += static_cast<char>('0' + v / 10);
  out += static_cast<char>('0' + v % 10);
}

std::string format_wall(std::int64_t seconds) {
  std::int64_t days = seconds / 86400;
  std::int64_t rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  // civil_from_days, the inverse of days_from_civil
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = yoe + era * 400 + (month <= 2);

  std::string out = std::to_string(year);
  out += '-';
  append_2(out, month);
  out += '-';
  append_2(out, day);
  out += 'T';
  append_2(out, rest / 3600);
  out += ':';
  append_2(out, rest / 60 % 60);
  if (rest % 60 != 0) {
    out += ':';
    append_2(out, rest % 60);
  }
  return out;
}

}  // namespace

Timestamp parse_timestamp_general(std::string_view s, DateCache* cache) {
  Timestamp t;
  unsigned year_hi = 0, year_lo = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  // the date of the row before (most rows): its ten characters were read and checked then
  const bool cached_date = cache && cache->valid && s.size() >= 16 && same_date(cache->text, s.data());
  if ((!cached_date && (!two_digits(s, 0, year_hi) || !two_digits(s, 2, year_lo) || s.size() < 16 || s[4] != '-' ||
                        !two_digits(s, 5, month) || s[7] != '-' || !two_digits(s, 8, day))) ||
      (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !two_digits(s, 11, hour) || s[13] != ':' ||
      !two_digits(s, 14, minute)) {
    t.problem = "expected YYYY-MM-DDTHH:MM[:SS] and then Z or a UTC offset";
    return t;
  }
  std::size_t i = 16;
  if (i < s.size() && s[i] == ':') {
    if (!two_digits(s, i + 1, second)) {
      t.problem = "the seconds need two digits";
      return t;
    }
    i += 3;
    if (i < s.size() && s[i] == '.') {
      // Interval starts fall on whole seconds; ".000" is harmless, ".500" is not a start.
      std::size_t digits = 0;
      for (++i; i < s.size() && is_digit(s[i]); ++i, ++digits)
        if (s[i] != '0') {
          t.problem = "an interval start cannot fall on a fraction of a second";
          return t;
        }
      if (digits == 0) {
        t.problem = "expected digits after the decimal point of the seconds";
        return t;
      }
    }
  }

  std::int64_t offset = 0;
  if (i < s.size()) {
    const char c = s[i];
    if (c == 'Z' || c == 'z') {
      ++i;
    } else if (c == '+' || c == '-') {
      unsigned oh = 0, om = 0;
      if (!two_digits(s, i + 1, oh)) {
        t.problem = "a UTC offset is written +HH:MM or -HH:MM";
        return t;
      }
      i += 3;
      if (i < s.size()) {
        if (s[i] == ':') ++i;
        if (!two_digits(s, i, om)) {
          t.problem = "a UTC offset is written +HH:MM or -HH:MM";
          return t;
        }
        i += 2;
      }
      if (oh > 18 || om > 59) {
        t.problem = "the UTC offset is out of range (at most ±18:00)";
        return t;
      }
      offset = (c == '-' ? -1 : 1) * static_cast<std::int64_t>(oh * 3600 + om * 60);
    } else {
      t.problem = "unexpected text after the time (expected Z or a UTC offset such as -05:00)";
      return t;
    }
    if (i != s.size()) {
      t.problem = "unexpected text after the UTC offset";
      return t;
    }
    t.has_offset = true;
  }

  // A file holds 96 rows per day at 15 minutes: the date's days are worked out once.
  std::int64_t days = 0;
  if (cached_date) {
    days = cache->days;
  } else {
    const std::int64_t year = year_hi * 100 + year_lo;
    if (month < 1 || month > 12) {
      t.problem = "the month is not 01..12";
      return t;
    }
    if (day < 1 || day > days_in_month(year, month)) {
      t.problem = "that day does not exist in that month";
      return t;
    }
    days = days_from_civil(year, month, day);
    if (cache) {
      std::memcpy(cache->text, s.data(), sizeof cache->text);
      cache->days = days;
      cache->valid = true;
    }
  }
  if (hour > 23) {
    t.problem = "the hour is not 00..23";
  } else if (minute > 59) {
    t.problem = "the minute is not 00..59";
  } else if (second > 59) {
    t.problem = "the second is not 00..59";
  }
  if (t.problem) return t;
  t.seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset;
  return t;
}

std::string format_utc(std::int64_t seconds) { return format_wall(seconds) + 'Z'; }
std::string format_local(std::int64_t seconds) { return format_wall(seconds); }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace rateline::usage_detail
