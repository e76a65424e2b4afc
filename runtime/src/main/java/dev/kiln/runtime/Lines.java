package dev.kiln.runtime;

/**
 * Element-wise loops over one contiguous run of floats, the inner loops of pooling: {@code acc[i] =
 * max(acc[i], x[i])}, {@code acc[i] += x[i]} and {@code a[i] *= s}. Plain Java here; C2 does not
 * vectorise these loops itself when both runs are float arrays it cannot prove distinct (3 floats per
 * ns on Zen 5, JDK 17 and 25), so {@link Simd#lines} gives {@code VectorLines} when the Vector API is
 * present. Both apply the same operation to each element in the same order, so their results are
 * identical (max is {@link Math#max}: NaN wins, -0.0 is below 0.0).
 */
class Lines {

  /** {@code acc[accOff + i] = max(acc[accOff + i], x[xOff + i])} for {@code i < n}. */
  void max(float[] acc, int accOff, float[] x, int xOff, int n) {
    for (int i = 0; i < n; i++) {
      acc[accOff + i] = Math.max(acc[accOff + i], x[xOff + i]);
    }
  }

  /** {@code acc[accOff + i] += x[xOff + i]} for {@code i < n}. */
  void add(float[] acc, int accOff, float[] x, int xOff, int n) {
    for (int i = 0; i < n; i++) {
      acc[accOff + i] += x[xOff + i];
    }
  }

  /**
   * One pooling window over {@code count} runs of {@code n} floats, {@code step} apart from
   * {@code srcOff}: {@code out[outOff + i]} = the maximum, or when {@code average} the sum in run order
   * times {@code scale}. The same operations in the same order as {@link #max}/{@link #add} then
   * {@link #scale} on a copy of the first run, the vector version keeping the partial results in registers.
   */
  void window(float[] out, int outOff, float[] src, int srcOff, int count, int step, int n, boolean average,
      float scale) {
    System.arraycopy(src, srcOff, out, outOff, n);
    for (int k = 1; k < count; k++) {
      if (average) {
        add(out, outOff, src, srcOff + k * step, n);
      } else {
        max(out, outOff, src, srcOff + k * step, n);
      }
    }
    if (average) {
      scale(out, outOff, n, scale);
    }
  }

  /** {@code a[off + i] *= s} for {@code i < n}. */
  void scale(float[] a, int off, int n, float s) {
    for (int i = 0; i < n; i++) {
      a[off + i] *= s;
    }
  }
}
