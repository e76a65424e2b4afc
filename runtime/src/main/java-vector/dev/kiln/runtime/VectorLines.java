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
