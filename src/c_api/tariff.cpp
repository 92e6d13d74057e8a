// rl_tariff: compiling a tariff from a file or from text (imports from a resolver
// callback), its header fields, its services (a tariff with `service` blocks) and its rate
// graph as DOT.
#include "c_api/handles.hpp"

#include "rateline/report.hpp"
#include "rateline/tariff.hpp"

using namespace rateline;
using namespace rateline::c_api;

namespace {

rl_status finish(ServicesCompileResult result, rl_tariff** tariff, rl_diagnostics** diagnostics) {
  bool ok = !result.services.empty();
  if (ok) {
    auto table = table_options(result.services);
    *tariff = publish(new rl_tariff{std::move(result.services), std::move(table)});
  }
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
    return finish(compile_services(source), tariff, diagnostics);
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
    if (resolver == nullptr) return finish(compile_services(source), tariff, diagnostics);
    ImportResolver resolve = [&](const std::string& importing, const std::string& import) -> std::optional<SourceFile> {
      rl_import found{nullptr, nullptr, 0};
      if (resolver(user_data, importing.c_str(), import.c_str(), &found) == 0) return std::nullopt;
      if (found.path == nullptr || (found.text == nullptr && found.text_length != 0))
        throw Failure(RL_INVALID_ARGUMENT, "the import resolver returned a NULL path or text for `" + import + "`");
      return SourceFile(found.path, std::string(found.text == nullptr ? "" : found.text, found.text_length));
    };
    return finish(compile_services(source, resolve), tariff, diagnostics);
  });
}

void rl_tariff_free(rl_tariff* tariff) { release(tariff, "tariff"); }

const char* rl_tariff_name(const rl_tariff* tariff) {
  return guarded_value<const char*>(nullptr, [&] { return checked(tariff, "tariff").graph().info().name.c_str(); });
}
const char* rl_tariff_utility(const rl_tariff* tariff) {
  return guarded_value<const char*>(nullptr, [&] { return checked(tariff, "tariff").graph().info().utility.c_str(); });
}
const char* rl_tariff_currency(const rl_tariff* tariff) {
  return guarded_value<const char*>(nullptr, [&] { return checked(tariff, "tariff").graph().info().currency.c_str(); });
}
const char* rl_tariff_time_zone(const rl_tariff* tariff) {
  return guarded_value<const char*>(nullptr, [&] { return checked(tariff, "tariff").graph().info().time_zone.c_str(); });
}

rl_status rl_tariff_dot(const rl_tariff* tariff, char** dot) {
  return guarded([&] {
    auto& t = checked(tariff, "tariff");
    if (dot == nullptr) return fail(RL_INVALID_ARGUMENT, "dot (the result pointer) is NULL");
    // Several services: one digraph each, one after another (Graphviz draws every graph of a file).
    std::string text;
    for (auto& service : t.services) text += format_dot(service.graph);
    *dot = malloc_copy(text);
    return RL_OK;
  });
}

size_t rl_tariff_service_count(const rl_tariff* tariff) {
  return guarded_value<size_t>(0, [&] {
    auto& t = checked(tariff, "tariff");
    return t.several() ? t.services.size() : size_t{0};
  });
}

rl_status rl_tariff_service(const rl_tariff* tariff, size_t index, rl_service* service) {
  return guarded([&] {
    auto& t = checked(tariff, "tariff");
    if (service == nullptr) return fail(RL_INVALID_ARGUMENT, "service (the result pointer) is NULL");
    size_t count = t.several() ? t.services.size() : 0;
    if (index >= count) return fail(RL_OUT_OF_RANGE, "service " + std::to_string(index) + " of " + std::to_string(count));
    auto& s = t.services[index];
    *service = rl_service{s.id.c_str(), s.label.c_str(), s.meter.c_str(), s.needs_usage ? 1 : 0};
    return RL_OK;
  });
}

}  // extern "C"
