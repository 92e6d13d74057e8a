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
if [ ! -f build/CMakeCache.txt ] || ! grep -q "RATELINE_WERROR:BOOL=$werror" build/CMakeCache.txt; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRATELINE_WERROR=$werror >/dev/null
fi
cmake --build build -j "$(nproc)"

# RATELINE_ASAN=1 also builds build-asan/ (the `asan` preset: ASan + UBSan) for
# `ctest --preset asan-ci` (the bad-input catalogue, the hardening, usage and URDB tests and
# the install test under sanitizers). Off by default: it is a second full build (11 minutes on 2
# cores with a cold ccache, measured; the whole suite under ASan then takes 2.5 minutes),
# which CI runs only when asked. docs/limits.md.
if [ "${RATELINE_ASAN:-}" = "1" ]; then
  [ -f build-asan/CMakeCache.txt ] || cmake --preset asan >/dev/null
  cmake --build build-asan -j "$(nproc)"
fi
