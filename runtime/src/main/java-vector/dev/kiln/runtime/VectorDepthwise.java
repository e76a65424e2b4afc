package dev.kiln.runtime;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Depthwise} on the JDK Vector API, vectorised over channels (NHWC keeps them contiguous), every
 * output pixel register-tiled: per output row, the columns whose windows are inside the image across
 * run as blocks of pixels ({@link DepthwiseTiles#run}, or {@link Depthwise3x3} for 3x3 rows with all
 * kernel rows inside), rows cut by the top or bottom padding simply with fewer taps, and the few columns
 * cut by the left or right padding one pixel at a time with only their taps ({@link DepthwiseTiles#pixel}).
 * Accumulators start as the bias and are clamped and stored from registers. Depth multipliers above 1
 * and fewer channels than a vector run the scalar loop ({@link ScalarDepthwise}).
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
    int kw = g.kernelWidth();
    int rowStep = g.dilationHeight() * g.width() * channels;
    int colStep = g.dilationWidth() * channels;
    int step = g.strideWidth() * channels;
    int[] taps = g.tapOffsets();
    // output columns whose windows are inside the image across: [interior0, interior1)
    int interior0 = Math.min(g.outWidth(), (g.padLeft() + g.strideWidth() - 1) / g.strideWidth());
    int last = g.width() - 1 - (kw - 1) * g.dilationWidth() + g.padLeft();
    int interior1 = last < 0 ? interior0 : Math.max(interior0, Math.min(g.outWidth(), last / g.strideWidth() + 1));
    // 3x3 rows with all three kernel rows inside run as one block of rows (Depthwise3x3): weights in
    // registers, each input vector loaded once per kernel row (measured 1.7x DepthwiseTiles there:
    // the loads, not the FMAs, bound it), and the columns cut by one column of padding on either
    // side from the same registers
    boolean tiled = Depthwise3x3.applies(g) && interior0 < interior1;
    boolean left = tiled && interior0 > 0 && g.firstColumn(interior0 - 1) == 1 && g.endColumn(interior0 - 1) == 3;
    boolean right = tiled && interior1 < g.outWidth() && g.firstColumn(interior1) == 0
        && g.endColumn(interior1) == 2;
    int outRow = g.outWidth() * channels;
    int blockRows = Depthwise3x3.blockRows(g);
    for (int oy = from; oy < to; ) {
      int ky0 = g.firstRow(oy);
      int ky1 = Math.max(ky0, g.endRow(oy));
      int rowOut = outOff + (oy - from) * outRow;
      // where the window of output column 0 would start at kernel row 0
      int start = inOff + ((oy * g.strideHeight() - g.padTop()) * g.width() - g.padLeft()) * channels;
      if (tiled && ky0 == 0 && ky1 == 3) {
        int end = oy + 1;
        while (end < to && end - oy < blockRows && g.firstRow(end) == 0 && g.endRow(end) == 3) {
          end++;
        }
        int inRow = g.strideHeight() * g.width() * channels;
        for (int y = 0; y < end - oy; y++) {
          for (int ox = 0; ox < interior0 - (left ? 1 : 0); ox++) {
            edge(out, rowOut + y * outRow, in, start + y * inRow, g, kernel, bias, lo, hi, 0, 3, rowStep, colStep,
                ox);
          }
          for (int ox = interior1 + (right ? 1 : 0); ox < g.outWidth(); ox++) {
            edge(out, rowOut + y * outRow, in, start + y * inRow, g, kernel, bias, lo, hi, 0, 3, rowStep, colStep,
                ox);
          }
        }
        Depthwise3x3.rows(out, rowOut, in, start, g, kernel, bias, lo, hi, interior0, interior1, left, right,
            end - oy);
        oy = end;
        continue;
      }
      for (int ox = 0; ox < interior0; ox++) {
        edge(out, rowOut, in, start, g, kernel, bias, lo, hi, ky0, ky1, rowStep, colStep, ox);
      }
      if (interior0 < interior1) {
        DepthwiseTiles.run(out, rowOut + interior0 * channels, in, start + interior0 * step, taps, kernel, bias,
            channels, step, ky0 * kw, ky1 * kw, lo, hi, interior1 - interior0);
      }
      for (int ox = Math.max(interior0, interior1); ox < g.outWidth(); ox++) {
        edge(out, rowOut, in, start, g, kernel, bias, lo, hi, ky0, ky1, rowStep, colStep, ox);
      }
      oy++;
    }
  }

  /** Output column {@code ox} of a row, its window cut by the left or right padding. */
  private static void edge(float[] out, int rowOut, float[] in, int start, Geometry g, float[] kernel,
      float[] bias, float lo, float hi, int ky0, int ky1, int rowStep, int colStep, int ox) {
    int channels = g.channels();
    DepthwiseTiles.pixel(out, rowOut + ox * channels, in, start + ox * g.strideWidth() * channels, kernel, bias,
        channels, g.kernelWidth(), ky0, ky1, g.firstColumn(ox), Math.max(g.firstColumn(ox), g.endColumn(ox)),
        rowStep, colStep, lo, hi);
  }
}
