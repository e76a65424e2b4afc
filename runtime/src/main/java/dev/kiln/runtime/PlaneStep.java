package dev.kiln.runtime;

import dev.kiln.shape.TensorShape;

/**
 * A 1-D layer run by its 2-D kernel: a {@code (steps, channels)} tensor is, element for element, the
 * {@code (1, steps, channels)} plane (channels-last, the same flat order), and each 1-D rule's
 * {@code plane()} is the 2-D layer that computes the same values over it (a {@code (1, k)} kernel
 * with the same weights in the same order). So the 1-D family adds no arithmetic of its own; every
 * call goes to the wrapped step unchanged.
 */
abstract class PlaneStep implements Step {
  private final Step plane;

  PlaneStep(Step plane) {
    this.plane = plane;
  }

  /** {@code (steps, channels)} as the plane {@code (1, steps, channels)}; a rank-1 output stays itself. */
  static TensorShape plane(TensorShape shape) {
    return shape.rank() == 2 ? TensorShape.image(1, shape.dim(0), shape.dim(1)) : shape;
  }

  @Override
  public void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from, int to) {
    plane.run(out, outOff, in, inOff, shared, local, from, to);
  }

  @Override
  public boolean inPlace() {
    return plane.inPlace();
  }

  @Override
  public void prepare(float[] in, int inOff, float[] shared) {
    plane.prepare(in, inOff, shared);
  }

  @Override
  public int items() {
    return plane.items();
  }

  @Override
  public long cost() {
    return plane.cost();
  }

  @Override
  public int sharedFloats() {
    return plane.sharedFloats();
  }

  @Override
  public int localFloats() {
    return plane.localFloats();
  }

  @Override
  public boolean isIdentity() {
    return plane.isIdentity();
  }
}
