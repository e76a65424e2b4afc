package dev.kiln.runtime;

/**
 * The inner loops of a depthwise convolution, read straight from the unpadded NHWC input: padding is
 * explicit ({@link Geometry#padTop}, {@link Geometry#padLeft}; the bottom and right pads follow from
 * the output size), and a tap that falls in it is skipped, so no padded copy is made and asymmetric
 * padding (a folded {@code ZeroPadding2D}) costs nothing extra. Output channel {@code c * dm + m} reads
 * input channel {@code c} with {@code kernel[ky][kx][c][m]}.
 *
 * <p>Two implementations, chosen with the GEMM ({@link Simd#depthwise}): {@link ScalarDepthwise} and
 * {@code VectorDepthwise} (jdk.incubator.vector, vectorised over channels). Both add the taps in the
 * same order after the bias, so they agree to a few float ulps.
 */
abstract class Depthwise {

  /**
   * Output rows {@code [from, to)}: {@code out = min(max(bias + sum of taps, lo), hi)}.
   *
   * @param out (to - from, out_width, channels * dm) from {@code outOff}
   * @param in the input, (height, width, channels) from {@code inOff}
   * @param kernel (kh, kw, channels, dm), the Keras layout
   * @param bias (channels * dm), zeros when the layer has none
   */
  abstract void rows(float[] out, int outOff, float[] in, int inOff, Geometry g, float[] kernel, float[] bias,
      float lo, float hi, int from, int to);

  /** Sizes of one depthwise layer; strides and dilations per axis. */
  record Geometry(int height, int width, int channels, int multiplier, int outHeight, int outWidth,
      int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, int dilationHeight, int dilationWidth,
      int padTop, int padLeft, int[] tapOffsets) {

    Geometry(int height, int width, int channels, int multiplier, int outHeight, int outWidth, int kernelHeight,
        int kernelWidth, int strideHeight, int strideWidth, int dilationHeight, int dilationWidth, int padTop,
        int padLeft) {
      this(height, width, channels, multiplier, outHeight, outWidth, kernelHeight, kernelWidth, strideHeight,
          strideWidth, dilationHeight, dilationWidth, padTop, padLeft,
          taps(width, channels, kernelHeight, kernelWidth, dilationHeight, dilationWidth));
    }

    /**
     * (kh * kw): where tap {@code t = ky * kw + kx} reads, relative to the window's top-left input
     * pixel, in floats; its kernel vector starts at {@code t * channels * dm}.
     */
    private static int[] taps(int width, int channels, int kh, int kw, int dh, int dw) {
      int[] taps = new int[kh * kw];
      for (int ky = 0; ky < kh; ky++) {
        for (int kx = 0; kx < kw; kx++) {
          taps[ky * kw + kx] = (ky * dh * width + kx * dw) * channels;
        }
      }
      return taps;
    }

    /** The first kernel row whose input row {@code oy * sh - padTop + ky * dh} is inside the image. */
    int firstRow(int oy) {
      return firstTap(oy * strideHeight - padTop, dilationHeight);
    }

    /** One past the last kernel row inside the image. */
    int endRow(int oy) {
      return endTap(oy * strideHeight - padTop, dilationHeight, kernelHeight, height);
    }

    int firstColumn(int ox) {
      return firstTap(ox * strideWidth - padLeft, dilationWidth);
    }

    int endColumn(int ox) {
      return endTap(ox * strideWidth - padLeft, dilationWidth, kernelWidth, width);
    }

    /** Smallest {@code t >= 0} with {@code origin + t * d >= 0}. */
    private static int firstTap(int origin, int d) {
      return origin >= 0 ? 0 : (-origin + d - 1) / d;
    }

    /** Smallest {@code t <= k} with {@code origin + t * d >= size}. */
    private static int endTap(int origin, int d, int k, int size) {
      int inside = size - origin;
      return inside <= 0 ? 0 : Math.min(k, (inside + d - 1) / d);
    }
  }
}
