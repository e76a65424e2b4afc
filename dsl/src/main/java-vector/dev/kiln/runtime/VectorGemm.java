package dev.kiln.runtime;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemm} on the JDK Vector API: a register-blocked micro-kernel of 4 pixels by two vectors of
 * output columns (8 accumulators), fed by scalar broadcasts of the patch and two contiguous loads of
 * the packed weights per step of {@code k}. Layers with at most {@value #NARROW} output columns (a
 * final 1-channel convolution, Dense(1)) instead run a dot product vectorised over the channels,
 * which would otherwise waste most lanes.
 *
 * <p>Loaded reflectively by {@link Simd} only when {@code jdk.incubator.vector} is in the boot layer.
 */
final class VectorGemm extends Gemm {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int NARROW = 4;

  /**
   * Column-block width: 24 or 8 ({@link NarrowKernels}) when {@code n} is a multiple of 8 but not
   * of {@code L}; otherwise one vector for narrow layers, two for wide ones.
   */
  static int blockWidth(int n) {
    if (L > 8 && n % L != 0 && n % 8 == 0) {
      return n % 24 == 0 ? 24 : 8;
    }
    return n <= L ? L : 2 * L;
  }

  private static boolean dot(int n, int channels) {
    return n <= NARROW && channels >= L;
  }

  /**
   * Packed layout: {@code (ceil(n / bw), k, bw)} with {@code bw = blockWidth(n)}, zero beyond column
   * {@code n}; for the dot-product path {@code (n, k)} (the transpose).
   */
  @Override
  Packed pack(float[] matrix, float[] bias, int k, int n) {
    int bw = blockWidth(n);
    int blockFloats = ((n + bw - 1) / bw) * k * bw;
    // The dot path is chosen per call from the geometry, so narrow layers keep both layouts.
    float[] data = new float[blockFloats + (n <= NARROW ? n * k : 0)];
    fillBlocks(data, matrix, k, n, bw);
    if (n <= NARROW) {
      for (int f = 0; f < n; f++) {
        for (int r = 0; r < k; r++) {
          data[blockFloats + f * k + r] = matrix[r * n + f];
        }
      }
    }
    float[] padded = new float[((n + bw - 1) / bw) * bw];
    if (bias != null) {
      System.arraycopy(bias, 0, padded, 0, n);
    }
    return new Packed(data, padded, k, n);
  }

  private static void fillBlocks(float[] data, float[] matrix, int k, int n, int bw) {
    for (int b = 0; b * bw < n; b++) {
      for (int r = 0; r < k; r++) {
        for (int j = 0; j < bw && b * bw + j < n; j++) {
          data[(b * k + r) * bw + j] = matrix[r * n + b * bw + j];
        }
      }
    }
  }

  /** Staging for the partial column blocks of four pixels. */
  @Override
  int localFloats(int n) {
    return Math.max(8 * L, 96);
  }

