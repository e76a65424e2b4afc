package dev.kiln.runtime;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernels of {@link VectorGemm} for machines with 16 vector registers (AVX2, or any JVM
 * whose preferred vectors are narrower than 512 bits): four pixels by one or two vectors, at most 8
 * accumulators, 2 weight vectors and a broadcast. Same contract as {@link WideTiles}.
 */
final class SmallTiles {
  private SmallTiles() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Output pixels per tile. */
  static final int ROWS = 4;

  private static int base(Gemm.Geometry g, int inOff, int p) {
    return VectorGemm.base(g, inOff, p);
  }

  /** 4 pixels by 2 vectors of columns: 8 accumulators. */
  static void tile4x2(float[] out, int o, int n, int rows, float[] in, int inOff, Gemm.Geometry g,
      float[] b, int row, float[] bias, int f0, float lo, float hi, int p, float[] local) {
    int last = p + rows - 1;
    int b0 = base(g, inOff, Math.min(p + 0, last));
    int b1 = base(g, inOff, Math.min(p + 1, last));
    int b2 = base(g, inOff, Math.min(p + 2, last));
    int b3 = base(g, inOff, Math.min(p + 3, last));
    FloatVector zero = FloatVector.zero(S);
    FloatVector a00 = zero, a01 = zero, a10 = zero, a11 = zero, a20 = zero, a21 = zero, a30 = zero, a31 = zero;
    int[] offsets = g.offsets();
    int kk = 0;
    for (; kk < offsets.length; kk++, row += 2 * L) {
      int off = offsets[kk];
      FloatVector w0 = FloatVector.fromArray(S, b, row);
      FloatVector w1 = FloatVector.fromArray(S, b, row + 1 * L);
      FloatVector x0 = FloatVector.broadcast(S, in[b0 + off]);
      a00 = x0.fma(w0, a00); a01 = x0.fma(w1, a01);
      FloatVector x1 = FloatVector.broadcast(S, in[b1 + off]);
      a10 = x1.fma(w0, a10); a11 = x1.fma(w1, a11);
      FloatVector x2 = FloatVector.broadcast(S, in[b2 + off]);
      a20 = x2.fma(w0, a20); a21 = x2.fma(w1, a21);
      FloatVector x3 = FloatVector.broadcast(S, in[b3 + off]);
      a30 = x3.fma(w0, a30); a31 = x3.fma(w1, a31);
    }
    FloatVector bias0 = FloatVector.fromArray(S, bias, f0);
    FloatVector bias1 = FloatVector.fromArray(S, bias, f0 + 1 * L);
    a00 = a00.add(bias0).max(lo).min(hi); a01 = a01.add(bias1).max(lo).min(hi);
    a10 = a10.add(bias0).max(lo).min(hi); a11 = a11.add(bias1).max(lo).min(hi);
    a20 = a20.add(bias0).max(lo).min(hi); a21 = a21.add(bias1).max(lo).min(hi);
    a30 = a30.add(bias0).max(lo).min(hi); a31 = a31.add(bias1).max(lo).min(hi);
    if (f0 + 2 * L <= n) {
      a00.intoArray(out, o + 0 * n); a01.intoArray(out, o + 0 * n + 1 * L);
      if (rows > 1) {
        a10.intoArray(out, o + 1 * n); a11.intoArray(out, o + 1 * n + 1 * L);
      }
      if (rows > 2) {
        a20.intoArray(out, o + 2 * n); a21.intoArray(out, o + 2 * n + 1 * L);
      }
      if (rows > 3) {
        a30.intoArray(out, o + 3 * n); a31.intoArray(out, o + 3 * n + 1 * L);
      }
      return;
    }
    // a partial column block: stage whole vectors, copy the columns that exist
    a00.intoArray(local, 0 * L); a01.intoArray(local, 1 * L);
    a10.intoArray(local, 2 * L); a11.intoArray(local, 3 * L);
    a20.intoArray(local, 4 * L); a21.intoArray(local, 5 * L);
    a30.intoArray(local, 6 * L); a31.intoArray(local, 7 * L);
    for (int r = 0; r < rows; r++) {
      System.arraycopy(local, r * 2 * L, out, o + r * n, n - f0);
    }
  }

  /** 4 pixels by 1 vector of columns: 4 accumulators. */
  static void tile4x1(float[] out, int o, int n, int rows, float[] in, int inOff, Gemm.Geometry g,
      float[] b, int row, float[] bias, int f0, float lo, float hi, int p, float[] local) {
    int last = p + rows - 1;
    int b0 = base(g, inOff, Math.min(p + 0, last));
    int b1 = base(g, inOff, Math.min(p + 1, last));
    int b2 = base(g, inOff, Math.min(p + 2, last));
    int b3 = base(g, inOff, Math.min(p + 3, last));
    FloatVector zero = FloatVector.zero(S);
    FloatVector a00 = zero, a10 = zero, a20 = zero, a30 = zero;
    int[] offsets = g.offsets();
    int kk = 0;
    for (; kk < offsets.length; kk++, row += 1 * L) {
      int off = offsets[kk];
      FloatVector w0 = FloatVector.fromArray(S, b, row);
      FloatVector x0 = FloatVector.broadcast(S, in[b0 + off]);
      a00 = x0.fma(w0, a00);
      FloatVector x1 = FloatVector.broadcast(S, in[b1 + off]);
      a10 = x1.fma(w0, a10);
      FloatVector x2 = FloatVector.broadcast(S, in[b2 + off]);
      a20 = x2.fma(w0, a20);
      FloatVector x3 = FloatVector.broadcast(S, in[b3 + off]);
      a30 = x3.fma(w0, a30);
    }
    FloatVector bias0 = FloatVector.fromArray(S, bias, f0);
    a00 = a00.add(bias0).max(lo).min(hi);
    a10 = a10.add(bias0).max(lo).min(hi);
    a20 = a20.add(bias0).max(lo).min(hi);
    a30 = a30.add(bias0).max(lo).min(hi);
    if (f0 + 1 * L <= n) {
      a00.intoArray(out, o + 0 * n);
      if (rows > 1) {
        a10.intoArray(out, o + 1 * n);
      }
      if (rows > 2) {
        a20.intoArray(out, o + 2 * n);
      }
      if (rows > 3) {
        a30.intoArray(out, o + 3 * n);
      }
      return;
    }
    // a partial column block: stage whole vectors, copy the columns that exist
    a00.intoArray(local, 0 * L);
    a10.intoArray(local, 1 * L);
    a20.intoArray(local, 2 * L);
    a30.intoArray(local, 3 * L);
    for (int r = 0; r < rows; r++) {
      System.arraycopy(local, r * 1 * L, out, o + r * n, n - f0);
    }
  }
}
