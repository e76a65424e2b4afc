package dev.kiln.runtime;

import dev.kiln.dsl.Padding;
import dev.kiln.shape.Conv1DRule;
import dev.kiln.shape.Edges;
import dev.kiln.shape.TensorShape;
import dev.kiln.shape.Window;
import java.util.Map;

/**
 * Keras {@code Conv1D} as {@link Conv2DKernel} over the one-row plane. CAUSAL padding is the plane's
 * VALID convolution with {@link Window#padding}'s {@code dk - 1} zeros added before the steps, the way
 * the kernel adds the zeros of a folded {@code ZeroPadding2D}.
 */
final class Conv1DKernel extends PlaneStep {
  Conv1DKernel(Conv1DRule rule, TensorShape input, TensorShape output, Map<String, float[]> tensors, Gemm gemm,
      long macs) {
    super(new Conv2DKernel(rule.plane(), plane(output), tensors, gemm, macs,
        new Fusion(rule.activation(), leading(rule), plane(input), false)));
  }

  /** CAUSAL's zeros before the steps (as the plane's left columns); none otherwise. */
  private static Edges leading(Conv1DRule rule) {
    if (rule.window().padding() != Padding.CAUSAL) {
      return Fusion.NONE;
    }
    Window.Pad pad = Window.padding(0, rule.window().kernelSizes()[0], 1, rule.window().dilationSizes()[0],
        Padding.CAUSAL);
    return new Edges(0, 0, pad.before(), pad.after());
  }
}
