package dev.kiln.runtime;

/** Keras {@code Dropout}: the identity at inference. */
final class DropoutKernel extends IdentityKernel {
  DropoutKernel(int size) {
    super(size);
  }
}
