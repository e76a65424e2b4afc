package dev.kiln.runtime;

import dev.kiln.shape.Cropping1DRule;
import dev.kiln.shape.TensorShape;

/** Keras {@code Cropping1D} as {@link Cropping2DKernel} over the one-row plane. */
final class Cropping1DKernel extends PlaneStep {
  Cropping1DKernel(Cropping1DRule rule, TensorShape input, TensorShape output) {
    super(new Cropping2DKernel(rule.plane(), plane(input), plane(output)));
  }
}
