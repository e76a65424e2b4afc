package dev.kiln.shape;

import dev.kiln.dsl.Activations;

/**
 * An activation with its parameters: the {@link Activations} named in an {@code activation}
 * attribute or an {@code @Activation} layer use Keras's defaults; {@code @ReLU}, {@code @LeakyReLU}
 * and {@code @ELU} set their own.
 *
 * @param alpha negative slope of RELU and LEAKY_RELU, scale of ELU
 * @param maxValue upper clamp of RELU (infinite for none)
 * @param threshold RELU's threshold
 */
public record ActivationFunction(Activations function, double alpha, double maxValue, double threshold) {

  public static final ActivationFunction LINEAR = of(Activations.LINEAR);

  /** Keras 3 defaults: {@code leaky_relu} slope 0.2, {@code elu} alpha 1. */
  public static ActivationFunction of(Activations function) {
    double alpha = switch (function) {
      case LEAKY_RELU -> 0.2;
      case ELU -> 1.0;
      default -> 0.0;
    };
    return new ActivationFunction(function, alpha, Double.POSITIVE_INFINITY, 0.0);
  }

  public boolean isLinear() {
    return function == Activations.LINEAR;
  }

  /** A layer's {@code activation} attribute: the function with Keras's default parameters. */
  static <X extends Exception> ActivationFunction read(AttributeSource<X> a) throws X {
    return of(a.constant("activation", Activations.class));
  }

  /** Writes {@code activation}; a function with other parameters has no such attribute. */
  void write(AttributeMap out) {
    if (!equals(of(function))) {
      throw new IllegalArgumentException("an activation attribute cannot hold " + this);
    }
    out.put("activation", function);
  }

  /** {@code relu}, {@code leaky_relu(0.3)}: for summaries and generated code comments. */
  @Override
  public String toString() {
    String name = function.name().toLowerCase(java.util.Locale.ROOT);
    return switch (function) {
      case LEAKY_RELU, ELU -> name + "(" + alpha + ")";
      case RELU -> alpha == 0 && maxValue == Double.POSITIVE_INFINITY && threshold == 0
          ? name
          : name + "(max=" + maxValue + ", slope=" + alpha + ", threshold=" + threshold + ")";
      default -> name;
    };
  }
}
