package dev.kiln.runtime;

import dev.kiln.shape.ActivationFunction;
import dev.kiln.shape.TensorShape;

/**
 * Keras activations, element-wise except softmax (over the last axis). Definitions follow Keras 3
 * ({@code keras/src/activations/activations.py}): {@code gelu} is the exact erf form,
 * {@code hard_sigmoid} is {@code relu6(x + 3) / 6}, the {@code ReLU} layer is
 * {@code x > threshold ? min(x, max_value) : 0} minus {@code negative_slope * relu(threshold - x)},
 * {@code hard_silu} is {@code x * hard_sigmoid(x)}, {@code mish} is {@code x * tanh(softplus(x))},
 * {@code log_softmax} is {@code x - max - log(sum(exp(x - max)))} over the last axis.
 * NaN propagates through every function, as in TensorFlow and PyTorch.
 */
final class ActivationKernel implements Step {
  private final ActivationFunction activation;
  /** Elements of one example and the length of its last axis. */
  private final int size;
  private final int channels;

  ActivationKernel(ActivationFunction activation, TensorShape shape) {
    this.activation = activation;
    this.size = shape.size();
    this.channels = shape.channels();
  }

  @Override
  public void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from, int to) {
    if (in != out || inOff != outOff) {
      System.arraycopy(in, inOff, out, outOff, size);
    }
    apply(out, outOff, size, activation, channels);
  }

  /** Softmax too: each row is read whole before any of it is written. */
  @Override
  public boolean inPlace() {
    return true;
  }

  /**
   * Applies {@code f} in place to {@code data[offset, offset + length)}, a whole number of rows of
   * {@code channels} (the last axis, which softmax normalises over).
   */
  static void apply(float[] data, int offset, int length, ActivationFunction f, int channels) {
    int end = offset + length;
    switch (f.function()) {
      case LINEAR -> { }
      case RELU -> relu(data, offset, end, (float) f.alpha(), (float) f.maxValue(), (float) f.threshold());
      case RELU6 -> relu(data, offset, end, 0f, 6f, 0f);
      case LEAKY_RELU -> {
        float slope = (float) f.alpha();
        for (int i = offset; i < end; i++) {
          float x = data[i];
          data[i] = x >= 0 ? x : x * slope;
        }
      }
      case ELU -> {
        for (int i = offset; i < end; i++) {
          float x = data[i];
          data[i] = x > 0 ? x : (float) (f.alpha() * Math.expm1(x));
        }
      }
      case SELU -> {
        for (int i = offset; i < end; i++) {
          float x = data[i];
          data[i] = (float) (x > 0 ? SELU_SCALE * x : SELU_SCALE * SELU_ALPHA * Math.expm1(x));
        }
      }
      case GELU -> {
        for (int i = offset; i < end; i++) {
          double x = data[i];
          data[i] = (float) (0.5 * x * (1 + Erf.erf(x / Math.sqrt(2))));
        }
      }
      case SILU, SWISH -> {
        for (int i = offset; i < end; i++) {
          double x = data[i];
          data[i] = (float) (x / (1 + Math.exp(-x)));
        }
      }
      case SIGMOID -> {
        for (int i = offset; i < end; i++) {
          data[i] = (float) (1 / (1 + Math.exp(-(double) data[i])));
        }
      }
      case HARD_SIGMOID -> {
        for (int i = offset; i < end; i++) {
          data[i] = Math.min(Math.max(data[i] + 3f, 0f), 6f) / 6f;
        }
      }
      case TANH -> {
        for (int i = offset; i < end; i++) {
          data[i] = (float) Math.tanh(data[i]);
        }
      }
      case SOFTPLUS -> {
        for (int i = offset; i < end; i++) {
          double x = data[i];
          data[i] = (float) (Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))));
        }
      }
      case SOFTSIGN -> {
        for (int i = offset; i < end; i++) {
          data[i] = data[i] / (1 + Math.abs(data[i]));
        }
      }
      case SOFTMAX -> {
        for (int row = offset; row < end; row += channels) {
          softmax(data, row, channels);
        }
      }
      case HARD_SILU, HARD_SWISH -> {
        for (int i = offset; i < end; i++) {
          float x = data[i];
          data[i] = x * (Math.min(Math.max(x + 3f, 0f), 6f) / 6f);
        }
      }
      case MISH -> {
        for (int i = offset; i < end; i++) {
          double x = data[i];
          double softplus = Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
          data[i] = (float) (x * Math.tanh(softplus));
        }
      }
      case EXPONENTIAL -> {
        for (int i = offset; i < end; i++) {
          data[i] = (float) Math.exp(data[i]);
        }
      }
      case LOG_SOFTMAX -> {
        for (int row = offset; row < end; row += channels) {
          logSoftmax(data, row, channels);
        }
      }
    }
  }

  private static final double SELU_ALPHA = 1.6732632423543772848170429916717;
  private static final double SELU_SCALE = 1.0507009873554804934193349852946;

  private static void relu(float[] data, int offset, int end, float slope, float max, float threshold) {
    if (slope == 0 && threshold == 0) {
      // the common ReLU and ReLU(6): branch-free, so it vectorises; Math.max/min keep NaN
      for (int i = offset; i < end; i++) {
        data[i] = Math.min(Math.max(data[i], 0f), max);
      }
      return;
    }
    for (int i = offset; i < end; i++) {
      float x = data[i];
      if (Float.isNaN(x)) {
        continue;
      }
      float y = x > threshold ? Math.min(x, max) : 0f;
      if (slope != 0 && x < threshold) {
        y -= slope * (threshold - x);
      }
      data[i] = y;
    }
  }

  /** {@code x - max - log(sum(exp(x - max)))}, the stable form; a NaN anywhere in the row spreads. */
  private static void logSoftmax(float[] data, int offset, int length) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = offset; i < offset + length; i++) {
      max = Math.max(max, data[i]);
    }
    double sum = 0;
    for (int i = offset; i < offset + length; i++) {
      sum += Math.exp((double) data[i] - max);
    }
    double log = Math.log(sum);
    for (int i = offset; i < offset + length; i++) {
      data[i] = (float) ((double) data[i] - max - log);
    }
  }

  /** {@code exp(x - max) / sum}, as Keras does for numerical safety; a NaN anywhere in the row spreads. */
  private static void softmax(float[] data, int offset, int length) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = offset; i < offset + length; i++) {
      max = Math.max(max, data[i]);
    }
    double sum = 0;
    for (int i = offset; i < offset + length; i++) {
      float e = (float) Math.exp(data[i] - max);
      data[i] = e;
      sum += e;
    }
    float inv = (float) (1 / sum);
    for (int i = offset; i < offset + length; i++) {
      data[i] *= inv;
    }
  }
}
