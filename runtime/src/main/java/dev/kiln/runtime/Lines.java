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

  /**
   * The rows of a pooling window reduced in one sweep: {@code acc[i]} = the maximum, or when
   * {@code average} the sum in row order, of {@code x[xOff + k * stride + i]} over rows
   * {@code k < count}, for {@code i < n}. The same operations in the same order as a copy of the first
   * row then {@link #max}/{@link #add} of each further one.
   */
  void rows(float[] acc, float[] x, int xOff, int stride, int count, int n, boolean average) {
    System.arraycopy(x, xOff, acc, 0, n);
    for (int k = 1; k < count; k++) {
      if (average) {
        add(acc, 0, x, xOff + k * stride, n);
      } else {
        max(acc, 0, x, xOff + k * stride, n);
      }
    }
  }

  /**
   * One output row of a pooling layer from its {@link #rows reduced rows}: output pixel {@code ox}
   * (its {@code n} channels from {@code outOff + ox * n}) is the {@link #window} over the columns
   * {@code [max(ox * step - left, 0), min(ox * step - left + pool, width))} of {@code src}, so a window
   * clipped by padding reads only real columns, and an average divides by {@code rows} times the
   * columns it read.
   */
  void windows(float[] out, int outOff, float[] src, int outWidth, int step, int left, int pool, int width, int n,
      boolean average, int rows) {
    for (int ox = 0; ox < outWidth; ox++) {
      int x0 = Math.max(ox * step - left, 0);
      int x1 = Math.min(ox * step - left + pool, width);
      window(out, outOff + ox * n, src, x0 * n, x1 - x0, n, n, average, 1f / (rows * (x1 - x0)));
    }
  }

  /** {@code a[off + i] *= s} for {@code i < n}. */
  void scale(float[] a, int off, int n, float s) {
    for (int i = 0; i < n; i++) {
      a[off + i] *= s;
    }
  }
}
