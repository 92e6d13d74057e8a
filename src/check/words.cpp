// The helpers of check/words.hpp.
#include "check/words.hpp"

#include <algorithm>
#include <cctype>

namespace rateline::check {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t prev = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cur = row[j];
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) == std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + (same ? 0 : 1)});
      prev = cur;
    }
  }
  return row[b.size()];
}

std::string suggest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = 3;
  for (auto& c : candidates) {
    // The distance is at least the difference in length: a word that long cannot be a
    // near miss. Without this, a line of garbage (a fuzzer's, a pasted file's) cost a
    // length × length table per candidate for each of its hundreds of diagnostics.
    const std::size_t longer = std::max(word.size(), c.size()), shorter = std::min(word.size(), c.size());
    if (longer - shorter >= best_distance) continue;
    auto d = edit_distance(word, c);
    if (d < best_distance) { best_distance = d; best = c; }
  }
  return best.empty() ? "" : "did you mean `" + best + "`?";
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (auto& i : items) { if (!out.empty()) out += sep; out += i; }
  return out;
}

std::string lowercase(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace rateline::check
