package dev.kiln.shape;

/** Builds output shapes from {@code long} arithmetic, reporting one that a Java array cannot hold. */
final class Shapes {
  private Shapes() {}

  /** The image shape, or {@code null} after reporting {@link ProblemCode#TOO_LARGE} on {@code attribute}. */
  static TensorShape image(Problems problems, String attribute, long height, long width, long channels) {
    return image(problems, attribute, height, width, channels, "Use a smaller factor or a smaller input.");
  }

  /** As {@link #image(Problems, String, long, long, long)}, with the fix the caller computed. */
  static TensorShape image(Problems problems, String attribute, long height, long width, long channels,
      String fix) {
    long size = Counts.product(height, width, channels);
    if (size > Integer.MAX_VALUE) {
      problems.report(ProblemCode.TOO_LARGE, attribute, -1, "the output " + height + "x" + width + "x" + channels,
          Counts.exact(height, width, channels), fix);
      return null;
    }
    return TensorShape.image((int) height, (int) width, (int) channels);
  }

  /** The (steps, channels) shape, or {@code null} after reporting {@link ProblemCode#TOO_LARGE} on {@code attribute}. */
  static TensorShape sequence(Problems problems, String attribute, long steps, long channels, String fix) {
    long size = Counts.product(steps, channels);
    if (size > Integer.MAX_VALUE) {
      problems.report(ProblemCode.TOO_LARGE, attribute, -1, "the output " + steps + "x" + channels,
          Counts.exact(steps, channels), fix);
      return null;
    }
    return TensorShape.of((int) steps, (int) channels);
  }

  /** The fix for a sequence output too large because of its channels: {@code Use at most 214 filters ...}. */
  static String fewerSequenceChannels(long steps, long perUnit, String what) {
    long most = Integer.MAX_VALUE / Math.max(1, Counts.product(steps, perUnit));
    return most >= 1
        ? "Use " + String.format(java.util.Locale.ROOT, what, Summary.grouped(most)) + " for its " + steps
            + "-step output, or a shorter input."
        : "Its " + steps + "-step output is too large even with one channel: use a shorter input.";
  }

  /**
   * The fix for an output too large because of its channels: {@code Use at most 214 filters ...}.
   *
   * @param perUnit output channels per unit of the attribute (1 for filters, the input's channels
   *     for a depth multiplier)
   * @param what how to say the bound, e.g. {@code at most %s filters}
   */
  static String fewerChannels(long height, long width, long perUnit, String what) {
    long most = Integer.MAX_VALUE / Math.max(1, Counts.product(height, width, perUnit));
    return most >= 1
        ? "Use " + String.format(java.util.Locale.ROOT, what, Summary.grouped(most)) + " for its " + height + "x"
            + width + " output, or a smaller input."
        : "Its " + height + "x" + width + " output is too large even with one channel: use a smaller input.";
  }

  /** For {@code sameShapeAs}: the target must have a height and width; reports it if not. */
  /** {@code @Shape(sameAs)}: the output's height and width are the target's, or an error. */
  static boolean sameHeightAndWidth(TensorShape out, TensorShape target, String targetName, Problems problems) {
    if (out.isImage() && target.isImage() && out.dim(0) == target.dim(0) && out.dim(1) == target.dim(1)) {
      return true;
    }
    problems.report(ProblemCode.SAME_AS, "sameAs", -1, out.compact(), targetName, target.compact());
    return false;
  }

  static boolean imageTarget(Problems problems, TensorShape target, String targetName) {
    if (target.isImage()) {
      return true;
    }
    problems.report(ProblemCode.SAME_SHAPE_NOT_IMAGE, "sameShapeAs", -1, targetName, target);
    return false;
  }
}
