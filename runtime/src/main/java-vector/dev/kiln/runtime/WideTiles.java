package dev.kiln.runtime;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernels of {@link VectorGemm} for machines with 32 vector registers (AVX-512, where
 * {@code SPECIES_PREFERRED} is 512-bit): six output pixels by one to four vectors of output columns,
 * so the widest tile keeps 24 accumulators, four weight vectors and one broadcast in registers and
 * issues 24 FMAs per six scalar loads and four vector loads of each depth step.
 *
 * <p>Every kernel computes a whole tile: when fewer than six pixels remain ({@code rows < 6}) the
 * missing pixels repeat the last one and are not stored, so an edge tile costs no second code path.
 * The weights are one packed panel, {@code (depth, vectors * L)} row-major from {@code row}; pixel
 * {@code p}'s patch is {@code in[base(p) + g.offsets()[k]]}. The epilogue runs on the registers:
 * {@code min(max(acc + bias, lo), hi)} ({@code lo = 0} for ReLU, {@code hi = 6} for ReLU6,
 * infinities for none). Written out by hand per shape because the JIT keeps only named locals in
 * registers; each kernel is a fixed straight-line pattern.
 */
final class WideTiles {
  private WideTiles() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Output pixels per tile. */
  static final int ROWS = 6;

  private static int base(Gemm.Geometry g, int inOff, int p) {
    return VectorGemm.base(g, inOff, p);
  }

