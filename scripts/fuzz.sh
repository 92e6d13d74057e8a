#!/usr/bin/env bash
# Fuzz rateline with libFuzzer (tests/fuzz/): build the targets with clang + ASan + UBSan in
# build-fuzz/, seed each from the project's own files, and run each for a stated time.
#   scripts/fuzz.sh                 # every target, 60 s each
#   FUZZ_SECONDS=300 scripts/fuzz.sh tariff urdb
#   FUZZ_SANITIZE=undefined scripts/fuzz.sh reads   # UBSan only, in build-fuzz-undefined/:
#       more executions per second than ASan, for long campaigns
# Needs Debian's clang and libclang-rt-14-dev (libFuzzer), which scripts/build.sh does not
# install (CI does not fuzz):  apt-get install -y --no-install-recommends clang libclang-rt-14-dev
# A crash, leak, timeout or broken promise is written to build-fuzz*/findings/TARGET/; copy it
# into tests/fuzz/regressions/TARGET/ so the normal suite replays it for ever after.
# Prints "TARGET: N executions in S s" for each target, and exits 1 if any found something.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
sanitize=${FUZZ_SANITIZE:-address,undefined}
dir=build-fuzz
[ "$sanitize" = "address,undefined" ] || dir="build-fuzz-${sanitize//,/-}"
targets=("$@")
((${#targets[@]})) || targets=(tariff usage reads urdb batch)

if [ ! -f "$dir/CMakeCache.txt" ]; then
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  CXX=clang++ cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRATELINE_FUZZ=ON \
    -DRATELINE_SANITIZE="$sanitize" -DRATELINE_BUILD_PYTHON=OFF -DRATELINE_BUILD_BENCH=OFF "${launcher[@]}" >/dev/null
fi
cmake --build "$dir" -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

# Seeds: the project's own tariffs, usage files, reads and URDB rates. The usage and reads
# targets take a first byte that picks the read options; every seed is given each policy.
/usr/bin/python3 - "$dir" "${targets[@]}" <<'PY'
import glob, os, sys
def put(target, name, data):
    d = os.path.join(sys.argv[1], "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)
def read(path):
    with open(path, "rb") as f:
        return f.read()
for target in sys.argv[2:]:
    if target == "tariff":
        for p in glob.glob("tariffs/*.tariff") + glob.glob("examples/language/*.tariff") + glob.glob("tests/data/tariffs/*"):
            put(target, os.path.basename(p), read(p))
    elif target == "usage":
        for p in glob.glob("examples/usage/*") + glob.glob("tests/data/usage/*") + ["tests/data/usage_bad_values.csv"]:
            data = read(p)[:200_000]
            for policy in (0, 1, 8, 9, 16 | 8, 64 | 8):
                put(target, "%s.%d" % (os.path.basename(p), policy), bytes([policy]) + data)
    elif target == "reads":
        for p in glob.glob("tests/data/reads*.csv") + glob.glob("tests/data/reads/*"):
            put(target, os.path.basename(p), b"\0" + read(p))
    elif target == "batch":
        # First byte: options (fuzz_entries.hpp); then an accounts table, NUL, long usage.
        # The accounts name the target's own tariffs `flat` and `tou`; July-August 2024.
        import datetime
        def rows(account, days, step_minutes, value="1.250", zone="Z"):
            out, t = [], datetime.datetime(2024, 7, 1)
            for _ in range(days * 1440 // step_minutes):
                out.append("%s,%s%s,%s\n" % (account, t.strftime("%Y-%m-%dT%H:%M"), zone, value))
                t += datetime.timedelta(minutes=step_minutes)
            return "".join(out)
        accounts = ("# CIS export\naccount,tariff,service_start,service_end,attr:location,past_due,due_date,paid_on\n"
                    "A1,flat,,,inside,,,\nA2,tou,2024-07-16,,,120.00,2024-06-20,\nA3,flat,,2024-08-11,,,,\nA4,tou,,,,,,\n")
        usage = ("account,start,kwh,kwh_received\n" + rows("A1", 62, 1440).replace("Z,1.250", "Z,30.5,0") +
                 rows("A2", 62, 1440, "24.000,1.5") + rows("A3", 20, 60, "0.5,0"))
        seeds = {"intervals": accounts + "\0" + usage,
                 "any_order": accounts + "\0" + "account,start,kwh\n" + rows("A3", 2, 60) + rows("A1", 2, 60) + rows("A3", 1, 1440),
                 "local_time": "account,tariff\nL1,flat\n\0account,kw,start\n" +
                               "".join("L1,%d.5,2024-11-03 %02d:00\n" % (h, h) for h in range(24)),
                 "no_usage": "account,tariff\r\nN1,flat\r\nN2,tou\r\n"}
        for p in glob.glob("tests/data/reads*.csv") + glob.glob("tests/data/reads/*"):
            lines = read(p).decode("utf-8", "replace").splitlines()
            if lines and lines[0].startswith("meter,"):
                seeds["reads_" + os.path.basename(p)] = ("account,tariff\nR1,flat\nR2,tou\n\0account," + lines[0] + "\n" +
                    "".join("R1,%s\n" % l for l in lines[1:]) + "".join("R2,%s\n" % l for l in lines[1:]))
        for name, text in seeds.items():
            for flags in ((1,) if name.startswith("reads_") else (0, 2, 4, 8, 16)):
                put(target, "%s.%d" % (name, flags), bytes([flags]) + text.encode()[:65000])
    elif target == "urdb":
        for p in glob.glob("../shared/corpus/urdb/*/rate.json"):
            put(target, os.path.basename(os.path.dirname(p)) + ".json", read(p))
    for p in glob.glob("tests/fuzz/regressions/%s/*" % target):
        put(target, "regression." + os.path.basename(p), read(p))
PY

status=0
for t in "${targets[@]}"; do
  mkdir -p "$dir/findings/$t" "$dir/work/$t"
  log="$dir/fuzz_$t.log"
  # work/ collects new inputs; corpus/ stays the seeds. -max_len 64 KiB: tariffs and rates
  # are small; the limits themselves are tested by the catalogue.
  if ! ASAN_OPTIONS=detect_leaks=1 "$dir/tests/fuzz_$t" "$dir/work/$t" "$dir/corpus/$t" \
      -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$dir/findings/$t/" >"$log" 2>&1; then
    status=1
    echo "$t: FOUND something, see $log and $dir/findings/$t/" >&2
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  echo "$t: $runs executions in $seconds s"
  # Every run is kept in a log beside the build, so a campaign's total can be added up.
  echo "$(date -u +%FT%TZ) $t $sanitize $runs $seconds" >>"$dir/runs.log"
done
exit $status
