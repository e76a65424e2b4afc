package dev.kiln.shape;


/** Keras {@code Flatten} (docs/SEMANTICS.md §3.9): {@code (h, w, c)} to {@code (h * w * c)}, in row-major (h, w, c) order. */
public record FlattenRule() implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}). */
  static <X extends Exception> FlattenRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new FlattenRule();
  }

  @Override
  public void write(AttributeMap out) {
    // no attributes
  }

  @Override
  public LayerKind kind() {
    return LayerKind.FLATTEN;
  }

  @Override
  public void validate(Problems problems) {}

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    return TensorShape.of(input.shape().size());
  }
}
