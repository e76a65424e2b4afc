package dev.kiln.runtime;

import dev.kiln.dsl.Activations;
import dev.kiln.shape.ActivationFunction;

/**
 * The activation fused into a convolution or dense output: a plain ReLU runs inside the GEMM's
 * store; any other activation runs over the freshly written (still cached) output rows.
 */
record Epilogue(ActivationFunction activation, int channels) {

  /** True when the GEMM applies the activation itself. */
  boolean relu() {
    return activation.function() == Activations.RELU && activation.alpha() == 0
        && activation.maxValue() == Double.POSITIVE_INFINITY && activation.threshold() == 0;
  }

  /** Applies the activation to {@code length} floats of whole pixels (channels last) from {@code offset}. */
  void apply(float[] data, int offset, int length) {
    if (!relu() && !activation.isLinear()) {
      ActivationKernel.apply(data, offset, length, activation, channels);
    }
  }
}
