package dev.kiln.runtime;

/** Keras {@code Dropout}: the identity at inference, so the plan aliases the buffer. {@link #run} copies, for when it is the last layer. */
final class DropoutKernel implements Step {
  /** Elements of one example. */
  private final int size;

  DropoutKernel(int size) {
    this.size = size;
  }

  /** @param out and @param in: the same (size) floats from their offsets. */
  @Override
  public void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from, int to) {
    System.arraycopy(in, inOff, out, outOff, size);
  }

  @Override
  public boolean isIdentity() {
    return true;
  }
}
