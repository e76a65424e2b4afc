package dev.kiln.shape;

import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3 {@code BatchNormalization} over the last axis (docs/SEMANTICS.md §3.11): shape unchanged;
 * weights {@code gamma} (if scale), {@code beta} (if center), then the non-trainable
 * {@code moving_mean} and {@code moving_variance}, each {@code (channels)}.
 */
public record BatchNormalizationRule(double epsilon, double momentum, boolean center, boolean scale)
    implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}). */
  static <X extends Exception> BatchNormalizationRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new BatchNormalizationRule(a.real("epsilon"), a.real("momentum"), a.bool("center"), a.bool("scale"));
  }

  @Override
  public void write(AttributeMap out) {
    out.put("epsilon", epsilon);
    out.put("momentum", momentum);
    out.put("center", center);
    out.put("scale", scale);
  }

  @Override
  public LayerKind kind() {
    return LayerKind.BATCH_NORMALIZATION;
  }

  @Override
  public void validate(Problems problems) {
    if (!Double.isFinite(epsilon)) {
      problems.error(ProblemCode.NOT_FINITE, "epsilon", -1, "epsilon", epsilon, "every output NaN or zero",
          "Keras's default is epsilon = 0.001.");
    } else if (epsilon < 0) {
      problems.error(ProblemCode.NEGATIVE, "epsilon", -1, "epsilon", epsilon);
    }
    // momentum only weighs the moving statistics during training: any value, NaN included, is
    // accepted as Keras accepts it, and written back into the generated class as it was given.
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    return input.shape();
  }

  @Override
  public List<WeightSpec> weights(TensorShape input) {
    int[] c = {input.channels()};
    List<WeightSpec> weights = new ArrayList<>();
    if (scale) {
      weights.add(new WeightSpec("gamma", c, true));
    }
    if (center) {
      weights.add(new WeightSpec("beta", c, true));
    }
    weights.add(new WeightSpec("moving_mean", c, false));
    weights.add(new WeightSpec("moving_variance", c, false));
    return weights;
  }

  /** One multiply-add per element once folded into a scale and a shift. */
  @Override
  public long macs(TensorShape input, TensorShape output) {
    return output.size();
  }
}
