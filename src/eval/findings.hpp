// eval/findings.hpp — Findings: the errors (each once) and notes a billing run collects, in the order it finds them.
#pragma once

#include "rateline/diagnostic.hpp"

#include <string>
#include <vector>

namespace rateline::eval {

struct Findings {
  std::vector<Diagnostic> diagnostics;   ///< errors (and what the helpers add: B0040.., B0050..)
  std::vector<Diagnostic> notes;         ///< warnings every bill of the run carries (coverage, gaps, misaligned intervals)

  void error(std::string code, std::string message, std::string hint = "") {
    // one missing attribute found by two charges (or two bills) is one error to fix
    for (auto& d : diagnostics)
      if (d.code == code && d.message == message) return;
    diagnostics.push_back({Severity::error, std::move(code), std::move(message), {}, std::move(hint)});
  }
  void note(std::string code, std::string message) { notes.push_back({Severity::warning, std::move(code), std::move(message), {}, ""}); }
};

}  // namespace rateline::eval
