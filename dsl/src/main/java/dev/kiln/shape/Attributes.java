package dev.kiln.shape;

import java.util.StringJoiner;

/** Attribute checks shared by the rules; each reports on the attribute (and index) at fault. */
final class Attributes {
  private Attributes() {}

  /**
   * An int-or-pair attribute ({@code kernelSize = 3} or {@code {3, 5}}): one or two values (none
   * also when {@code allowEmpty}, Keras's {@code None}), each at least {@code min}.
   */
  static boolean pair(Problems problems, String attribute, int[] values, boolean allowEmpty, int min) {
    if (values.length > 2 || (values.length == 0 && !allowEmpty)) {
      int example = values.length > 0 ? Math.max(values[0], min) : 2;
      problems.report(ProblemCode.ARRAY_LENGTH, attribute, -1, attribute, values.length, java(values), example);
      return false;
    }
    return atLeast(problems, attribute, values, min);
  }

  /**
   * An int-or-tuple attribute over {@code axes} spatial axes, Keras's {@code standardize_tuple(value,
   * axes)}: two axes are {@link #pair}; one (a sequence's steps) takes exactly one value (none also
   * when {@code allowEmpty}).
   */
  static boolean tuple(Problems problems, String attribute, int[] values, int axes, boolean allowEmpty, int min) {
    if (axes == 2) {
      return pair(problems, attribute, values, allowEmpty, min);
    }
    if (values.length > 1 || (values.length == 0 && !allowEmpty)) {
      int example = values.length > 0 ? Math.max(values[0], min) : 2;
      problems.report(ProblemCode.STEPS_LENGTH, attribute, -1, attribute, values.length, java(values), example);
      return false;
    }
    return atLeast(problems, attribute, values, min);
  }

  /** A 1-D padding/cropping attribute: one value (both ends) or two (start, end), none negative. */
  static boolean ends(Problems problems, String attribute, int[] values) {
    if (values.length != 1 && values.length != 2) {
      problems.report(ProblemCode.ENDS_LENGTH, attribute, -1, attribute, values.length, java(values));
      return false;
    }
    return atLeast(problems, attribute, values, 0);
  }

  /** A padding/cropping attribute: one, two or four values, none negative. */
  static boolean edges(Problems problems, String attribute, int[] values) {
    if (values.length != 1 && values.length != 2 && values.length != 4) {
      problems.report(ProblemCode.EDGES_LENGTH, attribute, -1, attribute, values.length, java(values));
      return false;
    }
    return atLeast(problems, attribute, values, 0);
  }

  static boolean positive(Problems problems, String attribute, int value) {
    if (value < 1) {
      problems.report(ProblemCode.NOT_POSITIVE, attribute, -1, attribute, value);
      return false;
    }
    return true;
  }

  private static boolean atLeast(Problems problems, String attribute, int[] values, int min) {
    boolean ok = true;
    for (int i = 0; i < values.length; i++) {
      if (values[i] < min) {
        String name = values.length == 1 ? attribute : attribute + "[" + i + "]";
        int index = values.length == 1 ? -1 : i;
        if (min > 0) {
          problems.report(ProblemCode.NOT_POSITIVE, attribute, index, name, values[i]);
        } else {
          problems.report(ProblemCode.NEGATIVE, attribute, index, name, values[i]);
        }
        ok = false;
      }
    }
    return ok;
  }

  /** Java array-initializer text: {@code {3, 3, 3}}. */
  static String java(int[] values) {
    StringJoiner joiner = new StringJoiner(", ", "{", "}");
    for (int v : values) {
      joiner.add(Integer.toString(v));
    }
    return joiner.toString();
  }

  /** {@code 3} when every axis has the same size, else {@code {3, 5}}. */
  static String javaSizes(int[] sizes) {
    for (int size : sizes) {
      if (size != sizes[0]) {
        return java(sizes);
      }
    }
    return Integer.toString(sizes[0]);
  }
}
