// Well-formed UTF-8 (see utf8.hpp), byte ranges as in RFC 3629's table.
#include "core/utf8.hpp"

namespace rateline {

std::size_t invalid_utf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned c = p[i];
    std::size_t len = 0;
    unsigned lo = 0x80, hi = 0xBF;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF) len = 1;
    else if (c == 0xE0) len = 2, lo = 0xA0;
    else if (c >= 0xE1 && c <= 0xEC) len = 2;
    else if (c == 0xED) len = 2, hi = 0x9F;
    else if (c >= 0xEE && c <= 0xEF) len = 2;
    else if (c == 0xF0) len = 3, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) len = 3;
    else if (c == 0xF4) len = 3, hi = 0x8F;
    else return i;
    if (i + len >= n) return i;  // cut short by the end of the text
    if (p[i + 1] < lo || p[i + 1] > hi) return i;
    for (std::size_t k = 2; k <= len; ++k)
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return i;
    i += len + 1;
  }
  return std::string_view::npos;
}

}  // namespace rateline
