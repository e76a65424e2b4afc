package dev.kiln.shape;


/** Keras {@code Dropout}: the identity at inference; {@code rate} must be in [0, 1). */
public record DropoutRule(double rate) implements LayerRule {

  @Override
  public LayerKind kind() {
    return LayerKind.DROPOUT;
  }

  @Override
  public void validate(Problems problems) {
    if (!(rate >= 0 && rate < 1)) {
      problems.report(ProblemCode.DROPOUT_RATE, "rate", -1, rate);
    }
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    return input.shape();
  }
}
