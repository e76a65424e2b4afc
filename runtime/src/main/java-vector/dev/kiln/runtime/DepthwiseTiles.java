package dev.kiln.runtime;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-tiled depthwise loops for any kernel size, stride and dilation (multiplier 1), used by
 * {@link VectorDepthwise} on every output pixel:
 *
 * <ul>
 *   <li>{@link #run}: consecutive pixels of one output row whose windows are inside the image across
 *       (their kernel rows may be cut by the top or bottom padding: every pixel of a row loses the same
 *       kernel rows, so the taps left are the contiguous range {@code [ky0 * kw, ky1 * kw)}). Blocks of
 *       8 pixels (then 4) by one vector of channels, 8 independent FMA chains, enough to keep both FMA
 *       pipes busy through their latency; per tap one weight vector feeds 8 FMAs.
 *   <li>{@link #pixel}: one pixel whose window is cut across (the left and right padding, a folded
 *       {@code ZeroPadding2D}'s extra columns), only its taps {@code [ky0, ky1) x [kx0, kx1)}, four
 *       vectors of channels at a time.
 * </ul>
 *
 * <p>Blocks are pixel-outer, channel-inner: a block's input (kernel rows by block width by channels)
 * stays in L1 while the channel vectors sweep it. Each accumulator starts as the bias and takes its taps
 * in the order {@code ky * kw + kx}, as {@link ScalarDepthwise} adds them. The accumulators are fresh
 * per vector of channels and carried through one loop only (JDK 17's C2 boxes vectors carried through
 * nested loops; see {@link VectorGemm}'s class comment).
 */
final class DepthwiseTiles {
  private DepthwiseTiles() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /**
   * {@code count} output pixels of one row, every one with kernel columns {@code [0, kw)} inside the image.
   *
   * @param out the first pixel's output, {@code channels} floats per pixel, from {@code o}
   * @param in the input; {@code a} is where the first pixel's window would start at kernel row 0
   *     (possibly above the image: only taps {@code [t0, t1)} are read), in floats
   * @param taps (kh * kw) offsets of tap {@code t} from the window's start ({@link Depthwise.Geometry#tapOffsets})
   * @param kernel (kh, kw, channels), tap {@code t} from {@code t * channels}
   * @param step floats between the windows of neighbouring output pixels: stride across times channels
   */
  static void run(float[] out, int o, float[] in, int a, int[] taps, float[] kernel, float[] bias, int channels,
      int step, int t0, int t1, float lo, float hi, int count) {
    int whole = S.loopBound(channels);
    int n = 0;
    for (; n + 8 <= count; n += 8) {
      int base = a + n * step;
      int q = o + n * channels;
      for (int c = 0; c < whole; c += L) {
        block8(out, q + c, in, base + c, taps, kernel, c, bias, channels, step, t0, t1, lo, hi);
      }
      for (int j = 0; j < 8 && whole < channels; j++) {
        tail(out, q + j * channels, in, base + j * step, taps, kernel, bias, channels, whole, t0, t1, lo, hi);
      }
    }
    for (; n + 4 <= count; n += 4) {
      int base = a + n * step;
      int q = o + n * channels;
      for (int c = 0; c < whole; c += L) {
        block4(out, q + c, in, base + c, taps, kernel, c, bias, channels, step, t0, t1, lo, hi);
      }
      for (int j = 0; j < 4 && whole < channels; j++) {
        tail(out, q + j * channels, in, base + j * step, taps, kernel, bias, channels, whole, t0, t1, lo, hi);
      }
    }
    for (; n < count; n++) {
      one(out, o + n * channels, in, a + n * step, taps, kernel, bias, channels, t0, t1, lo, hi);
    }
  }

  /** 8 pixels by the channel vector at {@code c}; {@code o} and {@code a} include {@code c}. */
  private static void block8(float[] out, int o, float[] in, int a, int[] taps, float[] kernel, int c, float[] bias,
      int cs, int step, int t0, int t1, float lo, float hi) {
    FloatVector b = FloatVector.fromArray(S, bias, c);
    FloatVector p0 = b;
    FloatVector p1 = b;
    FloatVector p2 = b;
    FloatVector p3 = b;
    FloatVector p4 = b;
    FloatVector p5 = b;
    FloatVector p6 = b;
    FloatVector p7 = b;
    for (int t = t0; t < t1; t++) {
      FloatVector w = FloatVector.fromArray(S, kernel, t * cs + c);
      int r = a + taps[t];
      p0 = FloatVector.fromArray(S, in, r).fma(w, p0);
      p1 = FloatVector.fromArray(S, in, r + step).fma(w, p1);
      p2 = FloatVector.fromArray(S, in, r + 2 * step).fma(w, p2);
      p3 = FloatVector.fromArray(S, in, r + 3 * step).fma(w, p3);
      p4 = FloatVector.fromArray(S, in, r + 4 * step).fma(w, p4);
      p5 = FloatVector.fromArray(S, in, r + 5 * step).fma(w, p5);
      p6 = FloatVector.fromArray(S, in, r + 6 * step).fma(w, p6);
      p7 = FloatVector.fromArray(S, in, r + 7 * step).fma(w, p7);
    }
    p0.max(lo).min(hi).intoArray(out, o);
    p1.max(lo).min(hi).intoArray(out, o + cs);
    p2.max(lo).min(hi).intoArray(out, o + 2 * cs);
    p3.max(lo).min(hi).intoArray(out, o + 3 * cs);
    p4.max(lo).min(hi).intoArray(out, o + 4 * cs);
    p5.max(lo).min(hi).intoArray(out, o + 5 * cs);
    p6.max(lo).min(hi).intoArray(out, o + 6 * cs);
    p7.max(lo).min(hi).intoArray(out, o + 7 * cs);
  }

  /** 4 pixels by the channel vector at {@code c}. */
  private static void block4(float[] out, int o, float[] in, int a, int[] taps, float[] kernel, int c, float[] bias,
      int cs, int step, int t0, int t1, float lo, float hi) {
    FloatVector b = FloatVector.fromArray(S, bias, c);
    FloatVector p0 = b;
    FloatVector p1 = b;
    FloatVector p2 = b;
    FloatVector p3 = b;
    for (int t = t0; t < t1; t++) {
      FloatVector w = FloatVector.fromArray(S, kernel, t * cs + c);
      int r = a + taps[t];
      p0 = FloatVector.fromArray(S, in, r).fma(w, p0);
      p1 = FloatVector.fromArray(S, in, r + step).fma(w, p1);
      p2 = FloatVector.fromArray(S, in, r + 2 * step).fma(w, p2);
      p3 = FloatVector.fromArray(S, in, r + 3 * step).fma(w, p3);
    }
    p0.max(lo).min(hi).intoArray(out, o);
    p1.max(lo).min(hi).intoArray(out, o + cs);
    p2.max(lo).min(hi).intoArray(out, o + 2 * cs);
    p3.max(lo).min(hi).intoArray(out, o + 3 * cs);
  }

  /** One pixel with the taps {@code [t0, t1)}: four channel vectors at a time, then one, then scalars. */
  private static void one(float[] out, int o, float[] in, int a, int[] taps, float[] kernel, float[] bias, int cs,
      int t0, int t1, float lo, float hi) {
    int c = 0;
    for (; c + 4 * L <= cs; c += 4 * L) {
      FloatVector p0 = FloatVector.fromArray(S, bias, c);
      FloatVector p1 = FloatVector.fromArray(S, bias, c + L);
      FloatVector p2 = FloatVector.fromArray(S, bias, c + 2 * L);
      FloatVector p3 = FloatVector.fromArray(S, bias, c + 3 * L);
      for (int t = t0; t < t1; t++) {
        int r = a + taps[t] + c;
        int w = t * cs + c;
        p0 = FloatVector.fromArray(S, in, r).fma(FloatVector.fromArray(S, kernel, w), p0);
        p1 = FloatVector.fromArray(S, in, r + L).fma(FloatVector.fromArray(S, kernel, w + L), p1);
        p2 = FloatVector.fromArray(S, in, r + 2 * L).fma(FloatVector.fromArray(S, kernel, w + 2 * L), p2);
        p3 = FloatVector.fromArray(S, in, r + 3 * L).fma(FloatVector.fromArray(S, kernel, w + 3 * L), p3);
      }
      p0.max(lo).min(hi).intoArray(out, o + c);
      p1.max(lo).min(hi).intoArray(out, o + c + L);
      p2.max(lo).min(hi).intoArray(out, o + c + 2 * L);
      p3.max(lo).min(hi).intoArray(out, o + c + 3 * L);
    }
    for (; c + L <= cs; c += L) {
      FloatVector p = FloatVector.fromArray(S, bias, c);
      for (int t = t0; t < t1; t++) {
        p = FloatVector.fromArray(S, in, a + taps[t] + c).fma(FloatVector.fromArray(S, kernel, t * cs + c), p);
      }
      p.max(lo).min(hi).intoArray(out, o + c);
    }
    tail(out, o, in, a, taps, kernel, bias, cs, c, t0, t1, lo, hi);
  }

  /** Channels {@code [c0, cs)} of one pixel, in scalars. */
  private static void tail(float[] out, int o, float[] in, int a, int[] taps, float[] kernel, float[] bias, int cs,
      int c0, int t0, int t1, float lo, float hi) {
    for (int c = c0; c < cs; c++) {
      float v = bias[c];
      for (int t = t0; t < t1; t++) {
        v += in[a + taps[t] + c] * kernel[t * cs + c];
      }
      out[o + c] = Math.min(Math.max(v, lo), hi);
    }
  }

  /**
   * One pixel whose window is cut across: taps {@code [ky0, ky1) x [kx0, kx1)} only, walked as one
   * loop (kx fastest) so four vectors of channels are carried through a single loop.
   *
   * @param a where the window would start (row 0, column 0 of the kernel), in floats
   * @param rowStep floats between kernel rows (dilation down times the input row)
   * @param colStep floats between kernel columns (dilation across times channels)
   */
  static void pixel(float[] out, int o, float[] in, int a, float[] kernel, float[] bias, int cs, int kw, int ky0,
      int ky1, int kx0, int kx1, int rowStep, int colStep, float lo, float hi) {
    int taps = Math.max(0, ky1 - ky0) * Math.max(0, kx1 - kx0);
    int c = 0;
    for (; c + 4 * L <= cs; c += 4 * L) {
      FloatVector p0 = FloatVector.fromArray(S, bias, c);
      FloatVector p1 = FloatVector.fromArray(S, bias, c + L);
      FloatVector p2 = FloatVector.fromArray(S, bias, c + 2 * L);
      FloatVector p3 = FloatVector.fromArray(S, bias, c + 3 * L);
      for (int i = 0, ky = ky0, kx = kx0; i < taps; i++) {
        int r = a + ky * rowStep + kx * colStep + c;
        int w = (ky * kw + kx) * cs + c;
        p0 = FloatVector.fromArray(S, in, r).fma(FloatVector.fromArray(S, kernel, w), p0);
        p1 = FloatVector.fromArray(S, in, r + L).fma(FloatVector.fromArray(S, kernel, w + L), p1);
        p2 = FloatVector.fromArray(S, in, r + 2 * L).fma(FloatVector.fromArray(S, kernel, w + 2 * L), p2);
        p3 = FloatVector.fromArray(S, in, r + 3 * L).fma(FloatVector.fromArray(S, kernel, w + 3 * L), p3);
        if (++kx == kx1) {
          kx = kx0;
          ky++;
        }
      }
      p0.max(lo).min(hi).intoArray(out, o + c);
      p1.max(lo).min(hi).intoArray(out, o + c + L);
      p2.max(lo).min(hi).intoArray(out, o + c + 2 * L);
      p3.max(lo).min(hi).intoArray(out, o + c + 3 * L);
    }
    for (; c + L <= cs; c += L) {
      FloatVector p = FloatVector.fromArray(S, bias, c);
      for (int i = 0, ky = ky0, kx = kx0; i < taps; i++) {
        p = FloatVector.fromArray(S, in, a + ky * rowStep + kx * colStep + c)
            .fma(FloatVector.fromArray(S, kernel, (ky * kw + kx) * cs + c), p);
        if (++kx == kx1) {
          kx = kx0;
          ky++;
        }
      }
      p.max(lo).min(hi).intoArray(out, o + c);
    }
    for (; c < cs; c++) {
      float v = bias[c];
      for (int ky = ky0; ky < ky1; ky++) {
        for (int kx = kx0; kx < kx1; kx++) {
          v += in[a + ky * rowStep + kx * colStep + c] * kernel[(ky * kw + kx) * cs + c];
        }
      }
      out[o + c] = Math.min(Math.max(v, lo), hi);
    }
  }
}
