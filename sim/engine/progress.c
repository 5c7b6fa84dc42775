#include "sim/engine/progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

double sq_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void draw(sq_progress *p, double now) {
  double share = p->total ? (double)p->done / (double)p->total : 1.0;
  int width = 30, filled = (int)(share * width);
  double elapsed = now - p->started;
  double eta = share > 0 ? elapsed * (1 - share) / share : 0;
  char bar[64];
  for (int i = 0; i < width; i++) bar[i] = i < filled ? '#' : '.';
  bar[width] = '\0';
  fprintf(stderr, "\r%s [%s] %3.0f%%  %.0fs elapsed, ETA %.0fs ", p->label, bar, 100 * share,
          elapsed, eta);
  fflush(stderr);
#pragma omp atomic write
  p->last_drawn = now;
}

void sq_progress_start(sq_progress *p, const char *label, uint64_t total) {
  p->enabled = isatty(STDERR_FILENO);
  p->label = label;
  p->total = total;
  p->done = 0;
  p->started = sq_seconds();
  p->last_drawn = 0;
}

void sq_progress_add(sq_progress *p, uint64_t n) {
  uint64_t done;
#pragma omp atomic capture
  done = p->done += n;
  (void)done;
  if (!p->enabled) return;
  double now = sq_seconds(), last;
#pragma omp atomic read
  last = p->last_drawn;
  if (now - last < 0.1) return;
#pragma omp critical(sq_progress_draw)
  if (now - p->last_drawn >= 0.1) draw(p, now);
}

void sq_progress_finish(sq_progress *p) {
  if (!p->enabled) return;
  draw(p, sq_seconds());
  fputc('\n', stderr);
}
