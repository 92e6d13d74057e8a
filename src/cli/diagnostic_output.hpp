// diagnostic_output.hpp — how the CLI prints diagnostics and reads its size options.
//
//   rateline::cli::print_diagnostics(result.diagnostics);   // 1 if any is an error
//   auto bytes = rateline::cli::parse_size("64M");           // nullopt unless N[K|M|G]
//
// One run shows at most kMaxDiagnosticsPerRun diagnostics, then says how many more there
// were (docs/limits.md): a flood of problems must not flood the terminal or a log.
#pragma once

#include "rateline/diagnostic.hpp"

#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace rateline::cli {

inline constexpr std::size_t kMaxDiagnosticsPerRun = 100;

inline int print_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  static std::size_t shown = 0;
  std::size_t hidden = 0;
  for (auto& d : diagnostics) {
    if (shown < kMaxDiagnosticsPerRun) {
      std::cerr << render(d);
      ++shown;
    } else {
      ++hidden;
    }
  }
  if (hidden > 0) std::cerr << "rateline: " << hidden << " more diagnostic" << (hidden == 1 ? "" : "s") << " not shown\n";
  return has_errors(diagnostics) ? 1 : 0;
}

/// "1048576", "512K", "64M", "2G" (binary multiples); nullopt for anything else.
inline std::optional<std::uint64_t> parse_size(const std::string& s) {
  if (s.empty() || s.size() > 20) return std::nullopt;
  std::uint64_t value = 0;
  std::size_t i = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    if (value > (std::uint64_t{1} << 50)) return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(s[i] - '0');
  }
  if (i == 0) return std::nullopt;
  int shift = 0;
  if (i + 1 == s.size()) {
    switch (s[i]) {
      case 'K': shift = 10; break;
      case 'M': shift = 20; break;
      case 'G': shift = 30; break;
      default: return std::nullopt;
    }
  } else if (i != s.size()) {
    return std::nullopt;
  }
  if (value == 0 || value > (std::uint64_t{1} << (60 - shift))) return std::nullopt;
  return value << shift;
}

}  // namespace rateline::cli
