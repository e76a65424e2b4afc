package dev.kiln.shape;

/**
 * Keras 3 {@code ZeroPadding1D} (docs/SEMANTICS.md §3.8, one spatial axis): adds {@code start} and
 * {@code end} steps of zeros; one value pads both ends.
 */
public record ZeroPadding1DRule(int[] padding) implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}). */
  static <X extends Exception> ZeroPadding1DRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new ZeroPadding1DRule(a.ints("padding"));
  }

  @Override
  public void write(AttributeMap out) {
    out.put("padding", padding);
  }

  public ZeroPadding1DRule {
    padding = padding.clone();
  }

  /** The steps added at the start and at the end, as (0, 0, start, end) edges of a one-row plane. */
  public Edges edges() {
    return padding.length == 1 ? new Edges(0, 0, padding[0], padding[0]) : new Edges(0, 0, padding[0], padding[1]);
  }

  @Override
  public LayerKind kind() {
    return LayerKind.ZERO_PADDING_1D;
  }

  @Override
  public void validate(Problems problems) {
    Attributes.ends(problems, "padding", padding);
  }

  @Override
  public boolean needsSequence() {
    return true;
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    TensorShape in = input.shape();
    return Shapes.sequence(problems, "padding", in.dim(0) + edges().horizontal(), in.channels(),
        "Use less padding or a shorter input.");
  }

  /** The same padding of a plane one row high, for the 2-D kernels. */
  public ZeroPadding2DRule plane() {
    Edges e = edges();
    return new ZeroPadding2DRule(new int[] {0, 0, e.left(), e.right()});
  }
}
