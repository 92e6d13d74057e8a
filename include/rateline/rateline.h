/* rateline/rateline.h — the C API of rateline (C99), for billing systems written in C,
 * C#, Java or Go. docs/c-api.md has the whole story and a worked example.
 *
 *   rl_tariff* tariff; rl_usage* usage; rl_bill* bill; rl_diagnostics* diags;
 *   if (rl_compile_file("tariffs/duke-nc-rs.tariff", &tariff, &diags) != RL_OK)
 *     fputs(rl_diagnostics_text(diags), stderr);
 *   rl_usage_from_csv("house.csv", rl_tariff_time_zone(tariff), &usage, &diags);
 *   rl_date from = {2024, 7, 1}, to = {2024, 8, 1};
 *   rl_bill_period(tariff, usage, from, to, NULL, NULL, &bill, &diags);
 *   printf("%s\n", rl_bill_total(bill));           // "123.45": amounts are decimal strings
 *   rl_bill_free(bill); rl_usage_free(usage); rl_tariff_free(tariff); rl_diagnostics_free(diags);
 *
 * Rules of the API:
 *  - Handles (rl_tariff, rl_usage, rl_bill, rl_diagnostics) are opaque. Each one a call
 *    returns is freed by exactly one call: rl_tariff_free, rl_usage_free, rl_bill_free,
 *    rl_bills_free (an array from rl_bill_cycle), rl_diagnostics_free. Strings returned
 *    through a `char**` are freed by rl_string_free. Freeing NULL does nothing.
 *  - `const char*` results are borrowed: valid until the handle they came from is freed.
 *  - Every function that can fail returns an rl_status; rl_last_error() then gives the
 *    reason (per thread). A NULL handle, a handle already freed, or a handle of the wrong
 *    kind gives RL_INVALID_HANDLE (a freed handle is recognised unless its memory was
 *    reused for a new handle of the same kind).
 *  - Mistakes in the input (a tariff with errors, a bad usage file, a period the usage does
 *    not cover) give RL_DIAGNOSTICS and rl_diagnostics records with file:line:column.
 *  - No C++ exception crosses this interface.
 *  - Threads: a compiled rl_tariff is immutable; any number of threads may bill with it at
 *    once. Other handles may be read from several threads but not freed while in use.
 *  - Money and quantities are exact decimals, passed as strings ("0.11234"), or as
 *    64-bit integers with a scale (value = raw × 10^-scale). Never binary floating point.
 */
#ifndef RATELINE_RATELINE_H
#define RATELINE_RATELINE_H

#include <stddef.h>
#include <stdint.h>

/* Exported from librateline_c.so (built with hidden visibility); plain in the static library. */
#if defined(__GNUC__)
#define RL_API __attribute__((visibility("default")))
#else
#define RL_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The enums a caller passes in are int-sized in both languages. C++ fixes their underlying type to int so that
   a wrong value from C (say 42 for an rl_format) is a value the library can refuse with RL_INVALID_ARGUMENT,
   not undefined behaviour on the load. */
#ifdef __cplusplus
#define RL_ENUM(name) enum name : int
#else
#define RL_ENUM(name) enum name
#endif

#define RL_VERSION_MAJOR 0
#define RL_VERSION_MINOR 1
#define RL_VERSION_PATCH 0
#define RL_VERSION_STRING "0.1.0"

/* ---- versions and errors ---------------------------------------------------------------- */

/** The library's version, "MAJOR.MINOR.PATCH" (compare with RL_VERSION_* of the header). */
RL_API const char* rl_version(void);
/** MAJOR * 10000 + MINOR * 100 + PATCH of the library. */
RL_API int rl_version_number(void);

typedef enum rl_status {
  RL_OK = 0,
  RL_INVALID_ARGUMENT = 1, /* a NULL pointer where a value is needed, a bad enum, a bad number */
  RL_INVALID_HANDLE = 2,   /* a NULL, freed or wrong kind of handle */
  RL_DIAGNOSTICS = 3,      /* the input has errors: read the rl_diagnostics */
  RL_IO_ERROR = 4,         /* a file could not be read */
  RL_OUT_OF_MEMORY = 5,
  RL_OUT_OF_RANGE = 6,     /* an index past the end */
  RL_INTERNAL_ERROR = 7    /* a broken invariant inside rateline: please report it */
} rl_status;

/** "RL_OK", "RL_INVALID_HANDLE", ... */
RL_API const char* rl_status_name(rl_status status);
/** Why the last failing call on this thread failed ("" after a success). Valid until the
 *  next rateline call on this thread. */
RL_API const char* rl_last_error(void);

/** Frees a string returned through a `char**` (rl_tariff_dot, rl_bill_format). */
RL_API void rl_string_free(char* text);

/* ---- diagnostics -------------------------------------------------------------------------- */

