// rl_diagnostics: diagnostics as records (code, severity, file, line, column, message,
// hint) and as the rendered text the command line prints.
#include "c_api/handles.hpp"

using namespace rateline;
using namespace rateline::c_api;

extern "C" {

size_t rl_diagnostics_count(const rl_diagnostics* diagnostics) {
  return guarded_value<size_t>(0, [&] { return checked(diagnostics, "diagnostics").list.size(); });
}

rl_status rl_diagnostics_get(const rl_diagnostics* diagnostics, size_t index, rl_diagnostic* out) {
  return guarded([&] {
    auto& d = checked(diagnostics, "diagnostics");
    if (out == nullptr) return fail(RL_INVALID_ARGUMENT, "out is NULL");
    if (index >= d.list.size())
      return fail(RL_OUT_OF_RANGE, "diagnostic " + std::to_string(index) + " of " + std::to_string(d.list.size()));
    auto& diagnostic = d.list[index];
    out->severity = diagnostic.severity == Severity::error     ? RL_SEVERITY_ERROR
                    : diagnostic.severity == Severity::warning ? RL_SEVERITY_WARNING
                                                               : RL_SEVERITY_NOTE;
    out->code = diagnostic.code.c_str();
    out->file = d.files[index].c_str();
    out->line = 0;
    out->column = 0;
    if (diagnostic.span.file) {
      auto position = diagnostic.span.file->position(diagnostic.span.begin);
      out->line = position.line;
      out->column = position.column;
    }
    out->message = diagnostic.message.c_str();
    out->hint = diagnostic.hint.c_str();
    return RL_OK;
  });
}

const char* rl_diagnostics_text(const rl_diagnostics* diagnostics) {
  return guarded_value<const char*>(nullptr, [&] { return checked(diagnostics, "diagnostics").text.c_str(); });
}

int rl_diagnostics_has_errors(const rl_diagnostics* diagnostics) {
  return guarded_value<int>(0, [&] { return has_errors(checked(diagnostics, "diagnostics").list) ? 1 : 0; });
}

void rl_diagnostics_free(rl_diagnostics* diagnostics) {
  guarded([&] {
    if (diagnostics == nullptr) return RL_OK;
    if (checked(diagnostics, "diagnostics").borrowed)
      return fail(RL_INVALID_HANDLE, "diagnostics belong to a bill (rl_bill_notes): they are freed with it");
    unregister_handle(diagnostics);
    delete diagnostics;
    return RL_OK;
  });
}

}  // extern "C"
