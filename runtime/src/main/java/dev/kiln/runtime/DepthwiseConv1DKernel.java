package dev.kiln.runtime;

import dev.kiln.shape.DepthwiseConv1DRule;
import dev.kiln.shape.TensorShape;
import java.util.Map;

/** Keras {@code DepthwiseConv1D} as {@link DepthwiseConv2DKernel} over the one-row plane. */
final class DepthwiseConv1DKernel extends PlaneStep {
  DepthwiseConv1DKernel(DepthwiseConv1DRule rule, TensorShape input, TensorShape output, Map<String, float[]> tensors,
      long macs) {
    super(DepthwiseConv2DKernel.of(rule.plane(), plane(input), plane(output), tensors, macs));
  }
}
