package dev.kiln.runtime;

import dev.kiln.shape.SeparableConv1DRule;
import dev.kiln.shape.TensorShape;
import java.util.Map;

/** Keras {@code SeparableConv1D} as {@link SeparableConv2DKernel} over the one-row plane. */
final class SeparableConv1DKernel extends PlaneStep {
  SeparableConv1DKernel(SeparableConv1DRule rule, TensorShape input, TensorShape output, Map<String, float[]> tensors,
      Gemm gemm, long macs) {
    super(new SeparableConv2DKernel(rule.plane(), plane(input), plane(output), tensors, gemm, macs));
  }
}
