package dev.kiln.runtime;

import dev.kiln.shape.Window;
import java.util.Arrays;

/**
 * The zero-padded input rows that a run of output pixels of a padded convolution reads, copied by the
 * lane that computes those pixels into its own scratch, a band at a time. This replaces one serial
 * copy of the whole padded image before the layer is split: the copy runs on every lane in parallel,
 * and each band (at most {@link #floats} floats, sized to stay in L2 beside the weights) is still in
 * L2 when the GEMM reads it, instead of coming back from memory. A band holds the padded rows
 * {@code [firstRow(q), firstRow(q) + rows(q, q1))} of the {@code (height + pads, paddedWidth, channels)}
 * image, so the convolution's padded geometry reads it unchanged.
 */
final class PaddedBand {
  /** Floats a band may take by default: 512 KB, half of Zen 5's L2 per core. */
  static final int BUDGET_FLOATS = 128 * 1024;

  private final int height;
  private final int width;
  private final int channels;
  private final int top;
  private final int left;
  private final int paddedWidth;
  private final int outWidth;
  private final int strideRows;
  /** Padded rows one output row's window spans: {@code (kh - 1) * dh + 1}. */
  private final int extent;
  /** Output pixels per band, a whole number of GEMM tiles. */
  final int chunkPixels;
  /** The largest band, in floats: the lane scratch it needs. */
  final int floats;

  /**
   * @param tile the GEMM's pixels per tile; bands hold whole tiles so a split wastes none
   * @param budget the floats a band should stay within (one tile's band is taken even when larger)
   */
  PaddedBand(int height, int width, int channels, Window.Pad rows, Window.Pad cols, int outHeight, int outWidth,
      int kernelHeight, int strideHeight, int dilationHeight, int tile, int budget) {
    this.height = height;
    this.width = width;
    this.channels = channels;
    top = rows.before();
    left = cols.before();
    paddedWidth = width + cols.total();
    this.outWidth = outWidth;
    strideRows = strideHeight;
    extent = (kernelHeight - 1) * dilationHeight + 1;
    int pixels = outHeight * outWidth;
    int all = (pixels + tile - 1) / tile * tile;
    int chunk = tile;
    while (chunk + tile <= all && bandFloats(chunk + tile, outHeight) <= budget) {
      chunk += tile;
    }
    chunkPixels = chunk;
    floats = bandFloats(chunk, outHeight);
  }

  /** The most floats a band of {@code chunk} consecutive output pixels can need, wherever it starts. */
  private int bandFloats(int chunk, int outHeight) {
    int spanned = Math.min(outHeight, (outWidth - 1 + chunk - 1) / outWidth + 1);
    return ((spanned - 1) * strideRows + extent) * paddedWidth * channels;
  }

  /** The padded row where the window of output pixel {@code p} starts. */
  int firstRow(int p) {
    return p / outWidth * strideRows;
  }

  /** Padded rows the windows of output pixels {@code [q, q1)} read, from {@link #firstRow}{@code (q)}. */
  int rows(int q, int q1) {
    return ((q1 - 1) / outWidth - q / outWidth) * strideRows + extent;
  }

  /**
   * Writes padded rows {@code [first, first + rows)}: the input row inside, zeros around it.
   *
   * @param band (rows, paddedWidth, channels) from {@code bandOff}
   * @param in (height, width, channels) from {@code inOff}
   */
  void fill(float[] band, int bandOff, float[] in, int inOff, int first, int rows) {
    int line = paddedWidth * channels;
    int row = width * channels;
    int before = left * channels;
    for (int r = 0; r < rows; r++) {
      int y = first + r - top;
      int d = bandOff + r * line;
      if (y < 0 || y >= height) {
        Arrays.fill(band, d, d + line, 0f);
        continue;
      }
      Arrays.fill(band, d, d + before, 0f);
      System.arraycopy(in, inOff + y * row, band, d + before, row);
      Arrays.fill(band, d + before + row, d + line, 0f);
    }
  }
}
