package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.fail;

/** Element-wise comparison with a stated tolerance that names the largest difference and where it is. */
final class Compare {
  private Compare() {}

  /** Largest {@code |actual - expected|} seen, for summaries. */
  record Result(double largest, int index) {}

  /**
   * Passes when every {@code |actual - expected| <= abs + rel * |expected|}; NaN must meet NaN and an
   * infinity the same infinity.
   */
  /** The largest finite magnitude in {@code values}, at least 1: the scale for absolute tolerances. */
  static double scale(float[] values) {
    double m = 1;
    for (float v : values) {
      if (Float.isFinite(v)) {
        m = Math.max(m, Math.abs(v));
      }
    }
    return m;
  }

  static Result assertClose(String what, float[] expected, float[] actual, double abs, double rel) {
    if (expected.length != actual.length) {
      fail(what + ": expected " + expected.length + " floats, got " + actual.length);
    }
    double largest = 0;
    int where = -1;
    int worst = -1;
    double worstExcess = 0;
    for (int i = 0; i < expected.length; i++) {
      float e = expected[i];
      float a = actual[i];
      if (Float.isNaN(e) || Float.isNaN(a) || Float.isInfinite(e) || Float.isInfinite(a)) {
        if (Float.compare(e, a) != 0 && !(Float.isNaN(e) && Float.isNaN(a))) {
          fail(what + ": at index " + i + " expected " + e + " but got " + a);
        }
        continue;
      }
      double diff = Math.abs((double) a - e);
      if (diff > largest) {
        largest = diff;
        where = i;
      }
      double excess = diff - (abs + rel * Math.abs(e));
      if (excess > worstExcess) {
        worstExcess = excess;
        worst = i;
      }
    }
    if (worst >= 0) {
      fail(String.format("%s: tolerance %.1e + %.1e*|expected| exceeded at index %d (expected %s, got %s); "
          + "largest difference %.3e at index %d (expected %s, got %s)", what, abs, rel, worst, expected[worst],
          actual[worst], largest, where, expected[where], actual[where]));
    }
    return new Result(largest, where);
  }
}
