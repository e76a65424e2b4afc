package dev.kiln.runtime;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link WideTiles#tile6x4} over a range {@code [k0, k1)} of the depth, for {@link VectorGemm}'s
 * depth-chunked bands: a chunk after the first resumes from the partial sums the previous one stored in
 * {@code out}, and only the last chunk ({@code k1 == depth}) adds the bias and clamps. Storing a float
 * and loading it back is exact, so a tile sums in the same order as the unchunked kernel.
 *
 * <p>A kernel of its own rather than a mode of {@code WideTiles.tile6x4}: the 24 extra loads made that
 * method too large for C1's register allocator (JDK 25: "out of virtual registers in linear scan"),
 * and a JVM whose first compile of it was C1's then ran every 1x1 layer at 2 GFLOP/s, interpreted
 * vectors, instead of 78. For the same reason this one computes whole column blocks only (no staging
 * of a partial block): with that path it too failed C1's tier 3, and a JVM that met it at tier 2 first
 * (the C2 queue long) kept it there, ResNet50's stage-5 convolutions at 1.6 GFLOP/s
 * ({@code C1CompileTest} pins that every kernel compiles at tier 3). Same tile contract as
 * {@link WideTiles}, for whole blocks ({@code f0 + 4 * L <= n}).
 */
final class ChunkTiles {
  private ChunkTiles() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private static int base(Gemm.Geometry g, int inOff, int p) {
    return VectorGemm.base(g, inOff, p);
  }

  /** 6 pixels by 4 vectors of columns: 24 accumulators. */
  static void tile6x4(float[] out, int o, int n, int rows, float[] in, int inOff, Gemm.Geometry g,
      float[] b, int row, float[] bias, int f0, float lo, float hi, int p, int k0, int k1) {
    int last = p + rows - 1;
    int b0 = base(g, inOff, Math.min(p + 0, last));
    int b1 = base(g, inOff, Math.min(p + 1, last));
    int b2 = base(g, inOff, Math.min(p + 2, last));
    int b3 = base(g, inOff, Math.min(p + 3, last));
    int b4 = base(g, inOff, Math.min(p + 4, last));
    int b5 = base(g, inOff, Math.min(p + 5, last));
    // a chunk after the first resumes from the partial sums it left in out (rows past the tile's
    // last repeat it); the last chunk adds the bias and clamps
    boolean resume = k0 > 0;
    float[] sum = resume ? out : VectorGemm.ZEROS;
    int s0 = resume ? o : 0;
    int s1 = resume ? o + Math.min(1, rows - 1) * n : 0;
    int s2 = resume ? o + Math.min(2, rows - 1) * n : 0;
    int s3 = resume ? o + Math.min(3, rows - 1) * n : 0;
    int s4 = resume ? o + Math.min(4, rows - 1) * n : 0;
    int s5 = resume ? o + Math.min(5, rows - 1) * n : 0;
    boolean finish = k1 == g.offsets().length;
    float[] bv = finish ? bias : VectorGemm.ZEROS;
    int bo = finish ? f0 : 0;
    float clo = finish ? lo : Float.NEGATIVE_INFINITY;
    float chi = finish ? hi : Float.POSITIVE_INFINITY;
    FloatVector a00 = FloatVector.fromArray(S, sum, s0);
    FloatVector a01 = FloatVector.fromArray(S, sum, s0 + 1 * L);
    FloatVector a02 = FloatVector.fromArray(S, sum, s0 + 2 * L);
    FloatVector a03 = FloatVector.fromArray(S, sum, s0 + 3 * L);
    FloatVector a10 = FloatVector.fromArray(S, sum, s1);
    FloatVector a11 = FloatVector.fromArray(S, sum, s1 + 1 * L);
    FloatVector a12 = FloatVector.fromArray(S, sum, s1 + 2 * L);
    FloatVector a13 = FloatVector.fromArray(S, sum, s1 + 3 * L);
    FloatVector a20 = FloatVector.fromArray(S, sum, s2);
    FloatVector a21 = FloatVector.fromArray(S, sum, s2 + 1 * L);
    FloatVector a22 = FloatVector.fromArray(S, sum, s2 + 2 * L);
    FloatVector a23 = FloatVector.fromArray(S, sum, s2 + 3 * L);
    FloatVector a30 = FloatVector.fromArray(S, sum, s3);
    FloatVector a31 = FloatVector.fromArray(S, sum, s3 + 1 * L);
    FloatVector a32 = FloatVector.fromArray(S, sum, s3 + 2 * L);
    FloatVector a33 = FloatVector.fromArray(S, sum, s3 + 3 * L);
    FloatVector a40 = FloatVector.fromArray(S, sum, s4);
    FloatVector a41 = FloatVector.fromArray(S, sum, s4 + 1 * L);
    FloatVector a42 = FloatVector.fromArray(S, sum, s4 + 2 * L);
    FloatVector a43 = FloatVector.fromArray(S, sum, s4 + 3 * L);
    FloatVector a50 = FloatVector.fromArray(S, sum, s5);
    FloatVector a51 = FloatVector.fromArray(S, sum, s5 + 1 * L);
    FloatVector a52 = FloatVector.fromArray(S, sum, s5 + 2 * L);
    FloatVector a53 = FloatVector.fromArray(S, sum, s5 + 3 * L);
    int[] offsets = g.offsets();
    int kk = k0;
    for (; kk < k1; kk++, row += 4 * L) {
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
    FloatVector bias0 = FloatVector.fromArray(S, bv, bo);
    FloatVector bias1 = FloatVector.fromArray(S, bv, bo + 1 * L);
    FloatVector bias2 = FloatVector.fromArray(S, bv, bo + 2 * L);
    FloatVector bias3 = FloatVector.fromArray(S, bv, bo + 3 * L);
    a00 = a00.add(bias0).max(clo).min(chi); a01 = a01.add(bias1).max(clo).min(chi);
    a02 = a02.add(bias2).max(clo).min(chi); a03 = a03.add(bias3).max(clo).min(chi);
    a10 = a10.add(bias0).max(clo).min(chi); a11 = a11.add(bias1).max(clo).min(chi);
    a12 = a12.add(bias2).max(clo).min(chi); a13 = a13.add(bias3).max(clo).min(chi);
    a20 = a20.add(bias0).max(clo).min(chi); a21 = a21.add(bias1).max(clo).min(chi);
    a22 = a22.add(bias2).max(clo).min(chi); a23 = a23.add(bias3).max(clo).min(chi);
    a30 = a30.add(bias0).max(clo).min(chi); a31 = a31.add(bias1).max(clo).min(chi);
    a32 = a32.add(bias2).max(clo).min(chi); a33 = a33.add(bias3).max(clo).min(chi);
    a40 = a40.add(bias0).max(clo).min(chi); a41 = a41.add(bias1).max(clo).min(chi);
    a42 = a42.add(bias2).max(clo).min(chi); a43 = a43.add(bias3).max(clo).min(chi);
    a50 = a50.add(bias0).max(clo).min(chi); a51 = a51.add(bias1).max(clo).min(chi);
    a52 = a52.add(bias2).max(clo).min(chi); a53 = a53.add(bias3).max(clo).min(chi);
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
  }
}
