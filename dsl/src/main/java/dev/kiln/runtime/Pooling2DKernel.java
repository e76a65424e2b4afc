package dev.kiln.runtime;

import dev.kiln.shape.LayerKind;
import dev.kiln.shape.Pooling2DRule;
import dev.kiln.shape.Size2;
import dev.kiln.shape.TensorShape;
import dev.kiln.shape.Window;

/**
 * Keras {@code MaxPooling2D} and {@code AveragePooling2D}. SAME padding (split by
 * {@link Window#padding}) adds no values: each window is clipped to the real cells, so max pooling
 * ignores the padding and average pooling divides by the count of real cells, as TF does. A NaN in a
 * window makes its maximum NaN ({@link Math#max}), as in PyTorch and tfjs.
 */
final class Pooling2DKernel implements Step {
  private final boolean max;
  private final int height;
  private final int width;
  private final int channels;
  private final int outHeight;
  private final int outWidth;
  private final Size2 pool;
  private final Size2 stride;
  private final int top;
  private final int left;

  Pooling2DKernel(Pooling2DRule rule, TensorShape input, TensorShape output) {
    max = rule.kind() == LayerKind.MAX_POOLING_2D;
    height = input.height();
    width = input.width();
    channels = input.channels();
    outHeight = output.height();
    outWidth = output.width();
    pool = rule.pool();
    stride = rule.stride();
    top = Window.padding(height, pool.height(), stride.height(), 1, rule.padding()).before();
    left = Window.padding(width, pool.width(), stride.width(), 1, rule.padding()).before();
  }

  /**
   * @param out (out_height, out_width, channels) from {@code outOff}; rows {@code [from, to)}
   * @param in (height, width, channels) from {@code inOff}
   */
  @Override
  public void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from, int to) {
    for (int oy = from; oy < to; oy++) {
      int y0 = Math.max(oy * stride.height() - top, 0);
      int y1 = Math.min(oy * stride.height() - top + pool.height(), height);
      for (int ox = 0; ox < outWidth; ox++) {
        int x0 = Math.max(ox * stride.width() - left, 0);
        int x1 = Math.min(ox * stride.width() - left + pool.width(), width);
        int o = outOff + (oy * outWidth + ox) * channels;
        java.util.Arrays.fill(out, o, o + channels, max ? Float.NEGATIVE_INFINITY : 0f);
        for (int y = y0; y < y1; y++) {
          for (int x = x0; x < x1; x++) {
            int a = inOff + (y * width + x) * channels;
            if (max) {
              for (int c = 0; c < channels; c++) {
                out[o + c] = Math.max(out[o + c], in[a + c]);
              }
            } else {
              for (int c = 0; c < channels; c++) {
                out[o + c] += in[a + c];
              }
            }
          }
        }
        if (!max) {
          float inv = 1f / ((y1 - y0) * (x1 - x0));
          for (int c = 0; c < channels; c++) {
            out[o + c] *= inv;
          }
        }
      }
    }
  }

  @Override
  public int items() {
    return outHeight;
  }

  @Override
  public long cost() {
    return (long) outHeight * outWidth * channels * pool.height() * pool.width();
  }
}
