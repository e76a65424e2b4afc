package dev.kiln.runtime;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The interior of a 3x3 depthwise row (dilation 1, multiplier 1, channels a whole number of vectors,
 * stride 1 or 2 across): output pixels whose whole window lies inside the image. Per vector of
 * channels the nine tap vectors and the bias are loaded once and stay in registers while the row is
 * swept four output pixels at a time; the input vectors of one kernel row are loaded once and feed
 * every pixel of the block that reads them (6 loads for 12 FMAs at stride 1, 9 at stride 2, against
 * 24 loads for 12 FMAs when each tap reloads its pixel and weight). Each accumulator starts as the
 * bias and takes its taps in the order {@code ky * 3 + kx}, as {@link DepthwiseTiles} does for the
 * rows and columns around it, so both give the same floats.
 *
 * <p>The accumulators are fresh per block and the taps are never reassigned inside the pixel loop,
 * so no vector is carried through a loop (JDK 17's C2 boxes those; see {@link VectorGemm}'s class comment).
 */
final class Depthwise3x3 {
  private Depthwise3x3() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Whether {@link #row} applies to {@code g}. */
  static boolean applies(Depthwise.Geometry g) {
    return g.multiplier() == 1 && g.kernelHeight() == 3 && g.kernelWidth() == 3 && g.dilationHeight() == 1
        && g.dilationWidth() == 1 && (g.strideWidth() == 1 || g.strideWidth() == 2) && g.channels() % L == 0;
  }

  /**
   * Output columns {@code [ox0, ox1)} of {@code rows} consecutive output rows whose three kernel rows
   * are all inside the image, and with {@code left} column {@code ox0 - 1} (its window cut by one
   * column of the left padding: kernel columns 1 and 2 only), with {@code right} column {@code ox1}
   * (cut by one column on the right: kernel columns 0 and 1 only). Those edge columns take their taps
   * in the same order, {@code ky * 3 + kx}, skipping the cut ones, from the weights in registers.
   * Each vector of channels sweeps all the rows with its weights loaded once: per row the loads of
   * the nine weights and the bias are a fixed cost that a 7- or 14-pixel row does not amortise
   * (halving the sweep to 8 pixels cost 15-25%).
   *
   * @param out the first row's output, (rows, out_width, channels) from {@code rowOut}
   * @param in the input, NHWC; {@code top} is where the first row's window's top kernel row starts for
   *     column 0 (input row {@code oy * sh - padTop}, column {@code -padLeft}), in floats
   * @param kernel (3, 3, channels), the Keras layout
   * @param bias (channels)
   */
  static void rows(float[] out, int rowOut, float[] in, int top, Depthwise.Geometry g, float[] kernel,
      float[] bias, float lo, float hi, int ox0, int ox1, boolean left, boolean right, int rows) {
    int channels = g.channels();
    int line = g.width() * channels;
    int step = g.strideWidth() * channels;
    int inRow = g.strideHeight() * line;
    int outRow = g.outWidth() * channels;
    for (int c = 0; c < channels; c += L) {
      if (g.strideWidth() == 1) {
        stride1(out, rowOut + c, in, top + c, line, channels, kernel, c, bias, lo, hi, ox0, ox1, left, right, rows,
            inRow, outRow);
      } else {
        stride2(out, rowOut + c, in, top + c, line, step, channels, kernel, c, bias, lo, hi, ox0, ox1, left, right,
            rows, inRow, outRow);
      }
    }
  }

  /**
   * Output rows per {@link #rows} call: as many as keep the input one channel vector's sweep touches
   * within {@link #SWEEP_PIXELS} pixels. The sweep loads one vector per input pixel and kernel row,
   * each straddling two cache lines (a float[]'s data starts 16 bytes into the object), and the next
   * vector of channels needs the second line again: so the lines of one sweep should still be in L1
   * (measured on 7x7x960: 5 rows per sweep +15% over one; on 56x56x144 all 54 rows -15%).
   */
  static int blockRows(Depthwise.Geometry g) {
    int inputRows = SWEEP_PIXELS / g.width();
    return Math.max(1, (inputRows - 3 + g.strideHeight()) / g.strideHeight());
  }

  /** 256 input pixels: two 64-byte lines each, 32 KB of a 48 KB L1. */
  private static final int SWEEP_PIXELS = 256;

  /** One vector of channels at stride 1: {@code o}, {@code a} already include the channel offset. */
  private static void stride1(float[] out, int o0, float[] in, int a0, int line, int cs, float[] k, int c,
      float[] bias, float lo, float hi, int ox0, int ox1, boolean left, boolean right, int rows, int inRow,
      int outRow) {
    FloatVector w0 = FloatVector.fromArray(S, k, c);
    FloatVector w1 = FloatVector.fromArray(S, k, c + cs);
    FloatVector w2 = FloatVector.fromArray(S, k, c + 2 * cs);
    FloatVector w3 = FloatVector.fromArray(S, k, c + 3 * cs);
    FloatVector w4 = FloatVector.fromArray(S, k, c + 4 * cs);
    FloatVector w5 = FloatVector.fromArray(S, k, c + 5 * cs);
    FloatVector w6 = FloatVector.fromArray(S, k, c + 6 * cs);
    FloatVector w7 = FloatVector.fromArray(S, k, c + 7 * cs);
    FloatVector w8 = FloatVector.fromArray(S, k, c + 8 * cs);
    FloatVector b = FloatVector.fromArray(S, bias, c);
    for (int y = 0; y < rows; y++) {
      int a = a0 + y * inRow;
      int o = o0 + y * outRow;
      if (left) {
        // kernel columns 1 and 2 of pixel ox0 - 1, whose window starts one column left of the image
        int r = a + (ox0 - 1) * cs + cs;
        FloatVector p = FloatVector.fromArray(S, in, r + cs).fma(w2, FloatVector.fromArray(S, in, r).fma(w1, b));
        r += line;
        p = FloatVector.fromArray(S, in, r + cs).fma(w5, FloatVector.fromArray(S, in, r).fma(w4, p));
        r += line;
        p = FloatVector.fromArray(S, in, r + cs).fma(w8, FloatVector.fromArray(S, in, r).fma(w7, p));
        p.max(lo).min(hi).intoArray(out, o + (ox0 - 1) * cs);
      }
      if (right) {
        // kernel columns 0 and 1 of pixel ox1, whose window ends one column right of the image
        int r = a + ox1 * cs;
        FloatVector p = FloatVector.fromArray(S, in, r + cs).fma(w1, FloatVector.fromArray(S, in, r).fma(w0, b));
        r += line;
        p = FloatVector.fromArray(S, in, r + cs).fma(w4, FloatVector.fromArray(S, in, r).fma(w3, p));
        r += line;
        p = FloatVector.fromArray(S, in, r + cs).fma(w7, FloatVector.fromArray(S, in, r).fma(w6, p));
        p.max(lo).min(hi).intoArray(out, o + ox1 * cs);
      }
      int ox = ox0;
      for (; ox + 4 <= ox1; ox += 4) {
        int r = a + ox * cs;
        FloatVector x0 = FloatVector.fromArray(S, in, r);
        FloatVector x1 = FloatVector.fromArray(S, in, r + cs);
        FloatVector x2 = FloatVector.fromArray(S, in, r + 2 * cs);
        FloatVector x3 = FloatVector.fromArray(S, in, r + 3 * cs);
        FloatVector x4 = FloatVector.fromArray(S, in, r + 4 * cs);
        FloatVector x5 = FloatVector.fromArray(S, in, r + 5 * cs);
        FloatVector p0 = x2.fma(w2, x1.fma(w1, x0.fma(w0, b)));
        FloatVector p1 = x3.fma(w2, x2.fma(w1, x1.fma(w0, b)));
        FloatVector p2 = x4.fma(w2, x3.fma(w1, x2.fma(w0, b)));
        FloatVector p3 = x5.fma(w2, x4.fma(w1, x3.fma(w0, b)));
        r += line;
        x0 = FloatVector.fromArray(S, in, r);
        x1 = FloatVector.fromArray(S, in, r + cs);
        x2 = FloatVector.fromArray(S, in, r + 2 * cs);
        x3 = FloatVector.fromArray(S, in, r + 3 * cs);
        x4 = FloatVector.fromArray(S, in, r + 4 * cs);
        x5 = FloatVector.fromArray(S, in, r + 5 * cs);
        p0 = x2.fma(w5, x1.fma(w4, x0.fma(w3, p0)));
        p1 = x3.fma(w5, x2.fma(w4, x1.fma(w3, p1)));
        p2 = x4.fma(w5, x3.fma(w4, x2.fma(w3, p2)));
        p3 = x5.fma(w5, x4.fma(w4, x3.fma(w3, p3)));
        r += line;
        x0 = FloatVector.fromArray(S, in, r);
        x1 = FloatVector.fromArray(S, in, r + cs);
        x2 = FloatVector.fromArray(S, in, r + 2 * cs);
        x3 = FloatVector.fromArray(S, in, r + 3 * cs);
        x4 = FloatVector.fromArray(S, in, r + 4 * cs);
        x5 = FloatVector.fromArray(S, in, r + 5 * cs);
        p0 = x2.fma(w8, x1.fma(w7, x0.fma(w6, p0)));
        p1 = x3.fma(w8, x2.fma(w7, x1.fma(w6, p1)));
        p2 = x4.fma(w8, x3.fma(w7, x2.fma(w6, p2)));
        p3 = x5.fma(w8, x4.fma(w7, x3.fma(w6, p3)));
        int q = o + ox * cs;
        p0.max(lo).min(hi).intoArray(out, q);
        p1.max(lo).min(hi).intoArray(out, q + cs);
        p2.max(lo).min(hi).intoArray(out, q + 2 * cs);
        p3.max(lo).min(hi).intoArray(out, q + 3 * cs);
      }
      for (; ox < ox1; ox++) {
        int r = a + ox * cs;
        FloatVector p = FloatVector.fromArray(S, in, r + 2 * cs).fma(w2, FloatVector.fromArray(S, in, r + cs)
            .fma(w1, FloatVector.fromArray(S, in, r).fma(w0, b)));
        r += line;
        p = FloatVector.fromArray(S, in, r + 2 * cs).fma(w5, FloatVector.fromArray(S, in, r + cs)
            .fma(w4, FloatVector.fromArray(S, in, r).fma(w3, p)));
        r += line;
        p = FloatVector.fromArray(S, in, r + 2 * cs).fma(w8, FloatVector.fromArray(S, in, r + cs)
            .fma(w7, FloatVector.fromArray(S, in, r).fma(w6, p)));
        p.max(lo).min(hi).intoArray(out, o + ox * cs);
      }
    }
  }

  /** One vector of channels at stride 2 across; {@code step} is two pixels of input. */
  private static void stride2(float[] out, int o0, float[] in, int a0, int line, int step, int cs, float[] k, int c,
      float[] bias, float lo, float hi, int ox0, int ox1, boolean left, boolean right, int rows, int inRow,
      int outRow) {
    FloatVector w0 = FloatVector.fromArray(S, k, c);
    FloatVector w1 = FloatVector.fromArray(S, k, c + cs);
    FloatVector w2 = FloatVector.fromArray(S, k, c + 2 * cs);
    FloatVector w3 = FloatVector.fromArray(S, k, c + 3 * cs);
    FloatVector w4 = FloatVector.fromArray(S, k, c + 4 * cs);
    FloatVector w5 = FloatVector.fromArray(S, k, c + 5 * cs);
    FloatVector w6 = FloatVector.fromArray(S, k, c + 6 * cs);
    FloatVector w7 = FloatVector.fromArray(S, k, c + 7 * cs);
    FloatVector w8 = FloatVector.fromArray(S, k, c + 8 * cs);
    FloatVector b = FloatVector.fromArray(S, bias, c);
    for (int y = 0; y < rows; y++) {
      int a = a0 + y * inRow;
      int o = o0 + y * outRow;
      if (left) {
        // kernel columns 1 and 2 of pixel ox0 - 1, whose window starts one column left of the image
        int r = a + (ox0 - 1) * step + cs;
        FloatVector p = FloatVector.fromArray(S, in, r + cs).fma(w2, FloatVector.fromArray(S, in, r).fma(w1, b));
        r += line;
        p = FloatVector.fromArray(S, in, r + cs).fma(w5, FloatVector.fromArray(S, in, r).fma(w4, p));
        r += line;
        p = FloatVector.fromArray(S, in, r + cs).fma(w8, FloatVector.fromArray(S, in, r).fma(w7, p));
        p.max(lo).min(hi).intoArray(out, o + (ox0 - 1) * cs);
      }
      if (right) {
        // kernel columns 0 and 1 of pixel ox1, whose window ends one column right of the image
        int r = a + ox1 * step;
        FloatVector p = FloatVector.fromArray(S, in, r + cs).fma(w1, FloatVector.fromArray(S, in, r).fma(w0, b));
        r += line;
        p = FloatVector.fromArray(S, in, r + cs).fma(w4, FloatVector.fromArray(S, in, r).fma(w3, p));
        r += line;
        p = FloatVector.fromArray(S, in, r + cs).fma(w7, FloatVector.fromArray(S, in, r).fma(w6, p));
        p.max(lo).min(hi).intoArray(out, o + ox1 * cs);
      }
      int ox = ox0;
      for (; ox + 4 <= ox1; ox += 4) {
        FloatVector p0 = b;
        FloatVector p1 = b;
        FloatVector p2 = b;
        FloatVector p3 = b;
        int r = a + ox * step;
        FloatVector x0 = FloatVector.fromArray(S, in, r);
        FloatVector x1 = FloatVector.fromArray(S, in, r + cs);
        FloatVector x2 = FloatVector.fromArray(S, in, r + 2 * cs);
        FloatVector x3 = FloatVector.fromArray(S, in, r + 3 * cs);
        FloatVector x4 = FloatVector.fromArray(S, in, r + 4 * cs);
        p0 = x2.fma(w2, x1.fma(w1, x0.fma(w0, p0)));
        p1 = x4.fma(w2, x3.fma(w1, x2.fma(w0, p1)));
        x0 = FloatVector.fromArray(S, in, r + 5 * cs);
        x1 = FloatVector.fromArray(S, in, r + 6 * cs);
        x2 = FloatVector.fromArray(S, in, r + 7 * cs);
        x3 = FloatVector.fromArray(S, in, r + 8 * cs);
        p2 = x1.fma(w2, x0.fma(w1, x4.fma(w0, p2)));
        p3 = x3.fma(w2, x2.fma(w1, x1.fma(w0, p3)));
        r += line;
        x0 = FloatVector.fromArray(S, in, r);
        x1 = FloatVector.fromArray(S, in, r + cs);
        x2 = FloatVector.fromArray(S, in, r + 2 * cs);
        x3 = FloatVector.fromArray(S, in, r + 3 * cs);
        x4 = FloatVector.fromArray(S, in, r + 4 * cs);
        p0 = x2.fma(w5, x1.fma(w4, x0.fma(w3, p0)));
        p1 = x4.fma(w5, x3.fma(w4, x2.fma(w3, p1)));
        x0 = FloatVector.fromArray(S, in, r + 5 * cs);
        x1 = FloatVector.fromArray(S, in, r + 6 * cs);
        x2 = FloatVector.fromArray(S, in, r + 7 * cs);
        x3 = FloatVector.fromArray(S, in, r + 8 * cs);
        p2 = x1.fma(w5, x0.fma(w4, x4.fma(w3, p2)));
        p3 = x3.fma(w5, x2.fma(w4, x1.fma(w3, p3)));
        r += line;
        x0 = FloatVector.fromArray(S, in, r);
        x1 = FloatVector.fromArray(S, in, r + cs);
        x2 = FloatVector.fromArray(S, in, r + 2 * cs);
        x3 = FloatVector.fromArray(S, in, r + 3 * cs);
        x4 = FloatVector.fromArray(S, in, r + 4 * cs);
        p0 = x2.fma(w8, x1.fma(w7, x0.fma(w6, p0)));
        p1 = x4.fma(w8, x3.fma(w7, x2.fma(w6, p1)));
        x0 = FloatVector.fromArray(S, in, r + 5 * cs);
        x1 = FloatVector.fromArray(S, in, r + 6 * cs);
        x2 = FloatVector.fromArray(S, in, r + 7 * cs);
        x3 = FloatVector.fromArray(S, in, r + 8 * cs);
        p2 = x1.fma(w8, x0.fma(w7, x4.fma(w6, p2)));
        p3 = x3.fma(w8, x2.fma(w7, x1.fma(w6, p3)));
        int q = o + ox * cs;
        p0.max(lo).min(hi).intoArray(out, q);
        p1.max(lo).min(hi).intoArray(out, q + cs);
        p2.max(lo).min(hi).intoArray(out, q + 2 * cs);
        p3.max(lo).min(hi).intoArray(out, q + 3 * cs);
      }
      for (; ox < ox1; ox++) {
        int r = a + ox * step;
        FloatVector p = FloatVector.fromArray(S, in, r + 2 * cs).fma(w2, FloatVector.fromArray(S, in, r + cs)
            .fma(w1, FloatVector.fromArray(S, in, r).fma(w0, b)));
        r += line;
        p = FloatVector.fromArray(S, in, r + 2 * cs).fma(w5, FloatVector.fromArray(S, in, r + cs)
            .fma(w4, FloatVector.fromArray(S, in, r).fma(w3, p)));
        r += line;
        p = FloatVector.fromArray(S, in, r + 2 * cs).fma(w8, FloatVector.fromArray(S, in, r + cs)
            .fma(w7, FloatVector.fromArray(S, in, r).fma(w6, p)));
        p.max(lo).min(hi).intoArray(out, o + ox * cs);
      }
    }
  }
}
