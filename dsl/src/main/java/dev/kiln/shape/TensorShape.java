package dev.kiln.shape;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * The shape of one example's tensor, without the batch axis: (height, width, channels) for an image,
 * (units) for a vector. Immutable. Every dimension is at least 1 and the element count fits a Java
 * array; {@link ShapeChecker} reports anything else before a shape is built.
 */
public final class TensorShape {
  private final int[] dims;

  private TensorShape(int[] dims) {
    this.dims = dims;
  }

  public static TensorShape of(int... dims) {
    if (dims.length == 0) {
      throw new IllegalArgumentException("a shape needs at least one dimension");
    }
    long size = 1;
    for (int d : dims) {
      if (d < 1) {
        throw new IllegalArgumentException("dimensions must be at least 1: " + Arrays.toString(dims));
      }
      size *= d;
      if (size > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("more elements than a Java array holds: " + Arrays.toString(dims));
      }
    }
    return new TensorShape(dims.clone());
  }

  /** An image shape (height, width, channels). */
  public static TensorShape image(int height, int width, int channels) {
    return of(height, width, channels);
  }

  public int rank() {
    return dims.length;
  }

  public int dim(int axis) {
    return dims[axis];
  }

  public int[] dims() {
    return dims.clone();
  }

  /** True for (height, width, channels). */
  public boolean isImage() {
    return dims.length == 3;
  }

  public int height() {
    requireImage();
    return dims[0];
  }

  public int width() {
    requireImage();
    return dims[1];
  }

  /** The last axis: channels of an image, features of a vector. */
  public int channels() {
    return dims[dims.length - 1];
  }

  /** Number of elements of one example. */
  public int size() {
    int size = 1;
    for (int d : dims) {
      size *= d;
    }
    return size;
  }

  private void requireImage() {
    if (!isImage()) {
      throw new IllegalStateException("not a (height, width, channels) shape: " + this);
    }
  }

  /** Keras notation with the batch axis: {@code (None, 28, 28, 32)}. */
  @Override
  public String toString() {
    return describe(dims);
  }

  /** Keras notation for any dimensions, valid or not: {@code (None, 28, 0, 32)}. */
  public static String describe(int[] dims) {
    StringJoiner joiner = new StringJoiner(", ", "(", ")");
    joiner.add("None");
    for (int d : dims) {
      joiner.add(Integer.toString(d));
    }
    return joiner.toString();
  }

  /** Compact notation used in messages: {@code 28x28x32}. */
  public String compact() {
    StringJoiner joiner = new StringJoiner("x");
    for (int d : dims) {
      joiner.add(Integer.toString(d));
    }
    return joiner.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorShape other && Arrays.equals(dims, other.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }
}
