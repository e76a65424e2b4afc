package dev.kiln.runtime;

import dev.kiln.shape.TensorShape;
import dev.kiln.shape.ZeroPadding1DRule;

/** Keras {@code ZeroPadding1D} as {@link ZeroPadding2DKernel} over the one-row plane. */
final class ZeroPadding1DKernel extends PlaneStep {
  ZeroPadding1DKernel(ZeroPadding1DRule rule, TensorShape input, TensorShape output) {
    super(new ZeroPadding2DKernel(rule.plane(), plane(input), plane(output)));
  }
}
