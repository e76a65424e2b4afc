package dev.kiln.runtime;

/**
 * One layer's computation for one example, planned once from the checked shapes. A step splits its
 * output into {@link #items()} independent pieces (usually output rows) so that, at batch 1, the lanes
 * of a {@link Workers} team can share a large layer. Everything a call needs lives in the step's final
 * fields (sizes, repacked weights) or in the caller's scratch, so a step is safe to run from several
 * threads at once.
 */
interface Step {

  /**
   * Computes items {@code [from, to)} of one example.
   *
   * @param out this layer's output for the example, NHWC, from {@code outOff}
   * @param in this layer's input for the example, NHWC, from {@code inOff}
   * @param shared what {@link #prepare} wrote for this example; read-only here
   * @param local this lane's private scratch of {@link #localFloats()} floats
   */
  void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from, int to);

  /**
   * Like {@link #run}, then adds {@code residual} (this layer's output shape, from
   * {@code residualOff}) before the activation: an {@code Add} the graph optimizer fused into this
   * layer. Only called when {@link #addsResidual()}.
   */
  default void runWithResidual(float[] out, int outOff, float[] in, int inOff, float[] residual, int residualOff,
      float[] shared, float[] local, int from, int to) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " adds no residual");
  }

  /**
   * Called once on the caller's thread after the lanes of a split have run all items (none of them
   * ran all items alone): what needs every item's output, such as a softmax over units that several
   * lanes computed. A {@link #run} of all items does this itself.
   *
   * @param out this layer's output for the example, from {@code outOff}
   */
  default void finish(float[] out, int outOff) {}

  /** True when this step was built to add a residual tensor: run it with {@link #runWithResidual}. */
  default boolean addsResidual() {
    return false;
  }

  /**
   * True when the output may be the input buffer itself (same offset): each output element depends
   * only on the input element at the same index, read before it is written. The plan then runs the
   * layer in place when nothing else still needs the input.
   */
  default boolean inPlace() {
    return false;
  }

  /** Work done once per example before {@link #run}, on one thread (e.g. a zero-padded copy). */
  default void prepare(float[] in, int inOff, float[] shared) {}

  /** Independent pieces of one example's output. */
  default int items() {
    return 1;
  }

  /** Arithmetic per example, in multiply-accumulates, to decide whether splitting pays. */
  default long cost() {
    return 0;
  }

  /** Floats of {@code shared} that {@link #prepare} writes. */
  default int sharedFloats() {
    return 0;
  }

  /** Floats of lane-private scratch {@link #run} needs. */
  default int localFloats() {
    return 0;
  }

  /** True for layers that do not change the data (Flatten, Reshape, Dropout): the plan aliases them. */
  default boolean isIdentity() {
    return false;
  }
}
