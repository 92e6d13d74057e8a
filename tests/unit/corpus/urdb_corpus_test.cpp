// Differential test against NREL SAM: every case of the URDB corpus (RATELINE_CORPUS_DIR,
// ../shared/corpus/urdb: a URDB rate, a year of load and SAM's monthly figures) is imported,
// compiled, billed for the 12 calendar months of 2018 (SAM's calendar: 365 days, Jan 1 a
// Monday, no DST, no holidays) and compared per month with SAM: energy, TOU demand, flat
// demand, fixed, minimum and total, each within 1e-6 $. The same rate imported with
// chronological tiers is compared with SAM's metering option 2.
//
//   ctest --test-dir build -L corpus --output-on-failure
//
// One TEST_CASE per known case (ctest lists each by name); cases added to the corpus later
// are billed by the last TEST_CASE, one SUBCASE each. Without the corpus every case is
// reported "Skipped" to CTest (tests/support/skip.hpp), and fails under CI=true.
// RATELINE_CORPUS_DIR in the environment points the cases at another corpus directory.
#include "rateline/bill.hpp"
#include "rateline/tariff.hpp"
#include "rateline/urdb.hpp"
#include "rateline/usage.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>
#include "support/skip.hpp"
#include "test_paths.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono;

// The cases of the corpus, one TEST_CASE each.
#define RATELINE_URDB_CORPUS(X) \
  X("01-block-2tier-adj_fpl-residential-excerpt") \
  X("02-tou-tou-demand-flat-demand-adj_psco-spvtou") \
  X("03-seasonal-blocks_jackson-emc-a-senior") \
  X("04-flat-annual-minimum-binding_hpxml-sample") \
  X("05-residential-seasonal-flat-demand_psco-rd") \
  X("06-residential-seasonal-flat-demand-15min_psco-rd") \
  X("07-tou-tou-demand_entergy-ar-lps-tou") \
  X("08-tou-tou-demand-15min_entergy-ar-lps-tou") \
  X("09-tou-tou-demand-flat-demand_sce-gs2-tou-b") \
  X("10-tou-tou-demand-seasonal-flat-demand_pge-e19") \
  X("11-tou7-seasonal-flat-demand-15min_reoptjl-subhourly") \
  X("12-tiered-energy-tiered-demand_reoptjl") \
  X("13-tiered-energy-tiered-demand_reoptjl-b") \
  X("16-tou-monthly-flat-demand_reoptjl-leap-year") \
  X("17-flat-demand_peco-gs-ht") \
  X("18-kwh-per-kw-tiers-seasonal-flat-demand_south-central-ppd-lp1") \
  X("19-tou-tiered-demand-min-charges_pysam-urdbv7") \
  X("20-ssc-residential-tou-annual-minimum") \
  X("21-ssc-residential-tou-daily-tiers") \
  X("22-ssc-commercial-tou-tiered-tou-demand") \
  X("23-ssc-kwh-per-kw-mixed-tiers_gpc-pll-style") \
  X("24-ssc-commercial-7-block") \
  X("25-ssc-seasonal-kwh-per-kw") \
  X("26-ssc-36-tou-periods-15min") \
  X("27-ssc-residential-tiered-tou-small-blocks") \
  X("28-ssc-pge-residential-daily-tiers-15min") \
  X("29-ssc-residential-tou-monthly-minimum-binding") \
  X("30-tou-tou-demand-flat-demand-15min_psco-spvtou")

#define RATELINE_AS_ITEM(name) name,
constexpr const char* kCases[] = {RATELINE_URDB_CORPUS(RATELINE_AS_ITEM)};
#undef RATELINE_AS_ITEM

constexpr double kTolerance = 1e-6;   // $ per line per month

fs::path corpus_dir() {
  if (const char* dir = std::getenv("RATELINE_CORPUS_DIR"); dir && *dir) return fs::path(dir);
  return fs::path(RATELINE_CORPUS_DIR);
}

