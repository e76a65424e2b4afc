package dev.kiln.shape;

/**
 * Saturating arithmetic for sizes and counts: a product or sum that overflows a {@code long} is
 * {@link Long#MAX_VALUE}, so absurd attribute values give "too large" diagnostics, never wrapped
 * negative numbers. Factors are sizes: zero or more.
 */
final class Counts {
  private Counts() {}

  static long product(long... factors) {
    long result = 1;
    for (long f : factors) {
      result = multiply(result, f);
    }
    return result;
  }

  static long multiply(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
  }

  /** The exact product, for messages about sizes that overflow. */
  static java.math.BigInteger exact(long... factors) {
    java.math.BigInteger result = java.math.BigInteger.ONE;
    for (long f : factors) {
      result = result.multiply(java.math.BigInteger.valueOf(f));
    }
    return result;
  }

  static long add(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
