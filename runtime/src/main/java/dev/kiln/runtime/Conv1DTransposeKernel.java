package dev.kiln.runtime;

import dev.kiln.shape.Conv1DTransposeRule;
import dev.kiln.shape.TensorShape;
import java.util.Map;

/** Keras {@code Conv1DTranspose} as {@link Conv2DTransposeKernel} over the one-row plane. */
final class Conv1DTransposeKernel extends PlaneStep {
  Conv1DTransposeKernel(Conv1DTransposeRule rule, TensorShape input, TensorShape output,
      Map<String, float[]> tensors, Gemm gemm, long macs) {
    super(new Conv2DTransposeKernel(rule.plane(), plane(input), plane(output), tensors, gemm, macs));
  }
}
