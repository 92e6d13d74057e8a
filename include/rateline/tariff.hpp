// rateline/tariff.hpp — compile a tariff file into a RateGraph.
//
// Compiling parses the file (and the files it imports), checks it, and lowers it into a
// RateGraph. Every mistake is a Diagnostic with file:line:col, the source line, a caret
// and a hint; the graph is present only when there are no errors (warnings are allowed).
//
//   auto result = rateline::compile_tariff_file("tariffs/duke-nc-rs.tariff");
//   for (auto& d : result.diagnostics) std::cerr << rateline::render(d);
//   if (!result.graph) return 1;
#pragma once

#include "rateline/diagnostic.hpp"
#include "rateline/rate_graph.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rateline {

struct CompileResult {
  std::optional<RateGraph> graph;
  std::vector<Diagnostic> diagnostics;
};

/// Compiles a tariff file; imports are resolved relative to it.
CompileResult compile_tariff_file(const std::string& path);
/// Compiles tariff text (imports resolved relative to source->path()).
CompileResult compile_tariff(std::shared_ptr<const SourceFile> source);

/// Supplies the text of an imported file when tariffs do not live on disk (a database, an
/// embedded bundle). Called with the importing file's path and the import as written;
/// returns the imported file (its path names it in diagnostics and resolves its own imports,
/// and equal paths are the same file), or nullopt when there is no such file (E0002).
using ImportResolver = std::function<std::optional<SourceFile>(const std::string& importing_path, const std::string& import_path)>;
/// Compiles tariff text whose imports come from `resolver` instead of the file system.
CompileResult compile_tariff(std::shared_ptr<const SourceFile> source, const ImportResolver& resolver);

/// A tariff compiled for a bill of several services: one ServiceGraph per `service` block,
/// in written order, or one with an empty id for a tariff without blocks; empty when the
/// tariff has errors. (compile_tariff refuses a tariff with blocks, E1005: it has no one graph.)
struct ServicesCompileResult {
  std::vector<ServiceGraph> services;
  std::vector<Diagnostic> diagnostics;
};
ServicesCompileResult compile_services_file(const std::string& path);
ServicesCompileResult compile_services(std::shared_ptr<const SourceFile> source, const ImportResolver& resolver = {});

}  // namespace rateline
