// rl_tariff: compiling a tariff from a file or from text (imports from a resolver
// callback), its header fields and its rate graph as DOT.
#include "c_api/handles.hpp"

#include "rateline/report.hpp"
#include "rateline/tariff.hpp"

using namespace rateline;
using namespace rateline::c_api;

namespace {

rl_status finish(CompileResult result, rl_tariff** tariff, rl_diagnostics** diagnostics) {
  bool ok = result.graph.has_value();
  if (ok) *tariff = publish(new rl_tariff{std::move(*result.graph)});
  hand_out(std::move(result.diagnostics), diagnostics);
  if (ok) return RL_OK;
  return fail(RL_DIAGNOSTICS, "the tariff has errors (see the diagnostics)");
}

}  // namespace

extern "C" {

rl_status rl_compile_file(const char* path, rl_tariff** tariff, rl_diagnostics** diagnostics) {
  return guarded([&] {
    if (diagnostics != nullptr) *diagnostics = nullptr;
    if (tariff == nullptr) return fail(RL_INVALID_ARGUMENT, "tariff (the result pointer) is NULL");
    *tariff = nullptr;
    if (path == nullptr) return fail(RL_INVALID_ARGUMENT, "path is NULL");
    std::shared_ptr<const SourceFile> source;
    try {
      source = SourceFile::load(path);
    } catch (const std::runtime_error& e) {
      return fail(RL_IO_ERROR, e.what());
    }
    return finish(compile_tariff(source), tariff, diagnostics);
  });
}

rl_status rl_compile_text(const char* name, const char* text, size_t text_length, rl_import_resolver resolver, void* user_data,
                          rl_tariff** tariff, rl_diagnostics** diagnostics) {
  return guarded([&] {
    if (diagnostics != nullptr) *diagnostics = nullptr;
    if (tariff == nullptr) return fail(RL_INVALID_ARGUMENT, "tariff (the result pointer) is NULL");
    *tariff = nullptr;
    if (name == nullptr) return fail(RL_INVALID_ARGUMENT, "name is NULL");
    if (text == nullptr && text_length != 0) return fail(RL_INVALID_ARGUMENT, "text is NULL");
    auto source = std::make_shared<const SourceFile>(name, std::string(text == nullptr ? "" : text, text_length));
    if (resolver == nullptr) return finish(compile_tariff(source), tariff, diagnostics);
    ImportResolver resolve = [&](const std::string& importing, const std::string& import) -> std::optional<SourceFile> {
      rl_import found{nullptr, nullptr, 0};
      if (resolver(user_data, importing.c_str(), import.c_str(), &found) == 0) return std::nullopt;
      if (found.path == nullptr || (found.text == nullptr && found.text_length != 0))
        throw Failure(RL_INVALID_ARGUMENT, "the import resolver returned a NULL path or text for `" + import + "`");
      return SourceFile(found.path, std::string(found.text == nullptr ? "" : found.text, found.text_length));
    };
    return finish(compile_tariff(source, resolve), tariff, diagnostics);
  });
}

void rl_tariff_free(rl_tariff* tariff) { release(tariff, "tariff"); }

const char* rl_tariff_name(const rl_tariff* tariff) {
  return guarded_value<const char*>(nullptr, [&] { return checked(tariff, "tariff").graph.info().name.c_str(); });
}
const char* rl_tariff_utility(const rl_tariff* tariff) {
  return guarded_value<const char*>(nullptr, [&] { return checked(tariff, "tariff").graph.info().utility.c_str(); });
}
const char* rl_tariff_currency(const rl_tariff* tariff) {
  return guarded_value<const char*>(nullptr, [&] { return checked(tariff, "tariff").graph.info().currency.c_str(); });
}
const char* rl_tariff_time_zone(const rl_tariff* tariff) {
  return guarded_value<const char*>(nullptr, [&] { return checked(tariff, "tariff").graph.info().time_zone.c_str(); });
}

rl_status rl_tariff_dot(const rl_tariff* tariff, char** dot) {
  return guarded([&] {
    auto& t = checked(tariff, "tariff");
    if (dot == nullptr) return fail(RL_INVALID_ARGUMENT, "dot (the result pointer) is NULL");
    *dot = malloc_copy(format_dot(t.graph));
    return RL_OK;
  });
}

}  // extern "C"
