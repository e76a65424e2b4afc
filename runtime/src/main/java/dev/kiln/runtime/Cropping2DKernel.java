package dev.kiln.runtime;

import dev.kiln.shape.Cropping2DRule;
import dev.kiln.shape.Edges;
import dev.kiln.shape.TensorShape;

/** Keras {@code Cropping2D}: copies the window that remains after removing {@link Edges}. */
final class Cropping2DKernel implements Step {
  private final TensorShape input;
  private final TensorShape output;
  private final Edges edges;

  Cropping2DKernel(Cropping2DRule rule, TensorShape input, TensorShape output) {
    this.input = input;
    this.output = output;
    this.edges = rule.edges();
  }

  /**
   * @param out (out_height, out_width, channels) from {@code outOff}
   * @param in (height, width, channels) from {@code inOff}
   */
  @Override
  public void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from, int to) {
    Images.crop(out, outOff, in, inOff, input.width(), input.channels(), edges.top(), edges.left(), output.width(),
        0, output.height());
  }
}
