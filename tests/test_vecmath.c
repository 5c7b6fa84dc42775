/* models/vecmath.h against libm: the vectorisable log, exp and cos must be
 * as accurate as the interest draws assume (relative error below 1e-15,
 * a few units in the last place), over their stated ranges, and give the
 * same bits whether or not the compiler vectorised the loop. */
#include <math.h>
#include <stdint.h>

#include "check.h"
#include "models/vecmath.h"
#include "models/rng.h"

enum { N = 1000000 };

static double rel(double got, double want) { return fabs(got - want) / fabs(want); }

int main(void) {
  static double x[N], out[N];
  double worst_log = 0, worst_exp = 0, worst_cos = 0;
  /* log over (0, 1) from 32-bit words, as the draws use it, and over the
   * normal doubles from 1e-300 to 1e300 */
  for (uint32_t i = 0; i < N; i++) {
    sq_bits4 b = sq_philox(2385, 0, 0, i, SQ_DRAW_INTEREST, 0);
    double u = sq_u01(b.v[0]);
    worst_log = fmax(worst_log, fabs(sq_vlog(u) - log(u)) / fmax(fabs(log(u)), 1e-300));
    double wide = pow(10, -300 + 600 * sq_u01(b.v[1]));
    if (fabs(wide - 1) > 1e-3) worst_log = fmax(worst_log, rel(sq_vlog(wide), log(wide)));
    double y = -708 * sq_u01(b.v[2]);
    worst_exp = fmax(worst_exp, rel(sq_vexp_neg(y), exp(y)));
    double c = sq_u01(b.v[3]);
    worst_cos = fmax(worst_cos, fabs(sq_vcos2pi(c) - cos(2 * M_PI * c)));
    x[i] = u;
  }
  CHECK(worst_log < 1e-15, "log: worst relative error %.2e (below 1e-15; near 1 measured "
        "against log's own size)", worst_log);
  CHECK(worst_exp < 1e-15, "exp on [-708, 0]: worst relative error %.2e", worst_exp);
  CHECK(worst_cos < 1e-15, "cos(2 pi u) on (0, 1): worst absolute error %.2e", worst_cos);
  CHECK(sq_vlog(1.0) == 0 && sq_vexp_neg(0) == 1 && sq_vcos2pi(0) == 1 && sq_vcos2pi(0.5) == -1,
        "exact at 1, 0, 0 and 1/2");
  CHECK(sq_vexp_neg(-1000) < 1e-300 && sq_vexp_neg(-1000) >= 0, "exp far below -708 is ~0 (%g)",
        sq_vexp_neg(-1000));
  /* a loop the compiler may vectorise against one value at a time */
  for (uint32_t i = 0; i < N; i++) out[i] = sq_vlog(x[i]) + sq_vexp_neg(-x[i]) + sq_vcos2pi(x[i]);
  int same = 1;
  for (uint32_t i = 0; i < N; i += 997) {
    volatile double v = x[i]; /* kept out of any vector */
    same &= out[i] == sq_vlog(v) + sq_vexp_neg(-v) + sq_vcos2pi(v);
  }
  CHECK(same, "a vectorised loop gives the bits of single calls");
  return CHECK_DONE();
}
