// Register reads: from parsed rows to contiguous intervals (see register_reads_detail.hpp).
//
// Per meter: reads sorted by date, duplicates, a constant register (dials, multiplier),
// `initial`/`final` on the first/last read, consumption with rollover. Between meters:
// the chain of meters in service must be contiguous, one exchange at a time.
#include "usage/register_reads_detail.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

namespace rateline {

namespace usage_detail {

std::string format_date(std::chrono::year_month_day date) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

namespace {

std::string line_word(std::uint32_t line) { return "line " + std::to_string(line); }

struct Meter {
  std::string id;
  std::vector<ParsedRead> reads;  // by date
  bool bad = false;               // a row of it did not parse
  bool broken = false;            // its own reads disagree: no intervals, no chain checks
};

class ChainBuilder {
 public:
  explicit ChainBuilder(Reporter& reporter) : reporter_(reporter) {}

  void check_meter(Meter& meter);
  void check_exchange(const Meter& old_meter, const Meter& new_meter);
  void add_intervals(const Meter& meter, const Meter* previous, RegisterUsage& usage);

 private:
  void error(const char* code, FieldSpan span, std::string message, std::string hint) {
    reporter_.error(code, span.first, span.second, std::move(message), std::move(hint));
  }
  Reporter& reporter_;
};

void ChainBuilder::check_meter(Meter& meter) {
  auto& reads = meter.reads;
  // Duplicates: the same meter read twice on one date. The first row (in the file) stays.
  std::vector<ParsedRead> kept;
  kept.reserve(reads.size());
  for (auto& r : reads) {
    if (!kept.empty() && kept.back().read.date == r.read.date) {
      const ParsedRead& first = kept.back();
      error("U0120", r.line,
            "meter " + meter.id + " has two reads dated " + format_date(r.read.date) + ": " +
                std::string(first.reading_text) + " on " + line_word(first.read.line) + " and " +
                std::string(r.reading_text) + " on " + line_word(r.read.line),
            "keep one read per meter and date (a corrected read replaces the first; at a meter exchange the new "
            "meter's initial read has its own meter id)");
      meter.broken = true;
      continue;
    }
    kept.push_back(std::move(r));
  }
  reads = std::move(kept);

  // One register: its dials and multiplier do not change from read to read.
  const ParsedRead& first = reads.front();
  for (std::size_t i = 1; i < reads.size(); ++i) {
    const ParsedRead& r = reads[i];
    if (r.read.dials != first.read.dials) {
      error("U0121", r.dials,
            "meter " + meter.id + " has " + std::to_string(r.read.dials) + " dials on " + line_word(r.read.line) +
                " but " + std::to_string(first.read.dials) + " on " + line_word(first.read.line),
            "a register's dials do not change; if the meter was exchanged, give the new meter its own id and mark "
            "the exchange (event final and initial)");
      meter.broken = true;
    }
    if (r.read.multiplier != first.read.multiplier) {
      error("U0121", r.multiplier,
            "meter " + meter.id + " has the multiplier " + r.read.multiplier.to_string() + " on " +
                line_word(r.read.line) + " but " + first.read.multiplier.to_string() + " on " +
                line_word(first.read.line),
            "a meter's constant does not change between reads; if the metering was changed, record it as an "
            "exchange: event final on the last read under the old set-up, initial on the first under the new one, "
            "with a new meter id");
      meter.broken = true;
    }
  }

  // `initial` opens a meter's reads and `final` closes them.
  for (std::size_t i = 0; i < reads.size(); ++i) {
    const ParsedRead& r = reads[i];
    if (r.read.event == MeterRead::Event::initial && i != 0) {
      error("U0122", r.event,
            "read of meter " + meter.id + " on " + format_date(r.read.date) +
                " is marked initial but is not the meter's first read (" + line_word(reads.front().read.line) +
                " is dated " + format_date(reads.front().read.date) + ")",
            "initial marks the first read of a newly installed meter; check the dates, or the meter id");
      meter.broken = true;
    }
    if (r.read.event == MeterRead::Event::final && i + 1 != reads.size()) {
      error("U0123", r.event,
            "read of meter " + meter.id + " on " + format_date(r.read.date) +
                " is marked final but is not the meter's last read (" + line_word(reads.back().read.line) +
                " is dated " + format_date(reads.back().read.date) + ")",
            "final marks the last read of a meter that was removed; check the dates, or the meter id");
      meter.broken = true;
    }
  }

  // Readings go forward, or roll over (checked here so that every problem is reported
  // in one pass; add_intervals runs only when there is none).
  const Decimal capacity(Decimal::Int(Decimal::pow10(first.read.dials)), 0);
  for (std::size_t i = 1; i < reads.size() && !meter.broken; ++i) {
    const ParsedRead& a = reads[i - 1];
    const ParsedRead& b = reads[i];
    if (b.read.reading >= a.read.reading) continue;
    const Decimal rolled = capacity - a.read.reading + b.read.reading;
    if (rolled * Decimal(2) < capacity) continue;  // a rollover: see add_intervals
    error("U0124", b.reading,
          "meter " + meter.id + " goes backwards from " + std::string(a.reading_text) + " on " +
              format_date(a.read.date) + " (" + line_word(a.read.line) + ") to " + std::string(b.reading_text) +
              " on " + format_date(b.read.date) + " (" + line_word(b.read.line) + ")",
          "as a rollover of the " + std::to_string(first.read.dials) + "-dial register it would be " +
              rolled.to_string() + ", not under half the register (" +
              capacity.divided_by(Decimal(2), 0, RoundingMode::toward_zero).to_string() +
              "), so it is not taken as one; if the meter was exchanged, give the new meter its own id and mark "
              "the exchange (event final on the old meter's last read, initial on the new meter's first); "
              "otherwise check both reads for a misread");
  }
}

void ChainBuilder::check_exchange(const Meter& old_meter, const Meter& new_meter) {
  const ParsedRead& last = old_meter.reads.back();
  const ParsedRead& next = new_meter.reads.front();
  const std::string last_at = format_date(last.read.date) + " (" + line_word(last.read.line) + ")";
  const std::string next_at = format_date(next.read.date) + " (" + line_word(next.read.line) + ")";
  const std::string exchange_hint =
      "at a meter exchange the old meter's final read and the new meter's initial read are dated the same day";
  if (next.read.date < last.read.date) {
    error("U0132", next.line,
          "meter " + new_meter.id + "'s reads begin on " + next_at + ", before meter " + old_meter.id +
              "'s reads end on " + last_at,
          "one service has one meter at a time: " + exchange_hint +
              "; reads of two services belong in two files");
  } else if (last.read.date < next.read.date) {
    error("U0131",
          next.line,
          "no meter was read from " + format_date(last.read.date) + " to " + format_date(next.read.date) +
              ": meter " + old_meter.id + "'s reads end on " + last_at + " and meter " + new_meter.id +
              "'s begin on " + next_at,
          exchange_hint + "; add the missing reads (event final and initial)");
  } else if (last.read.event != MeterRead::Event::final || next.read.event != MeterRead::Event::initial) {
    const bool old_unmarked = last.read.event != MeterRead::Event::final;
    const bool new_unmarked = next.read.event != MeterRead::Event::initial;
    std::string what;
    if (old_unmarked) what += "event final on " + line_word(last.read.line);
    if (old_unmarked && new_unmarked) what += " and ";
    if (new_unmarked) what += "event initial on " + line_word(next.read.line);
    error("U0130", new_unmarked ? next.line : last.line,
          "meter " + old_meter.id + "'s reads end and meter " + new_meter.id + "'s begin on " +
              format_date(next.read.date) + ", but the exchange is not marked",
          "write " + what + ", so that the change of meter is deliberate, not two meters' reads mixed up");
  }
}

void ChainBuilder::add_intervals(const Meter& meter, const Meter* previous, RegisterUsage& usage) {
  const auto& reads = meter.reads;
  const Decimal capacity(Decimal::Int(Decimal::pow10(reads.front().read.dials)), 0);
  for (std::size_t i = 1; i < reads.size(); ++i) {
    const ParsedRead& a = reads[i - 1];
    const ParsedRead& b = reads[i];
    ReadInterval interval;
    interval.from = a.read.date;
    interval.to = b.read.date;
    interval.meter = meter.id;
    interval.estimated = a.read.estimated || b.read.estimated;
    std::vector<std::string> notes;
    if (i == 1 && a.read.event == MeterRead::Event::initial)
      notes.push_back("meter " + meter.id + " installed " + format_date(a.read.date) + " (initial read " +
                      std::string(a.reading_text) + ")" +
                      (previous ? ", replacing meter " + previous->id + " (final read " +
                                      std::string(previous->reads.back().reading_text) + ")"
                                : std::string()));
    Decimal advance = b.read.reading - a.read.reading;
    if (advance.is_negative()) {
      advance = capacity - a.read.reading + b.read.reading;
      notes.push_back("the " + std::to_string(a.read.dials) + "-dial register rolled over: " +
                      std::string(a.reading_text) + " to " + std::string(b.reading_text));
    }
    if (i + 1 == reads.size() && b.read.event == MeterRead::Event::final)
      notes.push_back("meter " + meter.id + " removed " + format_date(b.read.date) + " (final read " +
                      std::string(b.reading_text) + ")");
    if (interval.estimated) {
      std::string which = a.read.estimated && b.read.estimated ? "both reads"
                          : a.read.estimated ? "the read of " + format_date(a.read.date)
                                             : "the read of " + format_date(b.read.date);
      notes.push_back("estimated: " + which + (a.read.estimated && b.read.estimated ? " are" : " is") +
                      " estimated");
    }
    interval.consumption = advance * a.read.multiplier;
    for (const auto& note : notes) interval.note += (interval.note.empty() ? "" : "; ") + note;
    usage.intervals.push_back(std::move(interval));
  }
}

}  // namespace

RegisterUsage build_register_usage(std::vector<ParsedRead> reads, const std::vector<std::string>& bad_meters,
                                   bool unattributed, Unit unit, Reporter& reporter) {
  RegisterUsage usage;
  usage.unit = unit;

  // Group by meter, each meter's reads by date (the file's order does not matter; among
  // reads of one date the earlier line comes first, so a duplicate names the later one).
  std::map<std::string, Meter> by_id;
  for (auto& r : reads) {
    Meter& m = by_id[r.read.meter];
    m.id = r.read.meter;
    m.reads.push_back(std::move(r));
  }
  for (const auto& id : bad_meters) {
    Meter& m = by_id[id];
    m.id = id;
    m.bad = true;
  }

  ChainBuilder chain(reporter);
  std::vector<Meter*> meters;
  for (auto& [id, meter] : by_id) {
    if (meter.reads.empty()) continue;  // every row of it was bad
    std::sort(meter.reads.begin(), meter.reads.end(), [](const ParsedRead& a, const ParsedRead& b) {
      if (a.read.date != b.read.date) return a.read.date < b.read.date;
      return a.read.line < b.read.line;
    });
    chain.check_meter(meter);
    meters.push_back(&meter);
  }

  // The meters in the order they were in service: by first read, then by last read; of
  // two single reads on one date, the final one first. Ties left go by id (stable output).
  std::sort(meters.begin(), meters.end(), [](const Meter* a, const Meter* b) {
    const auto& af = a->reads.front().read;
    const auto& bf = b->reads.front().read;
    if (af.date != bf.date) return af.date < bf.date;
    const auto& al = a->reads.back().read;
    const auto& bl = b->reads.back().read;
    if (al.date != bl.date) return al.date < bl.date;
    const bool a_final = al.event == MeterRead::Event::final, b_final = bl.event == MeterRead::Event::final;
    if (a_final != b_final) return a_final;
    return a->id < b->id;
  });

  // Between meters: a row whose meter is unknown could belong anywhere, so the chain is
  // checked only when every row was attributed.
  if (!unattributed)
    for (std::size_t i = 1; i < meters.size(); ++i)
      if (!meters[i - 1]->bad && !meters[i]->bad && !meters[i - 1]->broken && !meters[i]->broken)
        chain.check_exchange(*meters[i - 1], *meters[i]);

  for (const Meter* meter : meters)
    if (meter->reads.size() == 1 && !meter->bad) {
      const ParsedRead& only = meter->reads.front();
      reporter.warning("U0125", only.line.first, only.line.second,
                       "meter " + meter->id + " has a single read (" + format_date(only.read.date) +
                           "): no consumption is measured by it",
                       "consumption is the difference between two reads of one meter; add its next read, or "
                       "ignore this if the meter was just installed");
    }

  if (reporter.has_errors()) return usage;
  const Meter* previous = nullptr;
  for (const Meter* meter : meters) {
    chain.add_intervals(*meter, previous, usage);
    previous = meter;
  }
  for (Meter* meter : meters)
    for (auto& r : meter->reads) usage.reads.push_back(std::move(r.read));
  return usage;
}

}  // namespace usage_detail

std::optional<PeriodConsumption> consumption_between(const RegisterUsage& usage, std::chrono::year_month_day from,
                                                     std::chrono::year_month_day to) {
  if (!(from < to)) return std::nullopt;
  const auto& intervals = usage.intervals;
  auto it = std::find_if(intervals.begin(), intervals.end(), [&](const ReadInterval& i) { return i.from == from; });
  if (it == intervals.end()) return std::nullopt;
  PeriodConsumption period;
  period.from = from;
  period.to = to;
  for (auto expected = from; it != intervals.end(); ++it) {
    // The reader's intervals are contiguous; a gap means `usage` was assembled elsewhere.
    if (it->from != expected) return std::nullopt;
    period.consumption += it->consumption;
    period.estimated = period.estimated || it->estimated;
    ++period.intervals;
    if (it->to == to) return period;
    if (to < it->to) return std::nullopt;  // `to` falls inside an interval: no read on that date
    expected = it->to;
  }
  return std::nullopt;
}

}  // namespace rateline
