package dev.kiln.shape;


/** Keras {@code Flatten} (docs/SEMANTICS.md §3.9): {@code (h, w, c)} to {@code (h * w * c)}, in row-major (h, w, c) order. */
public record FlattenRule() implements LayerRule {

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
