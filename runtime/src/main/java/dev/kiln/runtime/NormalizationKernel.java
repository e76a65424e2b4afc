package dev.kiln.runtime;

import dev.kiln.shape.NormalizationRule;
import dev.kiln.shape.TensorShape;
import java.util.Map;

/**
 * Keras 3 {@code Normalization} over the last axis, in float32 as Keras computes it:
 * {@code d = max(sqrt(variance), 1e-7)}, then {@code (x - mean) / d}, or {@code mean + x * d} when
 * inverted. A division, not a multiplication by {@code 1 / d}, so the rounding matches Keras's.
 */
final class NormalizationKernel implements Step {
  /** (channels) each. */
  private final float[] mean;
  private final float[] deviation;
  private final boolean invert;
  private final int size;

  /** @param tensors {@code mean} and {@code variance} when the rule has no values of its own */
  NormalizationKernel(NormalizationRule rule, TensorShape shape, Map<String, float[]> tensors) {
    int channels = shape.channels();
    size = shape.size();
    invert = rule.invert();
    float[] variance;
    if (rule.adapted()) {
      mean = tensors.get("mean").clone();
      variance = tensors.get("variance");
    } else {
      mean = RescalingKernel.perChannel(rule.mean(), channels);
      variance = RescalingKernel.perChannel(rule.variance(), channels);
    }
    deviation = new float[channels];
    for (int c = 0; c < channels; c++) {
      deviation[c] = Math.max((float) Math.sqrt(variance[c]), (float) NormalizationRule.EPSILON);
    }
  }

  /** @param out and @param in: any shape whose last axis is the channels, from their offsets. */
  @Override
  public void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from, int to) {
    int channels = mean.length;
    for (int p = 0; p < size; p += channels) {
      for (int c = 0; c < channels; c++) {
        float x = in[inOff + p + c];
        out[outOff + p + c] = invert ? mean[c] + x * deviation[c] : (x - mean[c]) / deviation[c];
      }
    }
  }
}
