package dev.kiln.shape;

import dev.kiln.dsl.Activations;

/**
 * The activation layers ({@code Activation}, {@code ReLU}, {@code LeakyReLU}, {@code ELU},
 * {@code Softmax}): shape unchanged, no weights. Keras rejects a negative {@code max_value},
 * {@code negative_slope} or {@code threshold}.
 */
public record ActivationRule(LayerKind kind, ActivationFunction activation) implements LayerRule {

  public ActivationRule {
    if (kind != LayerKind.ACTIVATION && kind != LayerKind.RELU && kind != LayerKind.LEAKY_RELU
        && kind != LayerKind.ELU && kind != LayerKind.SOFTMAX) {
      throw new IllegalArgumentException("not an activation kind: " + kind);
    }
  }

  public static ActivationRule of(Activations function) {
    return new ActivationRule(LayerKind.ACTIVATION, ActivationFunction.of(function));
  }

  @Override
  public void validate(Problems problems) {
    if (kind == LayerKind.RELU) {
      nonNegative(problems, "maxValue", activation.maxValue());
      nonNegative(problems, "negativeSlope", activation.alpha());
      nonNegative(problems, "threshold", activation.threshold());
    } else if (kind == LayerKind.LEAKY_RELU) {
      nonNegative(problems, "negativeSlope", activation.alpha());
    }
  }

  private static void nonNegative(Problems problems, String attribute, double value) {
    if (!(value >= 0)) {
      problems.error(ProblemCode.NEGATIVE, attribute, -1, attribute, value);
    }
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    return input.shape();
  }
}
