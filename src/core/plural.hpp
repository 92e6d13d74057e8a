// core/plural.hpp — count_of(n, "interval") -> "1 interval" / "2 intervals": counts in labels, notes and traces.
#pragma once

#include <string>
#include <string_view>

namespace rateline {

/// n and the word, plural unless n is 1 ("1 day", "0 days", "31 days"); `plural` when the
/// word does not take an s.
inline std::string count_of(long long n, std::string_view word, std::string_view plural = {}) {
  std::string out = std::to_string(n) + " ";
  if (n == 1) return out.append(word);
  if (!plural.empty()) return out.append(plural);
  return out.append(word).append("s");
}

}  // namespace rateline
