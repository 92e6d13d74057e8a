#!/usr/bin/env bash
# Set up and build rateline: install the Debian packages that are missing (only those),
# configure build/ once, then build incrementally. Safe to run again: nothing is
# reinstalled or rebuilt that is already there.
#   scripts/build.sh            # install what is missing + build
# CI=true turns warnings into errors.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake ninja-build make
  tao-pegtl-dev libboost-dev libhowardhinnant-date-dev tzdata
  doctest-dev nlohmann-json3-dev libcli11-dev libfmt-dev libbenchmark-dev
  pybind11-dev python3-dev python3-pytest python3-pandas valgrind
  libtomlplusplus-dev
  chromium chromium-driver python3-selenium
  python3-dask python3-distributed
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "rateline: installing missing packages: ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
# CI=true also builds the sanitizer subset (below); the normal build's CTest runs it as
# `sanitized.unit_tests` and `sanitized.bad_inputs` (tests/sanitized.cmake).
sanitized_dir=""
[ "${CI:-}" = "true" ] && sanitized_dir="$PWD/build-asan"
if [ ! -f build/CMakeCache.txt ] || ! grep -q "RATELINE_WERROR:BOOL=$werror" build/CMakeCache.txt ||
   ! grep -qx "RATELINE_SANITIZED_DIR:PATH=$sanitized_dir" build/CMakeCache.txt; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRATELINE_WERROR=$werror \
    -DRATELINE_SANITIZED_DIR="$sanitized_dir" >/dev/null
fi
cmake --build build -j "$(nproc)"

# build-asan/ is the `asan` preset (ASan + UBSan). RATELINE_ASAN=1 builds all of it, for
# `ctest --preset asan` (the whole suite) or `ctest --preset asan-ci`: a second full build,
# 11 minutes on 2 cores with a cold cache (measured). CI=true builds only the library, the
# CLI and rateline_sanitized_tests (the readers' and hardening unit tests), which the normal
# build's CTest runs with the bad-input catalogue: docs/limits.md gives what it adds to CI.
if [ "${RATELINE_ASAN:-}" = "1" ] || [ -n "$sanitized_dir" ]; then
  [ -f build-asan/CMakeCache.txt ] || cmake --preset asan >/dev/null
  if [ "${RATELINE_ASAN:-}" = "1" ]; then
    cmake --build build-asan -j "$(nproc)"
  fi
  cmake --build build-asan -j "$(nproc)" --target rateline_cli rateline_sanitized_tests
fi
