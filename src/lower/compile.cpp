// compile_tariff: parse the file and its imports, check, lower. The one entry point from
// tariff text to RateGraph (rateline/tariff.hpp).
#include "rateline/tariff.hpp"

#include "check/checked_tariff.hpp"
#include "check/services.hpp"
#include "lower/lower.hpp"
#include "syntax/ast.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

namespace rateline {

namespace {

namespace fs = std::filesystem;

// Parses `file`'s imports (and theirs), relative to the importing file. A missing file or
// an import cycle is a diagnostic at the import statement.
void load_imports(const syntax::File& file, std::vector<std::string>& chain, std::vector<std::unique_ptr<syntax::File>>& out,
                  std::vector<Diagnostic>& diagnostics, const ImportResolver& resolver) {
  for (auto& import : file.imports) {
    if (resolver) {  // imports from the caller (ImportResolver): paths are names, not files
      auto found = resolver(file.source->path(), import.path);
      if (!found) {
        diagnostics.push_back({Severity::error, "E0002", "cannot find `" + import.path + "` (the import resolver has no such file)", import.span,
                               "the program compiling this tariff supplies its imports"});
        continue;
      }
      if (std::find(chain.begin(), chain.end(), found->path()) != chain.end()) {
        std::string cycle;
        for (auto& c : chain) cycle += fs::path(c).filename().string() + " -> ";
        diagnostics.push_back({Severity::error, "E0003", "import cycle: " + cycle + fs::path(found->path()).filename().string(), import.span,
                               "a file cannot import itself, directly or through other files"});
        continue;
      }
      bool seen = false;
      for (auto& f : out) seen |= f->source->path() == found->path();
      if (seen) continue;
      auto parsed = syntax::parse(std::make_shared<const SourceFile>(std::move(*found)));
      diagnostics.insert(diagnostics.end(), parsed.diagnostics.begin(), parsed.diagnostics.end());
      if (!parsed.file) continue;
      auto imported = std::make_unique<syntax::File>(std::move(*parsed.file));
      chain.push_back(imported->source->path());
      load_imports(*imported, chain, out, diagnostics, resolver);
      chain.pop_back();
      out.push_back(std::move(imported));
      continue;
    }
    fs::path base = fs::path(file.source->path()).parent_path();
    fs::path target = (base / import.path).lexically_normal();
    std::error_code ec;
    auto canonical = fs::weakly_canonical(target, ec).string();
    if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
      std::string cycle;
      for (auto& c : chain) cycle += fs::path(c).filename().string() + " -> ";
      diagnostics.push_back({Severity::error, "E0003", "import cycle: " + cycle + fs::path(canonical).filename().string(), import.span,
                             "a file cannot import itself, directly or through other files"});
      continue;
    }
    // The error_code overloads: a path the system cannot even look up (a name too long, a
    // component that is a file) is a missing import, not an exception out of compile_tariff.
    if (!fs::is_regular_file(target, ec)) {
      diagnostics.push_back({Severity::error, "E0002", "cannot find `" + import.path + "` (looked for " + target.string() + ")", import.span,
                             "import paths are relative to the importing file"});
      continue;
    }
    bool already = false;
    for (auto& f : out) already |= fs::weakly_canonical(f->source->path(), ec).string() == canonical;
    if (already) continue;
    auto source = SourceFile::load(target.string());
    auto parsed = syntax::parse(source);
    diagnostics.insert(diagnostics.end(), parsed.diagnostics.begin(), parsed.diagnostics.end());
    if (!parsed.file) continue;
    auto imported = std::make_unique<syntax::File>(std::move(*parsed.file));
    chain.push_back(canonical);
    load_imports(*imported, chain, out, diagnostics, resolver);
    chain.pop_back();
    out.push_back(std::move(imported));
  }
}

// A file parsed, its imports loaded and the whole checked, the diagnostics of each step
// in `diagnostics`: where a tariff and a file of several services both start. The syntax
// trees live here, as long as what was checked from them.
struct FrontEnd {
  syntax::ParseResult parsed;
  std::vector<std::unique_ptr<syntax::File>> imports;
  std::vector<const syntax::File*> imported;
  check::CheckResult checked;

