// The registry of live handles, the per-thread last error, versions and strings of the C API.
#include "c_api/handles.hpp"

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

namespace rateline::c_api {

namespace {

struct Registry {
  std::shared_mutex mutex;
  std::unordered_map<const void*, Kind> live;
};

Registry& registry() {
  static Registry* r = new Registry;  // never destroyed: handles may be freed during exit
  return *r;
}

thread_local std::string last_error;

}  // namespace

void register_handle(const void* p, Kind kind) {
  auto& r = registry();
  std::unique_lock lock(r.mutex);
  r.live[p] = kind;
}

void unregister_handle(const void* p) {
  auto& r = registry();
  std::unique_lock lock(r.mutex);
  r.live.erase(p);
}

bool is_live(const void* p, Kind kind) {
  auto& r = registry();
  std::shared_lock lock(r.mutex);
  auto it = r.live.find(p);
  return it != r.live.end() && it->second == kind;
}

void set_last_error(std::string message) { last_error = std::move(message); }

const char* last_error_text() { return last_error.c_str(); }

rl_status fail(rl_status status, std::string message) {
  last_error = std::move(message);
  return status;
}

rl_diagnostics* make_diagnostics(std::vector<Diagnostic> list) {
  auto* d = new rl_diagnostics;
  d->list = std::move(list);
  for (auto& diagnostic : d->list) {
    d->files.push_back(diagnostic.span.file ? diagnostic.span.file->path() : std::string());
    d->text += render(diagnostic);
  }
  return d;
}

void hand_out(std::vector<Diagnostic> list, rl_diagnostics** out) {
  if (out != nullptr) *out = publish(make_diagnostics(std::move(list)));
}

std::chrono::year_month_day to_date(const rl_date& date, const char* what) {
  std::chrono::year_month_day d{std::chrono::year{date.year}, std::chrono::month{date.month}, std::chrono::day{date.day}};
  if (!d.ok())
    throw Failure(RL_INVALID_ARGUMENT, std::string(what) + " is not a date: " + std::to_string(date.year) + "-" +
                                           std::to_string(date.month) + "-" + std::to_string(date.day));
  return d;
}

rl_date from_date(std::chrono::year_month_day date) {
  return rl_date{static_cast<int32_t>(int(date.year())), unsigned(date.month()), unsigned(date.day())};
}

char* malloc_copy(const std::string& text) {
  auto* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (out == nullptr) throw std::bad_alloc();
  std::memcpy(out, text.c_str(), text.size() + 1);
  return out;
}

}  // namespace rateline::c_api

using namespace rateline::c_api;

extern "C" {

const char* rl_version(void) { return RL_VERSION_STRING; }

int rl_version_number(void) { return RL_VERSION_MAJOR * 10000 + RL_VERSION_MINOR * 100 + RL_VERSION_PATCH; }

const char* rl_status_name(rl_status status) {
  switch (status) {
    case RL_OK: return "RL_OK";
    case RL_INVALID_ARGUMENT: return "RL_INVALID_ARGUMENT";
    case RL_INVALID_HANDLE: return "RL_INVALID_HANDLE";
    case RL_DIAGNOSTICS: return "RL_DIAGNOSTICS";
    case RL_IO_ERROR: return "RL_IO_ERROR";
    case RL_OUT_OF_MEMORY: return "RL_OUT_OF_MEMORY";
    case RL_OUT_OF_RANGE: return "RL_OUT_OF_RANGE";
    case RL_INTERNAL_ERROR: return "RL_INTERNAL_ERROR";
  }
  return "RL_UNKNOWN_STATUS";
}

const char* rl_last_error(void) { return last_error_text(); }

void rl_string_free(char* text) { std::free(text); }

}  // extern "C"