  /** 6 pixels by 4 vectors of columns: 24 accumulators. */
  static void tile6x4(float[] out, int o, int n, int rows, float[] in, int inOff, Gemm.Geometry g,
      float[] b, int row, float[] bias, int f0, float lo, float hi, int p, float[] local) {
    int last = p + rows - 1;
    int b0 = base(g, inOff, Math.min(p + 0, last));
    int b1 = base(g, inOff, Math.min(p + 1, last));
    int b2 = base(g, inOff, Math.min(p + 2, last));
    int b3 = base(g, inOff, Math.min(p + 3, last));
    int b4 = base(g, inOff, Math.min(p + 4, last));
    int b5 = base(g, inOff, Math.min(p + 5, last));
    FloatVector zero = FloatVector.zero(S);
    FloatVector a00 = zero, a01 = zero, a02 = zero, a03 = zero, a10 = zero, a11 = zero, a12 = zero, a13 = zero;
    FloatVector a20 = zero, a21 = zero, a22 = zero, a23 = zero, a30 = zero, a31 = zero, a32 = zero, a33 = zero;
    FloatVector a40 = zero, a41 = zero, a42 = zero, a43 = zero, a50 = zero, a51 = zero, a52 = zero, a53 = zero;
    int[] offsets = g.offsets();
    int kk = 0;
    for (; kk < offsets.length; kk++, row += 4 * L) {
      int off = offsets[kk];
      FloatVector w0 = FloatVector.fromArray(S, b, row);
      FloatVector w1 = FloatVector.fromArray(S, b, row + 1 * L);
      FloatVector w2 = FloatVector.fromArray(S, b, row + 2 * L);
      FloatVector w3 = FloatVector.fromArray(S, b, row + 3 * L);
      FloatVector x0 = FloatVector.broadcast(S, in[b0 + off]);
      a00 = x0.fma(w0, a00); a01 = x0.fma(w1, a01); a02 = x0.fma(w2, a02); a03 = x0.fma(w3, a03);
      FloatVector x1 = FloatVector.broadcast(S, in[b1 + off]);
      a10 = x1.fma(w0, a10); a11 = x1.fma(w1, a11); a12 = x1.fma(w2, a12); a13 = x1.fma(w3, a13);
      FloatVector x2 = FloatVector.broadcast(S, in[b2 + off]);
      a20 = x2.fma(w0, a20); a21 = x2.fma(w1, a21); a22 = x2.fma(w2, a22); a23 = x2.fma(w3, a23);
      FloatVector x3 = FloatVector.broadcast(S, in[b3 + off]);
      a30 = x3.fma(w0, a30); a31 = x3.fma(w1, a31); a32 = x3.fma(w2, a32); a33 = x3.fma(w3, a33);
      FloatVector x4 = FloatVector.broadcast(S, in[b4 + off]);
      a40 = x4.fma(w0, a40); a41 = x4.fma(w1, a41); a42 = x4.fma(w2, a42); a43 = x4.fma(w3, a43);
      FloatVector x5 = FloatVector.broadcast(S, in[b5 + off]);
      a50 = x5.fma(w0, a50); a51 = x5.fma(w1, a51); a52 = x5.fma(w2, a52); a53 = x5.fma(w3, a53);
    }
    FloatVector bias0 = FloatVector.fromArray(S, bias, f0);
    FloatVector bias1 = FloatVector.fromArray(S, bias, f0 + 1 * L);
    FloatVector bias2 = FloatVector.fromArray(S, bias, f0 + 2 * L);
    FloatVector bias3 = FloatVector.fromArray(S, bias, f0 + 3 * L);
    a00 = a00.add(bias0).max(lo).min(hi); a01 = a01.add(bias1).max(lo).min(hi);
    a02 = a02.add(bias2).max(lo).min(hi); a03 = a03.add(bias3).max(lo).min(hi);
    a10 = a10.add(bias0).max(lo).min(hi); a11 = a11.add(bias1).max(lo).min(hi);
    a12 = a12.add(bias2).max(lo).min(hi); a13 = a13.add(bias3).max(lo).min(hi);
    a20 = a20.add(bias0).max(lo).min(hi); a21 = a21.add(bias1).max(lo).min(hi);
    a22 = a22.add(bias2).max(lo).min(hi); a23 = a23.add(bias3).max(lo).min(hi);
    a30 = a30.add(bias0).max(lo).min(hi); a31 = a31.add(bias1).max(lo).min(hi);
    a32 = a32.add(bias2).max(lo).min(hi); a33 = a33.add(bias3).max(lo).min(hi);
    a40 = a40.add(bias0).max(lo).min(hi); a41 = a41.add(bias1).max(lo).min(hi);
    a42 = a42.add(bias2).max(lo).min(hi); a43 = a43.add(bias3).max(lo).min(hi);
    a50 = a50.add(bias0).max(lo).min(hi); a51 = a51.add(bias1).max(lo).min(hi);
    a52 = a52.add(bias2).max(lo).min(hi); a53 = a53.add(bias3).max(lo).min(hi);
    if (f0 + 4 * L <= n) {
      a00.intoArray(out, o + 0 * n); a01.intoArray(out, o + 0 * n + 1 * L);
      a02.intoArray(out, o + 0 * n + 2 * L); a03.intoArray(out, o + 0 * n + 3 * L);
      if (rows > 1) {
        a10.intoArray(out, o + 1 * n); a11.intoArray(out, o + 1 * n + 1 * L);
        a12.intoArray(out, o + 1 * n + 2 * L); a13.intoArray(out, o + 1 * n + 3 * L);
      }
      if (rows > 2) {
        a20.intoArray(out, o + 2 * n); a21.intoArray(out, o + 2 * n + 1 * L);
        a22.intoArray(out, o + 2 * n + 2 * L); a23.intoArray(out, o + 2 * n + 3 * L);
      }
      if (rows > 3) {
        a30.intoArray(out, o + 3 * n); a31.intoArray(out, o + 3 * n + 1 * L);
        a32.intoArray(out, o + 3 * n + 2 * L); a33.intoArray(out, o + 3 * n + 3 * L);
      }
      if (rows > 4) {
        a40.intoArray(out, o + 4 * n); a41.intoArray(out, o + 4 * n + 1 * L);
        a42.intoArray(out, o + 4 * n + 2 * L); a43.intoArray(out, o + 4 * n + 3 * L);
      }
      if (rows > 5) {
        a50.intoArray(out, o + 5 * n); a51.intoArray(out, o + 5 * n + 1 * L);
        a52.intoArray(out, o + 5 * n + 2 * L); a53.intoArray(out, o + 5 * n + 3 * L);
      }
      return;
    }
    // a partial column block: stage whole vectors, copy the columns that exist
    a00.intoArray(local, 0 * L); a01.intoArray(local, 1 * L);
    a02.intoArray(local, 2 * L); a03.intoArray(local, 3 * L);
    a10.intoArray(local, 4 * L); a11.intoArray(local, 5 * L);
    a12.intoArray(local, 6 * L); a13.intoArray(local, 7 * L);
    a20.intoArray(local, 8 * L); a21.intoArray(local, 9 * L);
    a22.intoArray(local, 10 * L); a23.intoArray(local, 11 * L);
    a30.intoArray(local, 12 * L); a31.intoArray(local, 13 * L);
    a32.intoArray(local, 14 * L); a33.intoArray(local, 15 * L);
    a40.intoArray(local, 16 * L); a41.intoArray(local, 17 * L);
    a42.intoArray(local, 18 * L); a43.intoArray(local, 19 * L);
    a50.intoArray(local, 20 * L); a51.intoArray(local, 21 * L);
    a52.intoArray(local, 22 * L); a53.intoArray(local, 23 * L);
    for (int r = 0; r < rows; r++) {
      System.arraycopy(local, r * 4 * L, out, o + r * n, n - f0);
    }
  }

