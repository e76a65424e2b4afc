package dev.kiln.runtime;

import dev.kiln.shape.ActivationFunction;
import dev.kiln.shape.BatchNormalizationRule;
import dev.kiln.shape.TensorShape;
import java.util.Map;

/**
 * Keras {@code BatchNormalization} at inference, over the last axis, folded once into one
 * multiply-add per element exactly as Keras 3 computes it: {@code inv = gamma / sqrt(variance + eps)},
 * {@code y = x * inv + (beta - mean * inv)}.
 */
final class BatchNormalizationKernel implements Step {
  /** (channels) each. */
  private final float[] scale;
  private final float[] shift;
  private final int size;
  /** Run after the normalisation: an activation layer the graph optimizer fused, or linear. */
  private final ActivationFunction activation;

  BatchNormalizationKernel(BatchNormalizationRule rule, TensorShape shape, Map<String, float[]> tensors) {
    this(rule, shape, tensors, ActivationFunction.LINEAR);
  }

  BatchNormalizationKernel(BatchNormalizationRule rule, TensorShape shape, Map<String, float[]> tensors,
      ActivationFunction activation) {
    this.activation = activation;
    size = shape.size();
    float[][] folded = fold(rule, shape.channels(), tensors);
    scale = folded[0];
    shift = folded[1];
  }

  /**
   * The per-channel {@code {scale, shift}} with {@code y = x * scale + shift}: what this kernel runs,
   * and what the graph optimizer multiplies into the weights of the layer before it.
   */
  static float[][] fold(BatchNormalizationRule rule, int channels, Map<String, float[]> tensors) {
    float[] scale = new float[channels];
    float[] shift = new float[channels];
    float[] gamma = tensors.get("gamma");
    float[] beta = tensors.get("beta");
    float[] mean = tensors.get("moving_mean");
    float[] variance = tensors.get("moving_variance");
    for (int c = 0; c < channels; c++) {
      float inv = (float) (1 / Math.sqrt((double) variance[c] + (float) rule.epsilon()));
      if (gamma != null) {
        inv *= gamma[c];
      }
      scale[c] = inv;
      shift[c] = (beta == null ? 0f : beta[c]) - mean[c] * inv;
    }
    return new float[][] {scale, shift};
  }

  @Override
  public boolean inPlace() {
    return true;
  }

  /** @param out and @param in: any shape whose last axis is the channels, from their offsets. */
  @Override
  public void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from, int to) {
    int channels = scale.length;
    for (int p = 0; p < size; p += channels) {
      for (int c = 0; c < channels; c++) {
        out[outOff + p + c] = in[inOff + p + c] * scale[c] + shift[c];
      }
    }
    ActivationKernel.apply(out, outOff, size, activation, scale.length);
  }
}
