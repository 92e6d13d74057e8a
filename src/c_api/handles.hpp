// The C API's handles and the two rules every entry point keeps (rateline/rateline.h):
//   - a handle is checked against the registry of live handles before use, so a NULL,
//     freed or wrong-kind handle is an RL_INVALID_HANDLE, not a crash;
//   - no exception crosses the boundary: guarded() turns each into a status and a message.
//
//   rl_status rl_x(const rl_tariff* t) {
//     return c_api::guarded([&] { auto& tariff = c_api::checked(t); ...; return RL_OK; });
//   }
#pragma once

#include "rateline/bill.hpp"
#include "rateline/diagnostic.hpp"
#include "rateline/rate_graph.hpp"
#include "rateline/rateline.h"
#include "rateline/register_reads.hpp"
#include "rateline/report.hpp"
#include "rateline/usage.hpp"

#include <chrono>
#include <cstdint>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace rateline::c_api {

enum class Kind : std::uint32_t { tariff = 1, usage, bill, diagnostics };

/// Adds / removes a live handle; is_live says whether `p` is a live handle of `kind`.
void register_handle(const void* p, Kind kind);
void unregister_handle(const void* p);
bool is_live(const void* p, Kind kind);

/// The failure a C caller sees: a status and the message rl_last_error() returns.
struct Failure : std::exception {
  rl_status status;
  std::string message;
  Failure(rl_status s, std::string m) : status(s), message(std::move(m)) {}
  const char* what() const noexcept override { return message.c_str(); }
};

void set_last_error(std::string message);
const char* last_error_text();
rl_status fail(rl_status status, std::string message);

template <class F>
rl_status guarded(F&& body) noexcept {
  set_last_error("");
  try {
    return body();
  } catch (const Failure& f) {
    return fail(f.status, f.message);
  } catch (const std::bad_alloc&) {
    return fail(RL_OUT_OF_MEMORY, "out of memory");
  } catch (const std::exception& e) {
    return fail(RL_INTERNAL_ERROR, std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(RL_INTERNAL_ERROR, "internal error: unknown exception");
  }
}

/// For accessors that return a value instead of a status: `fallback` on failure.
template <class T, class F>
T guarded_value(T fallback, F&& body) noexcept {
  T result = fallback;
  guarded([&] {
    result = body();
    return RL_OK;
  });
  return result;
}

}  // namespace rateline::c_api

struct rl_diagnostics {
  std::vector<rateline::Diagnostic> list;
  std::vector<std::string> files;  // per diagnostic, what rl_diagnostic::file points at
  std::string text;                // all rendered
  bool borrowed = false;           // owned by an rl_bill (its notes): rl_diagnostics_free refuses
};

// One ServiceGraph per `service` block, or one with an empty id for a tariff without blocks
// (rateline::compile_services), so both kinds of tariff are one handle kind.
struct rl_tariff {
  std::vector<rateline::ServiceGraph> services;
  rateline::TableOptions table;  // the quantities' print steps its rounding statements give

  bool several() const { return !services.front().id.empty(); }
  const rateline::RateGraph& graph() const { return services.front().graph; }
};

struct rl_usage {
  std::variant<rateline::IntervalUsage, rateline::RegisterUsage> usage;
};

struct rl_bill {
  rateline::Bill bill;
  struct Numbers {
    std::string kind, quantity, rate, amount, unrounded;
  };
  std::vector<Numbers> numbers;  // per line item, the decimal strings rl_line_item points at
  std::string total;
  std::vector<std::string> service_totals;  // per Bill::services entry, what rl_service_total::total points at
  rateline::TableOptions table;             // the tariff's, for RL_FORMAT_TABLE
  rl_diagnostics* notes = nullptr;
};

namespace rateline::c_api {

template <class T> constexpr Kind kind_of();
template <> constexpr Kind kind_of<rl_tariff>() { return Kind::tariff; }
template <> constexpr Kind kind_of<rl_usage>() { return Kind::usage; }
template <> constexpr Kind kind_of<rl_bill>() { return Kind::bill; }
template <> constexpr Kind kind_of<rl_diagnostics>() { return Kind::diagnostics; }

/// The handle, if live; otherwise throws the RL_INVALID_HANDLE Failure.
template <class T>
T& checked(T* handle, const char* what) {
  if (handle == nullptr) throw Failure(RL_INVALID_HANDLE, std::string(what) + " is NULL");
  if (!is_live(handle, kind_of<std::remove_const_t<T>>()))
    throw Failure(RL_INVALID_HANDLE, std::string(what) + " is not a live handle (already freed, or not one of its kind)");
  return *handle;
}

/// Registers a new handle and gives it to the caller.
template <class T>
T* publish(T* handle) {
  register_handle(handle, kind_of<T>());
  return handle;
}

/// Frees a handle of its kind; a NULL is nothing, anything else not live is reported.
template <class T>
void release(T* handle, const char* what) {
  guarded([&] {
    if (handle == nullptr) return RL_OK;
    checked(handle, what);
    unregister_handle(handle);
    delete handle;
    return RL_OK;
  });
}

/// A diagnostics handle for `list` (a new one the caller frees), stored in *out if out is set.
rl_diagnostics* make_diagnostics(std::vector<Diagnostic> list);
void hand_out(std::vector<Diagnostic> list, rl_diagnostics** out);

/// A valid date, or the RL_INVALID_ARGUMENT Failure naming `what`.
std::chrono::year_month_day to_date(const rl_date& date, const char* what);
rl_date from_date(std::chrono::year_month_day date);

/// A NUL-terminated malloc'd copy, for results freed by rl_string_free.
char* malloc_copy(const std::string& text);

}  // namespace rateline::c_api
