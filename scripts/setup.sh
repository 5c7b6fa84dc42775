#!/usr/bin/env bash
# Set up shequn on a Debian machine: install what is missing, build, and
# then run the default scenario or the tests.
#
#   bash scripts/setup.sh demo    build, run scenarios/well_run.json, plot it
#   bash scripts/setup.sh test    build and run the whole test suite
#   bash scripts/setup.sh build   build only
#   bash scripts/setup.sh mpi     also install Open MPI and build the MPI variant
#                                 (build-mpi/shequn, for `mpirun ... shequn sweep`)
#
# Packages are installed with apt-get (as root, or through sudo).  The build
# goes to build/ (Release).  Set SHEQUN_BUILD_DIR or CMAKE_ARGS to change it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

what=${1:-demo}
case $what in demo|test|build|mpi) ;; *)
  echo "usage: bash scripts/setup.sh [demo|test|build|mpi]" >&2; exit 2 ;;
esac

packages=(build-essential cmake pkg-config libgsl-dev libcjson-dev librandom123-dev
          gnuplot-nox fonts-wqy-microhei)
[ "$what" = mpi ] && packages+=(libopenmpi-dev openmpi-bin)
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
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release ${CMAKE_ARGS:-} >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
echo "setup: built $build/shequn"

case $what in
  demo)
    "$build/shequn" run scenarios/well_run.json --force # a rerun replaces its results
    "$build/shequn" plot out/well_run ;;
  test)
    ctest --test-dir "$build" --output-on-failure -j"$(nproc)" ;;
  build) ;;
  mpi)
    ctest --test-dir "$build" --output-on-failure -R sweep_mpi ;;
esac
