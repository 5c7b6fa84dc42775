#!/usr/bin/env bash
# Set up shequn on a Debian machine: install what is missing, build, and
# then run the default scenario or the tests.
#
#   bash scripts/setup.sh demo    build, run scenarios/well_run.json, plot it
#   bash scripts/setup.sh test    build and run the whole test suite
#   bash scripts/setup.sh build   build only
#   bash scripts/setup.sh mpi     also install Open MPI and build the MPI variant
#                                 (build-mpi/shequn, for `mpirun ... shequn sweep`)
#   bash scripts/setup.sh tsan    also install clang and LLVM's OpenMP (libomp, with
#                                 its ThreadSanitizer support, libarcher) and build
#                                 the ThreadSanitizer variant build-tsan/
#   bash scripts/setup.sh fuzz    also install clang and libFuzzer and build the
#                                 fuzz targets build-fuzz/fuzz/ (docs/SECURITY.md)
#
# Packages are installed with apt-get (as root, or through sudo).  The build
# goes to build/ (Release).  Set SHEQUN_BUILD_DIR or CMAKE_ARGS to change it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

what=${1:-demo}
case $what in demo|test|build|mpi|tsan|fuzz) ;; *)
  echo "usage: bash scripts/setup.sh [demo|test|build|mpi|tsan|fuzz]" >&2; exit 2 ;;
esac

packages=(build-essential cmake pkg-config libgsl-dev libcjson-dev librandom123-dev
          gnuplot-nox fonts-wqy-microhei libmicrohttpd-dev)
# tests/schema.sh; tests/serve_api.sh and serve_browser.sh (`shequn serve`)
[ "$what" = test ] && packages+=(python3-jsonschema curl chromium)
[ "$what" = mpi ] && packages+=(libopenmpi-dev openmpi-bin)
[ "$what" = tsan ] && packages+=(clang-14 libomp-14-dev llvm-14)
[ "$what" = fuzz ] && packages+=(clang-14 libclang-rt-14-dev llvm-14)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build=${SHEQUN_BUILD_DIR:-build}
if [ "$what" = mpi ]; then
  build=${SHEQUN_BUILD_DIR:-build-mpi}
  CMAKE_ARGS="${CMAKE_ARGS:-} -DSHEQUN_MPI=ON"
fi
if [ "$what" = tsan ] || [ "$what" = fuzz ]; then
  # clang: its libomp tells ThreadSanitizer of OpenMP's synchronisation
  # (gcc's libgomp does not), and it has libFuzzer
  build=${SHEQUN_BUILD_DIR:-build-$what}
  export CC=clang-14
  option=SHEQUN_TSAN
  [ "$what" = fuzz ] && option=SHEQUN_FUZZ
  CMAKE_ARGS="-DCMAKE_BUILD_TYPE=RelWithDebInfo -D$option=ON ${CMAKE_ARGS:-}"
fi
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release ${CMAKE_ARGS:-} >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
echo "setup: built $build/shequn"

case $what in
  demo)
    "$build/shequn" run scenarios/well_run.json --force # a rerun replaces its results
    "$build/shequn" plot out/well_run ;;
  test)
    ctest --test-dir "$build" --output-on-failure -j"$(nproc)" ;;
  build|tsan|fuzz) ;;
  mpi)
    ctest --test-dir "$build" --output-on-failure -R sweep_mpi ;;
esac