  /**
   * One pixel by 4 vectors of columns over the depth range {@code [k0, k1)}: the tile a layer's last
   * pixel is alone in (a 7x7 image is 8 tiles of 6 and one of 1; so are 17x17, 35x35 and 73x73), and a
   * Dense layer's single row. {@link #tile6x4} would compute it five more times: at one pixel this
   * kernel's four FMA chains wait on their latency, not on the FMA units, and still take a third of the
   * time. Sums in the same order as {@code tile6x4} (and, over chunks, as {@link ChunkTiles}: a range
   * after the first resumes from the partial sums in {@code out}, only the last adds the bias and
   * clamps), so the pixel's outputs are bit-identical to a full tile's. Whole blocks only
   * ({@code f0 + 4 * L <= n}).
   */
  static void tile1x4(float[] out, int o, float[] in, int inOff, Gemm.Geometry g, float[] b, int row, float[] bias,
      int f0, float lo, float hi, int p, int k0, int k1) {
    int b0 = base(g, inOff, p);
    boolean resume = k0 > 0;
    float[] sum = resume ? out : VectorGemm.ZEROS;
    int s0 = resume ? o : 0;
    FloatVector a0 = FloatVector.fromArray(S, sum, s0);
    FloatVector a1 = FloatVector.fromArray(S, sum, s0 + 1 * L);
    FloatVector a2 = FloatVector.fromArray(S, sum, s0 + 2 * L);
    FloatVector a3 = FloatVector.fromArray(S, sum, s0 + 3 * L);
    int[] offsets = g.offsets();
    for (int kk = k0; kk < k1; kk++, row += 4 * L) {
      FloatVector x = FloatVector.broadcast(S, in[b0 + offsets[kk]]);
      a0 = x.fma(FloatVector.fromArray(S, b, row), a0);
      a1 = x.fma(FloatVector.fromArray(S, b, row + 1 * L), a1);
      a2 = x.fma(FloatVector.fromArray(S, b, row + 2 * L), a2);
      a3 = x.fma(FloatVector.fromArray(S, b, row + 3 * L), a3);
    }
    if (k1 < offsets.length) {
      a0.intoArray(out, o);
      a1.intoArray(out, o + 1 * L);
      a2.intoArray(out, o + 2 * L);
      a3.intoArray(out, o + 3 * L);
      return;
    }
    a0.add(FloatVector.fromArray(S, bias, f0)).max(lo).min(hi).intoArray(out, o);
    a1.add(FloatVector.fromArray(S, bias, f0 + 1 * L)).max(lo).min(hi).intoArray(out, o + 1 * L);
    a2.add(FloatVector.fromArray(S, bias, f0 + 2 * L)).max(lo).min(hi).intoArray(out, o + 2 * L);
    a3.add(FloatVector.fromArray(S, bias, f0 + 3 * L)).max(lo).min(hi).intoArray(out, o + 3 * L);
  }

