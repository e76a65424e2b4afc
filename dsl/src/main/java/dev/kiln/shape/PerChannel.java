package dev.kiln.shape;

import java.util.StringJoiner;

/**
 * Checks for the per-channel value lists of {@code Rescaling} and {@code Normalization}: one value
 * broadcasts to every element, otherwise there must be one per channel (the input's last axis).
 */
final class PerChannel {
  private PerChannel() {}

  static void notEmpty(Problems problems, String attribute, double[] values) {
    if (values.length == 0) {
      problems.report(ProblemCode.PER_CHANNEL_EMPTY, attribute, -1, attribute);
    }
  }

  static void finite(Problems problems, String attribute, double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        problems.report(ProblemCode.NOT_FINITE, attribute, values.length == 1 ? -1 : i,
            values.length == 1 ? attribute : attribute + "[" + i + "]", values[i], "every output of that channel "
                + (Double.isNaN(values[i]) ? "NaN" : "infinite or NaN"));
      }
    }
  }

  /** True if {@code values} broadcast over {@code input}'s last axis; else reports on the attribute. */
  static boolean fits(Problems problems, String attribute, double[] values, LayerInput input) {
    int channels = input.shape().channels();
    if (values.length <= 1 || values.length == channels) {
      return true;
    }
    problems.report(ProblemCode.PER_CHANNEL, attribute, -1, attribute, channels, input.describe(), values.length,
        java(values));
    return false;
  }

  static String java(double[] values) {
    StringJoiner joiner = new StringJoiner(", ", "{", "}");
    for (double v : values) {
      joiner.add(Double.toString(v));
    }
    return joiner.toString();
  }
}
