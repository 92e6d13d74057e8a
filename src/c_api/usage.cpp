// rl_usage: interval usage from a CSV file or from arrays (epoch seconds + exact decimal
// strings or scaled integers), and register reads from a CSV file.
//
// Arrays are a program's data, not a file a person edits: a mistake in them (different
// lengths, a value that is not a number, a start off the grid) is an RL_INVALID_ARGUMENT
// naming the element, e.g. `values[3] = "1,5" is not a decimal number`.
#include "c_api/handles.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

using namespace rateline;
using namespace rateline::c_api;
using std::chrono::sys_seconds;

namespace {

std::string iso(std::int64_t epoch) {
  sys_seconds t{std::chrono::seconds{epoch}};
  auto day = std::chrono::floor<std::chrono::days>(t);
  std::chrono::year_month_day d{day};
  std::chrono::hh_mm_ss time{t - day};
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(d.year()), unsigned(d.month()), unsigned(d.day()),
                int(time.hours().count()), int(time.minutes().count()), int(time.seconds().count()));
  return text;
}

Unit interval_unit(const char* unit) {
  if (unit == nullptr) throw Failure(RL_INVALID_ARGUMENT, "unit is NULL (give \"kWh\" or \"kW\")");
  auto u = parse_unit(unit);
  if (!u || (*u != Unit::kWh && *u != Unit::kW))
    throw Failure(RL_INVALID_ARGUMENT, std::string("unit \"") + unit + "\" is not an interval unit (give \"kWh\" or \"kW\")");
  return *u;
}

// Lays values (already scaled integers) on the grid their starts define.
rl_usage* grid(const int64_t* starts, size_t count, std::vector<std::int64_t> raw, std::int32_t scale, int32_t interval_minutes,
               Unit unit, rl_gap_policy gaps) {
  if (count == 0) throw Failure(RL_INVALID_ARGUMENT, "no intervals (the arrays are empty)");
  if (interval_minutes < 0) throw Failure(RL_INVALID_ARGUMENT, "interval_minutes is negative");
  if (gaps != RL_GAPS_ERROR && gaps != RL_GAPS_ZERO) throw Failure(RL_INVALID_ARGUMENT, "gaps is not an rl_gap_policy");
  std::vector<size_t> order(count);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return starts[a] < starts[b]; });
  std::int64_t step = std::int64_t{interval_minutes} * 60;
  for (size_t k = 1; k < count; ++k) {
    auto a = order[k - 1], b = order[k];
    if (starts[a] == starts[b])
      throw Failure(RL_INVALID_ARGUMENT, "starts[" + std::to_string(a) + "] and starts[" + std::to_string(b) + "] are both " + iso(starts[a]) +
                                             " (an interval given twice)");
    if (interval_minutes == 0) step = step == 0 ? starts[b] - starts[a] : std::min(step, starts[b] - starts[a]);
  }
  if (step == 0) throw Failure(RL_INVALID_ARGUMENT, "one interval gives no interval length: pass interval_minutes");
  if (step % 60 != 0 || step / 60 > 1440)
    throw Failure(RL_INVALID_ARGUMENT, "the intervals are " + std::to_string(step) + " seconds apart: not whole minutes up to a day");
  std::int64_t first = starts[order[0]];
  std::int64_t span = (starts[order[count - 1]] - first) / step + 1;
  if (span > std::numeric_limits<std::uint32_t>::max()) throw Failure(RL_INVALID_ARGUMENT, "the intervals span too long a time");
  IntervalSeries series;
  series.start = sys_seconds{std::chrono::seconds{first}};
  series.minutes = static_cast<std::int32_t>(step / 60);
  series.scale = scale;
  series.unit = unit;
  series.values.assign(static_cast<size_t>(span), 0);
  std::vector<bool> present(static_cast<size_t>(span), false);
  for (size_t i = 0; i < count; ++i) {
    if ((starts[i] - first) % step != 0)
      throw Failure(RL_INVALID_ARGUMENT, "starts[" + std::to_string(i) + "] = " + iso(starts[i]) + " is not on the " +
                                             std::to_string(step / 60) + "-minute grid starting " + iso(first));
    auto slot = static_cast<size_t>((starts[i] - first) / step);
    series.values[slot] = raw[i];
    present[slot] = true;
  }
  for (size_t slot = 0; slot < present.size(); ++slot) {
    if (present[slot]) continue;
    if (gaps == RL_GAPS_ERROR)
      throw Failure(RL_INVALID_ARGUMENT, "no value for the interval starting " + iso(first + static_cast<std::int64_t>(slot) * step) +
                                             " (a gap; pass RL_GAPS_ZERO to bill it as zero)");
    series.missing.push_back(static_cast<std::uint32_t>(slot));
  }
  IntervalUsage usage;
  usage.delivered = std::move(series);
  usage.source = "arrays";
  return publish(new rl_usage{std::move(usage)});
}

