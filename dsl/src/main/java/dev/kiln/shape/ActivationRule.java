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
    // Keras accepts NaN here (its checks are `value < 0`), but a NaN parameter makes outputs NaN:
    // Kiln rejects it, and every infinite value but ReLU's maxValue (infinite means no clamp).
    if (kind == LayerKind.RELU) {
      if (!Double.isNaN(activation.maxValue())) {
        nonNegative(problems, "maxValue", activation.maxValue());
      }
      finiteNonNegative(problems, "negativeSlope", activation.alpha(), "every negative input NaN or infinite");
      finiteNonNegative(problems, "threshold", activation.threshold(), "the layer's output NaN or zero");
      if (Double.isNaN(activation.maxValue())) {
        problems.report(ProblemCode.NAN_MAX_VALUE, "maxValue", -1, activation.maxValue());
      }
    } else if (kind == LayerKind.LEAKY_RELU) {
      finiteNonNegative(problems, "negativeSlope", activation.alpha(), "every negative input NaN or infinite");
    } else if (kind == LayerKind.ELU && !Double.isFinite(activation.alpha())) {
      problems.report(ProblemCode.NOT_FINITE_DEFAULT, "alpha", -1, "alpha", activation.alpha(),
          "every negative input NaN or infinite", 1.0);
    }
  }

  private static void finiteNonNegative(Problems problems, String attribute, double value, String effect) {
    if (!Double.isFinite(value)) {
      problems.report(ProblemCode.NOT_FINITE, attribute, -1, attribute, value, effect);
    } else {
      nonNegative(problems, attribute, value);
    }
  }

  private static void nonNegative(Problems problems, String attribute, double value) {
    if (!(value >= 0)) {
      problems.report(ProblemCode.NEGATIVE, attribute, -1, attribute, value);
    }
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    return input.shape();
  }
}
