package dev.kiln.runtime;

import dev.kiln.shape.LayerKind;
import dev.kiln.shape.TensorShape;

/**
 * Keras {@code GlobalAveragePooling2D} / {@code GlobalMaxPooling2D}: one value per channel; the
 * output (channels) or, with keepdims, (1, 1, channels) has the same layout.
 */
final class GlobalPooling2DKernel implements Step {
  private final boolean max;
  private final int pixels;
  private final int channels;
  private final Lines lines = Simd.lines();

  GlobalPooling2DKernel(LayerKind kind, TensorShape input) {
    max = kind == LayerKind.GLOBAL_MAX_POOLING_2D;
    pixels = input.height() * input.width();
    channels = input.channels();
  }

  /**
   * @param out (channels) from {@code outOff}
   * @param in (height, width, channels) from {@code inOff}
   */
  @Override
  public void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from, int to) {
    if (max) {
      java.util.Arrays.fill(out, outOff, outOff + channels, Float.NEGATIVE_INFINITY);
    } else {
      java.util.Arrays.fill(out, outOff, outOff + channels, 0f);
    }
    for (int p = 0; p < pixels; p++) {
      if (max) {
        lines.max(out, outOff, in, inOff + p * channels, channels);
      } else {
        lines.add(out, outOff, in, inOff + p * channels, channels);
      }
    }
    if (!max) {
      lines.scale(out, outOff, channels, 1f / pixels);
    }
  }
}
