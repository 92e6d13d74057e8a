// import_urdb: URDB JSON -> tariff text (rateline/urdb.hpp, docs/urdb-import.md).
#include "rateline/urdb.hpp"

#include "core/bounded_read.hpp"
#include "import/json_text.hpp"
#include "import/urdb_model.hpp"
#include "rateline/tariff.hpp"
#include "rateline/time_zone.hpp"
#include "syntax/input_limits.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace rateline {

namespace {

/// The rate object: the document itself, or an item of `{"items": [...]}` (or of a list).
const urdb::JsonValue* pick_rate(const urdb::JsonValue& doc, const UrdbImportOptions& options, urdb::Reporter& report) {
  const urdb::JsonValue* list = nullptr;
  if (doc.is_array()) list = &doc;
  else if (auto* items = doc.find("items"); items && items->is_array() && !doc.find("energyratestructure")) list = items;
  if (!list) {
    if (!doc.is_object()) {
      report.error("I0002", "the JSON is not a URDB rate object", "", "expected {\"label\": ..., \"energyratestructure\": ...} or {\"items\": [...]}");
      return nullptr;
    }
    if (!options.label.empty()) {
      auto* label = doc.find("label");
      if (!label || label->text != options.label) {
        report.error("I0002", "the rate's label is not `" + options.label + "`", "label");
        return nullptr;
      }
    }
    return &doc;
  }
  std::vector<std::string> labels;
  for (auto& item : list->items) {
    if (!item.is_object()) continue;
    auto* label = item.find("label");
    if (options.label.empty() || (label && label->text == options.label)) return &item;
    if (label) labels.push_back(label->text);
  }
  if (options.label.empty()) {
    report.error("I0002", "`items` holds no rate", "items");
  } else {
    std::string known;
    for (std::size_t i = 0; i < labels.size() && i < 10; ++i) known += (known.empty() ? "" : ", ") + labels[i];
    report.error("I0002", "no item has the label `" + options.label + "`", "items", known.empty() ? "" : "labels: " + known);
  }
  return nullptr;
}

}  // namespace

UrdbImportResult import_urdb(std::string_view json_text, const std::string& path, const UrdbImportOptions& options) {
  UrdbImportResult result;
  auto source = std::make_shared<const SourceFile>(path, std::string(json_text));
  urdb::Reporter report(source);
  if (!TimeZone::locate(options.time_zone)) {
    report.error("I0015", "unknown time zone `" + options.time_zone + "`", "", "use an IANA zone name such as \"UTC\" or \"America/Denver\"");
    result.diagnostics = std::move(report.diagnostics);
    return result;
  }
  auto parsed = urdb::parse_json(json_text);
  if (!parsed.value) {
    auto at = static_cast<std::uint32_t>(std::min(parsed.error_offset, json_text.size()));
    if (parsed.long_number)
      result.diagnostics.push_back({Severity::error, "L0007", parsed.error, Span{source, at, at + 1}, "docs/limits.md"});
    else if (parsed.too_deep)
      result.diagnostics.push_back({Severity::error, "L0003", parsed.error, Span{source, at, at + 1}, "a URDB rate nests a few levels (docs/limits.md)"});
    else
      result.diagnostics.push_back({Severity::error, "I0001", "not valid JSON: " + parsed.error, Span{source, at, at}, ""});
    return result;
  }
  const auto* rate_json = pick_rate(*parsed.value, options, report);
  std::optional<urdb::Rate> rate;
  if (rate_json) rate = urdb::read_rate(*rate_json, options, report);
  std::optional<std::string> text;
  if (rate) text = urdb::write_tariff(*rate, options, report);
  if (text && !has_errors(report.diagnostics)) {
    // The importer's promise: what it writes checks. A failure here is a bug in the importer.
    auto compiled = compile_tariff(std::make_shared<const SourceFile>(path + ".tariff", *text));
    const bool only_long_numbers = has_errors(compiled.diagnostics) &&
        std::all_of(compiled.diagnostics.begin(), compiled.diagnostics.end(),
                    [](const Diagnostic& d) { return d.severity != Severity::error || d.code == "L0007"; });
    if (only_long_numbers) {
      // rate + adj of two long JSON numbers (each within the JSON limit) can make a price longer
      // than a tariff may write: the rate's data, not the importer, is at fault (found by fuzz_urdb)
      report.error("I0019", "a price of this rate (rate + adj) needs more than " + std::to_string(syntax::kMaxNumberChars) +
                                " characters, more than a tariff may write (docs/limits.md, L0007)", "",
                   "round the rate's `rate` and `adj` to the digits the utility bills");
    } else if (has_errors(compiled.diagnostics)) {
      report.error("I0099", "the imported tariff does not check (a bug in the importer; please report it with the rate)", "");
      for (auto& d : compiled.diagnostics)
        if (d.severity == Severity::error) report.diagnostics.push_back(d);
    } else {
      result.tariff_text = std::move(text);
    }
  }
  result.diagnostics = std::move(report.diagnostics);
  return result;
}

UrdbImportResult import_urdb_file(const std::string& path, const UrdbImportOptions& options) {
  auto read = detail::read_bounded(path, options.max_file_bytes);
  if (read.too_large) {
    UrdbImportResult result;
    result.diagnostics.push_back({Severity::error, "L0001",
                                  path + " is larger than the " + detail::format_bytes(options.max_file_bytes) +
                                      " limit for URDB JSON",
                                  {}, "--max-input-size raises it (docs/limits.md)"});
    return result;
  }
  return import_urdb(read.text, path, options);
}

}  // namespace rateline
