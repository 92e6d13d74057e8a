// usage_text.hpp — the hand-written field parsers behind the usage readers.
//
// Meter exports are large (a year of 15-minute data is 35,040 rows per meter), so the
// readers parse numbers and timestamps straight from the bytes. Numbers become scaled
// integers digit by digit: nothing passes through binary fractions, so "0.1" is
// exactly 1 × 10^-1 and a value that cannot be held exactly is reported, not rounded.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace rateline::usage_detail {

/// Largest number of decimal places a usage column may keep (10^18 still fits int64).
inline constexpr std::int32_t kMaxScale = 18;
/// kPow10[n] = 10^n for n in 0..18.
extern const std::int64_t kPow10[kMaxScale + 1];

// ---- numbers ----

enum class NumberStatus : std::uint8_t {
  ok,
  empty,         ///< nothing between the commas
  not_a_number,  ///< "abc", "1,5", "1.2.3", "NaN"
  negative,      ///< a well-formed number below zero ("-0" is zero, not negative)
  too_large,     ///< its digits do not fit an int64 at any scale
  too_precise,   ///< more than kMaxScale significant decimal places
};

/// A parsed value: exactly mantissa × 10^-digits. `written_digits` is how many decimal
/// places the text showed ("0.50" shows 2 while the value needs 1); a column's scale is
/// the largest written_digits, so the stored numbers keep the precision the meter wrote.
struct Number {
  std::int64_t mantissa = 0;
  std::int32_t digits = 0;          ///< 0..kMaxScale, <= written_digits
  std::int32_t written_digits = 0;  ///< 0..kMaxScale (capped)
  NumberStatus status = NumberStatus::ok;
};

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Every case parse_number's fast path leaves out: signs, exponents, long values, mistakes.
Number parse_number_general(std::string_view text);

/// A plain number at `p`: digits and at most one point, at most 18 characters (so the
/// mantissa cannot overflow), up to `kStop` (a comma, or a newline for a one-column file)
/// or `end`, where `p` is left. False, with `p` anywhere, for anything else. What
/// parse_number takes without its general path, and what the readers take while they find
/// a field's end (interval_csv.cpp's plain_row, sam_load.cpp's plain values). Inline:
/// it runs once per value. Digits, then a point and digits: two loops of one test each,
/// where one loop asking "digit, point or comma?" of every byte cost a value some 20
/// instructions more.
template <char kStop = ','>
[[gnu::always_inline]] inline bool scan_plain_number(const char*& p, const char* end, Number& out) {
  const char* const begin = p;
  std::uint64_t m = 0;  // wraps harmlessly on a long field, which is refused below
  auto digits = [&] {
    for (unsigned digit; p < end && (digit = static_cast<unsigned>(static_cast<unsigned char>(*p)) - '0') < 10; ++p) m = m * 10 + digit;
  };
  digits();
  std::int32_t places = 0;
  const bool point = p < end && *p == '.';
  if (point) {
    const char* const first = ++p;
    digits();
    places = static_cast<std::int32_t>(p - first);
  }
  if (p < end && *p != kStop) return false;
  const auto size = static_cast<std::size_t>(p - begin);
  if (size == 0 || size > 18 || size == (point ? 1u : 0u)) return false;
  out.mantissa = static_cast<std::int64_t>(m);
  out.digits = out.written_digits = places;
  out.status = NumberStatus::ok;
  return true;
}

/// Parses [+-]digits[.digits][(e|E)[+-]digits] (".5" and "5." too). `text` is already trimmed.
/// The common case, "0.1234", inline; every other goes to parse_number_general.
inline Number parse_number(std::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();
  Number n;
  if (scan_plain_number(p, end, n) && p == end) return n;
  return parse_number_general(text);
}

// ---- timestamps ----

/// A parsed `YYYY-MM-DD[T ]HH:MM[:SS[.000]]` with an optional `Z` / `±HH:MM` / `±HHMM` / `±HH`.
struct Timestamp {
  std::int64_t seconds = 0;       ///< since 1970-01-01T00:00: UTC if has_offset, else wall-clock time
  bool has_offset = false;
  const char* problem = nullptr;  ///< why the text is not a timestamp (nullptr = it is one)
};

/// The last date parse_timestamp worked out ("2024-07-03" and its day number).
struct DateCache {
  char text[10] = {};
  std::int64_t days = 0;
  bool valid = false;
};

/// Every case parse_timestamp's inline path leaves out, and what is wrong with a bad start.
Timestamp parse_timestamp_general(std::string_view text, DateCache* cache);

/// The 10 bytes of a date compared as two words: a memcmp call was most of a cached date's cost.
inline bool same_date(const char (&cached)[10], const char* text) {
  std::uint64_t a, b;
  std::uint16_t c, d;
  std::memcpy(&a, cached, 8), std::memcpy(&b, text, 8);
  std::memcpy(&c, cached + 8, 2), std::memcpy(&d, text + 8, 2);
  return a == b && c == d;
}

