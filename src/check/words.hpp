// check/words.hpp — text helpers for diagnostics: "did you mean" hints, lists, lower case.
//
//   suggest("enrgy", {"energy", "demand"})   // "did you mean `energy`?"
//   join({"a", "b"})                          // "a, b"
//   lowercase("Jan")                          // "jan"
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rateline::check {

/// Levenshtein distance, ignoring case.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// "did you mean `X`?" for the closest candidate within two edits, else "".
std::string suggest(std::string_view word, const std::vector<std::string>& candidates);

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ");

/// ASCII lower case (tariff words are ASCII).
std::string lowercase(std::string_view s);

}  // namespace rateline::check