void check_arrays(const void* starts, size_t start_count, const void* values, size_t value_count, rl_usage** usage) {
  if (usage == nullptr) throw Failure(RL_INVALID_ARGUMENT, "usage (the result pointer) is NULL");
  *usage = nullptr;
  if (start_count != value_count)
    throw Failure(RL_INVALID_ARGUMENT, "starts has " + std::to_string(start_count) + " elements but values has " +
                                           std::to_string(value_count) + ": one value per interval start");
  if ((starts == nullptr || values == nullptr) && start_count != 0) throw Failure(RL_INVALID_ARGUMENT, "starts or values is NULL");
}

rl_status read_csv(const char* path, const char* time_zone, int32_t interval_minutes, rl_gap_policy gaps, rl_usage** usage,
                   rl_diagnostics** diagnostics) {
  if (diagnostics != nullptr) *diagnostics = nullptr;
  if (usage == nullptr) return fail(RL_INVALID_ARGUMENT, "usage (the result pointer) is NULL");
  *usage = nullptr;
  if (path == nullptr) return fail(RL_INVALID_ARGUMENT, "path is NULL");
  if (interval_minutes < 0) return fail(RL_INVALID_ARGUMENT, "interval_minutes is negative");
  if (gaps != RL_GAPS_ERROR && gaps != RL_GAPS_ZERO) return fail(RL_INVALID_ARGUMENT, "gaps is not an rl_gap_policy");
  UsageReadOptions options;
  if (interval_minutes > 0) options.interval_minutes = interval_minutes;
  options.gaps = gaps == RL_GAPS_ZERO ? GapPolicy::zero : GapPolicy::error;
  if (time_zone != nullptr) options.time_zone = time_zone;
  UsageReadResult result;
  try {
    result = read_interval_csv_file(path, options);
  } catch (const std::runtime_error& e) {
    return fail(RL_IO_ERROR, e.what());
  }
  bool ok = result.usage.has_value();
  if (ok) *usage = publish(new rl_usage{std::move(*result.usage)});
  hand_out(std::move(result.diagnostics), diagnostics);
  return ok ? RL_OK : fail(RL_DIAGNOSTICS, std::string("the usage in ") + path + " has errors (see the diagnostics)");
}

}  // namespace