typedef struct rl_diagnostics rl_diagnostics;

typedef enum rl_severity { RL_SEVERITY_ERROR = 0, RL_SEVERITY_WARNING = 1, RL_SEVERITY_NOTE = 2 } rl_severity;

/** One diagnostic. Strings are borrowed from the rl_diagnostics; `file` is "" and line and
 *  column are 0 when the diagnostic is about a whole input. */
typedef struct rl_diagnostic {
  rl_severity severity;
  const char* code;    /* stable, listed in docs/diagnostics.md: "E0301", "U0004", "B0005" */
  const char* file;
  uint32_t line;       /* 1-based */
  uint32_t column;     /* 1-based */
  const char* message;
  const char* hint;    /* "" when there is none */
} rl_diagnostic;

RL_API size_t rl_diagnostics_count(const rl_diagnostics* diagnostics);
/** Fills *out with diagnostic `index` (0-based). */
RL_API rl_status rl_diagnostics_get(const rl_diagnostics* diagnostics, size_t index, rl_diagnostic* out);
/** All of them rendered as the command line prints them (file:line:col, source line, caret, hint). */
RL_API const char* rl_diagnostics_text(const rl_diagnostics* diagnostics);
/** 1 if any diagnostic is an error. */
RL_API int rl_diagnostics_has_errors(const rl_diagnostics* diagnostics);
RL_API void rl_diagnostics_free(rl_diagnostics* diagnostics);

/* ---- tariffs -------------------------------------------------------------------------- */

typedef struct rl_tariff rl_tariff;

/** An imported file supplied by an rl_import_resolver. `path` names it in diagnostics and
 *  identifies it (the same path is the same file); `text` need not end in NUL. Both must
 *  stay valid until the rl_compile_text call returns. */
typedef struct rl_import {
  const char* path;
  const char* text;
  size_t text_length;
} rl_import;

/** Supplies `import "..."` files: fill *out and return 1, or return 0 when there is no such
 *  file (an E0002 diagnostic). `importing_path` is the path of the file with the import. */
typedef int (*rl_import_resolver)(void* user_data, const char* importing_path, const char* import_path, rl_import* out);

/** Compiles a tariff file (imports relative to it). On success *tariff is set; on errors it
 *  is NULL and the result is RL_DIAGNOSTICS. *diagnostics (if `diagnostics` is not NULL)
 *  receives the errors and warnings, always, to be freed by the caller. */
RL_API rl_status rl_compile_file(const char* path, rl_tariff** tariff, rl_diagnostics** diagnostics);
/** Compiles tariff text named `name` (for diagnostics). Imports come from `resolver`, or,
 *  when it is NULL, from files relative to `name`. */
RL_API rl_status rl_compile_text(const char* name, const char* text, size_t text_length, rl_import_resolver resolver,
                                 void* user_data, rl_tariff** tariff, rl_diagnostics** diagnostics);
RL_API void rl_tariff_free(rl_tariff* tariff);

/** Header fields (borrowed). */
RL_API const char* rl_tariff_name(const rl_tariff* tariff);
RL_API const char* rl_tariff_utility(const rl_tariff* tariff);
RL_API const char* rl_tariff_currency(const rl_tariff* tariff);
RL_API const char* rl_tariff_time_zone(const rl_tariff* tariff);
/** The rate graph as Graphviz DOT (free with rl_string_free). */
RL_API rl_status rl_tariff_dot(const rl_tariff* tariff, char** dot);

/** A tariff of several services (`service NAME { ... }` blocks: electric, water, sewer and
 *  solid waste on one bill, docs/language.md) has one rl_service per block, in written
 *  order; a tariff without blocks has none. Bill it with rl_bill_services_period /
 *  rl_bill_services_cycle and the usage of each `meter`. Strings are borrowed. */
typedef struct rl_service {
  const char* id;     /* "water" */
  const char* label;  /* "Water" (the id when the block has no label) */
  const char* meter;  /* the meter it bills: its `meter NAME`, else its id */
  int needs_usage;    /* 0 when every charge is fixed (solid waste): it needs no usage */
} rl_service;
RL_API size_t rl_tariff_service_count(const rl_tariff* tariff);
RL_API rl_status rl_tariff_service(const rl_tariff* tariff, size_t index, rl_service* service);

/* ---- usage -------------------------------------------------------------------------- */

typedef struct rl_usage rl_usage;

typedef RL_ENUM(rl_gap_policy) { RL_GAPS_ERROR = 0, RL_GAPS_ZERO = 1 } rl_gap_policy;

/** Interval usage from an interval CSV file (docs/usage-format.md). Timestamps without an
 *  offset are read in `time_zone` (pass rl_tariff_time_zone(tariff); NULL = offsets
 *  required). Problems are diagnostics naming file:line. */
