package dev.kiln.runtime;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernels of {@link VectorGemm} on 8-float (256-bit) vectors, for layers whose column count
 * is a multiple of 8 but not of the preferred vector length: 24 columns run as three 8-float
 * vectors instead of two 16-float ones with a quarter of the lanes idle, 8 columns as one. On AVX-512
 * machines that split 512-bit operations in two (AMD Zen 4) this costs no throughput. Same loop as
 * {@link VectorGemm}'s kernels; weights packed in blocks of 24 or 8 columns.
 */
final class NarrowKernels {
  private NarrowKernels() {}

  private static final VectorSpecies<Float> S8 = FloatVector.SPECIES_256;

  private static int base(Gemm.Geometry g, int inOff, int p) {
    return inOff + (p / g.outWidth()) * g.rowStep() + (p % g.outWidth()) * g.colStep();
  }

  /** Four pixels by 24 columns. */
  static void block4x3(float[] out, int o, int n, float[] in, int inOff, Gemm.Geometry g, float[] b, int row,
      float[] bias, int f0, float floor, int p, float[] local) {
    int b0 = base(g, inOff, p + 0);
    int b1 = base(g, inOff, p + 1);
    int b2 = base(g, inOff, p + 2);
    int b3 = base(g, inOff, p + 3);
    FloatVector a00 = FloatVector.zero(S8); FloatVector a01 = FloatVector.zero(S8); FloatVector a02 = FloatVector.zero(S8);
    FloatVector a10 = FloatVector.zero(S8); FloatVector a11 = FloatVector.zero(S8); FloatVector a12 = FloatVector.zero(S8);
    FloatVector a20 = FloatVector.zero(S8); FloatVector a21 = FloatVector.zero(S8); FloatVector a22 = FloatVector.zero(S8);
    FloatVector a30 = FloatVector.zero(S8); FloatVector a31 = FloatVector.zero(S8); FloatVector a32 = FloatVector.zero(S8);
    int[] offsets = g.offsets();
    for (int kk = 0; kk < offsets.length; kk++, row += 24) {
      int off = offsets[kk];
      FloatVector w0 = FloatVector.fromArray(S8, b, row);
      FloatVector w1 = FloatVector.fromArray(S8, b, row + 8);
      FloatVector w2 = FloatVector.fromArray(S8, b, row + 16);
      FloatVector x0 = FloatVector.broadcast(S8, in[b0 + off]);
      a00 = x0.fma(w0, a00);
      a01 = x0.fma(w1, a01);
      a02 = x0.fma(w2, a02);
      FloatVector x1 = FloatVector.broadcast(S8, in[b1 + off]);
      a10 = x1.fma(w0, a10);
      a11 = x1.fma(w1, a11);
      a12 = x1.fma(w2, a12);
      FloatVector x2 = FloatVector.broadcast(S8, in[b2 + off]);
      a20 = x2.fma(w0, a20);
      a21 = x2.fma(w1, a21);
      a22 = x2.fma(w2, a22);
      FloatVector x3 = FloatVector.broadcast(S8, in[b3 + off]);
      a30 = x3.fma(w0, a30);
      a31 = x3.fma(w1, a31);
      a32 = x3.fma(w2, a32);
    }
    FloatVector bias0 = FloatVector.fromArray(S8, bias, f0);
    FloatVector bias1 = FloatVector.fromArray(S8, bias, f0 + 8);
    FloatVector bias2 = FloatVector.fromArray(S8, bias, f0 + 16);
    a00 = a00.add(bias0).max(floor);
    a01 = a01.add(bias1).max(floor);
    a02 = a02.add(bias2).max(floor);
    a10 = a10.add(bias0).max(floor);
    a11 = a11.add(bias1).max(floor);
    a12 = a12.add(bias2).max(floor);
    a20 = a20.add(bias0).max(floor);
    a21 = a21.add(bias1).max(floor);
    a22 = a22.add(bias2).max(floor);
    a30 = a30.add(bias0).max(floor);
    a31 = a31.add(bias1).max(floor);
    a32 = a32.add(bias2).max(floor);
    if (f0 + 24 <= n) {
      a00.intoArray(out, o);
      a01.intoArray(out, o + 8);
      a02.intoArray(out, o + 16);
      a10.intoArray(out, o + 1 * n);
      a11.intoArray(out, o + 1 * n + 8);
      a12.intoArray(out, o + 1 * n + 16);
      a20.intoArray(out, o + 2 * n);
      a21.intoArray(out, o + 2 * n + 8);
      a22.intoArray(out, o + 2 * n + 16);
      a30.intoArray(out, o + 3 * n);
      a31.intoArray(out, o + 3 * n + 8);
      a32.intoArray(out, o + 3 * n + 16);
    } else {
      a00.intoArray(local, 0);
      a01.intoArray(local, 8);
      a02.intoArray(local, 16);
      a10.intoArray(local, 24);
      a11.intoArray(local, 32);
      a12.intoArray(local, 40);
      a20.intoArray(local, 48);
      a21.intoArray(local, 56);
      a22.intoArray(local, 64);
      a30.intoArray(local, 72);
      a31.intoArray(local, 80);
      a32.intoArray(local, 88);
      for (int i = 0; i < 4; i++) {
        System.arraycopy(local, i * 24, out, o + i * n, n - f0);
      }
    }
  }

