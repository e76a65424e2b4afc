package dev.kiln.runtime;

import dev.kiln.dsl.Activations;
import dev.kiln.shape.ActivationFunction;

/**
 * An activation a kernel can apply to its accumulators before storing them: {@code min(max(v, lo), hi)}.
 * Linear is {@code (-inf, +inf)}, ReLU {@code (0, +inf)}, ReLU6 and {@code ReLU(maxValue = m)}
 * {@code (0, 6)} and {@code (0, m)}; {@code max} and {@code min} keep a NaN, as Keras's ReLU does.
 */
record Clamp(float lo, float hi) {
  static final Clamp NONE = new Clamp(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);

  /** The clamp equal to {@code activation}, or {@code null} when it is not one (ELU, sigmoid, a leaky ReLU…). */
  static Clamp of(ActivationFunction activation) {
    if (activation.isLinear()) {
      return NONE;
    }
    if (activation.function() == Activations.RELU6) {
      return new Clamp(0f, 6f);
    }
    if (activation.function() == Activations.RELU && activation.alpha() == 0 && activation.threshold() == 0) {
      return new Clamp(0f, (float) activation.maxValue());
    }
    return null;
  }
}