RL_API rl_status rl_usage_from_csv(const char* path, const char* time_zone, rl_usage** usage, rl_diagnostics** diagnostics);
/** The same with the reader's policies: interval_minutes (0 = inferred) and gaps. */
RL_API rl_status rl_usage_from_csv_ex(const char* path, const char* time_zone, int32_t interval_minutes, rl_gap_policy gaps,
                                      rl_usage** usage, rl_diagnostics** diagnostics);

/** Interval usage from arrays: interval i starts at starts[i] (Unix epoch seconds, UTC) and
 *  its value is values[i], an exact decimal string ("1.25"). The arrays must have the same
 *  length; intervals may come in any order but must lie on one grid of `interval_minutes`
 *  (0 = the smallest step between starts); a missing interval is an error unless
 *  gaps = RL_GAPS_ZERO. `unit` is "kWh" (energy per interval) or "kW" (average power). */
RL_API rl_status rl_usage_from_strings(const int64_t* starts, size_t start_count, const char* const* values, size_t value_count,
                                       int32_t interval_minutes, const char* unit, rl_gap_policy gaps, rl_usage** usage);
/** The same with values as scaled integers: value i is values[i] × 10^-scale (scale 0..18). */
RL_API rl_status rl_usage_from_scaled(const int64_t* starts, size_t start_count, const int64_t* values, size_t value_count,
                                      int32_t scale, int32_t interval_minutes, const char* unit, rl_gap_policy gaps, rl_usage** usage);
/** Usage from a register-read CSV (meter dials read monthly; docs/usage-format.md,
 *  "Register reads"); `unit` is what the registers count ("kWh", "CCF", "gal", ...). */
RL_API rl_status rl_usage_from_register_reads(const char* path, const char* unit, rl_usage** usage, rl_diagnostics** diagnostics);
RL_API void rl_usage_free(rl_usage* usage);

/* ---- bills -------------------------------------------------------------------------- */

typedef struct rl_bill rl_bill;

/** A local calendar date in the tariff's time zone. */
typedef struct rl_date {
  int32_t year;
  uint32_t month; /* 1..12 */
  uint32_t day;   /* 1..31 */
} rl_date;

typedef struct rl_attribute {
  const char* name;
  const char* value;
} rl_attribute;

typedef struct rl_monthly_demand {
  int32_t year;
  uint32_t month;
  const char* kw; /* decimal string */
} rl_monthly_demand;

/** What the tariff may branch on besides the meter (rateline/account.hpp). Zero-initialise
 *  it ({0}) and fill what you know; a date with year 0 is absent. */
typedef struct rl_account {
  const char* id;                              /* may be NULL */
  const rl_attribute* attributes;              /* e.g. {"meter_size", "5/8in"} */
  size_t attribute_count;
  const rl_monthly_demand* demand_history;     /* earlier months' maximum demands, for ratchets */
  size_t demand_history_count;
  const char* past_due;                        /* unpaid balance, decimal string; NULL = none */
  rl_date due_date;                            /* when that balance was due */
  rl_date paid_on;                             /* when it was paid; year 0 = unpaid */
} rl_account;

typedef RL_ENUM(rl_coverage_policy) { RL_COVERAGE_ERROR = 0, RL_COVERAGE_BILL_AVAILABLE = 1 } rl_coverage_policy;
typedef RL_ENUM(rl_demand_window_policy) { RL_DEMAND_WINDOW_TARIFF = 0, RL_DEMAND_WINDOW_DATA_INTERVAL = 1 } rl_demand_window_policy;

/** The biller's policies (rateline::BillOptions). Zero-initialised = the defaults. */
typedef struct rl_bill_options {
  rl_coverage_policy coverage;           /* usage not covering the period: error, or bill what is there */
  rl_demand_window_policy demand_window; /* the tariff's demand window, or the data interval (as SAM) */
  int trace;                             /* 1: explain each line item (rl_bill_line_item_trace) */
  rl_date as_of;                         /* year != 0: bill the whole period at the version in effect then */
} rl_bill_options;

/** Bills [from, to) (local dates; a July bill is 2024-07-01 .. 2024-08-01). `account` and
 *  `options` may be NULL. Interval usage or register reads alike; `usage` may be NULL for
 *  a tariff whose charges are all fixed (a standby fee), which is billed without usage. */
RL_API rl_status rl_bill_period(const rl_tariff* tariff, const rl_usage* usage, rl_date from, rl_date to, const rl_account* account,
                                const rl_bill_options* options, rl_bill** bill, rl_diagnostics** diagnostics);
/** Bills the calendar months of [from, to) in one pass (annual rules apply across them):
 *  *bills receives an array of *count bills, freed with rl_bills_free(*bills, *count). */
RL_API rl_status rl_bill_cycle(const rl_tariff* tariff, const rl_usage* usage, rl_date from, rl_date to, const rl_account* account,
                               const rl_bill_options* options, rl_bill*** bills, size_t* count, rl_diagnostics** diagnostics);

