/* Memory bandwidth of this machine, and the bytes a member-step moves: the
 * bound that memory puts on the members' day (bench/README.md, figure 4).
 *
 * bench_bandwidth [MIB_PER_ARRAY [REPEATS [MAX_THREADS]]]
 * runs a STREAM triad a[i] = b[i] + s c[i] over three arrays of doubles,
 * each much larger than the caches (default 256 MiB), at 1, 2, 4 ...
 * threads up to MAX_THREADS (default 2), and prints the best of REPEATS
 * (default 10) in GB/s, counted as STREAM counts (24 bytes an element: two
 * read, one written; the cache line the write allocates is not counted).
 * Then it prints the bytes a member-step moves (member_step_bytes below). */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#include "models/world.h"

/* Bytes a member-step moves between memory and the core: the fields of
 * sq_members (models/world.h) that the members' day (sq_member_block and
 * member_arithmetic, models/engagement.c) touches for every member, each
 * read once and each written once:
 *   read: agent (the Philox counter) 4, engagement 4, belonging 4, fit 4,
 *         post_rate 4, inv_expectation 4, tyranny 4, leave_scale 4,
 *         sociability 4, shield_until 4, newcomer_until 4, join_day 4,
 *         flags 1  = 49
 *   written: engagement 4, belonging 4 = 8 (their lines are already in
 *         cache from the read, so no extra write-allocate read)
 * = 57 bytes.  Not counted:
 *   - the four 32-bit random words (16 bytes) and the block's temporaries
 *     (e, post and invitation rates as doubles, belonging, the out byte:
 *     29 bytes), about 45 bytes a member, 92 KiB for a block of 2,048
 *     members: they are written and read back within the block and stay
 *     in the core's L2 cache (1 MiB a core on Zen 5; this
 *     machine's VM does not list its caches);
 *   - what only the few members who write, invite or leave touch (posts,
 *     quality, inviter, the whole member on removal): proportional to
 *     events, not to members;
 *   - the groups' and the day's per-group work. */
static size_t member_step_bytes(void) {
  sq_members m;
  size_t read = sizeof *m.agent + sizeof *m.engagement + sizeof *m.belonging + sizeof *m.fit +
                sizeof *m.post_rate + sizeof *m.inv_expectation + sizeof *m.tyranny +
                sizeof *m.leave_scale + sizeof *m.sociability + sizeof *m.shield_until +
                sizeof *m.newcomer_until + sizeof *m.join_day + sizeof *m.flags;
  size_t written = sizeof *m.engagement + sizeof *m.belonging;
  return read + written;
}

int main(int argc, char **argv) {
  long mib = argc > 1 ? atol(argv[1]) : 256;
  int repeats = argc > 2 ? atoi(argv[2]) : 10;
  int max_threads = argc > 3 ? atoi(argv[3]) : 2;
  if (mib < 1 || repeats < 1 || max_threads < 1) {
    fprintf(stderr, "usage: bench_bandwidth [MIB_PER_ARRAY [REPEATS [MAX_THREADS]]] (each >= 1)\n");
    return 2;
  }
  size_t n = (size_t)mib * 1024 * 1024 / sizeof(double);
  double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *c = malloc(n * sizeof *c);
  if (!a || !b || !c) {
    fprintf(stderr, "bench_bandwidth: out of memory for 3 x %ld MiB\n", mib);
    return 1;
  }
  printf("triad a = b + s c over 3 arrays of %ld MiB, best of %d, 24 bytes an element\n", mib,
         repeats);
  for (int threads = 1; threads <= max_threads; threads *= 2) {
    /* first touch by the threads that use the pages */
#pragma omp parallel for num_threads(threads) schedule(static)
    for (size_t i = 0; i < n; i++) a[i] = 0, b[i] = 1, c[i] = 2;
    double best = 1e30;
    for (int r = 0; r < repeats; r++) {
      double s = 0.5 + r, t0 = omp_get_wtime();
#pragma omp parallel for num_threads(threads) schedule(static)
      for (size_t i = 0; i < n; i++) a[i] = b[i] + s * c[i];
      double t = omp_get_wtime() - t0;
      if (t < best) best = t;
    }
    if (a[n / 2] < 0) printf("?\n"); /* keeps the stores */
    printf("result threads=%d gb_per_s=%.3f seconds=%.6f\n", threads, 24.0 * (double)n / best / 1e9,
           best);
  }
  printf("result member_step_bytes=%zu\n", member_step_bytes());
  free(a), free(b), free(c);
  return 0;
}