extern "C" {

rl_status rl_usage_from_csv(const char* path, const char* time_zone, rl_usage** usage, rl_diagnostics** diagnostics) {
  return guarded([&] { return read_csv(path, time_zone, 0, RL_GAPS_ERROR, usage, diagnostics); });
}

rl_status rl_usage_from_csv_ex(const char* path, const char* time_zone, int32_t interval_minutes, rl_gap_policy gaps, rl_usage** usage,
                               rl_diagnostics** diagnostics) {
  return guarded([&] { return read_csv(path, time_zone, interval_minutes, gaps, usage, diagnostics); });
}

rl_status rl_usage_from_strings(const int64_t* starts, size_t start_count, const char* const* values, size_t value_count,
                                int32_t interval_minutes, const char* unit, rl_gap_policy gaps, rl_usage** usage) {
  return guarded([&] {
    check_arrays(starts, start_count, values, value_count, usage);
    Unit u = interval_unit(unit);
    std::vector<Decimal> parsed;
    parsed.reserve(value_count);
    int scale = 0;
    for (size_t i = 0; i < value_count; ++i) {
      auto d = values[i] == nullptr ? std::nullopt : Decimal::parse(values[i]);
      if (!d)
        return fail(RL_INVALID_ARGUMENT, "values[" + std::to_string(i) + "] = " + (values[i] == nullptr ? std::string("NULL") : "\"" + std::string(values[i]) + "\"") +
                                             " is not a decimal number");
      if (d->is_negative()) return fail(RL_INVALID_ARGUMENT, "values[" + std::to_string(i) + "] = \"" + values[i] + "\" is negative");
      scale = std::max(scale, d->scale());
      parsed.push_back(std::move(*d));
    }
    if (scale > 18) return fail(RL_INVALID_ARGUMENT, "a value has more than 18 decimal places");
    std::vector<std::int64_t> raw;
    raw.reserve(value_count);
    for (size_t i = 0; i < value_count; ++i) {
      auto c = parsed[i].scaled_to(scale);
      if (!c || *c > std::numeric_limits<std::int64_t>::max())
        return fail(RL_INVALID_ARGUMENT, "values[" + std::to_string(i) + "] = \"" + values[i] + "\" is too large");
      raw.push_back(static_cast<std::int64_t>(*c));
    }
    *usage = grid(starts, start_count, std::move(raw), scale, interval_minutes, u, gaps);
    return RL_OK;
  });
}

rl_status rl_usage_from_scaled(const int64_t* starts, size_t start_count, const int64_t* values, size_t value_count, int32_t scale,
                               int32_t interval_minutes, const char* unit, rl_gap_policy gaps, rl_usage** usage) {
  return guarded([&] {
    check_arrays(starts, start_count, values, value_count, usage);
    Unit u = interval_unit(unit);
    if (scale < 0 || scale > 18) return fail(RL_INVALID_ARGUMENT, "scale " + std::to_string(scale) + " is not 0..18");
    for (size_t i = 0; i < value_count; ++i)
      if (values[i] < 0) return fail(RL_INVALID_ARGUMENT, "values[" + std::to_string(i) + "] = " + std::to_string(values[i]) + " is negative");
    *usage = grid(starts, start_count, std::vector<std::int64_t>(values, values + value_count), scale, interval_minutes, u, gaps);
    return RL_OK;
  });
}

rl_status rl_usage_from_register_reads(const char* path, const char* unit, rl_usage** usage, rl_diagnostics** diagnostics) {
  return guarded([&] {
    if (diagnostics != nullptr) *diagnostics = nullptr;
    if (usage == nullptr) return fail(RL_INVALID_ARGUMENT, "usage (the result pointer) is NULL");
    *usage = nullptr;
    if (path == nullptr) return fail(RL_INVALID_ARGUMENT, "path is NULL");
    auto u = unit == nullptr ? std::nullopt : parse_unit(unit);
    if (!u) return fail(RL_INVALID_ARGUMENT, std::string("unit \"") + (unit ? unit : "NULL") + "\" is not a unit rateline knows");
    RegisterReadResult result;
    try {
      result = read_register_reads_file(path, *u);
    } catch (const std::runtime_error& e) {
      return fail(RL_IO_ERROR, e.what());
    }
    bool ok = result.usage.has_value();
    if (ok) *usage = publish(new rl_usage{std::move(*result.usage)});
    hand_out(std::move(result.diagnostics), diagnostics);
    return ok ? RL_OK : fail(RL_DIAGNOSTICS, std::string("the reads in ") + path + " have errors (see the diagnostics)");
  });
}

void rl_usage_free(rl_usage* usage) { release(usage, "usage"); }

}  // extern "C"
