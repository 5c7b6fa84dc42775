#!/usr/bin/env bash
# A sweep spread over MPI ranks (rank 0 hands out work, the others run it)
# writes files byte-identical to those of a single process.
#   bash tests/sweep_mpi.sh /path/to/shequn /path/to/mpiexec
set -u
shequn=$1
mpiexec=$2
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
sweep=tests/sweeps/resume.json
# root in CI containers; more ranks than cores on small machines
mpi=("$mpiexec" --allow-run-as-root --oversubscribe)

"$shequn" sweep $sweep -o "$tmp/one" --threads 2 >/dev/null || { echo "FAIL: one process"; exit 1; }
for np in 2 3; do
  if ! "${mpi[@]}" -np $np "$shequn" sweep $sweep -o "$tmp/np$np" --threads 1 > "$tmp/np$np.log" 2>&1; then
    echo "FAIL: mpirun -np $np"; cat "$tmp/np$np.log"; fail=1; continue
  fi
  grep -q "x $np ranks" "$tmp/np$np.log" || { echo "FAIL: -np $np did not run on $np ranks"; fail=1; }
  same=1
  for f in runs.csv points.csv sensitivity.csv sweep.json; do
    cmp -s "$tmp/one/$f" "$tmp/np$np/$f" || { same=0; echo "      $f differs"; }
  done
  [ $same = 1 ] && echo "PASS: $np ranks: files byte-identical to one process" || { echo "FAIL: $np ranks"; fail=1; }
done
exit $fail