  @Override
  void run(float[] out, int outOff, float[] in, int inOff, Geometry g, Packed w, boolean relu, int p0, int p1,
      float[] local) {
    float[] bias = w.bias();
    // max(x, -inf) is x (and NaN stays NaN), so one store path serves ReLU and linear without a vector phi
    float floor = relu ? 0f : Float.NEGATIVE_INFINITY;
    int n = w.n();
    if (dot(n, g.channels())) {
      runDot(out, outOff, in, inOff, g, w, bias, floor, p0, p1, local);
      return;
    }
    int bw = blockWidth(n);
    int k = w.k();
    float[] b = w.data();
    // Pixels outer, column blocks inner: four pixels' patches stay in L1 while every column block's
    // packed weights (from L2) pass over them, so the input is read from memory once per layer.
    int p = p0;
    for (; p + 4 <= p1; p += 4) {
      int o = outOff + (p - p0) * n;
      for (int f0 = 0; f0 < n; f0 += bw) {
        int row0 = (f0 / bw) * k * bw;
        if (bw == 2 * L) {
          block4x2(out, o + f0, n, in, inOff, g, b, row0, bias, f0, floor, p, local);
        } else if (bw == L) {
          block4x1(out, o + f0, n, in, inOff, g, b, row0, bias, f0, floor, p, local);
        } else if (bw == 24) {
          NarrowKernels.block4x3(out, o + f0, n, in, inOff, g, b, row0, bias, f0, floor, p, local);
        } else {
          NarrowKernels.block4x1(out, o + f0, n, in, inOff, g, b, row0, bias, f0, floor, p, local);
        }
      }
    }
    for (; p < p1; p++) {
      int o = outOff + (p - p0) * n;
      for (int f0 = 0; f0 < n; f0 += bw) {
        int row0 = (f0 / bw) * k * bw;
        if (bw == 2 * L) {
          block1x2(out, o + f0, n, in, inOff, g, b, row0, bias, f0, floor, p, local);
        } else if (bw == L) {
          block1x1(out, o + f0, n, in, inOff, g, b, row0, bias, f0, floor, p, local);
        } else if (bw == 24) {
          NarrowKernels.block1x3(out, o + f0, n, in, inOff, g, b, row0, bias, f0, floor, p, local);
        } else {
          NarrowKernels.block1x1(out, o + f0, n, in, inOff, g, b, row0, bias, f0, floor, p, local);
        }
      }
    }
  }

  private static int base(Geometry g, int inOff, int p) {
    return inOff + (p / g.outWidth()) * g.rowStep() + (p % g.outWidth()) * g.colStep();
  }

  /** Four pixels by {@code 2L} columns: eight accumulators, two weight loads per four broadcasts. */
  private static void block4x2(float[] out, int o, int n, float[] in, int inOff, Geometry g, float[] b, int row,
      float[] bias, int f0, float floor, int p, float[] local) {
    int b0 = base(g, inOff, p + 0);
    int b1 = base(g, inOff, p + 1);
    int b2 = base(g, inOff, p + 2);
    int b3 = base(g, inOff, p + 3);
    FloatVector a00 = FloatVector.zero(S); FloatVector a01 = FloatVector.zero(S);
    FloatVector a10 = FloatVector.zero(S); FloatVector a11 = FloatVector.zero(S);
    FloatVector a20 = FloatVector.zero(S); FloatVector a21 = FloatVector.zero(S);
    FloatVector a30 = FloatVector.zero(S); FloatVector a31 = FloatVector.zero(S);
    int[] offsets = g.offsets();
    for (int kk = 0; kk < offsets.length; kk++, row += 2 * L) {
      int off = offsets[kk];
      FloatVector w0 = FloatVector.fromArray(S, b, row);
      FloatVector w1 = FloatVector.fromArray(S, b, row + L);
      FloatVector x0 = FloatVector.broadcast(S, in[b0 + off]);
      a00 = x0.fma(w0, a00);
      a01 = x0.fma(w1, a01);
      FloatVector x1 = FloatVector.broadcast(S, in[b1 + off]);
      a10 = x1.fma(w0, a10);
      a11 = x1.fma(w1, a11);
      FloatVector x2 = FloatVector.broadcast(S, in[b2 + off]);
      a20 = x2.fma(w0, a20);
      a21 = x2.fma(w1, a21);
      FloatVector x3 = FloatVector.broadcast(S, in[b3 + off]);
      a30 = x3.fma(w0, a30);
      a31 = x3.fma(w1, a31);
    }
    FloatVector bias0 = FloatVector.fromArray(S, bias, f0);
    FloatVector bias1 = FloatVector.fromArray(S, bias, f0 + L);
    a00 = a00.add(bias0).max(floor);
    a01 = a01.add(bias1).max(floor);
    a10 = a10.add(bias0).max(floor);
    a11 = a11.add(bias1).max(floor);
    a20 = a20.add(bias0).max(floor);
    a21 = a21.add(bias1).max(floor);
    a30 = a30.add(bias0).max(floor);
    a31 = a31.add(bias1).max(floor);
    if (f0 + 2 * L <= n) {
      a00.intoArray(out, o);
      a01.intoArray(out, o + L);
      a10.intoArray(out, o + 1 * n);
      a11.intoArray(out, o + 1 * n + L);
      a20.intoArray(out, o + 2 * n);
      a21.intoArray(out, o + 2 * n + L);
      a30.intoArray(out, o + 3 * n);
      a31.intoArray(out, o + 3 * n + L);
    } else {
      // a partial column block: stage whole vectors, copy the columns that exist
      a00.intoArray(local, 0 * L);
      a01.intoArray(local, 1 * L);
      a10.intoArray(local, 2 * L);
      a11.intoArray(local, 3 * L);
      a20.intoArray(local, 4 * L);
      a21.intoArray(local, 5 * L);
      a30.intoArray(local, 6 * L);
      a31.intoArray(local, 7 * L);
      for (int i = 0; i < 4; i++) {
        System.arraycopy(local, i * 2 * L, out, o + i * n, n - f0);
      }
    }
  }

