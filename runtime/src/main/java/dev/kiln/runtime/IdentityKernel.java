package dev.kiln.runtime;

/**
 * A layer that does not change the data at inference (Dropout, Flatten, Reshape): the plan aliases
 * its buffer to its input's, and {@link #run} copies only when the layer is the last one.
 */
abstract class IdentityKernel implements Step {
  /** Elements of one example. */
  private final int size;

  IdentityKernel(int size) {
    this.size = size;
  }

  /** @param out and @param in: the same (size) floats from their offsets. */
  @Override
  public final void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from,
      int to) {
    System.arraycopy(in, inOff, out, outOff, size);
  }

  @Override
  public final boolean isIdentity() {
    return true;
  }
}
