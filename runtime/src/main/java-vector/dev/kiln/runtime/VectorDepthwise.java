package dev.kiln.runtime;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Depthwise} on the JDK Vector API, vectorised over channels (NHWC keeps them contiguous): per
 * output pixel and vector of channels, the accumulator starts as the bias, takes one FMA per valid tap
 * and is clamped and stored from registers. Successive channel vectors and pixels are independent, so
 * the out-of-order core overlaps their FMA chains. The interior of 3x3 layers runs register-tiled
 * ({@link Depthwise3x3}). Channels past the last whole vector, and depth multipliers above 1, run the
 * scalar loop ({@link ScalarDepthwise}).
 *
 * <p>Loaded reflectively by {@link Simd} only when {@code jdk.incubator.vector} is in the boot layer.
 */
final class VectorDepthwise extends Depthwise {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private final ScalarDepthwise scalar = new ScalarDepthwise();

  @Override
  void rows(float[] out, int outOff, float[] in, int inOff, Geometry g, float[] kernel, float[] bias, float lo,
      float hi, int from, int to) {
    int channels = g.channels();
    if (g.multiplier() != 1 || channels < L) {
      scalar.rows(out, outOff, in, inOff, g, kernel, bias, lo, hi, from, to);
      return;
    }
    int rowStep = g.dilationHeight() * g.width() * channels;
    int colStep = g.dilationWidth() * channels;
    boolean tiled = Depthwise3x3.applies(g);
    int interior0 = tiled ? Depthwise3x3.interiorStart(g) : 0;
    int interior1 = tiled ? Math.max(interior0, Depthwise3x3.interiorEnd(g)) : 0;
    for (int oy = from; oy < to; oy++) {
      int ky0 = g.firstRow(oy);
      int ky1 = g.endRow(oy);
      int iy0 = oy * g.strideHeight() - g.padTop();
      // rows whose three kernel rows are inside the image: the register-tiled interior, this loop's
      // per-pixel path for the columns that cross the padding
      boolean fullRows = tiled && ky0 == 0 && ky1 == 3;
      int skip0 = fullRows ? interior0 : g.outWidth();
      int skip1 = fullRows ? interior1 : g.outWidth();
      if (skip0 < skip1) {
        Depthwise3x3.row(out, outOff + (oy - from) * g.outWidth() * channels, in,
            inOff + (iy0 * g.width() - g.padLeft()) * channels, g, kernel, bias, lo, hi, skip0, skip1);
      }
      for (int ox = 0; ox < g.outWidth(); ox++) {
        if (ox == skip0 && skip0 < skip1) {
          ox = skip1 - 1;
          continue;
        }
        int kx0 = g.firstColumn(ox);
        int kx1 = g.endColumn(ox);
        int corner = inOff + (iy0 * g.width() + ox * g.strideWidth() - g.padLeft()) * channels;
        int o = outOff + ((oy - from) * g.outWidth() + ox) * channels;
        if (ky0 == 0 && kx0 == 0 && ky1 == g.kernelHeight() && kx1 == g.kernelWidth()) {
          whole(out, o, in, corner, g.tapOffsets(), kernel, bias, channels, lo, hi);
        } else {
          edge(out, o, in, corner, kernel, bias, channels, ky0, ky1, kx0, kx1, rowStep, colStep,
              g.kernelWidth() * channels, lo, hi);
        }
      }
    }
  }

  /**
   * A pixel whose window lies inside the image: two vectors of channels at a time, each accumulator
   * starting as the bias and taking one FMA per tap in order, clamped and stored from registers.
   */
  private static void whole(float[] out, int o, float[] in, int corner, int[] taps, float[] kernel, float[] bias,
      int channels, float lo, float hi) {
    int c = 0;
    for (; c + 2 * L <= channels; c += 2 * L) {
      FloatVector a0 = FloatVector.fromArray(S, bias, c);
      FloatVector a1 = FloatVector.fromArray(S, bias, c + L);
      for (int t = 0, w = c; t < taps.length; t++, w += channels) {
        int a = corner + taps[t] + c;
        a0 = FloatVector.fromArray(S, in, a).fma(FloatVector.fromArray(S, kernel, w), a0);
        a1 = FloatVector.fromArray(S, in, a + L).fma(FloatVector.fromArray(S, kernel, w + L), a1);
      }
      a0.max(lo).min(hi).intoArray(out, o + c);
      a1.max(lo).min(hi).intoArray(out, o + c + L);
    }
    for (; c + L <= channels; c += L) {
      FloatVector a0 = FloatVector.fromArray(S, bias, c);
      for (int t = 0, w = c; t < taps.length; t++, w += channels) {
        a0 = FloatVector.fromArray(S, in, corner + taps[t] + c).fma(FloatVector.fromArray(S, kernel, w), a0);
      }
      a0.max(lo).min(hi).intoArray(out, o + c);
    }
    for (; c < channels; c++) {
      float v = bias[c];
      for (int t = 0, w = c; t < taps.length; t++, w += channels) {
        v += in[corner + taps[t] + c] * kernel[w];
      }
      out[o + c] = Math.min(Math.max(v, lo), hi);
    }
  }

  /**
   * A pixel whose window crosses the padding: only taps {@code [ky0, ky1) x [kx0, kx1)} exist. The sum
   * is kept in {@code out} between taps (no vector carried through the two tap loops).
   */
  private static void edge(float[] out, int o, float[] in, int corner, float[] kernel, float[] bias, int channels,
      int ky0, int ky1, int kx0, int kx1, int rowStep, int colStep, int kernelRow, float lo, float hi) {
    System.arraycopy(bias, 0, out, o, channels);
    int whole = S.loopBound(channels);
    for (int ky = ky0; ky < ky1; ky++) {
      for (int kx = kx0; kx < kx1; kx++) {
        int a = corner + ky * rowStep + kx * colStep;
        int w = ky * kernelRow + kx * channels;
        int c = 0;
        for (; c < whole; c += L) {
          FloatVector.fromArray(S, in, a + c).fma(FloatVector.fromArray(S, kernel, w + c),
              FloatVector.fromArray(S, out, o + c)).intoArray(out, o + c);
        }
        for (; c < channels; c++) {
          out[o + c] += in[a + c] * kernel[w + c];
        }
      }
    }
    int c = 0;
    for (; c < whole; c += L) {
      FloatVector.fromArray(S, out, o + c).max(lo).min(hi).intoArray(out, o + c);
    }
    for (; c < channels; c++) {
      out[o + c] = Math.min(Math.max(out[o + c], lo), hi);
    }
  }
}
