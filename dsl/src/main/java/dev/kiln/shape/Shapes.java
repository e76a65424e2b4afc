package dev.kiln.shape;

/** Builds output shapes from {@code long} arithmetic, reporting one that a Java array cannot hold. */
final class Shapes {
  private Shapes() {}

  /** The image shape, or {@code null} after reporting {@link ProblemCode#TOO_LARGE} on {@code attribute}. */
  static TensorShape image(Problems problems, String attribute, long height, long width, long channels) {
    long size;
    try {
      size = Math.multiplyExact(Math.multiplyExact(height, width), channels);
    } catch (ArithmeticException e) {
      size = Long.MAX_VALUE;
    }
    if (size > Integer.MAX_VALUE) {
      problems.error(ProblemCode.TOO_LARGE, attribute, -1, "the output " + height + "x" + width + "x" + channels,
          size, "Use a smaller factor or a smaller input.");
      return null;
    }
    return TensorShape.image((int) height, (int) width, (int) channels);
  }

  /** For {@code sameShapeAs}: the target must have a height and width; reports it if not. */
  static boolean imageTarget(Problems problems, TensorShape target, String targetName) {
    if (target.isImage()) {
      return true;
    }
    problems.error(ProblemCode.SAME_SHAPE, "sameShapeAs", -1, "height and width", targetName, target, "it has none");
    return false;
  }
}