/// Whether the corpus is there; when not, the case is skipped (or fails under CI=true).
bool corpus_present() {
  if (fs::is_directory(corpus_dir())) return true;
  rateline::test::skip_or_fail_in_ci("the URDB corpus is not at " + corpus_dir().string());
  return false;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string render_all(const std::vector<rateline::Diagnostic>& diagnostics) {
  std::string out;
  for (auto& d : diagnostics) out += rateline::render(d);
  return out;
}

double to_number(const rateline::Decimal& d) { return std::stod(d.to_string()); }

/// The charge a line item belongs to: its id up to the first '.'.
std::string charge_of(const rateline::LineItem& item) { return std::string(item.id.view().substr(0, item.id.view().find('.'))); }

struct MonthFigures {
  double energy = 0, tou = 0, flat = 0, fixed = 0, minimum = 0, total = 0;
};

MonthFigures figures(const rateline::Bill& bill) {
  MonthFigures f;
  for (auto& item : bill.line_items) {
    auto id = charge_of(item);
    double amount = to_number(item.amount);
    if (id == "energy" || id == "fuel") f.energy += amount;
    else if (id == "tou_demand") f.tou += amount;
    else if (id == "flat_demand") f.flat += amount;
    else if (id == "fixed") f.fixed += amount;
    else if (id.rfind("min_", 0) == 0) f.minimum += amount;
    else FAIL_CHECK("line item of an unexpected charge: " << item.id);
  }
  f.total = to_number(bill.total);
  return f;
}

struct Billed {
  std::vector<rateline::Bill> bills;
  std::string tariff_text;
};

/// Imports the case's rate, compiles it, reads the load and bills 2018 month by month.
std::optional<Billed> bill_case(const fs::path& dir, rateline::UrdbTierAllocation allocation) {
  rateline::UrdbImportOptions options;
  options.tier_allocation = allocation;
  // SAM bills a synthetic year laid out as 2018; some URDB startdates are later than that.
  options.effective = year{2018} / January / 1;
  auto imported = rateline::import_urdb(slurp(dir / "rate.json"), (dir / "rate.json").string(), options);
  INFO("import diagnostics:\n" << render_all(imported.diagnostics));
  CHECK_FALSE(rateline::has_errors(imported.diagnostics));
  if (!imported.tariff_text) return std::nullopt;

  auto compiled = rateline::compile_tariff(std::make_shared<rateline::SourceFile>((dir / "rate.tariff").string(), *imported.tariff_text));
  INFO("tariff:\n" << *imported.tariff_text);
  INFO("check diagnostics:\n" << render_all(compiled.diagnostics));
  CHECK_FALSE(rateline::has_errors(compiled.diagnostics));
  if (!compiled.graph) return std::nullopt;

  rateline::UsageReadOptions read_options;
  read_options.time_zone = compiled.graph->info().time_zone;
  read_options.sam_start = local_days{year{2018} / January / 1};
  auto usage = rateline::read_interval_csv_file((dir / "load.csv").string(), read_options);
  INFO("usage diagnostics:\n" << render_all(usage.diagnostics));
  CHECK_FALSE(rateline::has_errors(usage.diagnostics));
  if (!usage.usage) return std::nullopt;

  rateline::BillOptions bill_options;
  bill_options.demand_window = rateline::DemandWindowPolicy::data_interval;   // as SAM: demand = interval kW
  auto periods = rateline::monthly_periods(year{2018} / January / 1, year{2019} / January / 1);
  auto result = rateline::bill_periods(*compiled.graph, *usage.usage, periods, rateline::Account{}, bill_options);
  INFO("bill diagnostics:\n" << render_all(result.diagnostics));
  CHECK_FALSE(rateline::has_errors(result.diagnostics));
  if (!result.series) return std::nullopt;
  CHECK(result.series->bills.size() == 12);
  if (result.series->bills.size() != 12) return std::nullopt;

  return Billed{std::move(result.series->bills), *imported.tariff_text};
}

std::array<double, 12> monthly(const nlohmann::json& object, const char* key) {
  std::array<double, 12> out{};
  const auto& values = object.at(key);
  for (std::size_t m = 0; m < 12; ++m) out[m] = values.at(m).get<double>();
  return out;
}

/// Monthly kWh and peak kW of the load itself, on SAM's calendar (Jan 1 00:00 = interval 0).
void check_load(const fs::path& dir, const nlohmann::json& expected) {
  rateline::UsageReadOptions options;
  options.time_zone = "UTC";
  options.sam_start = local_days{year{2018} / January / 1};
  auto usage = rateline::read_interval_csv_file((dir / "load.csv").string(), options);
  REQUIRE(usage.usage);
  const auto& s = usage.usage->delivered;
  CHECK(s.minutes == expected.at("interval_minutes").get<int>());
  CHECK(s.values.size() == expected.at("intervals").get<std::size_t>());
  auto kwh = monthly(expected.at("monthly"), "energy_kwh");
  auto peak = monthly(expected.at("monthly"), "peak_kw");
  const double scale = std::pow(10.0, s.scale);
  std::size_t i = 0;
  for (unsigned m = 1; m <= 12; ++m) {
    const sys_days end{year_month_day{year{2018} / month{m} / 1} + months{1}};
    double energy = 0, top = 0;
    for (; i < s.values.size() && s.start + minutes{s.minutes} * static_cast<std::int64_t>(i) < end; ++i) {
      double kw = static_cast<double>(s.values[i]) / scale;
      energy += kw * s.minutes / 60.0;
      top = std::max(top, kw);
    }
    INFO("month " << m);
    CHECK(std::abs(energy - kwh[m - 1]) <= 1e-6 * std::max(1.0, kwh[m - 1]));
    CHECK(std::abs(top - peak[m - 1]) <= 1e-9);
  }
}

/// SAM's primary figures (metering option 0: proportional tiers); returns the worst difference.
double compare_primary(const fs::path& dir, const nlohmann::json& expected, const std::string& name) {
  auto billed = bill_case(dir, rateline::UrdbTierAllocation::proportional);
  REQUIRE(billed);
  INFO("tariff:\n" << billed->tariff_text);
  const auto& m = expected.at("monthly");
  const std::pair<const char*, double MonthFigures::*> lines[] = {
      {"energy_charge", &MonthFigures::energy}, {"demand_charge_tou", &MonthFigures::tou}, {"demand_charge_flat", &MonthFigures::flat},
      {"fixed_charge", &MonthFigures::fixed},   {"minimum_charge", &MonthFigures::minimum}, {"total", &MonthFigures::total},
  };
  double worst = 0;
  for (std::size_t month = 0; month < 12; ++month) {
    auto ours = figures(billed->bills[month]);
    for (auto& [key, field] : lines) {
      double sam = m.at(key).at(month).get<double>();
      double diff = std::abs(ours.*field - sam);
      worst = std::max(worst, diff);
      CHECK_MESSAGE(diff <= kTolerance, name << " month " << month + 1 << " " << key << ": rateline " << ours.*field << ", SAM " << sam);
    }
  }
  return worst;
}

/// SAM's metering option 2 (tiers filled in time order): the energy charge.
double compare_chronological(const fs::path& dir, const nlohmann::json& expected, const std::string& name) {
  auto billed = bill_case(dir, rateline::UrdbTierAllocation::chronological);
  REQUIRE(billed);
  INFO("tariff (chronological tiers):\n" << billed->tariff_text);
  const auto& a = expected.at("alt_metering_option_2");
  double worst = 0;
  for (std::size_t month = 0; month < 12; ++month) {
    auto ours = figures(billed->bills[month]);
    double sam = a.at("energy_charge").at(month).get<double>();
    double diff = std::abs(ours.energy - sam);
    worst = std::max(worst, diff);
    CHECK_MESSAGE(diff <= kTolerance, name << " month " << month + 1 << " energy_charge (chronological tiers): rateline " << ours.energy << ", SAM " << sam);
  }
  return worst;
}

void check_case(const std::string& name) {
  if (!corpus_present()) return;
  const fs::path dir = corpus_dir() / name;
  REQUIRE_MESSAGE(fs::is_directory(dir), "corpus case missing: " << dir.string());
  auto expected = nlohmann::json::parse(slurp(dir / "expected.json"));
  INFO("case " << name);
  check_load(dir, expected);
  double worst = std::max(compare_primary(dir, expected, name), compare_chronological(dir, expected, name));
  MESSAGE(name << ": worst difference from SAM $" << worst);
}

}  // namespace

TEST_SUITE("corpus") {

#define RATELINE_CORPUS_TEST(name) \
  TEST_CASE("urdb corpus: " name) { check_case(name); }
RATELINE_URDB_CORPUS(RATELINE_CORPUS_TEST)
#undef RATELINE_CORPUS_TEST

TEST_CASE("urdb corpus: cases not listed above") {
  if (!corpus_present()) return;
  std::set<std::string> known(std::begin(kCases), std::end(kCases));
  std::vector<std::string> others;
  for (auto& entry : fs::directory_iterator(corpus_dir()))
    if (entry.is_directory() && fs::exists(entry.path() / "rate.json") && !known.count(entry.path().filename().string()))
      others.push_back(entry.path().filename().string());
  std::sort(others.begin(), others.end());
  for (auto& name : others) {
    SUBCASE(name.c_str()) { check_case(name); }
  }
}

}  // TEST_SUITE