/** The usage of one meter of a tariff of several services (rl_service::meter). */
typedef struct rl_meter_usage {
  const char* meter;
  const rl_usage* usage;  /* interval usage or register reads */
} rl_meter_usage;
/** Bills a tariff of several services: each service on its meter's usage (services whose
 *  charges are all fixed need none), one bill with every service's lines, each service's
 *  part (rl_bill_service_total) and one total. A service that needs usage and has none
 *  is diagnostic B0070; usage for a meter no service reads is B0071. rl_bill_period and
 *  rl_bill_cycle refuse such a tariff (RL_INVALID_ARGUMENT), and these refuse one without
 *  blocks. */
RL_API rl_status rl_bill_services_period(const rl_tariff* tariff, const rl_meter_usage* meters, size_t meter_count, rl_date from,
                                         rl_date to, const rl_account* account, const rl_bill_options* options, rl_bill** bill,
                                         rl_diagnostics** diagnostics);
/** The calendar months of [from, to) in one pass, as rl_bill_cycle. */
RL_API rl_status rl_bill_services_cycle(const rl_tariff* tariff, const rl_meter_usage* meters, size_t meter_count, rl_date from,
                                        rl_date to, const rl_account* account, const rl_bill_options* options, rl_bill*** bills,
                                        size_t* count, rl_diagnostics** diagnostics);
RL_API void rl_bill_free(rl_bill* bill);
RL_API void rl_bills_free(rl_bill** bills, size_t count);

/** One line item. Every string is borrowed from the bill; numbers are exact decimals. */
typedef struct rl_line_item {
  const char* id;         /* the charge's id, with a suffix per tier/period/season part */
  const char* label;      /* "Energy Charge, first 800 kWh" */
  const char* kind;       /* fixed energy demand rider tax credit minimum late_fee adjustment */
  const char* quantity;
  const char* unit;       /* "kWh", "kW", "month", "day", "$" */
  const char* rate;
  const char* rate_unit;  /* "$/kWh", "%", ... */
  const char* amount;     /* rounded as the tariff says; the total adds these up */
  const char* unrounded;  /* before line-item rounding */
  const char* season;     /* "" when the charge does not vary by season */
  const char* period;     /* TOU period, "" for all */
  const char* version;    /* effective date of the tariff version that priced it */
  size_t trace_count;     /* steps in rl_bill_line_item_trace (0 unless options.trace) */
} rl_line_item;

RL_API const char* rl_bill_tariff(const rl_bill* bill);
RL_API const char* rl_bill_currency(const rl_bill* bill);
RL_API rl_status rl_bill_dates(const rl_bill* bill, rl_date* from, rl_date* to);
/** Exactly the sum of the line items' amounts. */
RL_API const char* rl_bill_total(const rl_bill* bill);
/** 1 if billed from an estimated meter read. */
RL_API int rl_bill_estimated(const rl_bill* bill);
RL_API size_t rl_bill_line_item_count(const rl_bill* bill);
RL_API rl_status rl_bill_line_item(const rl_bill* bill, size_t index, rl_line_item* item);
/** Step `step` of how line item `index` was computed (borrowed), or NULL out of range. */
RL_API const char* rl_bill_line_item_trace(const rl_bill* bill, size_t index, size_t step);
/** The service (rl_service::id) line item `index` belongs to: "" on a tariff without
 *  `service` blocks; NULL out of range. */
RL_API const char* rl_bill_line_item_service(const rl_bill* bill, size_t index);
/** A bill for several services: each service's part, in the tariff's order (0 parts
 *  otherwise). Each part's total is exactly the sum of its lines; with `rounding total`
 *  the one Rounding Adjustment line belongs to no service (its service is ""). */
typedef struct rl_service_total {
  const char* id;
  const char* label;
  const char* total;  /* decimal string */
} rl_service_total;
RL_API size_t rl_bill_service_count(const rl_bill* bill);
RL_API rl_status rl_bill_service_total(const rl_bill* bill, size_t index, rl_service_total* part);
/** Warnings about the bill (estimated usage, misaligned intervals). Borrowed from the bill:
 *  do not free it. */
RL_API const rl_diagnostics* rl_bill_notes(const rl_bill* bill);

typedef RL_ENUM(rl_format) { RL_FORMAT_TABLE = 0, RL_FORMAT_JSON = 1, RL_FORMAT_CSV = 2, RL_FORMAT_EXPLAIN = 3 } rl_format;
/** The bill as the command line prints it (docs/json-format.md); free with rl_string_free. */
RL_API rl_status rl_bill_format(const rl_bill* bill, rl_format format, char** text);

#ifdef __cplusplus
}
#endif

#endif /* RATELINE_RATELINE_H */
