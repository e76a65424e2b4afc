package dev.kiln.shape;

/**
 * Keras 3 {@code Cropping1D} (docs/SEMANTICS.md §3.8, one spatial axis): removes {@code start} and
 * {@code end} steps; one value crops both ends; Keras 3 rejects a crop that leaves nothing.
 */
public record Cropping1DRule(int[] cropping) implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}). */
  static <X extends Exception> Cropping1DRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new Cropping1DRule(a.ints("cropping"));
  }

  @Override
  public void write(AttributeMap out) {
    out.put("cropping", cropping);
  }

  public Cropping1DRule {
    cropping = cropping.clone();
  }

  /** The steps removed at the start and at the end, as (0, 0, start, end) edges of a one-row plane. */
  public Edges edges() {
    return cropping.length == 1 ? new Edges(0, 0, cropping[0], cropping[0])
        : new Edges(0, 0, cropping[0], cropping[1]);
  }

  @Override
  public LayerKind kind() {
    return LayerKind.CROPPING_1D;
  }

  @Override
  public void validate(Problems problems) {
    Attributes.ends(problems, "cropping", cropping);
  }

  @Override
  public boolean needsSequence() {
    return true;
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    TensorShape in = input.shape();
    Edges e = edges();
    int steps = in.dim(0);
    long left = steps - e.horizontal();
    if (left >= 1) {
      return TensorShape.of((int) left, in.channels());
    }
    String what = "cropping " + e.left() + " + " + e.right() + " steps leaves " + left + " of " + steps;
    int start = Math.min(e.left(), (steps - 1) / 2);
    int end = Math.min(e.right(), steps - 1 - start);
    String fit = start == end ? Integer.toString(start) : "{" + start + ", " + end + "}";
    problems.report(ProblemCode.CROP_STEPS, "cropping", -1, what, input.describe(), steps - 1, fit,
        (steps - start - end) + "x" + in.channels());
    return null;
  }

  /** The same crop of a plane one row high, for the 2-D kernels. */
  public Cropping2DRule plane() {
    Edges e = edges();
    return new Cropping2DRule(new int[] {0, 0, e.left(), e.right()});
  }
}
