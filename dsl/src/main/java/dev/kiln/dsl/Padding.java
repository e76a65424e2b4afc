package dev.kiln.dsl;

/** Keras {@code padding}: how a window treats the border of its input. */
public enum Padding {
  /** No padding: the window stays inside the input; {@code out = floor((in - dk) / s) + 1}. */
  VALID,
  /**
   * Zero padding so that {@code out = ceil(in / s)}; an odd total puts the extra pixel at the
   * bottom/right, as TensorFlow, Keras and PyTorch do.
   */
  SAME,
  /**
   * Only for {@link Conv1D}: {@code dk - 1} zeros before the steps and none after, so that output step
   * {@code t} reads input steps up to {@code t} only; {@code out = ceil(in / s)} as for SAME.
   */
  CAUSAL
}
