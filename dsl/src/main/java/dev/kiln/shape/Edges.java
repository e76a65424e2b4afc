package dev.kiln.shape;

/**
 * Rows and columns added or removed at each border, as Keras's {@code ZeroPadding2D} and
 * {@code Cropping2D} standardise {@code p}, {@code (h, w)} or {@code ((top, bottom), (left, right))}.
 */
public record Edges(int top, int bottom, int left, int right) {

  /** One value: all sides; two: (vertical, horizontal); four: (top, bottom, left, right). */
  public static Edges expand(int[] values) {
    return switch (values.length) {
      case 1 -> new Edges(values[0], values[0], values[0], values[0]);
      case 2 -> new Edges(values[0], values[0], values[1], values[1]);
      default -> new Edges(values[0], values[1], values[2], values[3]);
    };
  }

  public long vertical() {
    return (long) top + bottom;
  }

  public long horizontal() {
    return (long) left + right;
  }

  /** Java annotation syntax, for fixes: {@code {0, 1, 0, 1}}. */
  public String toJava() {
    if (top == bottom && left == right) {
      return top == left ? Integer.toString(top) : "{" + top + ", " + left + "}";
    }
    return "{" + top + ", " + bottom + ", " + left + ", " + right + "}";
  }
}