  /** 6 pixels by 3 vectors of columns: 18 accumulators. */
  static void tile6x3(float[] out, int o, int n, int rows, float[] in, int inOff, Gemm.Geometry g,
      float[] b, int row, float[] bias, int f0, float lo, float hi, int p, float[] local) {
    int last = p + rows - 1;
    int b0 = base(g, inOff, Math.min(p + 0, last));
    int b1 = base(g, inOff, Math.min(p + 1, last));
    int b2 = base(g, inOff, Math.min(p + 2, last));
    int b3 = base(g, inOff, Math.min(p + 3, last));
    int b4 = base(g, inOff, Math.min(p + 4, last));
    int b5 = base(g, inOff, Math.min(p + 5, last));
    FloatVector zero = FloatVector.zero(S);
    FloatVector a00 = zero, a01 = zero, a02 = zero, a10 = zero, a11 = zero, a12 = zero, a20 = zero, a21 = zero;
    FloatVector a22 = zero, a30 = zero, a31 = zero, a32 = zero, a40 = zero, a41 = zero, a42 = zero, a50 = zero;
    FloatVector a51 = zero, a52 = zero;
    int[] offsets = g.offsets();
    int kk = 0;
    for (; kk < offsets.length; kk++, row += 3 * L) {
      int off = offsets[kk];
      FloatVector w0 = FloatVector.fromArray(S, b, row);
      FloatVector w1 = FloatVector.fromArray(S, b, row + 1 * L);
      FloatVector w2 = FloatVector.fromArray(S, b, row + 2 * L);
      FloatVector x0 = FloatVector.broadcast(S, in[b0 + off]);
      a00 = x0.fma(w0, a00); a01 = x0.fma(w1, a01); a02 = x0.fma(w2, a02);
      FloatVector x1 = FloatVector.broadcast(S, in[b1 + off]);
      a10 = x1.fma(w0, a10); a11 = x1.fma(w1, a11); a12 = x1.fma(w2, a12);
      FloatVector x2 = FloatVector.broadcast(S, in[b2 + off]);
      a20 = x2.fma(w0, a20); a21 = x2.fma(w1, a21); a22 = x2.fma(w2, a22);
      FloatVector x3 = FloatVector.broadcast(S, in[b3 + off]);
      a30 = x3.fma(w0, a30); a31 = x3.fma(w1, a31); a32 = x3.fma(w2, a32);
      FloatVector x4 = FloatVector.broadcast(S, in[b4 + off]);
      a40 = x4.fma(w0, a40); a41 = x4.fma(w1, a41); a42 = x4.fma(w2, a42);
      FloatVector x5 = FloatVector.broadcast(S, in[b5 + off]);
      a50 = x5.fma(w0, a50); a51 = x5.fma(w1, a51); a52 = x5.fma(w2, a52);
    }
    FloatVector bias0 = FloatVector.fromArray(S, bias, f0);
    FloatVector bias1 = FloatVector.fromArray(S, bias, f0 + 1 * L);
    FloatVector bias2 = FloatVector.fromArray(S, bias, f0 + 2 * L);
    a00 = a00.add(bias0).max(lo).min(hi); a01 = a01.add(bias1).max(lo).min(hi);
    a02 = a02.add(bias2).max(lo).min(hi);
    a10 = a10.add(bias0).max(lo).min(hi); a11 = a11.add(bias1).max(lo).min(hi);
    a12 = a12.add(bias2).max(lo).min(hi);
    a20 = a20.add(bias0).max(lo).min(hi); a21 = a21.add(bias1).max(lo).min(hi);
    a22 = a22.add(bias2).max(lo).min(hi);
    a30 = a30.add(bias0).max(lo).min(hi); a31 = a31.add(bias1).max(lo).min(hi);
    a32 = a32.add(bias2).max(lo).min(hi);
    a40 = a40.add(bias0).max(lo).min(hi); a41 = a41.add(bias1).max(lo).min(hi);
    a42 = a42.add(bias2).max(lo).min(hi);
    a50 = a50.add(bias0).max(lo).min(hi); a51 = a51.add(bias1).max(lo).min(hi);
    a52 = a52.add(bias2).max(lo).min(hi);
    if (f0 + 3 * L <= n) {
      a00.intoArray(out, o + 0 * n); a01.intoArray(out, o + 0 * n + 1 * L);
      a02.intoArray(out, o + 0 * n + 2 * L);
      if (rows > 1) {
        a10.intoArray(out, o + 1 * n); a11.intoArray(out, o + 1 * n + 1 * L);
        a12.intoArray(out, o + 1 * n + 2 * L);
      }
      if (rows > 2) {
        a20.intoArray(out, o + 2 * n); a21.intoArray(out, o + 2 * n + 1 * L);
        a22.intoArray(out, o + 2 * n + 2 * L);
      }
      if (rows > 3) {
        a30.intoArray(out, o + 3 * n); a31.intoArray(out, o + 3 * n + 1 * L);
        a32.intoArray(out, o + 3 * n + 2 * L);
      }
      if (rows > 4) {
        a40.intoArray(out, o + 4 * n); a41.intoArray(out, o + 4 * n + 1 * L);
        a42.intoArray(out, o + 4 * n + 2 * L);
      }
      if (rows > 5) {
        a50.intoArray(out, o + 5 * n); a51.intoArray(out, o + 5 * n + 1 * L);
        a52.intoArray(out, o + 5 * n + 2 * L);
      }
      return;
    }
    // a partial column block: stage whole vectors, copy the columns that exist
    a00.intoArray(local, 0 * L); a01.intoArray(local, 1 * L);
    a02.intoArray(local, 2 * L);
    a10.intoArray(local, 3 * L); a11.intoArray(local, 4 * L);
    a12.intoArray(local, 5 * L);
    a20.intoArray(local, 6 * L); a21.intoArray(local, 7 * L);
    a22.intoArray(local, 8 * L);
    a30.intoArray(local, 9 * L); a31.intoArray(local, 10 * L);
    a32.intoArray(local, 11 * L);
    a40.intoArray(local, 12 * L); a41.intoArray(local, 13 * L);
    a42.intoArray(local, 14 * L);
    a50.intoArray(local, 15 * L); a51.intoArray(local, 16 * L);
    a52.intoArray(local, 17 * L);
    for (int r = 0; r < rows; r++) {
      System.arraycopy(local, r * 3 * L, out, o + r * n, n - f0);
    }
  }

