package dev.kiln.runtime;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Lines} on the JDK Vector API: whole vectors, then the plain loop for the tail. Loaded
 * reflectively by {@link Simd} only when {@code jdk.incubator.vector} is in the boot layer.
 */
final class VectorLines extends Lines {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  @Override
  void max(float[] acc, int accOff, float[] x, int xOff, int n) {
    int whole = S.loopBound(n);
    int i = 0;
    for (; i < whole; i += L) {
      FloatVector.fromArray(S, acc, accOff + i).max(FloatVector.fromArray(S, x, xOff + i)).intoArray(acc, accOff + i);
    }
    super.max(acc, accOff + i, x, xOff + i, n - i);
  }

  @Override
  void add(float[] acc, int accOff, float[] x, int xOff, int n) {
    int whole = S.loopBound(n);
    int i = 0;
    for (; i < whole; i += L) {
      FloatVector.fromArray(S, acc, accOff + i).add(FloatVector.fromArray(S, x, xOff + i)).intoArray(acc, accOff + i);
    }
    super.add(acc, accOff + i, x, xOff + i, n - i);
  }

  @Override
  void window(float[] out, int outOff, float[] src, int srcOff, int count, int step, int n, boolean average,
      float scale) {
    int whole = S.loopBound(n);
    int i = 0;
    for (; i < whole; i += L) {
      FloatVector v = FloatVector.fromArray(S, src, srcOff + i);
      for (int k = 1; k < count; k++) {
        FloatVector x = FloatVector.fromArray(S, src, srcOff + k * step + i);
        v = average ? v.add(x) : v.max(x);
      }
      (average ? v.mul(scale) : v).intoArray(out, outOff + i);
    }
    super.window(out, outOff + i, src, srcOff + i, count, step, n - i, average, scale);
  }

  /** Two and three rows (the pools real networks use) in registers; more through the pairwise passes. */
  @Override
  void rows(float[] acc, float[] x, int xOff, int stride, int count, int n, boolean average) {
    if (count != 2 && count != 3) {
      super.rows(acc, x, xOff, stride, count, n, average);
      return;
    }
    int whole = S.loopBound(n);
    int r1 = xOff + stride;
    int r2 = xOff + (count - 1) * stride; // the third row, or the second again (unused) for two
    int i = 0;
    if (average && count == 2) {
      for (; i < whole; i += L) {
        FloatVector.fromArray(S, x, xOff + i).add(FloatVector.fromArray(S, x, r1 + i)).intoArray(acc, i);
      }
    } else if (average) {
      for (; i < whole; i += L) {
        FloatVector.fromArray(S, x, xOff + i).add(FloatVector.fromArray(S, x, r1 + i))
            .add(FloatVector.fromArray(S, x, r2 + i)).intoArray(acc, i);
      }
    } else if (count == 2) {
      for (; i < whole; i += L) {
        FloatVector.fromArray(S, x, xOff + i).max(FloatVector.fromArray(S, x, r1 + i)).intoArray(acc, i);
      }
    } else {
      for (; i < whole; i += L) {
        FloatVector.fromArray(S, x, xOff + i).max(FloatVector.fromArray(S, x, r1 + i))
            .max(FloatVector.fromArray(S, x, r2 + i)).intoArray(acc, i);
      }
    }
    // the tail as the plain definition does it: a copy of the first row, the others reduced into it
    System.arraycopy(x, xOff + i, acc, i, n - i);
    for (int k = 1; k < count; k++) {
      if (average) {
        super.add(acc, i, x, xOff + k * stride + i, n - i);
      } else {
        super.max(acc, i, x, xOff + k * stride + i, n - i);
      }
    }
  }

  /**
   * Windows of two and three columns (every window of a 2x2 or 3x3 pool but those clipped to one
   * column) straight from registers; other widths through {@link #window}. One call per output row:
   * with 64 channels a window is four vectors, so a call per pixel cost more than its loads.
   */
  @Override
  void windows(float[] out, int outOff, float[] src, int outWidth, int step, int left, int pool, int width, int n,
      boolean average, int rows) {
    int whole = S.loopBound(n);
    for (int ox = 0; ox < outWidth; ox++, outOff += n) {
      int x0 = Math.max(ox * step - left, 0);
      int x1 = Math.min(ox * step - left + pool, width);
      int count = x1 - x0;
      float scale = 1f / (rows * count);
      if (whole < n || (count != 2 && count != 3)) {
        window(out, outOff, src, x0 * n, count, n, n, average, scale);
        continue;
      }
      int c0 = x0 * n;
      int c1 = c0 + n;
      int c2 = c0 + (count - 1) * n; // the third column, or the second again (unused) for two
      if (average && count == 2) {
        for (int i = 0; i < n; i += L) {
          FloatVector.fromArray(S, src, c0 + i).add(FloatVector.fromArray(S, src, c1 + i)).mul(scale)
              .intoArray(out, outOff + i);
        }
      } else if (average) {
        for (int i = 0; i < n; i += L) {
          FloatVector.fromArray(S, src, c0 + i).add(FloatVector.fromArray(S, src, c1 + i))
              .add(FloatVector.fromArray(S, src, c2 + i)).mul(scale).intoArray(out, outOff + i);
        }
      } else if (count == 2) {
        for (int i = 0; i < n; i += L) {
          FloatVector.fromArray(S, src, c0 + i).max(FloatVector.fromArray(S, src, c1 + i)).intoArray(out, outOff + i);
        }
      } else {
        for (int i = 0; i < n; i += L) {
          FloatVector.fromArray(S, src, c0 + i).max(FloatVector.fromArray(S, src, c1 + i))
              .max(FloatVector.fromArray(S, src, c2 + i)).intoArray(out, outOff + i);
        }
      }
    }
  }

  @Override
  void scale(float[] a, int off, int n, float s) {
    int whole = S.loopBound(n);
    int i = 0;
    for (; i < whole; i += L) {
      FloatVector.fromArray(S, a, off + i).mul(s).intoArray(a, off + i);
    }
    super.scale(a, off + i, n - i, s);
  }
}
