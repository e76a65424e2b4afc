package dev.kiln.runtime;

import dev.kiln.shape.RescalingRule;
import dev.kiln.shape.TensorShape;

/**
 * Keras {@code Rescaling}: {@code y = x * scale + offset} in float32, as Keras casts both factors
 * to the compute dtype before the multiply and the add (no fused multiply-add, so the rounding is
 * the same).
 */
final class RescalingKernel implements Step {
  /** (channels) each: a single Keras value is repeated for every channel. */
  private final float[] scale;
  private final float[] offset;
  private final int size;

  RescalingKernel(RescalingRule rule, TensorShape shape) {
    int channels = shape.channels();
    size = shape.size();
    scale = perChannel(rule.scale(), channels);
    offset = perChannel(rule.offset(), channels);
  }

  static float[] perChannel(double[] values, int channels) {
    float[] out = new float[channels];
    for (int c = 0; c < channels; c++) {
      out[c] = (float) values[values.length == 1 ? 0 : c];
    }
    return out;
  }

  /** @param out and @param in: any shape whose last axis is the channels, from their offsets. */
  @Override
  public void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from, int to) {
    int channels = scale.length;
    for (int p = 0; p < size; p += channels) {
      for (int c = 0; c < channels; c++) {
        float scaled = in[inOff + p + c] * scale[c];
        out[outOff + p + c] = scaled + offset[c];
      }
    }
  }
}
