package dev.kiln.shape;

import java.util.Arrays;
import java.util.List;

/**
 * Keras 3 {@code Normalization} with {@code axis=-1} ({@code keras/src/layers/preprocessing/normalization.py}):
 * {@code (x - mean) / max(sqrt(variance), epsilon)} per channel, or {@code mean + x * max(sqrt(variance),
 * epsilon)} when inverted, with Keras's {@code backend.epsilon()} = 1e-7. Shape unchanged.
 *
 * <p>With {@code mean} and {@code variance} given (one value, or one per channel) the layer has no
 * weights, as in Keras. With both empty it has Keras's three non-trainable weights, in save order:
 * {@code mean (channels)}, {@code variance (channels)} and {@code count ()} (an integer Keras keeps
 * "for backwards compatibility"; inference never reads it).
 */
public record NormalizationRule(double[] mean, double[] variance, boolean invert) implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}). */
  static <X extends Exception> NormalizationRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new NormalizationRule(a.reals("mean"), a.reals("variance"), a.bool("invert"));
  }

  @Override
  public void write(AttributeMap out) {
    out.put("mean", mean);
    out.put("variance", variance);
    out.put("invert", invert);
  }

  /** Keras's {@code backend.epsilon()}: the smallest standard deviation divided by. */
  public static final double EPSILON = 1e-7;

  public NormalizationRule {
    mean = mean.clone();
    variance = variance.clone();
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] variance() {
    return variance.clone();
  }

  /** True when mean and variance are weights to load rather than annotation values. */
  public boolean adapted() {
    return mean.length == 0;
  }

  @Override
  public LayerKind kind() {
    return LayerKind.NORMALIZATION;
  }

  @Override
  public void validate(Problems problems) {
    if (mean.length != variance.length) {
      String attribute = mean.length == 0 ? "variance" : "mean";
      problems.error(ProblemCode.NORMALIZATION_VALUES, attribute, -1, mean.length, variance.length,
          mean.length == 0 || variance.length == 0
              ? "Give both (Keras requires them together), or leave both out to load them as weights."
              : "Give one value per channel in each, or one value in each.");
    }
    PerChannel.finite(problems, "mean", mean);
    PerChannel.finite(problems, "variance", variance);
    for (int i = 0; i < variance.length; i++) {
      if (variance[i] < 0) {
        problems.error(ProblemCode.NEGATIVE, "variance", variance.length == 1 ? -1 : i,
            variance.length == 1 ? "variance" : "variance[" + i + "]", variance[i]);
      }
    }
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    // validate() made the two lengths equal, so one report (on `mean`) covers both.
    return PerChannel.fits(problems, "mean", mean, input) ? input.shape() : null;
  }

  @Override
  public List<WeightSpec> weights(TensorShape input) {
    if (!adapted()) {
      return List.of();
    }
    int[] c = {input.channels()};
    return List.of(new WeightSpec("mean", c, false), new WeightSpec("variance", c, false),
        new WeightSpec("count", new int[0], false));
  }

  /** One multiply-add per element once folded into a scale and a shift. */
  @Override
  public long macs(TensorShape input, TensorShape output) {
    return output.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NormalizationRule r && Arrays.equals(mean, r.mean) && Arrays.equals(variance, r.variance)
        && invert == r.invert;
  }

  @Override
  public int hashCode() {
    return (Arrays.hashCode(mean) * 31 + Arrays.hashCode(variance)) * 31 + Boolean.hashCode(invert);
  }

  @Override
  public String toString() {
    return "NormalizationRule[mean=" + Arrays.toString(mean) + ", variance=" + Arrays.toString(variance)
        + ", invert=" + invert + "]";
  }
}
