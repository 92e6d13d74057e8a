// JUnit XML for CI systems (Jenkins, GitLab, GitHub test reporters): one <testcase> per
// bill case; a failing case carries its diff (or diagnostics) as the <failure> text, a
// broken case file an <error>.
//
//   JunitReport report("rateline test");
//   report.add({"batavia/june-2024", "tests/bills/batavia/june-2024.toml", JunitCase::Result::failure, "1 line item differs", diff, 0.004});
//   std::string problem;  report.write("report.xml", problem);
#pragma once

#include <string>
#include <vector>

namespace rateline::cli {

struct JunitCase {
  std::string name;
  std::string file;
  enum class Result { passed, failure, error } result = Result::passed;
  std::string message;   ///< one line: why it failed
  std::string text;      ///< the diff or the diagnostics
  std::string output;    ///< <system-out>: what a passing case reports (an intended change's diff)
  double seconds = 0;    ///< wall-clock time (JUnit's `time` attribute); not a bill value
};

class JunitReport {
 public:
  explicit JunitReport(std::string suite) : suite_(std::move(suite)) {}
  void add(JunitCase c) { cases_.push_back(std::move(c)); }
  std::string xml() const;
  /// Writes the file whole (beside it, then renamed); false and `problem` on failure.
  bool write(const std::string& path, std::string& problem) const;

 private:
  std::string suite_;
  std::vector<JunitCase> cases_;
};

/// Text escaped for XML attributes and character data.
std::string xml_escape(const std::string& text);

}  // namespace rateline::cli
