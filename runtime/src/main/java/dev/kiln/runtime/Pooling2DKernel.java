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
  private final Lines lines = Simd.lines();

  Pooling2DKernel(Pooling2DRule rule, TensorShape input, TensorShape output) {
    this(rule, input, output, Fusion.NONE);
  }

  /**
   * @param extra zeros of a folded {@code ZeroPadding2D} around {@code input}: windows reach into them
   *     but, like SAME padding, read only real cells (the optimizer folds only where that is exact)
   */
  Pooling2DKernel(Pooling2DRule rule, TensorShape input, TensorShape output, dev.kiln.shape.Edges extra) {
    max = rule.kind() == LayerKind.MAX_POOLING_2D;
    height = input.height();
    width = input.width();
    channels = input.channels();
    outHeight = output.height();
    outWidth = output.width();
    pool = rule.pool();
    stride = rule.stride();
    top = Fusion.padding(height, extra.top(), extra.bottom(), pool.height(), stride.height(), 1, rule.padding())
        .before();
    left = Fusion.padding(width, extra.left(), extra.right(), pool.width(), stride.width(), 1, rule.padding())
        .before();
  }

  /**
   * Each output row reduces its input rows into {@code local} first (one sweep over width * channels),
   * then its output pixels reduce their columns of {@code local}: both loops vectorise.
   *
   * @param out (out_height, out_width, channels) from {@code outOff}; rows {@code [from, to)}
   * @param in (height, width, channels) from {@code inOff}
   * @param local (width, channels): the row reduction
   */
  @Override
  public void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from, int to) {
    int row = width * channels;
    for (int oy = from; oy < to; oy++) {
      int y0 = Math.max(oy * stride.height() - top, 0);
      int y1 = Math.min(oy * stride.height() - top + pool.height(), height);
      lines.rows(local, in, inOff + y0 * row, row, y1 - y0, row, !max);
      lines.windows(out, outOff + oy * outWidth * channels, local, outWidth, stride.width(), left, pool.width(), width,
          channels, !max, y1 - y0);
    }
  }

  @Override
  public int localFloats() {
    return width * channels;
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
