/* log, exp and cos for loops the compiler vectorises: branch-free, built
 * from + - * / and bit operations only, so a vector lane, a scalar
 * remainder and every clone (models/rng.h, SQ_VECTOR_CLONES) give the same
 * bits on every x86-64 CPU.  libm's scalar calls stop vectorisation, and its
 * vector variants (libmvec) differ between instruction sets.  Relative
 * error below 1e-15 over the ranges stated (tests/test_vecmath.c). */
#ifndef SQ_VECMATH_H
#define SQ_VECMATH_H

#include <stdint.h>
#include <string.h>

static inline uint64_t sq_bits_of(double x) {
  uint64_t b;
  memcpy(&b, &x, sizeof b);
  return b;
}

static inline double sq_double_of(uint64_t b) {
  double x;
  memcpy(&x, &b, sizeof x);
  return x;
}

/* Natural log of a normal positive double (no zero, subnormal, infinity or
 * NaN): x = 2^e m with m in [sqrt(1/2), sqrt(2)), log m = 2 atanh(s) with
 * s = (m - 1) / (m + 1), |s| < 0.1716, as a series in s^2. */
static inline double sq_vlog(double x) {
  uint64_t b = sq_bits_of(x);
  /* the biased exponent as a double, with no integer conversion (AVX2 has
   * none from 64 bits): 2^52 + k has k in its low mantissa bits */
  double e = sq_double_of(0x4330000000000000ull | (b >> 52)) - (0x1p52 + 1023);
  double m = sq_double_of((b & 0x000FFFFFFFFFFFFFull) | 0x3FF0000000000000ull);
  int big = m > 1.4142135623730951;
  m = big ? m * 0.5 : m;
  e = big ? e + 1 : e;
  double s = (m - 1) / (m + 1), s2 = s * s;
  double p = 1.0 / 21;
  p = p * s2 + 1.0 / 19;
  p = p * s2 + 1.0 / 17;
  p = p * s2 + 1.0 / 15;
  p = p * s2 + 1.0 / 13;
  p = p * s2 + 1.0 / 11;
  p = p * s2 + 1.0 / 9;
  p = p * s2 + 1.0 / 7;
  p = p * s2 + 1.0 / 5;
  p = p * s2 + 1.0 / 3;
  p = p * s2 + 1;
  /* ln 2 split in a high part with a short mantissa and the rest */
  return e * 0.693147180369123816490 + (e * 1.90821492927058770002e-10 + 2 * s * p);
}

/* e^y for y <= 0 (0 below -708): y = n ln 2 + r, |r| <= ln 2 / 2, e^r by
 * its Taylor series, times 2^n built in the exponent bits. */
static inline double sq_vexp_neg(double y) {
  const double round = 0x1.8p52; /* adding it rounds to an integer, kept in the low bits */
  y = y < -708 ? -708 : y;
  double shifted = y * 1.4426950408889634 + round, n = shifted - round;
  double r = (y - n * 0.693147180369123816490) - n * 1.90821492927058770002e-10;
  double p = 1.0 / 6227020800; /* 1/13! */
  p = p * r + 1.0 / 479001600;
  p = p * r + 1.0 / 39916800;
  p = p * r + 1.0 / 3628800;
  p = p * r + 1.0 / 362880;
  p = p * r + 1.0 / 40320;
  p = p * r + 1.0 / 5040;
  p = p * r + 1.0 / 720;
  p = p * r + 1.0 / 120;
  p = p * r + 1.0 / 24;
  p = p * r + 1.0 / 6;
  p = p * r + 0.5;
  p = p * r + 1;
  p = p * r + 1;
  double scale = sq_double_of((sq_bits_of(shifted) + 1023) << 52); /* 2^n, n >= -1022 */
  return y <= -708 ? 0 : p * scale;
}

/* cos(2 pi u) for u in [0, 1]: folded to an angle t in [0, pi/2] and a
 * sign, then cos t by its Taylor series to t^20. */
static inline double sq_vcos2pi(double u) {
  double f = u > 0.5 ? 1 - u : u;        /* cos(2 pi u) = cos(2 pi (1 - u)) */
  double sign = f > 0.25 ? -1.0 : 1.0;   /* cos(pi - t) = -cos t */
  f = f > 0.25 ? 0.5 - f : f;
  double t = 6.283185307179586477 * f, t2 = t * t;
  double p = 1.0 / 2432902008176640000.0; /* 1/20! */
  p = -p * t2 + 1.0 / 6402373705728000.0;
  p = -p * t2 + 1.0 / 20922789888000.0;
  p = -p * t2 + 1.0 / 87178291200.0;
  p = -p * t2 + 1.0 / 479001600.0;
  p = -p * t2 + 1.0 / 3628800.0;
  p = -p * t2 + 1.0 / 40320.0;
  p = -p * t2 + 1.0 / 720.0;
  p = -p * t2 + 1.0 / 24.0;
  p = -p * t2 + 0.5;
  p = -p * t2 + 1;
  return sign * p;
}

#endif