  /** One pixel by 24 columns. */
  static void block1x3(float[] out, int o, int n, float[] in, int inOff, Gemm.Geometry g, float[] b, int row,
      float[] bias, int f0, float floor, int p, float[] local) {
    int b0 = base(g, inOff, p + 0);
    FloatVector a00 = FloatVector.zero(S8); FloatVector a01 = FloatVector.zero(S8); FloatVector a02 = FloatVector.zero(S8);
    int[] offsets = g.offsets();
    for (int kk = 0; kk < offsets.length; kk++, row += 24) {
      int off = offsets[kk];
      FloatVector w0 = FloatVector.fromArray(S8, b, row);
      FloatVector w1 = FloatVector.fromArray(S8, b, row + 8);
      FloatVector w2 = FloatVector.fromArray(S8, b, row + 16);
      FloatVector x0 = FloatVector.broadcast(S8, in[b0 + off]);
      a00 = x0.fma(w0, a00);
      a01 = x0.fma(w1, a01);
      a02 = x0.fma(w2, a02);
    }
    FloatVector bias0 = FloatVector.fromArray(S8, bias, f0);
    FloatVector bias1 = FloatVector.fromArray(S8, bias, f0 + 8);
    FloatVector bias2 = FloatVector.fromArray(S8, bias, f0 + 16);
    a00 = a00.add(bias0).max(floor);
    a01 = a01.add(bias1).max(floor);
    a02 = a02.add(bias2).max(floor);
    if (f0 + 24 <= n) {
      a00.intoArray(out, o);
      a01.intoArray(out, o + 8);
      a02.intoArray(out, o + 16);
    } else {
      a00.intoArray(local, 0);
      a01.intoArray(local, 8);
      a02.intoArray(local, 16);
      for (int i = 0; i < 1; i++) {
        System.arraycopy(local, i * 24, out, o + i * n, n - f0);
      }
    }
  }

  /** Four pixels by 8 columns. */
  static void block4x1(float[] out, int o, int n, float[] in, int inOff, Gemm.Geometry g, float[] b, int row,
      float[] bias, int f0, float floor, int p, float[] local) {
    int b0 = base(g, inOff, p + 0);
    int b1 = base(g, inOff, p + 1);
    int b2 = base(g, inOff, p + 2);
    int b3 = base(g, inOff, p + 3);
    FloatVector a00 = FloatVector.zero(S8);
    FloatVector a10 = FloatVector.zero(S8);
    FloatVector a20 = FloatVector.zero(S8);
    FloatVector a30 = FloatVector.zero(S8);
    int[] offsets = g.offsets();
    for (int kk = 0; kk < offsets.length; kk++, row += 8) {
      int off = offsets[kk];
      FloatVector w0 = FloatVector.fromArray(S8, b, row);
      FloatVector x0 = FloatVector.broadcast(S8, in[b0 + off]);
      a00 = x0.fma(w0, a00);
      FloatVector x1 = FloatVector.broadcast(S8, in[b1 + off]);
      a10 = x1.fma(w0, a10);
      FloatVector x2 = FloatVector.broadcast(S8, in[b2 + off]);
      a20 = x2.fma(w0, a20);
      FloatVector x3 = FloatVector.broadcast(S8, in[b3 + off]);
      a30 = x3.fma(w0, a30);
    }
    FloatVector bias0 = FloatVector.fromArray(S8, bias, f0);
    a00 = a00.add(bias0).max(floor);
    a10 = a10.add(bias0).max(floor);
    a20 = a20.add(bias0).max(floor);
    a30 = a30.add(bias0).max(floor);
    if (f0 + 8 <= n) {
      a00.intoArray(out, o);
      a10.intoArray(out, o + 1 * n);
      a20.intoArray(out, o + 2 * n);
      a30.intoArray(out, o + 3 * n);
    } else {
      a00.intoArray(local, 0);
      a10.intoArray(local, 8);
      a20.intoArray(local, 16);
      a30.intoArray(local, 24);
      for (int i = 0; i < 4; i++) {
        System.arraycopy(local, i * 8, out, o + i * n, n - f0);
      }
    }
  }

  /** One pixel by 8 columns. */
  static void block1x1(float[] out, int o, int n, float[] in, int inOff, Gemm.Geometry g, float[] b, int row,
      float[] bias, int f0, float floor, int p, float[] local) {
    int b0 = base(g, inOff, p + 0);
    FloatVector a00 = FloatVector.zero(S8);
    int[] offsets = g.offsets();
    for (int kk = 0; kk < offsets.length; kk++, row += 8) {
      int off = offsets[kk];
      FloatVector w0 = FloatVector.fromArray(S8, b, row);
      FloatVector x0 = FloatVector.broadcast(S8, in[b0 + off]);
      a00 = x0.fma(w0, a00);
    }
    FloatVector bias0 = FloatVector.fromArray(S8, bias, f0);
    a00 = a00.add(bias0).max(floor);
    if (f0 + 8 <= n) {
      a00.intoArray(out, o);
    } else {
      a00.intoArray(local, 0);
      for (int i = 0; i < 1; i++) {
        System.arraycopy(local, i * 8, out, o + i * n, n - f0);
      }
    }
  }
}
