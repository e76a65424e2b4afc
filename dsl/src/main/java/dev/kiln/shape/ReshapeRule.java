package dev.kiln.shape;


/**
 * Keras 3 {@code Reshape} (docs/SEMANTICS.md §3.9): {@code targetShape} without the batch axis, at most
 * one {@code -1} inferred from the input size, which must be unchanged.
 */
public record ReshapeRule(int[] targetShape) implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}). */
  static <X extends Exception> ReshapeRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new ReshapeRule(a.ints("targetShape"));
  }

  @Override
  public void write(AttributeMap out) {
    out.put("targetShape", targetShape);
  }

  public ReshapeRule {
    targetShape = targetShape.clone();
  }

  @Override
  public LayerKind kind() {
    return LayerKind.RESHAPE;
  }

  @Override
  public void validate(Problems problems) {
    int unknown = 0;
    boolean ok = targetShape.length > 0;
    for (int d : targetShape) {
      if (d == -1) {
        unknown++;
      } else if (d < 1) {
        ok = false;
      }
    }
    if (!ok || unknown > 1) {
      problems.error(ProblemCode.RESHAPE_TARGET, "targetShape", -1, Attributes.java(targetShape));
    }
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    long inputSize = input.shape().size();
    long known = 1;
    int unknownAxis = -1;
    for (int i = 0; i < targetShape.length; i++) {
      if (targetShape[i] == -1) {
        unknownAxis = i;
      } else {
        known = saturatingMultiply(known, targetShape[i]);
      }
    }
    int[] dims = targetShape.clone();
    if (unknownAxis >= 0 && inputSize % known == 0) {
      dims[unknownAxis] = (int) (inputSize / known);
      return TensorShape.of(dims);
    }
    if (unknownAxis < 0 && known == inputSize) {
      return TensorShape.of(dims);
    }
    String target = Attributes.java(targetShape);
    String detail = unknownAxis >= 0
        ? "the " + input.describe() + " holds " + inputSize + " elements, which " + known
            + " (the product of the other entries of " + target + ") does not divide."
        : target + " holds " + known + " elements but the " + input.describe() + " holds " + inputSize + ".";
    problems.error(ProblemCode.RESHAPE_SIZE, "targetShape", -1, detail + " " + fix(inputSize));
    return null;
  }

  /** Replace one entry by -1 where the others divide the input size: {@code Use targetShape = {-1, 7} (30x7).} */
  private String fix(long inputSize) {
    for (int i = 0; i < targetShape.length; i++) {
      long others = 1;
      for (int j = 0; j < targetShape.length; j++) {
        if (j != i && targetShape[j] != -1) {
          others = saturatingMultiply(others, targetShape[j]);
        }
      }
      if (inputSize % others == 0 && inputSize / others >= 1) {
        int[] fixed = targetShape.clone();
        for (int j = 0; j < fixed.length; j++) {
          if (fixed[j] == -1) {
            fixed[j] = 1;
          }
        }
        fixed[i] = -1;
        int[] result = fixed.clone();
        result[i] = (int) (inputSize / others);
        return "Use targetShape = " + Attributes.java(fixed) + " (" + TensorShape.of(result).compact() + ").";
      }
    }
    return "Choose entries whose product is " + inputSize + ".";
  }

  private static long saturatingMultiply(long a, long b) {
    long r = a * b;
    return (a != 0 && (r / a != b || r > Integer.MAX_VALUE * 4L)) ? Long.MAX_VALUE / 4 : r;
  }
}
