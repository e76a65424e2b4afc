package dev.kiln.shape;

import java.util.ArrayList;
import java.util.List;

/**
 * Keras {@code Dense} (docs/SEMANTICS.md §3.10): applies to the last axis of any input, output
 * {@code input[:-1] + (units)}; kernel {@code (in_features, units)}, bias {@code (units)}.
 */
public record DenseRule(int units, ActivationFunction activation, boolean useBias) implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}). */
  static <X extends Exception> DenseRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new DenseRule(a.integer("units"), ActivationFunction.read(a), a.bool("useBias"));
  }

  @Override
  public void write(AttributeMap out) {
    out.put("units", units);
    activation.write(out);
    out.put("useBias", useBias);
  }

  @Override
  public LayerKind kind() {
    return LayerKind.DENSE;
  }

  @Override
  public void validate(Problems problems) {
    Attributes.positive(problems, "units", units);
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    int[] dims = input.shape().dims();
    long size = (long) input.shape().size() / dims[dims.length - 1] * units;
    if (size > Integer.MAX_VALUE) {
      problems.error(ProblemCode.TOO_LARGE, "units", -1, "the output", size, "Use fewer units.");
      return null;
    }
    dims[dims.length - 1] = units;
    return TensorShape.of(dims);
  }

  @Override
  public List<WeightSpec> weights(TensorShape input) {
    List<WeightSpec> weights = new ArrayList<>();
    weights.add(new WeightSpec("kernel", new int[] {input.channels(), units}, true));
    if (useBias) {
      weights.add(new WeightSpec("bias", new int[] {units}, true));
    }
    return weights;
  }

  @Override
  public long macs(TensorShape input, TensorShape output) {
    return (long) input.size() * units;
  }

  @Override
  public String outputChannelsAttribute() {
    return "units";
  }

  @Override
  public LayerRule withOutputChannels(int channels) {
    return channels == units ? null : new DenseRule(channels, activation, useBias);
  }
}
