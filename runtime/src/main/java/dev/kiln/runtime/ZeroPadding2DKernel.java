package dev.kiln.runtime;

import dev.kiln.shape.Edges;
import dev.kiln.shape.TensorShape;
import dev.kiln.shape.ZeroPadding2DRule;

/** Keras {@code ZeroPadding2D}: the input copied into a zeroed frame of {@link Edges} rows and columns. */
final class ZeroPadding2DKernel implements Step {
  private final TensorShape input;
  private final TensorShape output;
  private final Edges edges;

  ZeroPadding2DKernel(ZeroPadding2DRule rule, TensorShape input, TensorShape output) {
    this.input = input;
    this.output = output;
    this.edges = rule.edges();
  }

  /**
   * @param out (height + top + bottom, width + left + right, channels) from {@code outOff}
   * @param in (height, width, channels) from {@code inOff}
   */
  @Override
  public void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from, int to) {
    int channels = input.channels();
    int outRow = output.width() * channels;
    java.util.Arrays.fill(out, outOff, outOff + output.size(), 0f);
    for (int y = 0; y < input.height(); y++) {
      System.arraycopy(in, inOff + y * input.width() * channels, out,
          outOff + (y + edges.top()) * outRow + edges.left() * channels, input.width() * channels);
    }
  }
}