  /** Four pixels by {@code L} columns. */
  private static void block4x1(float[] out, int o, int n, float[] in, int inOff, Geometry g, float[] b, int row,
      float[] bias, int f0, float floor, int p, float[] local) {
    int b0 = base(g, inOff, p + 0);
    int b1 = base(g, inOff, p + 1);
    int b2 = base(g, inOff, p + 2);
    int b3 = base(g, inOff, p + 3);
    FloatVector a00 = FloatVector.zero(S);
    FloatVector a10 = FloatVector.zero(S);
    FloatVector a20 = FloatVector.zero(S);
    FloatVector a30 = FloatVector.zero(S);
    int[] offsets = g.offsets();
    for (int kk = 0; kk < offsets.length; kk++, row += 1 * L) {
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
    a00 = a00.add(bias0).max(floor);
    a10 = a10.add(bias0).max(floor);
    a20 = a20.add(bias0).max(floor);
    a30 = a30.add(bias0).max(floor);
    if (f0 + 1 * L <= n) {
      a00.intoArray(out, o);
      a10.intoArray(out, o + 1 * n);
      a20.intoArray(out, o + 2 * n);
      a30.intoArray(out, o + 3 * n);
    } else {
      // a partial column block: stage whole vectors, copy the columns that exist
      a00.intoArray(local, 0 * L);
      a10.intoArray(local, 1 * L);
      a20.intoArray(local, 2 * L);
      a30.intoArray(local, 3 * L);
      for (int i = 0; i < 4; i++) {
        System.arraycopy(local, i * 1 * L, out, o + i * n, n - f0);
      }
    }
  }

  /** One pixel by {@code 2L} columns. */
  private static void block1x2(float[] out, int o, int n, float[] in, int inOff, Geometry g, float[] b, int row,
      float[] bias, int f0, float floor, int p, float[] local) {
    int b0 = base(g, inOff, p + 0);
    FloatVector a00 = FloatVector.zero(S); FloatVector a01 = FloatVector.zero(S);
    int[] offsets = g.offsets();
    for (int kk = 0; kk < offsets.length; kk++, row += 2 * L) {
      int off = offsets[kk];
      FloatVector w0 = FloatVector.fromArray(S, b, row);
      FloatVector w1 = FloatVector.fromArray(S, b, row + L);
      FloatVector x0 = FloatVector.broadcast(S, in[b0 + off]);
      a00 = x0.fma(w0, a00);
      a01 = x0.fma(w1, a01);
    }
    FloatVector bias0 = FloatVector.fromArray(S, bias, f0);
    FloatVector bias1 = FloatVector.fromArray(S, bias, f0 + L);
    a00 = a00.add(bias0).max(floor);
    a01 = a01.add(bias1).max(floor);
    if (f0 + 2 * L <= n) {
      a00.intoArray(out, o);
      a01.intoArray(out, o + L);
    } else {
      // a partial column block: stage whole vectors, copy the columns that exist
      a00.intoArray(local, 0 * L);
      a01.intoArray(local, 1 * L);
      for (int i = 0; i < 1; i++) {
        System.arraycopy(local, i * 2 * L, out, o + i * n, n - f0);
      }
    }
  }

  /** One pixel by {@code L} columns. */
  private static void block1x1(float[] out, int o, int n, float[] in, int inOff, Geometry g, float[] b, int row,
      float[] bias, int f0, float floor, int p, float[] local) {
    int b0 = base(g, inOff, p + 0);
    FloatVector a00 = FloatVector.zero(S);
    int[] offsets = g.offsets();
    for (int kk = 0; kk < offsets.length; kk++, row += 1 * L) {
      int off = offsets[kk];
      FloatVector w0 = FloatVector.fromArray(S, b, row);
      FloatVector x0 = FloatVector.broadcast(S, in[b0 + off]);
      a00 = x0.fma(w0, a00);
    }
    FloatVector bias0 = FloatVector.fromArray(S, bias, f0);
    a00 = a00.add(bias0).max(floor);
    if (f0 + 1 * L <= n) {
      a00.intoArray(out, o);
    } else {
      // a partial column block: stage whole vectors, copy the columns that exist
      a00.intoArray(local, 0 * L);
      for (int i = 0; i < 1; i++) {
        System.arraycopy(local, i * 1 * L, out, o + i * n, n - f0);
      }
    }
  }

  /** Narrow layers: per pixel and column, a dot product vectorised over the channels of each tap. */
  private static void runDot(float[] out, int outOff, float[] in, int inOff, Geometry g, Packed w, float[] bias,
      float floor, int p0, int p1, float[] local) {
    int n = w.n();
    int k = w.k();
    int bw = blockWidth(n);
    int t0 = ((n + bw - 1) / bw) * k * bw;
    float[] b = w.data();
    int channels = g.channels();
    int whole = S.loopBound(channels);
    for (int p = p0; p < p1; p++) {
      int base = base(g, inOff, p);
      for (int f = 0; f < n; f++) {
        float v = bias[f];
        int row = t0 + f * k;
        if (channels % L == 0) {
          // whole vectors per tap: one flat loop over the depth and a single reduction per pixel
          int[] offsets = g.offsets();
          FloatVector acc = FloatVector.zero(S);
          for (int kk = 0; kk < k; kk += L) {
            acc = FloatVector.fromArray(S, in, base + offsets[kk]).fma(FloatVector.fromArray(S, b, row + kk), acc);
          }
          // the lanes in order: reduceLanes(ADD) leaves the order unspecified, and on JDK 25 the
          // interpreted and JIT-compiled reductions differ in the last bit, so a network gave two
          // answers for one input as its code warmed up (written out here: passed to a helper, the
          // vector was boxed on every call in some runs)
          acc.intoArray(local, 0);
          for (int i = 0; i < L; i++) {
            v += local[i];
          }
          out[outOff + (p - p0) * n + f] = Math.max(v, floor);
          continue;
        }
        for (int tap : g.taps()) {
          int a = base + tap;
          // a fresh accumulator per tap: JDK 17 boxes vectors carried through nested loops
          FloatVector acc = FloatVector.zero(S);
          int c = 0;
          for (; c < whole; c += L) {
            acc = FloatVector.fromArray(S, in, a + c).fma(FloatVector.fromArray(S, b, row + c), acc);
          }
          acc.intoArray(local, 0);  // the lanes in order, as above
          for (int i = 0; i < L; i++) {
            v += local[i];
          }
          for (; c < channels; c++) {
            v += in[a + c] * b[row + c];
          }
          row += channels;
        }
        out[outOff + (p - p0) * n + f] = Math.max(v, floor);
      }
    }
  }
}
