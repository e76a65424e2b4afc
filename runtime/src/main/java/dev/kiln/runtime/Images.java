package dev.kiln.runtime;

import java.util.Arrays;

/** Copies between NHWC images of one example, shared by the padding, cropping and convolution kernels. */
final class Images {
  private Images() {}

  /**
   * Writes {@code src} into the interior of {@code dst} at row {@code top}, column {@code left}, and
   * zeros everywhere else.
   *
   * @param dst (dstHeight, dstWidth, channels) from 0
   * @param src (height, width, channels) from {@code srcOff}
   */
  static void pad(float[] dst, float[] src, int srcOff, int height, int width, int channels, int top, int left,
      int dstHeight, int dstWidth) {
    int dstRow = dstWidth * channels;
    int row = width * channels;
    Arrays.fill(dst, 0, top * dstRow, 0f);
    for (int y = 0; y < height; y++) {
      int d = (top + y) * dstRow;
      Arrays.fill(dst, d, d + left * channels, 0f);
      System.arraycopy(src, srcOff + y * row, dst, d + left * channels, row);
      Arrays.fill(dst, d + left * channels + row, d + dstRow, 0f);
    }
    Arrays.fill(dst, (top + height) * dstRow, dstHeight * dstRow, 0f);
  }

  /**
   * Copies the window of {@code src} starting at row {@code top}, column {@code left} into all of
   * {@code dst}, rows {@code [from, to)} of {@code dst} only.
   *
   * @param dst (dstHeight, dstWidth, channels) from {@code dstOff}
   * @param src (height, width, channels) from {@code srcOff}
   */
  static void crop(float[] dst, int dstOff, float[] src, int srcOff, int width, int channels, int top, int left,
      int dstWidth, int from, int to) {
    int row = dstWidth * channels;
    for (int y = from; y < to; y++) {
      System.arraycopy(src, srcOff + ((top + y) * width + left) * channels, dst, dstOff + y * row, row);
    }
  }
}
