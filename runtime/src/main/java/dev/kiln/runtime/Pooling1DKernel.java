package dev.kiln.runtime;

import dev.kiln.shape.Pooling1DRule;
import dev.kiln.shape.TensorShape;

/** Keras {@code MaxPooling1D} / {@code AveragePooling1D} as {@link Pooling2DKernel} over the one-row plane. */
final class Pooling1DKernel extends PlaneStep {
  Pooling1DKernel(Pooling1DRule rule, TensorShape input, TensorShape output) {
    super(new Pooling2DKernel(rule.plane(), plane(input), plane(output)));
  }
}
