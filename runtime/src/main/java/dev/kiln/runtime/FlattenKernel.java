package dev.kiln.runtime;

/** Keras {@code Flatten}: (h, w, c) row-major is already (h * w * c). */
final class FlattenKernel extends IdentityKernel {
  FlattenKernel(int size) {
    super(size);
  }
}
