package dev.kiln.runtime;

import java.util.Arrays;

/**
 * One example's tensor of a generated model ({@code KilnDenoiser.Input}, {@code KilnDenoiser.Output}):
 * floats in row-major order with the shape the compiler fixed. Generated subclasses add the shape as
 * constants, the factories and typed element accessors; this class holds the values and checks
 * lengths and indices.
 */
public abstract class Example {
  private static final String[] IMAGE_AXES = {"row", "column", "channel"};

  /** The example, row-major in {@link #dims}. */
  private final float[] values;
  /** Its shape without the batch axis, e.g. (28, 28, 1). */
  private final int[] dims;
  private final String role;

  /** @param values owned by the new example: pass a copy ({@link #copyOf}) or a new array */
  protected Example(String role, float[] values, int... dims) {
    this.role = role;
    this.values = values;
    this.dims = dims;
  }

  /**
   * A copy of {@code values} after checking it holds exactly one example of {@code dims}.
   *
   * @throws IllegalArgumentException naming the expected and received lengths
   */
  protected static float[] copyOf(float[] values, String role, int... dims) {
    int size = 1;
    for (int d : dims) {
      size *= d;
    }
    if (values.length != size) {
      throw new IllegalArgumentException("expected " + size + " floats for " + role + " " + shape(dims)
          + ", received " + values.length);
    }
    return values.clone();
  }

  /** The offset of element (row, column, channel) of an image, after checking each index. */
  protected final int offset(int row, int column, int channel) {
    check(0, row);
    check(1, column);
    check(2, channel);
    return (row * dims[1] + column) * dims[2] + channel;
  }

  /** The offset of element {@code unit} of a vector, after checking it. */
  protected final int offset(int unit) {
    check(0, unit);
    return unit;
  }

  private void check(int axis, int index) {
    if (index < 0 || index >= dims[axis]) {
      String name = dims.length == 3 ? IMAGE_AXES[axis] : dims.length == 1 ? "unit" : "index " + axis;
      throw new IndexOutOfBoundsException(name + " " + index + " outside [0, " + dims[axis] + ")");
    }
  }

  protected final float at(int offset) {
    return values[offset];
  }

  protected final void put(int offset, float value) {
    values[offset] = value;
  }

  /** The index of the largest value (the first, on ties): a class-score output's predicted class. */
  protected final int largest() {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }

  /** A copy of the floats, row-major. */
  public final float[] toArray() {
    return values.clone();
  }

  /** The backing array, for {@link Network#predict(Example, Example)}. */
  final float[] values() {
    return values;
  }

  @Override
  public String toString() {
    return role + " " + shape(dims) + " " + Arrays.toString(values);
  }

  private static String shape(int[] dims) {
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < dims.length; i++) {
      text.append(i == 0 ? "" : ", ").append(dims[i]);
    }
    return text.append(')').toString();
  }
}
