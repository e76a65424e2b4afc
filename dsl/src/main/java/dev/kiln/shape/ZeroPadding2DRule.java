package dev.kiln.shape;


/** Keras 3 {@code ZeroPadding2D} (docs/SEMANTICS.md §3.8): adds {@code top + bottom} rows and {@code left + right} columns. */
public record ZeroPadding2DRule(int[] padding) implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}). */
  static <X extends Exception> ZeroPadding2DRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new ZeroPadding2DRule(a.ints("padding"));
  }

  @Override
  public void write(AttributeMap out) {
    out.put("padding", padding);
  }

  public ZeroPadding2DRule {
    padding = padding.clone();
  }

  public Edges edges() {
    return Edges.expand(padding);
  }

  @Override
  public LayerKind kind() {
    return LayerKind.ZERO_PADDING_2D;
  }

  @Override
  public void validate(Problems problems) {
    Attributes.edges(problems, "padding", padding);
  }

  @Override
  public boolean needsImage() {
    return true;
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    TensorShape in = input.shape();
    return Shapes.image(problems, "padding", in.height() + edges().vertical(), in.width() + edges().horizontal(),
        in.channels());
  }
}
