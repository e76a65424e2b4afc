package dev.kiln.runtime;

/**
 * A layer the {@link GraphOptimizer} fused into another kernel (a folded BatchNormalization or
 * ZeroPadding2D, an activation or Add run in a convolution's epilogue): its value is another
 * node's buffer, so the plans alias it like an identity layer and never run it.
 */
final class FusedKernel implements Step {
  @Override
  public void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from, int to) {
    throw new IllegalStateException("a fused layer has no computation of its own");
  }

  @Override
  public boolean isIdentity() {
    return true;
  }
}
