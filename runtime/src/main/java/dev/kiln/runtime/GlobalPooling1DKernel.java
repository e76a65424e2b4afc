package dev.kiln.runtime;

import dev.kiln.shape.GlobalPooling1DRule;
import dev.kiln.shape.TensorShape;

/** Keras {@code GlobalMax/AveragePooling1D} as {@link GlobalPooling2DKernel} over the one-row plane. */
final class GlobalPooling1DKernel extends PlaneStep {
  GlobalPooling1DKernel(GlobalPooling1DRule rule, TensorShape input) {
    super(new GlobalPooling2DKernel(rule.planeKind(), plane(input)));
  }
}