/// `cache` (optional) remembers the last date, so a file's rows of one day cost one date
/// computation.
inline Timestamp parse_timestamp(std::string_view s, DateCache* cache = nullptr) {
  // The common row, "2024-07-03T14:00Z" on the date of the row before, checked in one go
  // (a digit's value, unsigned, is below 10, and an OR is at least each of its parts),
  // inline: a call's entry and exit cost as much, the general path keeping many values in
  // registers. Anything else takes the general path, which also names what is wrong.
  if (cache && cache->valid && s.size() == 17 && s[10] == 'T' && s[13] == ':' && s[16] == 'Z' && same_date(cache->text, s.data())) {
    const unsigned h1 = static_cast<unsigned char>(s[11]) - '0', h2 = static_cast<unsigned char>(s[12]) - '0';
    const unsigned m1 = static_cast<unsigned char>(s[14]) - '0', m2 = static_cast<unsigned char>(s[15]) - '0';
    if ((h1 | h2 | m1 | m2) < 10) {
      const unsigned hour = h1 * 10 + h2, minute = m1 * 10 + m2;
      if (hour <= 23 && minute <= 59) {
        Timestamp t;
        t.has_offset = true;
        t.seconds = cache->days * 86400 + hour * 3600 + minute * 60;
        return t;
      }
    }
  }
  return parse_timestamp_general(s, cache);
}

/// Days from 1970-01-01 to a proleptic Gregorian date.
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);

/// "2024-07-03T14:00Z" (seconds shown only when not zero), for messages.
std::string format_utc(std::int64_t seconds);
/// The same without the zone: "2024-03-10T02:30", for local wall-clock times.
std::string format_local(std::int64_t seconds);

// ---- small text helpers ----

inline bool is_blank(char c) { return c == ' ' || c == '\t'; }

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && (is_blank(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

/// A line that carries no data: blank (spaces, tabs, carriage returns) or a `#` comment.
/// Every reader of rows (one account's CSV, long-format usage cut into accounts) asks this
/// one question, so they agree on which lines are rows. The first byte settles almost every
/// line; `\r` is among the bytes that need a look, since a line of carriage returns is blank.
inline bool is_skipped_line(std::string_view line) {
  // ' ', '\t', '\r' and '#' are all below '$': one comparison settles a row
  if (!line.empty() && static_cast<unsigned char>(line.front()) > '#') return false;
  const std::string_view t = trim(line);
  return t.empty() || t.front() == '#';
}

/// ASCII case-insensitive equality (column names, the SAM header).
bool iequals(std::string_view a, std::string_view b);

// The first '\n' in [p, end), or end. Sixteen bytes at a time, inline: on a row of usage,
// some 35 bytes, a call to memchr cost about 30 instructions, this about 23 (a batch finds
// each row's end twice, in the stream that cuts accounts and in the reader). The last few
// bytes of a text, fewer than sixteen, go to memchr.
inline const char* find_newline(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n');
  while (end - p >= 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    if (const int mask = _mm_movemask_epi8(_mm_cmpeq_epi8(x, newline))) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  const void* found = p < end ? std::memchr(p, '\n', static_cast<std::size_t>(end - p)) : nullptr;
  return found ? static_cast<const char*>(found) : end;
}

// The first ',' in [p, end), or end. Eight bytes at a time while eight remain (a byte
// loop was a seventh of reading a row): a byte of x ^ ",,,,,,,," is zero where x has a
// comma, and (v - 0x01..) & ~v & 0x80.. marks the lowest zero byte exactly (bytes above it
// may be marked falsely; the lowest mark is the one taken).
inline const char* find_comma(const char* p, const char* end) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  while (end - p >= 8) {
    std::uint64_t x;
    std::memcpy(&x, p, sizeof x);
    const std::uint64_t v = x ^ (kOnes * static_cast<unsigned char>(','));
    const std::uint64_t zero = (v - kOnes) & ~v & kHighs;
    if (zero != 0) {
      if constexpr (std::endian::native == std::endian::little) return p + (__builtin_ctzll(zero) >> 3);
      break;   // big-endian: the byte loop below finds it
    }
    p += 8;
  }
  while (p < end && *p != ',') ++p;
  return p;
}

// Splits off the field that starts at `p`: returns the position of the comma that ends
// it (or `end`), and sets `field` to its text without surrounding blanks and quotes.
// Spreadsheet exports quote fields ("2024-07-03 14:00:00"); a quote that is not closed,
// or text after a closing quote, sets `bad_quote`. Always inlined: called, it hands `field`
// back through memory, written in two halves and read whole, a store the processor cannot
// forward (a third of the time of reading a row went there).
[[gnu::always_inline]] inline const char* split_field(const char* p, const char* end, std::string_view& field, bool& bad_quote) {
  // blanks are rare: one comparison (a byte above ' ' is none) before the exact test
  if (p < end && static_cast<unsigned char>(*p) <= ' ')
    while (p < end && is_blank(*p)) ++p;
  if (p < end && *p == '"') {
    const char* open = p + 1;
    const char* close = open;
    for (; close < end; ++close) {
      if (*close != '"') continue;
      if (close + 1 < end && close[1] == '"') {  // "" is a quote inside the field
        ++close;
        continue;
      }
      break;
    }
    if (close >= end) {
      bad_quote = true;
      field = std::string_view(open, static_cast<std::size_t>(end - open));
      return end;
    }
    field = std::string_view(open, static_cast<std::size_t>(close - open));
    const char* after = close + 1;
    while (after < end && is_blank(*after)) ++after;
    if (after < end && *after != ',') {
      bad_quote = true;
      while (after < end && *after != ',') ++after;
    }
    return after;
  }
  const char* comma = find_comma(p, end);
  const char* last = comma;
  if (last > p && static_cast<unsigned char>(last[-1]) <= ' ')
    while (last > p && is_blank(last[-1])) --last;
  field = std::string_view(p, static_cast<std::size_t>(last - p));
  return comma;
}

}  // namespace rateline::usage_detail
