package dev.kiln.shape;

/**
 * A (height, width) pair, as Keras's int-or-tuple arguments ({@code kernel_size=3} or {@code (3, 5)})
 * become after {@code standardize_tuple}.
 */
public record Size2(int height, int width) {

  /** {@code {v}} means {@code (v, v)}; {@code {h, w}} means {@code (h, w)}. The caller validated the length. */
  public static Size2 expand(int[] values) {
    return values.length == 1 ? new Size2(values[0], values[0]) : new Size2(values[0], values[1]);
  }

  public int get(int axis) {
    return axis == 0 ? height : width;
  }

  public boolean isSquare() {
    return height == width;
  }

  /** {@code 3x3}. */
  @Override
  public String toString() {
    return height + "x" + width;
  }
}
