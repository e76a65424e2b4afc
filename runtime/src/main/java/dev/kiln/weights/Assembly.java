package dev.kiln.weights;

import dev.kiln.runtime.Weights;
import dev.kiln.shape.LayerInfo;
import dev.kiln.shape.WeightSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects, for one model and one file, which file tensor is to become which Kiln weight, checking
 * each one's shape and type against the compile-time shape, and every problem on the way. Values are
 * read only when no problem was found, so a bad file costs no allocation beyond its header.
 */
final class Assembly {
  /** Converts a tensor from the file's layout to Keras's (identity for Keras files). */
  interface Layout {
    float[] toKeras(float[] values);
  }

  static final Layout KERAS = values -> values;

  private record Entry(LayerInfo layer, WeightSpec spec, FileTensor tensor, Layout layout) {}

  private final String file;
  private final List<String> problems = new ArrayList<>();
  private final List<Entry> entries = new ArrayList<>();

  Assembly(String file) {
    this.file = file;
  }

  static String describe(LayerInfo layer) {
    return "layer `" + layer.name() + "` (" + layer.typeName() + ")";
  }

  /**
   * Weight {@code spec} of {@code layer} comes from {@code found} (null if the file has none), which
   * must have shape {@code expected} (the spec's shape in the file's layout) and is named
   * {@code expectedName} in the file.
   */
  void expect(LayerInfo layer, WeightSpec spec, String expectedName, long[] expected, FileTensor found,
      Layout layout) {
    String what = describe(layer) + " tensor `" + spec.name() + "`: ";
    if (found == null) {
      problems.add(what + "missing; expected `" + expectedName + "` with shape " + FileTensor.text(expected));
      return;
    }
    boolean ok = true;
    if (!Arrays.equals(expected, found.shape())) {
      problems.add(what + "`" + found.path() + "` has shape " + found.shapeText() + ", expected "
          + FileTensor.text(expected));
      ok = false;
    }
    if (!found.isFloat() && !(isCounter(spec) && isInteger(found.dtype()))) {
      problems.add(what + "`" + found.path() + "` has dtype " + found.dtype()
          + ", expected a floating-point type (float32, float16 or bfloat16)");
      ok = false;
    }
    if (ok) {
      entries.add(new Entry(layer, spec, found, layout));
    }
  }

  /** Keras's Normalization {@code count}: an integer scalar, read as a float (inference never uses it). */
  static boolean isCounter(WeightSpec spec) {
    return spec.name().equals("count") && spec.dims().length == 0;
  }

  /** {@code int64}, {@code I32}: the HDF5 and safetensors names of the integer types the readers convert. */
  static boolean isInteger(String dtype) {
    return dtype.matches("u?int(8|16|32|64)|[IU](8|16|32|64)");
  }

  /** Keras layout: the expected shape is the spec's. */
  void expect(LayerInfo layer, WeightSpec spec, String expectedName, FileTensor found) {
    expect(layer, spec, expectedName, wide(spec.dims()), found, KERAS);
  }

  void unexpected(FileTensor tensor, String why) {
    problems.add("unexpected tensor `" + tensor.path() + "` with shape " + tensor.shapeText() + ": " + why);
  }

  void problem(String problem) {
    problems.add(problem);
  }

  boolean hasProblems() {
    return !problems.isEmpty();
  }

  /** The weights, read and converted, or every problem found. */
  Weights finish() throws WeightFileException {
    if (!problems.isEmpty()) {
      throw new WeightFileException(file, problems);
    }
    Weights weights = new Weights();
    for (Entry e : entries) {
      int count = Math.toIntExact(e.spec.elements());
      float[] values = e.layout.toKeras(e.tensor.values().read(count));
      weights.put(e.layer.name(), e.spec.name(), values);
    }
    return weights;
  }

  static long[] wide(int[] dims) {
    long[] out = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      out[i] = dims[i];
    }
    return out;
  }
}
