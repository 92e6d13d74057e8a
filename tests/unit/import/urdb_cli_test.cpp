// The command line end to end: `rateline import urdb` writes a tariff that `rateline check`
// accepts, and `rateline bill` bills a SAM load file (kW_60min, --start) month by month.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include "test_paths.hpp"

namespace {

namespace fs = std::filesystem;

struct Run {
  int status = -1;
  std::string out;
  std::string err;
};

/// Runs the CLI with `args` in `dir`; stdout and stderr captured through files.
Run run(const fs::path& dir, const std::string& args) {
  auto out = dir / "stdout.txt", err = dir / "stderr.txt";
  std::string command = "cd '" + dir.string() + "' && '" + std::string(RATELINE_CLI) + "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
  int raw = std::system(command.c_str());
  Run r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  };
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("rateline-urdb-cli-" + std::to_string(::getpid()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

}  // namespace

TEST_SUITE("import") {

TEST_CASE("cli: import urdb, check, and bill a SAM load by month") {
  TempDir tmp;
  write(tmp.path / "rate.json", R"({"name": "Flat", "label": "x1", "startdate": 1514764800,
    "energyratestructure": [[{"max": 500, "rate": 0.1, "unit": "kWh"}, {"rate": 0.05, "unit": "kWh"}]],
    "flatdemandstructure": [[{"rate": 2}]], "flatdemandmonths": [0,0,0,0,0,0,0,0,0,0,0,0],
    "fixedchargefirstmeter": 10, "fixedchargeunits": "$/month", "demandwindow": 15})");
  // 1 kW every hour, 3 kW at 2018-01-10 17:00
  std::string load = "kW_60min\n";
  for (int h = 0; h < 8760; ++h) load += h == 9 * 24 + 17 ? "3\n" : "1\n";
  write(tmp.path / "load.csv", load);

  auto imported = run(tmp.path, "import urdb rate.json -o rate.tariff");
  INFO(imported.err);
  REQUIRE(imported.status == 0);
  CHECK(fs::exists(tmp.path / "rate.tariff"));
  auto checked = run(tmp.path, "check rate.tariff");
  INFO(checked.err);
  CHECK(checked.status == 0);

  // the tariff's 15-minute demand window needs the policy that takes demand from the data
  auto refused = run(tmp.path, "bill rate.tariff --usage load.csv --start 2018-01-01 --from 2018-01-01 --to 2019-01-01 --cycle monthly --format json");
  CHECK(refused.status == 1);
  CHECK(refused.err.find("B0002") != std::string::npos);

  auto billed = run(tmp.path, "bill rate.tariff --usage load.csv --start 2018-01-01 --from 2018-01-01 --to 2019-01-01 --cycle monthly "
                              "--format json --demand-window data");
  INFO(billed.err);
  REQUIRE(billed.status == 0);
  auto json = nlohmann::json::parse(billed.out);
  REQUIRE(json.at("bills").size() == 12);
  // January: 744 kWh + 2 extra = 746: 500 × 0.1 + 246 × 0.05 = 62.3; demand 3 kW × 2 = 6; fixed 10
  CHECK(json["bills"][0]["total"] == "78.30");
  // February: 672 kWh: 50 + 8.6; demand 1 kW × 2; fixed 10
  CHECK(json["bills"][1]["total"] == "70.60");
  CHECK(json["bills"][0]["period"]["from"] == "2018-01-01");
  CHECK(json["bills"][11]["period"]["to"] == "2019-01-01");
}

TEST_CASE("cli: import urdb refuses what it cannot carry, to stdout nothing") {
  TempDir tmp;
  write(tmp.path / "rate.json", R"({"name": "Ratchet", "energyratestructure": [[{"rate": 0.1}]], "lookbackpercent": 0.8})");
  auto r = run(tmp.path, "import urdb rate.json");
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("rate.json:1:") != std::string::npos);
  CHECK(r.err.find("error[I0005]") != std::string::npos);
  auto usage = run(tmp.path, "import urdb rate.json --tiers sometimes");
  CHECK(usage.status == 2);
}

}  // TEST_SUITE
