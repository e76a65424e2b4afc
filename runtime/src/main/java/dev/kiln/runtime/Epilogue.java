package dev.kiln.runtime;

import dev.kiln.dsl.Activations;
import dev.kiln.shape.ActivationFunction;

/**
 * What a convolution or dense kernel does to a finished output tile after its GEMM (which already
 * added the bias): optionally add a residual tensor of the output's shape (an {@code Add} the graph
 * optimizer fused), then the activation. A plain ReLU without residual runs inside the GEMM's store;
 * everything else runs over the freshly written (still cached) tile.
 *
 * @param channels the output's last axis (softmax normalises over it)
 * @param residual true when {@link #apply} must add a residual before the activation
 */
record Epilogue(ActivationFunction activation, int channels, boolean residual) {

  Epilogue(ActivationFunction activation, int channels) {
    this(activation, channels, false);
  }

  /** True when the GEMM applies the activation itself (a plain ReLU and nothing to add first). */
  boolean relu() {
    return !residual && activation.function() == Activations.RELU && activation.alpha() == 0
        && activation.maxValue() == Double.POSITIVE_INFINITY && activation.threshold() == 0;
  }

  /**
   * The activation as a clamp a GEMM applies in registers ({@code act(x)}, or {@code act(x + r)} with a
   * residual), or {@code null} when it is not one (then {@link #apply} runs it over the stored tile).
   */
  Clamp clamp() {
    return Clamp.of(activation);
  }

  /** Applies the activation to {@code length} floats of whole pixels (channels last) from {@code offset}. */
  void apply(float[] data, int offset, int length) {
    if (!relu() && !activation.isLinear()) {
      ActivationKernel.apply(data, offset, length, activation, channels);
    }
  }

  /**
   * Adds {@code residual[residualOffset, + length)} element by element to {@code data[offset, + length)},
   * then applies the activation: the fused {@code act(conv(x) + r)}.
   *
   * @param residual the tensor of the output's shape, the same pixels as the tile, or {@code null}
   */
  void apply(float[] data, int offset, int length, float[] residual, int residualOffset) {
    if (!this.residual) {
      apply(data, offset, length);
      return;
    }
    if (clamps()) {
      // act(x + r) in one pass for ReLU and ReLU(max): Math.max/min keep NaN, as ActivationKernel does
      float max = activation.function() == Activations.RELU6 ? 6f : (float) activation.maxValue();
      for (int i = 0; i < length; i++) {
        data[offset + i] = Math.min(Math.max(data[offset + i] + residual[residualOffset + i], 0f), max);
      }
      return;
    }
    for (int i = 0; i < length; i++) {
      data[offset + i] += residual[residualOffset + i];
    }
    if (!activation.isLinear()) {
      ActivationKernel.apply(data, offset, length, activation, channels);
    }
  }

  /** ReLU without slope or threshold (any max value), or ReLU6: {@code min(max(x, 0), max)}. */
  private boolean clamps() {
    return activation.function() == Activations.RELU && activation.alpha() == 0 && activation.threshold() == 0
        || activation.function() == Activations.RELU6;
  }
}
