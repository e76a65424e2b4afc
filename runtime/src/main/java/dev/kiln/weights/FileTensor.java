package dev.kiln.weights;

import java.util.StringJoiner;

/**
 * A tensor found in a weight file, before its values are read: where it is (as the file names it),
 * its shape and element type. Its values are read only after its shape matched the model, so no
 * length taken from a file decides an allocation.
 *
 * @param path the tensor's name or HDF5 path, for messages
 * @param shape as stored (row-major), each dimension non-negative
 * @param dtype the stored element type, for messages: {@code F32}, {@code float64}, {@code I64}
 * @param isFloat whether {@link #values} can convert it to float32
 */
record FileTensor(String path, long[] shape, String dtype, boolean isFloat, Values values) {

  /** Reads the stored values as float32, row-major; called once the element count is known to fit. */
  interface Values {
    float[] read(int count) throws WeightFileException;
  }

  long elements() {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** {@code (3, 3, 1, 32)}, {@code (32,)}, {@code ()}: Python's notation, as Keras and PyTorch print shapes. */
  static String text(long[] shape) {
    if (shape.length == 1) {
      return "(" + shape[0] + ",)";
    }
    StringJoiner joiner = new StringJoiner(", ", "(", ")");
    for (long d : shape) {
      joiner.add(Long.toString(d));
    }
    return joiner.toString();
  }

  static String text(int[] shape) {
    long[] wide = new long[shape.length];
    for (int i = 0; i < shape.length; i++) {
      wide[i] = shape[i];
    }
    return text(wide);
  }

  String shapeText() {
    return text(shape);
  }
}
