// `rateline test`: see test_command.hpp.
#include "test_command.hpp"

#include "bill_case.hpp"
#include "bill_diff.hpp"
#include "case_runner.hpp"
#include "case_update.hpp"
#include "junit_report.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>

namespace rateline::cli {

namespace {

namespace fs = std::filesystem;

std::string render_all(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (auto& d : diagnostics) out += render(d);
  return out;
}

// Case files in the order given; the *.toml files of a folder, below it too, sorted.
bool collect(const std::vector<std::string>& paths, std::vector<std::string>& files) {
  bool ok = true;
  for (auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto& entry : fs::recursive_directory_iterator(p, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".toml") found.push_back(entry.path().lexically_normal().generic_string());
      std::sort(found.begin(), found.end());
      if (found.empty()) {
        std::cerr << "rateline: no case files (*.toml) in " << p << "\n";
        ok = false;
      }
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      files.push_back(p);
    } else {
      std::cerr << "rateline: no such file or folder: " << p << "\n";
      ok = false;
    }
  }
  return ok;
}

struct Tally {
  int passed = 0, failed = 0, broken = 0, changed = 0, same = 0;
};

std::string plural(std::size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

}  // namespace

TestCommand::TestCommand(CLI::App& app) {
  test_ = app.add_subcommand("test", "run golden bill cases (docs/bill-tests.md) and show what changed");
  test_->add_option("paths", paths_, "case files (*.toml) or folders of them")->required();
  test_->add_option("--junit", junit_, "also write JUnit XML here, for CI");
  test_->add_flag("--update", update_, "rewrite the expectations of failing cases to the bills made now (only those values change)");
  test_->add_option("--tariff", tariff_, "rate-change mode: bill every case under this tariff instead of its own and report what changes");
  test_->add_flag("--expect-changes", expect_changes_, "with --tariff: changes are intended, report them without failing");
}

bool TestCommand::parsed() const { return test_->parsed(); }

int TestCommand::run() const {
  const bool rate_change = !tariff_.empty();
  if (expect_changes_ && !rate_change) {
    std::cerr << "rateline: --expect-changes goes with --tariff NEW.tariff\n";
    return 2;
  }
  if (update_ && rate_change) {
    std::cerr << "rateline: --update rewrites cases for their own tariff; it does not go with --tariff\n";
    return 2;
  }
  std::vector<std::string> files;
  if (!collect(paths_, files)) return 2;   // a mistyped path is the command line's error: run nothing

  TariffCache tariffs;
  JunitReport junit("rateline test");
  Tally tally;
  Decimal total_change;
  for (auto& file : files) {
    auto started = std::chrono::steady_clock::now();
    JunitCase record;
    record.file = file;
    record.name = fs::path(file).stem().string();
    auto read = read_case_file(file);
    std::string report;
    if (!read.bill_case) {
      ++tally.broken;
      report = "ERROR " + file + "\n" + render_all(read.diagnostics);
      record.result = JunitCase::Result::error;
      record.message = "the case file has errors";
      record.text = render_all(read.diagnostics);
    } else {
      const BillCase& c = *read.bill_case;
      record.name = c.name;
      const std::string title = file + (c.name != fs::path(file).stem().string() ? " (" + c.name + ")" : "");
      auto run = run_case(c, tariffs, tariff_);
      if (run.outcome == CaseRun::Outcome::broken) {
        ++tally.broken;
        report = "ERROR " + title + "\n" + render_all(run.diagnostics);
        record.result = JunitCase::Result::error;
        record.message = "the case's inputs have errors";
        record.text = render_all(run.diagnostics);
      } else if (c.refused) {
        // The case expects the biller to refuse the bill with exactly these errors.
        std::vector<std::string> errors;
        for (auto& d : run.diagnostics)
          if (d.severity == Severity::error) errors.push_back(d.code);
        if (run.outcome == CaseRun::Outcome::not_billed && errors == c.refused->codes) {
          ++(rate_change ? tally.same : tally.passed);
          report = (rate_change ? "SAME " : "PASS ") + title + "\n";
        } else {
          std::string text = "  the case expects a refusal with " + codes_text(c.refused->codes) + "; ";
          if (run.series) {
            text += "a bill was made, total " + run.series->total.to_string() + "\n";
          } else {
            text += "the refusal was " + codes_text(errors) + ":\n" + render_all(run.diagnostics);
          }
          record.text = text;
          record.message = "not refused as expected";
          if (rate_change) ++tally.changed;
          else ++tally.failed;
          report = std::string(rate_change ? "CHANGED " : "FAIL ") + title + "\n" + text;
          if (!rate_change || !expect_changes_) record.result = JunitCase::Result::failure;
          if (update_) report += "  not updated: a refusal is written by hand (`refused`)\n";
        }
      } else if (run.outcome == CaseRun::Outcome::not_billed) {
        ++tally.failed;
        report = "FAIL " + title + "\n" + render_all(run.diagnostics);
        record.result = JunitCase::Result::failure;
        record.message = "no bill was made";
        record.text = render_all(run.diagnostics);
      } else {
        auto diff = diff_case(c, *run.series);
        if (diff.empty()) {
          ++(rate_change ? tally.same : tally.passed);
          report = (rate_change ? "SAME " : "PASS ") + title + "\n";
        } else {
          auto text = c.expected.empty() ? std::string("  the case has no [[expect]]: run with --update to record the bill\n")
                                         : format_diff(diff);
          record.text = text;
          record.message = plural(diff.line_count(), "line item differs", "line items differ");
          for (auto& b : diff.bills)
            if (b.expected && b.actual) total_change += b.actual->total - b.expected->total.value;
          if (rate_change) {
            ++tally.changed;
            report = "CHANGED " + title + "\n" + text;
            if (!expect_changes_) record.result = JunitCase::Result::failure;
            else record.output = text;
          } else {
            ++tally.failed;
            report = "FAIL " + title + "\n" + text;
            record.result = JunitCase::Result::failure;
            if (update_) {
              auto updated = update_case_text(c, *run.series);
              std::string problem = updated.problem;
              if (updated.text && replace_file(file, *updated.text, problem)) report += "  updated " + file + "\n";
              else report += "  not updated: " + problem + "\n";
            }
          }
        }
      }
    }
    record.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    junit.add(std::move(record));
    std::cout << report << std::flush;
  }

  if (rate_change) {
    std::cout << "\n" << plural(files.size(), "case", "cases") << " under " << tariff_ << ": " << tally.changed << " changed, " << tally.same
              << " the same";
    if (tally.changed) std::cout << "; the totals change by " << signed_text(total_change) << " in all";
    std::cout << "\n";
    if (tally.failed || tally.broken) std::cout << tally.failed << " failed, " << tally.broken << " broken\n";
  } else {
    std::cout << "\n" << tally.passed << " passed, " << tally.failed << " failed";
    if (tally.broken) std::cout << ", " << tally.broken << " broken";
    std::cout << "\n";
  }
  if (!junit_.empty()) {
    std::string problem;
    if (!junit.write(junit_, problem)) {
      std::cerr << "rateline: " << problem << "\n";
      return 2;
    }
  }
  if (tally.broken) return 2;
  if (tally.failed || (rate_change && tally.changed && !expect_changes_)) return 1;
  return 0;
}

std::unique_ptr<TestCommand> add_test_command(CLI::App& app) { return std::make_unique<TestCommand>(app); }

}  // namespace rateline::cli