  /** 6 pixels by 2 vectors of columns: 12 accumulators. */
  static void tile6x2(float[] out, int o, int n, int rows, float[] in, int inOff, Gemm.Geometry g,
      float[] b, int row, float[] bias, int f0, float lo, float hi, int p, float[] local) {
    int last = p + rows - 1;
    int b0 = base(g, inOff, Math.min(p + 0, last));
    int b1 = base(g, inOff, Math.min(p + 1, last));
    int b2 = base(g, inOff, Math.min(p + 2, last));
    int b3 = base(g, inOff, Math.min(p + 3, last));
    int b4 = base(g, inOff, Math.min(p + 4, last));
    int b5 = base(g, inOff, Math.min(p + 5, last));
    FloatVector zero = FloatVector.zero(S);
    FloatVector a00 = zero, a01 = zero, a10 = zero, a11 = zero, a20 = zero, a21 = zero, a30 = zero, a31 = zero;
    FloatVector a40 = zero, a41 = zero, a50 = zero, a51 = zero;
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
      FloatVector x4 = FloatVector.broadcast(S, in[b4 + off]);
      a40 = x4.fma(w0, a40); a41 = x4.fma(w1, a41);
      FloatVector x5 = FloatVector.broadcast(S, in[b5 + off]);
      a50 = x5.fma(w0, a50); a51 = x5.fma(w1, a51);
    }
    FloatVector bias0 = FloatVector.fromArray(S, bias, f0);
    FloatVector bias1 = FloatVector.fromArray(S, bias, f0 + 1 * L);
    a00 = a00.add(bias0).max(lo).min(hi); a01 = a01.add(bias1).max(lo).min(hi);
    a10 = a10.add(bias0).max(lo).min(hi); a11 = a11.add(bias1).max(lo).min(hi);
    a20 = a20.add(bias0).max(lo).min(hi); a21 = a21.add(bias1).max(lo).min(hi);
    a30 = a30.add(bias0).max(lo).min(hi); a31 = a31.add(bias1).max(lo).min(hi);
    a40 = a40.add(bias0).max(lo).min(hi); a41 = a41.add(bias1).max(lo).min(hi);
    a50 = a50.add(bias0).max(lo).min(hi); a51 = a51.add(bias1).max(lo).min(hi);
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
      if (rows > 4) {
        a40.intoArray(out, o + 4 * n); a41.intoArray(out, o + 4 * n + 1 * L);
      }
      if (rows > 5) {
        a50.intoArray(out, o + 5 * n); a51.intoArray(out, o + 5 * n + 1 * L);
      }
      return;
    }
    // a partial column block: stage whole vectors, copy the columns that exist
    a00.intoArray(local, 0 * L); a01.intoArray(local, 1 * L);
    a10.intoArray(local, 2 * L); a11.intoArray(local, 3 * L);
    a20.intoArray(local, 4 * L); a21.intoArray(local, 5 * L);
    a30.intoArray(local, 6 * L); a31.intoArray(local, 7 * L);
    a40.intoArray(local, 8 * L); a41.intoArray(local, 9 * L);
    a50.intoArray(local, 10 * L); a51.intoArray(local, 11 * L);
    for (int r = 0; r < rows; r++) {
      System.arraycopy(local, r * 2 * L, out, o + r * n, n - f0);
    }
  }

  /** 6 pixels by 1 vector of columns: 12 accumulators (even and odd depth steps apart: FMA latency). */
  static void tile6x1(float[] out, int o, int n, int rows, float[] in, int inOff, Gemm.Geometry g,
      float[] b, int row, float[] bias, int f0, float lo, float hi, int p, float[] local) {
    int last = p + rows - 1;
    int b0 = base(g, inOff, Math.min(p + 0, last));
    int b1 = base(g, inOff, Math.min(p + 1, last));
    int b2 = base(g, inOff, Math.min(p + 2, last));
    int b3 = base(g, inOff, Math.min(p + 3, last));
    int b4 = base(g, inOff, Math.min(p + 4, last));
    int b5 = base(g, inOff, Math.min(p + 5, last));
    FloatVector zero = FloatVector.zero(S);
    FloatVector a00 = zero, a10 = zero, a20 = zero, a30 = zero, a40 = zero, a50 = zero, e00 = zero, e10 = zero;
    FloatVector e20 = zero, e30 = zero, e40 = zero, e50 = zero;
    int[] offsets = g.offsets();
    int kk = 0;
    for (; kk + 1 < offsets.length; kk += 2, row += 2 * 1 * L) {
      int off = offsets[kk];
      int odd = offsets[kk + 1];
      FloatVector w0 = FloatVector.fromArray(S, b, row);
      FloatVector x0 = FloatVector.broadcast(S, in[b0 + off]);
      a00 = x0.fma(w0, a00);
      FloatVector x1 = FloatVector.broadcast(S, in[b1 + off]);
      a10 = x1.fma(w0, a10);
      FloatVector x2 = FloatVector.broadcast(S, in[b2 + off]);
      a20 = x2.fma(w0, a20);
      FloatVector x3 = FloatVector.broadcast(S, in[b3 + off]);
      a30 = x3.fma(w0, a30);
      FloatVector x4 = FloatVector.broadcast(S, in[b4 + off]);
      a40 = x4.fma(w0, a40);
      FloatVector x5 = FloatVector.broadcast(S, in[b5 + off]);
      a50 = x5.fma(w0, a50);
      w0 = FloatVector.fromArray(S, b, row + 1 * L);
      FloatVector y0 = FloatVector.broadcast(S, in[b0 + odd]);
      e00 = y0.fma(w0, e00);
      FloatVector y1 = FloatVector.broadcast(S, in[b1 + odd]);
      e10 = y1.fma(w0, e10);
      FloatVector y2 = FloatVector.broadcast(S, in[b2 + odd]);
      e20 = y2.fma(w0, e20);
      FloatVector y3 = FloatVector.broadcast(S, in[b3 + odd]);
      e30 = y3.fma(w0, e30);
      FloatVector y4 = FloatVector.broadcast(S, in[b4 + odd]);
      e40 = y4.fma(w0, e40);
      FloatVector y5 = FloatVector.broadcast(S, in[b5 + odd]);
      e50 = y5.fma(w0, e50);
    }
    a00 = a00.add(e00);
    a10 = a10.add(e10);
    a20 = a20.add(e20);
    a30 = a30.add(e30);
    a40 = a40.add(e40);
    a50 = a50.add(e50);
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
      FloatVector x4 = FloatVector.broadcast(S, in[b4 + off]);
      a40 = x4.fma(w0, a40);
      FloatVector x5 = FloatVector.broadcast(S, in[b5 + off]);
      a50 = x5.fma(w0, a50);
    }
    FloatVector bias0 = FloatVector.fromArray(S, bias, f0);
    a00 = a00.add(bias0).max(lo).min(hi);
    a10 = a10.add(bias0).max(lo).min(hi);
    a20 = a20.add(bias0).max(lo).min(hi);
    a30 = a30.add(bias0).max(lo).min(hi);
    a40 = a40.add(bias0).max(lo).min(hi);
    a50 = a50.add(bias0).max(lo).min(hi);
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
      if (rows > 4) {
        a40.intoArray(out, o + 4 * n);
      }
      if (rows > 5) {
        a50.intoArray(out, o + 5 * n);
      }
      return;
    }
    // a partial column block: stage whole vectors, copy the columns that exist
    a00.intoArray(local, 0 * L);
    a10.intoArray(local, 1 * L);
    a20.intoArray(local, 2 * L);
    a30.intoArray(local, 3 * L);
    a40.intoArray(local, 4 * L);
    a50.intoArray(local, 5 * L);
    for (int r = 0; r < rows; r++) {
      System.arraycopy(local, r * 1 * L, out, o + r * n, n - f0);
    }
  }
}