  FrontEnd(std::shared_ptr<const SourceFile> source, const ImportResolver& resolver, std::vector<Diagnostic>& diagnostics)
      : parsed(syntax::parse(source)) {
    diagnostics = std::move(parsed.diagnostics);
    if (!parsed.file) return;
    std::error_code ec;
    std::vector<std::string> chain{resolver ? source->path() : fs::weakly_canonical(source->path(), ec).string()};
    load_imports(*parsed.file, chain, imports, diagnostics, resolver);
    for (auto& f : imports) imported.push_back(f.get());
    checked = check::check_tariff(*parsed.file, imported);
    diagnostics.insert(diagnostics.end(), checked.diagnostics.begin(), checked.diagnostics.end());
  }
};

}  // namespace

CompileResult compile_tariff(std::shared_ptr<const SourceFile> source) { return compile_tariff(std::move(source), ImportResolver{}); }

CompileResult compile_tariff(std::shared_ptr<const SourceFile> source, const ImportResolver& resolver) {
  CompileResult result;
  FrontEnd front(std::move(source), resolver, result.diagnostics);
  if (!front.checked.tariff || has_errors(result.diagnostics)) return result;
  auto& parsed = front.parsed;
  auto& checked = front.checked;
  if (auto& t = parsed.file->tariffs.front(); !t.services.empty()) {
    result.diagnostics.push_back({Severity::error, "E1005",
                                  "`" + t.name + "` bills " + std::to_string(t.services.size()) + " services, one rate graph each; this needs one tariff of one service",
                                  t.name_span, "bill it with `rateline bill` (compile_services), or give this command one service's tariff"});
    return result;
  }
  result.graph = RateGraph(lower::lower_tariff(*checked.tariff));
  return result;
}

CompileResult compile_tariff_file(const std::string& path) { return compile_tariff(SourceFile::load(path)); }

// Several services: the whole file is checked first (the shared part and the blocks'
// structure, check/service_rules.cpp), then each service as a tariff of its own, with the
// whole file as an import for its tables and calendars. A finding in the shared part is
// found once per service: it is reported once.
ServicesCompileResult compile_services(std::shared_ptr<const SourceFile> source, const ImportResolver& resolver) {
  ServicesCompileResult result;
  FrontEnd front(std::move(source), resolver, result.diagnostics);
  if (!front.checked.tariff || has_errors(result.diagnostics)) return result;
  auto& parsed = front.parsed;
  auto& checked = front.checked;
  if (const auto& t = parsed.file->tariffs.front(); t.services.empty()) {
    // A tariff of fixed charges only (a standby fee) is billed without usage, as such a service is.
    bool metered = check::needs_usage(t.body);
    for (auto& r : t.revisions) metered |= check::needs_usage(r.body);
    auto graph = RateGraph(lower::lower_tariff(*checked.tariff));
    result.services.push_back({"", graph.info().name, "", metered, std::move(graph)});
    return result;
  }
  auto parts = check::split_services(*parsed.file);
  std::vector<const syntax::File*> with_whole{&*parsed.file};
  with_whole.insert(with_whole.end(), front.imported.begin(), front.imported.end());
  std::vector<ServiceGraph> services;
  auto seen = [&](const Diagnostic& d) {
    return std::any_of(result.diagnostics.begin(), result.diagnostics.end(), [&](const Diagnostic& e) {
      return e.code == d.code && e.message == d.message && e.span.file == d.span.file && e.span.begin == d.span.begin;
    });
  };
  for (auto& part : parts) {
    auto one = check::check_tariff(*part.file, with_whole);
    for (auto& d : one.diagnostics)
      if (!seen(d)) result.diagnostics.push_back(d);
    if (!one.tariff || has_errors(one.diagnostics)) continue;
    services.push_back({part.id, part.label, part.meter, part.needs_usage, RateGraph(lower::lower_tariff(*one.tariff))});
  }
  if (!has_errors(result.diagnostics)) result.services = std::move(services);
  return result;
}

ServicesCompileResult compile_services_file(const std::string& path) { return compile_services(SourceFile::load(path)); }

}  // namespace rateline
