// Skipping a doctest case that cannot run, so that CTest reports it "Skipped", not "Passed".
//
//   if (!fs::is_directory(dir)) return rateline::test::skip_or_fail_in_ci("the corpus is not at " + dir.string());
//
// The marker line is the SKIP_REGULAR_EXPRESSION of every doctest case (tests/CMakeLists.txt).
// Under CI=true shared data must be there: the case fails instead.
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <iostream>
#include <string>

namespace rateline::test {

inline constexpr const char* kSkipMarker = "RATELINE-TEST-SKIPPED: ";

/// Whether this runs in continuous integration: CI=true (or 1, yes), as CI services set it.
inline bool in_ci() {
  const char* ci = std::getenv("CI");
  if (!ci) return false;
  std::string v = ci;
  return v == "true" || v == "TRUE" || v == "True" || v == "1" || v == "yes";
}

/// Reports that the case cannot run: prints the skip marker, or fails under CI=true.
inline void skip_or_fail_in_ci(const std::string& why) {
  if (in_ci()) {
    FAIL_CHECK(why << " (CI=true: shared test data must be present)");
    return;
  }
  std::cout << kSkipMarker << why << std::endl;
}

}  // namespace rateline::test
