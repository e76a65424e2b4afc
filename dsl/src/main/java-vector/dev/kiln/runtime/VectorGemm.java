package dev.kiln.runtime;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
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

  /** Column-block width: one vector for narrow layers, two otherwise. */
  private static int blockWidth(int n) {
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
  Packed pack(float[] matrix, int k, int n) {
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
    return new Packed(data, k, n);
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

  @Override
  int localFloats(int n) {
    return 0;
  }

  @Override
  void run(float[] out, int outOff, float[] in, int inOff, Geometry g, Packed w, float[] bias, boolean relu,
      int p0, int p1, float[] local) {
    int n = w.n();
    if (dot(n, g.channels())) {
      runDot(out, outOff, in, inOff, g, w, bias, relu, p0, p1);
      return;
    }
    int bw = blockWidth(n);
    for (int f0 = 0; f0 < n; f0 += bw) {
      int row0 = (f0 / bw) * w.k() * bw;
      int p = p0;
      if (bw == 2 * L) {
        for (; p + 4 <= p1; p += 4) {
          block4x2(out, outOff + (p - p0) * n + f0, n, in, inOff, g, w.data(), row0, bias, f0, relu, p);
        }
      } else {
        for (; p + 4 <= p1; p += 4) {
          block4x1(out, outOff + (p - p0) * n + f0, n, in, inOff, g, w.data(), row0, bias, f0, relu, p);
        }
      }
      for (; p < p1; p++) {
        block1(out, outOff + (p - p0) * n + f0, n, in, inOff, g, w.data(), row0, bias, f0, relu, p, bw);
      }
    }
  }

  private static int base(Geometry g, int inOff, int p) {
    return inOff + (p / g.outWidth()) * g.rowStep() + (p % g.outWidth()) * g.colStep();
  }

  /** Four pixels by {@code 2L} columns. */
  private static void block4x2(float[] out, int o, int n, float[] in, int inOff, Geometry g, float[] b, int row,
      float[] bias, int f0, boolean relu, int p) {
    int b0 = base(g, inOff, p);
    int b1 = base(g, inOff, p + 1);
    int b2 = base(g, inOff, p + 2);
    int b3 = base(g, inOff, p + 3);
    FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S);
    FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S);
    FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S);
    FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S);
    int channels = g.channels();
    for (int tap : g.taps()) {
      int i0 = b0 + tap, i1 = b1 + tap, i2 = b2 + tap, i3 = b3 + tap;
      for (int c = 0; c < channels; c++, row += 2 * L) {
        FloatVector w0 = FloatVector.fromArray(S, b, row);
        FloatVector w1 = FloatVector.fromArray(S, b, row + L);
        FloatVector x = FloatVector.broadcast(S, in[i0 + c]);
        a00 = x.fma(w0, a00);
        a01 = x.fma(w1, a01);
        x = FloatVector.broadcast(S, in[i1 + c]);
        a10 = x.fma(w0, a10);
        a11 = x.fma(w1, a11);
        x = FloatVector.broadcast(S, in[i2 + c]);
        a20 = x.fma(w0, a20);
        a21 = x.fma(w1, a21);
        x = FloatVector.broadcast(S, in[i3 + c]);
        a30 = x.fma(w0, a30);
        a31 = x.fma(w1, a31);
      }
    }
    FloatVector bias0 = biasVector(bias, f0, n);
    FloatVector bias1 = biasVector(bias, f0 + L, n);
    store(out, o, n, f0, a00.add(bias0), relu);
    store(out, o + L, n, f0 + L, a01.add(bias1), relu);
    store(out, o + n, n, f0, a10.add(bias0), relu);
    store(out, o + n + L, n, f0 + L, a11.add(bias1), relu);
    store(out, o + 2 * n, n, f0, a20.add(bias0), relu);
    store(out, o + 2 * n + L, n, f0 + L, a21.add(bias1), relu);
    store(out, o + 3 * n, n, f0, a30.add(bias0), relu);
    store(out, o + 3 * n + L, n, f0 + L, a31.add(bias1), relu);
  }

  /** Four pixels by {@code L} columns. */
  private static void block4x1(float[] out, int o, int n, float[] in, int inOff, Geometry g, float[] b, int row,
      float[] bias, int f0, boolean relu, int p) {
    int b0 = base(g, inOff, p);
    int b1 = base(g, inOff, p + 1);
    int b2 = base(g, inOff, p + 2);
    int b3 = base(g, inOff, p + 3);
    FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S);
    FloatVector a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
    int channels = g.channels();
    for (int tap : g.taps()) {
      int i0 = b0 + tap, i1 = b1 + tap, i2 = b2 + tap, i3 = b3 + tap;
      for (int c = 0; c < channels; c++, row += L) {
        FloatVector w0 = FloatVector.fromArray(S, b, row);
        a0 = FloatVector.broadcast(S, in[i0 + c]).fma(w0, a0);
        a1 = FloatVector.broadcast(S, in[i1 + c]).fma(w0, a1);
        a2 = FloatVector.broadcast(S, in[i2 + c]).fma(w0, a2);
        a3 = FloatVector.broadcast(S, in[i3 + c]).fma(w0, a3);
      }
    }
    FloatVector bias0 = biasVector(bias, f0, n);
    store(out, o, n, f0, a0.add(bias0), relu);
    store(out, o + n, n, f0, a1.add(bias0), relu);
    store(out, o + 2 * n, n, f0, a2.add(bias0), relu);
    store(out, o + 3 * n, n, f0, a3.add(bias0), relu);
  }

  /** One pixel by a whole column block ({@code bw} = L or 2L). */
  private static void block1(float[] out, int o, int n, float[] in, int inOff, Geometry g, float[] b, int row,
      float[] bias, int f0, boolean relu, int p, int bw) {
    int b0 = base(g, inOff, p);
    FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S);
    int channels = g.channels();
    for (int tap : g.taps()) {
      int i0 = b0 + tap;
      for (int c = 0; c < channels; c++, row += bw) {
        FloatVector x = FloatVector.broadcast(S, in[i0 + c]);
        a0 = x.fma(FloatVector.fromArray(S, b, row), a0);
        if (bw > L) {
          a1 = x.fma(FloatVector.fromArray(S, b, row + L), a1);
        }
      }
    }
    store(out, o, n, f0, a0.add(biasVector(bias, f0, n)), relu);
    if (bw > L) {
      store(out, o + L, n, f0 + L, a1.add(biasVector(bias, f0 + L, n)), relu);
    }
  }

  private static FloatVector biasVector(float[] bias, int f, int n) {
    if (bias == null || f >= n) {
      return FloatVector.zero(S);
    }
    if (f + L <= n) {
      return FloatVector.fromArray(S, bias, f);
    }
    return FloatVector.fromArray(S, bias, f, S.indexInRange(f, n));
  }

  /** Stores the columns {@code [f, min(f + L, n))} of one pixel, applying ReLU if asked. */
  private static void store(float[] out, int o, int n, int f, FloatVector v, boolean relu) {
    if (f >= n) {
      return;
    }
    if (relu) {
      v = v.max(0f);
    }
    if (f + L <= n) {
      v.intoArray(out, o);
    } else {
      VectorMask<Float> m = S.indexInRange(f, n);
      v.intoArray(out, o, m);
    }
  }

  /** Narrow layers: per pixel and column, a dot product vectorised over the channels of each tap. */
  private static void runDot(float[] out, int outOff, float[] in, int inOff, Geometry g, Packed w, float[] bias,
      boolean relu, int p0, int p1) {
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
        FloatVector acc = FloatVector.zero(S);
        float tail = 0f;
        int row = t0 + f * k;
        for (int tap : g.taps()) {
          int a = base + tap;
          int c = 0;
          for (; c < whole; c += L) {
            acc = FloatVector.fromArray(S, in, a + c).fma(FloatVector.fromArray(S, b, row + c), acc);
          }
          for (; c < channels; c++) {
            tail += in[a + c] * b[row + c];
          }
          row += channels;
        }
        float v = acc.reduceLanes(VectorOperators.ADD) + tail + (bias == null ? 0f : bias[f]);
        out[outOff + (p - p0) * n + f] = relu ? Math.max(v, 0f) : v;
      }
    }
  }
}
