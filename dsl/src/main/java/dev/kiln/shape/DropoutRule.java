package dev.kiln.shape;


/** Keras {@code Dropout}: the identity at inference; {@code rate} must be in [0, 1). */
public record DropoutRule(double rate) implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}). */
  static <X extends Exception> DropoutRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new DropoutRule(a.real("rate"));
  }

  @Override
  public void write(AttributeMap out) {
    out.put("rate", rate);
  }

  @Override
  public LayerKind kind() {
    return LayerKind.DROPOUT;
  }

  @Override
  public void validate(Problems problems) {
    if (!(rate >= 0 && rate < 1)) {
      problems.error(ProblemCode.DROPOUT_RATE, "rate", -1, rate);
    }
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    return input.shape();
  }
}
