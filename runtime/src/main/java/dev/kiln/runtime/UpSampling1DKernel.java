package dev.kiln.runtime;

import dev.kiln.shape.TensorShape;
import dev.kiln.shape.UpSampling1DRule;

/** Keras {@code UpSampling1D} as {@link UpSampling2DKernel} (nearest, factor {@code (1, size)}) over the one-row plane. */
final class UpSampling1DKernel extends PlaneStep {
  UpSampling1DKernel(UpSampling1DRule rule, TensorShape input, TensorShape output) {
    super(new UpSampling2DKernel(rule.plane(), plane(input), plane(output)));
  }
}
