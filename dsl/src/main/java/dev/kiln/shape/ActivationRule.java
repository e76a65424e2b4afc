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

  /** Reads the annotation's attributes ({@link LayerKind#read}); each kind has its own parameters. */
  static <X extends Exception> ActivationRule read(LayerKind kind, AttributeSource<X> a) throws X {
    ActivationFunction function;
    if (kind == LayerKind.RELU) {
      function = new ActivationFunction(Activations.RELU, a.real("negativeSlope"), a.real("maxValue"),
          a.real("threshold"));
    } else if (kind == LayerKind.LEAKY_RELU) {
      function = new ActivationFunction(Activations.LEAKY_RELU, a.real("negativeSlope"), Double.POSITIVE_INFINITY, 0);
    } else if (kind == LayerKind.ELU) {
      function = new ActivationFunction(Activations.ELU, a.real("alpha"), Double.POSITIVE_INFINITY, 0);
    } else if (kind == LayerKind.SOFTMAX) {
      function = ActivationFunction.of(Activations.SOFTMAX);
    } else {
      function = ActivationFunction.of(a.constant("value", Activations.class));
    }
    return new ActivationRule(kind, function);
  }

  @Override
  public void write(AttributeMap out) {
    if (!equals(read(kind, described(this)))) {
      throw new IllegalArgumentException(kind.kerasName() + " cannot hold " + activation
          + ": its annotation has no attribute for that");
    }
    writeTo(out);
  }

  private void writeTo(AttributeMap out) {
    if (kind == LayerKind.RELU) {
      out.put("maxValue", activation.maxValue());
      out.put("negativeSlope", activation.alpha());
      out.put("threshold", activation.threshold());
    } else if (kind == LayerKind.LEAKY_RELU) {
      out.put("negativeSlope", activation.alpha());
    } else if (kind == LayerKind.ELU) {
      out.put("alpha", activation.alpha());
    } else if (kind == LayerKind.ACTIVATION) {
      out.put("value", activation.function());
    }
  }

  /** The attributes this rule writes, to check that reading them back loses nothing. */
  private static AttributeMap described(ActivationRule rule) {
    AttributeMap attributes = new AttributeMap();
    rule.writeTo(attributes);
    return attributes;
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
        problems.error(ProblemCode.NOT_FINITE, "maxValue", -1, "maxValue", activation.maxValue(),
            "every output NaN", "Leave maxValue out for no upper clamp.");
      }
    } else if (kind == LayerKind.LEAKY_RELU) {
      finiteNonNegative(problems, "negativeSlope", activation.alpha(), "every negative input NaN or infinite");
    } else if (kind == LayerKind.ELU && !Double.isFinite(activation.alpha())) {
      problems.error(ProblemCode.NOT_FINITE, "alpha", -1, "alpha", activation.alpha(),
          "every negative input NaN or infinite", "Keras's default is alpha = 1.0.");
    }
  }

  private static void finiteNonNegative(Problems problems, String attribute, double value, String effect) {
    if (!Double.isFinite(value)) {
      problems.error(ProblemCode.NOT_FINITE, attribute, -1, attribute, value, effect, "Use a finite value.");
    } else {
      nonNegative(problems, attribute, value);
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
