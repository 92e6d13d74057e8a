// JUnit XML: see junit_report.hpp.
#include "junit_report.hpp"

#include "case_update.hpp"

#include <fmt/format.h>

namespace rateline::cli {

std::string xml_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 has no place for other control characters (a tab, newline and CR are fine).
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') out += '?';
        else out += c;
    }
  }
  return out;
}

std::string JunitReport::xml() const {
  std::size_t failures = 0, errors = 0;
  double seconds = 0;
  for (auto& c : cases_) {
    failures += c.result == JunitCase::Result::failure;
    errors += c.result == JunitCase::Result::error;
    seconds += c.seconds;
  }
  std::string head = fmt::format("tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\" time=\"{:.3f}\"", cases_.size(), failures, errors, seconds);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"" + xml_escape(suite_) + "\" " + head + ">\n";
  out += "  <testsuite name=\"" + xml_escape(suite_) + "\" " + head + ">\n";
  for (auto& c : cases_) {
    out += "    <testcase name=\"" + xml_escape(c.name) + "\" classname=\"" + xml_escape(c.file) + "\" file=\"" + xml_escape(c.file) +
           "\" time=\"" + fmt::format("{:.3f}", c.seconds) + "\"";
    if (c.result == JunitCase::Result::passed) {
      out += c.output.empty() ? "/>\n" : ">\n      <system-out>" + xml_escape(c.output) + "</system-out>\n    </testcase>\n";
      continue;
    }
    const char* tag = c.result == JunitCase::Result::failure ? "failure" : "error";
    out += ">\n      <" + std::string(tag) + " message=\"" + xml_escape(c.message) + "\" type=\"" +
           (c.result == JunitCase::Result::failure ? "bill" : "case") + "\">" + xml_escape(c.text) + "</" + tag + ">\n    </testcase>\n";
  }
  return out + "  </testsuite>\n</testsuites>\n";
}

bool JunitReport::write(const std::string& path, std::string& problem) const { return replace_file(path, xml(), problem); }

}  // namespace rateline::cli
